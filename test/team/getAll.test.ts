/**
 * Team → Get Many, run through n8n's real engine against the emulator (one team a page): Return
 * All reads every page, Limit stops.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { runOperation, useEmulator, type OperationRun } from '../stories';

const SALES = IDS.teams.sales;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTeam = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'team', operation, run);

describe('Team → Get Many', () => {
	it('get Many, Return All: both pages, one item per team', async () => {
		const result = await runTeam('getAll', { parameters: { returnAll: true } });
		expect(emulator.requestsTo('GET', '/v1/teams').map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
		]);
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
