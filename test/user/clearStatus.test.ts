/**
 * User → Clear Status, run through n8n's real engine against the emulator: the DELETE Callbell
 * received, with or without a body in its answer, and the errors under continue on fail. Users
 * are given By ID (Callbell cannot list them with ids).
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { User } from '../../dev/emulator/state';
import { byId, itemsOf, MISSING, runOperation, useEmulator, type OperationRun } from '../stories';

import { addMeeting, ALICE, BOB, MEETING, statusPath } from './users';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

beforeEach(() => addMeeting(emulator));

const runUser = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'user', operation, run);
const userInAccount = (uuid: string): User =>
	emulator.state.users.find((user) => user.uuid === uuid)!;

describe('User → Clear Status', () => {
	it('DELETE /users/:uuid/status (answered 204), outputs what happened', async () => {
		userInAccount(ALICE).customStatusId = MEETING;
		const result = await runUser('clearStatus', { parameters: { userId: byId(ALICE) } });

		expect(result.error).toBeUndefined();
		expect(
			emulator.requests.map((request) => [request.method, request.path, request.status]),
		).toEqual([['DELETE', statusPath(ALICE), 204]]);
		expect(itemsOf(result)).toEqual([
			[{ success: true, userId: ALICE, customStatus: null }, { item: 0 }],
		]);
		expect(userInAccount(ALICE).customStatusId).toBeNull();
	});

	it('an answer with a body ({status}) works the same', async () => {
		emulator.injectFault({
			method: 'DELETE',
			path: statusPath(BOB),
			status: 200,
			body: { status: 'ok' },
		});
		const result = await runUser('clearStatus', { parameters: { userId: byId(BOB) } });
		expect(result.items[0].json).toEqual({ success: true, userId: BOB, customStatus: null });
	});

	it('continue on fail: an unknown user and a bad id are error items, paired', async () => {
		const result = await runUser('clearStatus', {
			continueOnFail: true,
			items: [{ id: MISSING }, { id: 'bob' }, { id: BOB }],
			parameters: { userId: byId('={{ $json.id }}') },
		});
		expect(itemsOf(result)).toEqual([
			[
				expect.objectContaining({
					error: 'Callbell answered 404: User not found [item 0]',
					httpCode: '404',
				}),
				{ item: 0 },
			],
			[
				expect.objectContaining({
					error: 'User must be a Callbell id of 32 hexadecimal characters, got "bob" [item 1]',
				}),
				{ item: 1 },
			],
			[{ success: true, userId: BOB, customStatus: null }, { item: 2 }],
		]);
		expect(emulator.requests).toHaveLength(2);
	});
});
