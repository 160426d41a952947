/**
 * The pickers of the contact's fields, as the editor calls them through n8n's LoadOptionsContext
 * against the emulator: collaborators for Assigned User (gathered from every team's members) and
 * the account's custom fields with their types and options. Nothing is cached between calls.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { loadOptions, searchList } from '../harness';
import { runCallbell, useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });
const JANE = IDS.contacts.jane;

describe('Assigned User: collaborators from every team', () => {
	it('reads each team (every page) and its members, and shows each collaborator once by name and email', async () => {
		emulator.state.teams[1].memberEmails.push('alice@example.com');

		const { results, paginationToken } = await searchList({ method: 'searchTeamMembers', credentials: credentials() });

		expect(results).toEqual([
			{ name: 'Alice Agent (alice@example.com)', value: 'alice@example.com' },
			{ name: 'Bob Builder (bob@example.com)', value: 'bob@example.com' },
		]);
		expect(paginationToken).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.path}?${new URLSearchParams(request.query).toString()}`)).toEqual([
			'/v1/teams?',
			'/v1/teams?page=2',
			`/v1/teams/${IDS.teams.sales}/members?`,
			`/v1/teams/${IDS.teams.support}/members?`,
			`/v1/teams/${IDS.teams.support}/members?page=2`,
		]);
	});

	it.each<[string, string[]]>([
		['bob', ['bob@example.com']],
		['EXAMPLE.COM', ['alice@example.com', 'bob@example.com']],
		['carla', []],
	])('searches names and emails: "%s"', async (filter, values) => {
		const { results } = await searchList({ method: 'searchTeamMembers', credentials: credentials(), filter });
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('a collaborator joining a team shows at the next call (nothing cached)', async () => {
		await searchList({ method: 'searchTeamMembers', credentials: credentials() });
		emulator.state.users.push({ uuid: 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3', email: 'carla@example.com', name: 'Carla Closer', available: true, lastUpdatedAt: '2026-01-15T09:30:00.000Z', customStatusId: null });
		emulator.state.teams[0].memberEmails.push('carla@example.com');
		const { results } = await searchList({ method: 'searchTeamMembers', credentials: credentials(), filter: 'carla' });
		expect(results).toEqual([{ name: 'Carla Closer (carla@example.com)', value: 'carla@example.com' }]);
	});

	it('a picker that fails shows Callbell\'s message', async () => {
		emulator.injectFault({ method: 'GET', path: `/v1/teams/${IDS.teams.support}/members`, status: 403, body: { error: 'Members are visible to admins only' } });
		await expect(searchList({ method: 'searchTeamMembers', credentials: credentials() })).rejects.toThrow('Callbell answered 403: Members are visible to admins only');
	});

	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: 'bob@example.com' }],
		['By Email', { __rl: true, mode: 'email', value: ' bob@example.com ' }],
		['a plain email (an AI agent, an expression)', 'bob@example.com'],
	])('Update sends the collaborator %s as assigned_user', async (_label, assignedUser) => {
		const result = await runCallbell(emulator, {
			resource: 'contact',
			operation: 'update',
			contactId: { __rl: true, mode: 'id', value: JANE },
			updateFields: { assignedUser },
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`).map((request) => request.body)).toEqual([{ assigned_user: 'bob@example.com' }]);
	});
});

describe('Custom Fields: the account\'s fields with their types and options', () => {
	it('from GET /contacts?include_field_types=true, by name, each described by its type and options', async () => {
		const options = await loadOptions({ method: 'getCustomFields', credentials: credentials() });

		expect(options).toEqual([
			{ name: 'Birthday', value: 'Birthday', description: 'date' },
			{ name: 'Budget', value: 'Budget', description: 'number' },
			{ name: 'Company', value: 'Company', description: 'text' },
			{ name: 'Interests', value: 'Interests', description: 'checkbox: WhatsApp, Instagram, Telegram (a list, e.g. ["WhatsApp"])' },
			{ name: 'Plan', value: 'Plan', description: 'dropdown: Free, Pro, Enterprise' },
			{ name: 'Work Email', value: 'Work Email', description: 'email' },
		]);
		expect(emulator.requests.map((request) => [request.path, request.query])).toEqual([['/v1/contacts', { include_field_types: 'true' }]]);
	});

	it('a field added in Callbell shows at the next call (nothing cached)', async () => {
		await loadOptions({ method: 'getCustomFields', credentials: credentials() });
		emulator.state.customFields.push({ name: 'Seats', type: 'number' });
		const options = await loadOptions({ method: 'getCustomFields', credentials: credentials() });
		expect(options.map((option) => option.value)).toContain('Seats');
	});

	it('an account without contacts has no fields to offer: an empty list, the name can still be an expression', async () => {
		emulator.state.contacts.length = 0;
		expect(await loadOptions({ method: 'getCustomFields', credentials: credentials() })).toEqual([]);
	});

	it('a bad token shows Callbell\'s message', async () => {
		await expect(loadOptions({ method: 'getCustomFields', credentials: { ...credentials(), apiToken: 'bad' } })).rejects.toThrow('Callbell answered 401: Invalid API token');
	});

	it('a field picked from the list is sent by name', async () => {
		const result = await runCallbell(emulator, {
			resource: 'contact',
			operation: 'update',
			contactId: { __rl: true, mode: 'id', value: JANE },
			updateFields: { customFields: { field: [{ name: 'Plan', value: 'Pro' }, { name: '={{ "Company" }}', value: 'Globex' }] } },
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`)[0].body).toEqual({ custom_fields: { Plan: 'Pro', Company: 'Globex' } });
	});
});
