/**
 * User → Set Status and Clear Status, run through n8n's real engine against the emulator: what
 * Callbell received, what came out. Users are given By ID (Callbell cannot list them with ids).
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { User } from '../../dev/emulator/state';
import { useEmulator } from '../stories';
import { byId, failure, fromList, itemsOf, MISSING, runOperation, viaExpression, type ObjectRun } from './objects';

const ALICE = IDS.users.alice;
const BOB = IDS.users.bob;
const MEETING = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
const SEEDED_AT = '2026-01-15T09:30:00.000Z';
const MEETING_JSON = { id: MEETING, name: 'In a meeting', emoji: '📅', createdAt: SEEDED_AT, updatedAt: SEEDED_AT };
const statusPath = (uuid: string) => `/v1/users/${uuid}/status`;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

beforeEach(() => {
	emulator.state.customStatuses.push({ ...MEETING_JSON });
});

const runUser = (operation: string, run: ObjectRun = {}) => runOperation(emulator, 'user', operation, run);
const userInAccount = (uuid: string): User => emulator.state.users.find((user) => user.uuid === uuid)!;
const bodiesTo = (method: string, uuid: string) => emulator.requestsTo(method, statusPath(uuid)).map((request) => request.body);

describe('User → Set Status', () => {
	it('away with a custom status: PUT {available, custom_status_uuid}, outputs the user status with userId', async () => {
		const result = await runUser('setStatus', {
			parameters: { userId: byId(ALICE), available: 'away', customStatusId: fromList(MEETING) },
		});

		expect(result.error).toBeUndefined();
		expect(bodiesTo('PUT', ALICE)).toEqual([{ available: false, custom_status_uuid: MEETING }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([[{ userId: ALICE, custom_status: MEETING_JSON, appearance: 'away' }, { item: 0 }]]);
		expect(userInAccount(ALICE)).toMatchObject({ available: false, customStatusId: MEETING });
	});

	it('availability only (no custom status chosen): the custom status is removed, as the parameter says', async () => {
		userInAccount(BOB).customStatusId = MEETING;
		const result = await runUser('setStatus', { parameters: { userId: byId(BOB), available: 'available' } });

		expect(bodiesTo('PUT', BOB)).toEqual([{ available: true, custom_status_uuid: null }]);
		expect(result.items[0].json).toEqual({ userId: BOB, custom_status: null, appearance: 'available' });
		expect(userInAccount(BOB)).toMatchObject({ available: true, customStatusId: null });
	});

	it('the custom status only: availability is not sent', async () => {
		const result = await runUser('setStatus', {
			parameters: { userId: byId(BOB), available: 'unchanged', customStatusId: byId(MEETING) },
		});
		expect(bodiesTo('PUT', BOB)).toEqual([{ custom_status_uuid: MEETING }]);
		expect(result.items[0].json).toEqual({ userId: BOB, custom_status: MEETING_JSON, appearance: 'away' });
	});

	it('a custom status whose id is a hyphenated UUID (as Callbell\'s own example writes one) is sent as given', async () => {
		const hyphenated = '0d6041a2-8b88-49ec-a99b-a88a078a16c1';
		emulator.state.customStatuses.push({ ...MEETING_JSON, id: hyphenated, name: 'On a call' });
		const result = await runUser('setStatus', { parameters: { userId: byId(BOB), available: 'unchanged', customStatusId: byId(` ${hyphenated} `) } });
		expect(result.error).toBeUndefined();
		expect(bodiesTo('PUT', BOB)).toEqual([{ custom_status_uuid: hyphenated }]);
		expect(userInAccount(BOB)).toMatchObject({ customStatusId: hyphenated });
	});

	it.each<[string, boolean]>([
		['={{ true }}', true],
		['={{ false }}', false],
		[viaExpression('available'), true],
	])('availability %s from an expression (e.g. an AI agent) is sent as %s', async (available, expected) => {
		await runUser('setStatus', { parameters: { userId: viaExpression(ALICE), available } });
		expect(bodiesTo('PUT', ALICE)).toEqual([{ available: expected, custom_status_uuid: null }]);
	});

	it.each([
		['an availability that is neither', { userId: byId(ALICE), available: viaExpression('busy') }, 'Availability must be available, away or unchanged (or true / false), got "busy" [item 0]'],
		['a user email instead of the id', { userId: byId(viaExpression('alice@example.com')) }, 'User must be a Callbell id of 32 hexadecimal characters, got "alice@example.com" [item 0]'],
		['no user', { userId: byId(viaExpression('')) }, 'User is empty [item 0]'],
		['a custom status name instead of its id', { userId: byId(ALICE), customStatusId: byId(viaExpression('In a meeting')) }, 'Custom Status must be a Callbell id of 32 hexadecimal characters, got "In a meeting" [item 0]'],
	])('%s: refused before any request', async (_label, parameters, message) => {
		const result = await runUser('setStatus', { parameters });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('an unknown user: a 404 naming the User field', async () => {
		const result = await runUser('setStatus', { parameters: { userId: byId(MISSING), available: 'away' } });
		expect(failure(result)?.message).toBe('Callbell answered 404: User not found [item 0]');
		expect(failure(result)?.description).toBe(`No user with the id ${MISSING} exists in this Callbell account. Check the User field.`);
	});

	it('a custom status the account does not have: Callbell\'s 422, the user unchanged', async () => {
		const result = await runUser('setStatus', { parameters: { userId: byId(ALICE), customStatusId: byId(MISSING) } });
		expect(failure(result)?.message).toBe(`Callbell answered 422: Custom status "${MISSING}" does not exist [item 0]`);
		expect(userInAccount(ALICE)).toMatchObject({ available: true, customStatusId: null });
	});
});

describe('User → Clear Status', () => {
	it('DELETE /users/:uuid/status (answered 204), outputs what happened', async () => {
		userInAccount(ALICE).customStatusId = MEETING;
		const result = await runUser('clearStatus', { parameters: { userId: byId(ALICE) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path, request.status])).toEqual([['DELETE', statusPath(ALICE), 204]]);
		expect(itemsOf(result)).toEqual([[{ success: true, userId: ALICE, customStatus: null }, { item: 0 }]]);
		expect(userInAccount(ALICE).customStatusId).toBeNull();
	});

	it('an answer with a body ({status}) works the same', async () => {
		emulator.injectFault({ method: 'DELETE', path: statusPath(BOB), status: 200, body: { status: 'ok' } });
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
			[expect.objectContaining({ error: 'Callbell answered 404: User not found [item 0]', httpCode: '404' }), { item: 0 }],
			[expect.objectContaining({ error: 'User must be a Callbell id of 32 hexadecimal characters, got "bob" [item 1]' }), { item: 1 }],
			[{ success: true, userId: BOB, customStatus: null }, { item: 2 }],
		]);
		expect(emulator.requests).toHaveLength(2);
	});
});
