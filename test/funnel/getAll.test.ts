/**
 * Funnel → Get Many, run through n8n's real engine against the emulator: every stage of the
 * account's funnel in Callbell's order, Limit, and a Callbell failure said plainly.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { failure, runOperation, useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

describe('Funnel → Get Many', () => {
	it("Return All: every stage, one item each, in Callbell's order", async () => {
		const result = await runOperation(emulator, 'funnel', 'getAll', {
			parameters: { returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.name, item.json.emoji, item.pairedItem])).toEqual([
			['New leads', '🌱', { item: 0 }],
			['Qualified', '🔥', { item: 0 }],
		]);
		expect(result.items[0].json).toEqual({
			uuid: IDS.funnels.newLeads,
			name: 'New leads',
			emoji: '🌱',
			position: 1,
			createdAt: expect.any(String),
		});
		// GET /funnels answers every stage without meta: the node asks for a page 2, sees nothing new, stops.
		expect(emulator.requestsTo('GET', '/v1/funnels').map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
		]);
	});

	it('Limit 1: one request, one stage', async () => {
		const result = await runOperation(emulator, 'funnel', 'getAll', {
			parameters: { returnAll: false, limit: 1 },
		});
		expect(result.items.map((item) => item.json.uuid)).toEqual([IDS.funnels.newLeads]);
		expect(emulator.requestsTo('GET', '/v1/funnels')).toHaveLength(1);
	});

	it('a Callbell failure is a clear API error', async () => {
		emulator.injectFault({
			method: 'GET',
			path: '/v1/funnels',
			status: 401,
			body: { error: 'Invalid API token' },
		});
		const result = await runOperation(emulator, 'funnel', 'getAll', {
			parameters: { returnAll: true },
		});
		expect(failure(result)?.message).toBe('Callbell answered 401: Invalid API token [item 0]');
	});
});
