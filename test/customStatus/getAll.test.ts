/**
 * Custom Status → Get Many, run through n8n's real engine against the emulator (one status a
 * page): Return All reads every page, Limit stops.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { runOperation, useEmulator, type OperationRun } from '../stories';

import { addStatuses, LIST_PATH, MEETING } from './statuses';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

beforeEach(() => addStatuses(emulator));

const runStatus = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'customStatus', operation, run);

describe('Custom Status → Get Many', () => {
	it('get Many, Return All: every page', async () => {
		const result = await runStatus('getAll', { parameters: { returnAll: true } });
		expect(emulator.requestsTo('GET', LIST_PATH).map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
		]);
		expect(result.items.map((item) => [item.json.name, item.pairedItem])).toEqual([
			['In a meeting', { item: 0 }],
			['Lunch', { item: 0 }],
		]);
	});

	it('get Many, Limit 1: one page', async () => {
		const result = await runStatus('getAll', { parameters: { returnAll: false, limit: 1 } });
		expect(result.items.map((item) => item.json.id)).toEqual([MEETING]);
		expect(emulator.requestsTo('GET', LIST_PATH)).toHaveLength(1);
	});
});
