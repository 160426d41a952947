/**
 * Team → Get, Get Many, Get Members and Update, run through n8n's real engine against the
 * emulator (one entry a page): what Callbell received, what came out.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { useEmulator } from '../stories';
import { byId, failure, fromList, itemsOf, MISSING, runOperation, viaExpression, type ObjectRun } from './objects';

const SALES = IDS.teams.sales;
const SUPPORT = IDS.teams.support;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTeam = (operation: string, run: ObjectRun = {}) => runOperation(emulator, 'team', operation, run);
const membersPath = (uuid: string) => `/v1/teams/${uuid}/members`;

/** Carla (available) and Dan (away) join Sales, after Alice (available). */
function growSales(): void {
	const at = '2026-01-15T09:30:00.000Z';
	emulator.state.users.push(
		{ uuid: 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3', email: 'carla@example.com', name: 'Carla Closer', available: true, lastUpdatedAt: at, customStatusId: null },
		{ uuid: 'e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4', email: 'dan@example.com', name: 'Dan Dispatcher', available: false, lastUpdatedAt: at, customStatusId: null },
	);
	emulator.state.teams[0].memberEmails.push('carla@example.com', 'dan@example.com');
}

describe('Team → Get and Get Many', () => {
	it('get: GET /teams/:uuid, outputs the team itself', async () => {
		const result = await runTeam('get', { parameters: { teamId: fromList(SUPPORT) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['GET', `/v1/teams/${SUPPORT}`]]);
		expect(itemsOf(result)).toEqual([
			[{ uuid: SUPPORT, name: 'Support', createdAt: expect.any(String), default: false, members: 1 }, { item: 0 }],
		]);
	});

	it('get an unknown team: a 404 naming the Team field', async () => {
		const result = await runTeam('get', { parameters: { teamId: byId(MISSING) } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Team not found [item 0]');
		expect(failure(result)?.description).toBe(`No team with the id ${MISSING} exists in this Callbell account. Check the Team field.`);
	});

	it('get Many, Return All: both pages, one item per team', async () => {
		const result = await runTeam('getAll', { parameters: { returnAll: true } });
		expect(emulator.requestsTo('GET', '/v1/teams').map((request) => request.query)).toEqual([{}, { page: '2' }]);
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['Sales', { item: 0 }],
			['Support', { item: 0 }],
		]);
	});

	it('get Many, Limit 1: one page', async () => {
		const result = await runTeam('getAll', { parameters: { returnAll: false, limit: 1 } });
		expect(result.items.map((item) => item.json.uuid)).toEqual([SALES]);
		expect(emulator.requestsTo('GET', '/v1/teams')).toHaveLength(1);
	});
});

describe('Team → Get Members', () => {
	it('Return All: every page of the team\'s members, one item each', async () => {
		growSales();
		const result = await runTeam('getMembers', { parameters: { teamId: fromList(SALES), returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('GET', membersPath(SALES)).map((request) => request.query)).toEqual([{}, { page: '2' }, { page: '3' }]);
		expect(result.items.map((item) => [item.json.email, item.json.available, item.pairedItem])).toEqual([
			['alice@example.com', true, { item: 0 }],
			['carla@example.com', true, { item: 0 }],
			['dan@example.com', false, { item: 0 }],
		]);
		expect(result.items[0].json).toEqual({ email: 'alice@example.com', name: 'Alice Agent', available: true, lastUpdatedAt: expect.any(String) });
	});

	it('Limit 2 stops after the second page', async () => {
		growSales();
		const result = await runTeam('getMembers', { parameters: { teamId: fromList(SALES), returnAll: false, limit: 2 } });
		expect(result.items.map((item) => item.json.email)).toEqual(['alice@example.com', 'carla@example.com']);
		expect(emulator.requestsTo('GET', membersPath(SALES))).toHaveLength(2);
	});

	it.each([
		['away', ['dan@example.com']],
		['available', ['alice@example.com', 'carla@example.com']],
	])('the Status filter "%s" is sent as the query', async (status, emails) => {
		growSales();
		const result = await runTeam('getMembers', { parameters: { teamId: fromList(SALES), returnAll: true, filters: { status } } });
		expect(emulator.requestsTo('GET', membersPath(SALES))[0].query).toEqual({ status });
		expect(result.items.map((item) => item.json.email)).toEqual(emails);
	});

	it('a Status that is neither available nor away is refused before any request', async () => {
		const result = await runTeam('getMembers', {
			parameters: { teamId: fromList(SALES), returnAll: true, filters: { status: viaExpression('busy') } },
		});
		expect(result.error?.message).toBe('Status must be one of available, away, got "busy" [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});

	it('an unknown team: a 404 naming the Team field', async () => {
		const result = await runTeam('getMembers', { parameters: { teamId: byId(MISSING), returnAll: true } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Team not found [item 0]');
		expect(failure(result)?.description).toMatch('Check the Team field.');
	});
});

describe('Team → Update', () => {
	it('PATCH {name} only, outputs the renamed team', async () => {
		const result = await runTeam('update', { parameters: { teamId: byId(SUPPORT), name: 'Customer Care' } });

		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('PATCH', `/v1/teams/${SUPPORT}`).map((request) => request.body)).toEqual([{ name: 'Customer Care' }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([
			[{ uuid: SUPPORT, name: 'Customer Care', createdAt: expect.any(String), default: false, members: 1 }, { item: 0 }],
		]);
		expect(emulator.state.teams[1].name).toBe('Customer Care');
	});

	it.each([
		['a blank name', { teamId: byId(SUPPORT), name: viaExpression(' \n ') }, 'Name is empty [item 0]'],
		['a team name instead of its id', { teamId: byId(viaExpression('Support')), name: 'Care' }, 'Team must be a Callbell id of 32 hexadecimal characters, got "Support" [item 0]'],
	])('%s: refused before any request', async (_label, parameters, message) => {
		const result = await runTeam('update', { parameters });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(emulator.state.teams[1].name).toBe('Support');
	});

	it('continue on fail: the 404 is an error item, paired', async () => {
		const result = await runTeam('update', {
			continueOnFail: true,
			items: [{ id: MISSING }, { id: SALES }],
			parameters: { teamId: byId('={{ $json.id }}'), name: 'Renamed' },
		});
		expect(result.items.map((item) => [item.json.name ?? item.json.error, item.pairedItem])).toEqual([
			['Callbell answered 404: Team not found [item 0]', { item: 0 }],
			['Renamed', { item: 1 }],
		]);
	});
});
