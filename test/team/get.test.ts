/**
 * Team → Get, run through n8n's real engine against the emulator: the team picked from the list,
 * and an unknown one said plainly.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	failure,
	fromList,
	itemsOf,
	MISSING,
	runOperation,
	useEmulator,
	type OperationRun,
} from '../stories';

const SUPPORT = IDS.teams.support;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTeam = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'team', operation, run);

describe('Team → Get', () => {
	it('get: GET /teams/:uuid, outputs the team itself', async () => {
		const result = await runTeam('get', { parameters: { teamId: fromList(SUPPORT) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `/v1/teams/${SUPPORT}`],
		]);
		expect(itemsOf(result)).toEqual([
			[
				{
					uuid: SUPPORT,
					name: 'Support',
					createdAt: expect.any(String),
					default: false,
					members: 1,
				},
				{ item: 0 },
			],
		]);
	});

	it('get an unknown team: a 404 naming the Team field', async () => {
		const result = await runTeam('get', { parameters: { teamId: byId(MISSING) } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Team not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No team with the id ${MISSING} exists in this Callbell account. Check the Team field.`,
		);
	});
});
