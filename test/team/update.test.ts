/**
 * Team → Update, run through n8n's real engine against the emulator: the name Callbell received,
 * the renamed team that came out, and what is refused or not found.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	itemsOf,
	MISSING,
	runOperation,
	useEmulator,
	viaExpression,
	type OperationRun,
} from '../stories';

const SALES = IDS.teams.sales;
const SUPPORT = IDS.teams.support;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTeam = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'team', operation, run);

describe('Team → Update', () => {
	it('PATCH {name} only, outputs the renamed team', async () => {
		const result = await runTeam('update', {
			parameters: { teamId: byId(SUPPORT), name: 'Customer Care' },
		});

		expect(result.error).toBeUndefined();
		expect(
			emulator.requestsTo('PATCH', `/v1/teams/${SUPPORT}`).map((request) => request.body),
		).toEqual([{ name: 'Customer Care' }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([
			[
				{
					uuid: SUPPORT,
					name: 'Customer Care',
					createdAt: expect.any(String),
					default: false,
					members: 1,
				},
				{ item: 0 },
			],
		]);
		expect(emulator.state.teams[1].name).toBe('Customer Care');
	});

	it.each([
		[
			'a blank name',
			{ teamId: byId(SUPPORT), name: viaExpression(' \n ') },
			'Name is empty [item 0]',
		],
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
		expect(
			result.items.map((item) => [item.json.name ?? item.json.error, item.pairedItem]),
		).toEqual([
			['Callbell answered 404: Team not found [item 0]', { item: 0 }],
			['Renamed', { item: 1 }],
		]);
	});
});
