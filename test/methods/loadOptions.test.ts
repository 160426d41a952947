/**
 * The options lists (nodes/Callbell/methods/loadOptions.ts), as the editor calls them through
 * n8n's LoadOptionsContext against the emulator: the account's custom fields for Custom Fields,
 * with their types and options. Nothing is cached between calls.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { loadOptions } from '../harness';
import { byId, runOperation, useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });
const JANE = IDS.contacts.jane;

describe("getCustomFields: the account's fields with their types and options", () => {
	it('from GET /contacts?include_field_types=true, by name, each described by its type and options', async () => {
		const options = await loadOptions({ method: 'getCustomFields', credentials: credentials() });

		expect(options).toEqual([
			{ name: 'Birthday', value: 'Birthday', description: 'date' },
			{ name: 'Budget', value: 'Budget', description: 'number' },
			{ name: 'Company', value: 'Company', description: 'text' },
			{
				name: 'Interests',
				value: 'Interests',
				description: 'checkbox: WhatsApp, Instagram, Telegram (a list, e.g. ["WhatsApp"])',
			},
			{ name: 'Plan', value: 'Plan', description: 'dropdown: Free, Pro, Enterprise' },
			{ name: 'Work Email', value: 'Work Email', description: 'email' },
		]);
		expect(emulator.requests.map((request) => [request.path, request.query])).toEqual([
			['/v1/contacts', { include_field_types: 'true' }],
		]);
	});

	it('a field added in Callbell shows at the next call (nothing cached)', async () => {
		await loadOptions({ method: 'getCustomFields', credentials: credentials() });
		emulator.state.customFields.push({ name: 'Seats', type: 'number' });
		const options = await loadOptions({ method: 'getCustomFields', credentials: credentials() });
		expect(options.map((option) => option.value)).toContain('Seats');
	});

	it('an account without contacts has no fields to offer: an empty list, the name can still be an expression', async () => {
		emulator.state.contacts.length = 0;
		expect(await loadOptions({ method: 'getCustomFields', credentials: credentials() })).toEqual(
			[],
		);
	});

	it("a bad token shows Callbell's message", async () => {
		await expect(
			loadOptions({
				method: 'getCustomFields',
				credentials: { ...credentials(), apiToken: 'bad' },
			}),
		).rejects.toThrow('Callbell answered 401: Invalid API token');
	});

	it('a field picked from the list is sent by name', async () => {
		const result = await runOperation(emulator, 'contact', 'update', {
			parameters: {
				contactId: byId(JANE),
				updateFields: {
					customFields: {
						field: [
							{ name: 'Plan', value: 'Pro' },
							{ name: '={{ "Company" }}', value: 'Globex' },
						],
					},
				},
			},
		});
		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`)[0].body).toEqual({
			custom_fields: { Plan: 'Pro', Company: 'Globex' },
		});
	});
});
