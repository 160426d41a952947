/**
 * User → Set Status, run through n8n's real engine against the emulator: the availability and
 * custom status Callbell received, what came out, and what is refused. Users are given By ID
 * (Callbell cannot list them with ids).
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { User } from '../../dev/emulator/state';
import {
	byId,
	failure,
	fromList,
	itemsOf,
	MISSING,
	runOperation,
	useEmulator,
	viaExpression,
	type OperationRun,
} from '../stories';

import { addMeeting, ALICE, BOB, MEETING, MEETING_JSON, statusPath } from './users';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

beforeEach(() => addMeeting(emulator));

const runUser = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'user', operation, run);
const userInAccount = (uuid: string): User =>
	emulator.state.users.find((user) => user.uuid === uuid)!;
const bodiesTo = (method: string, uuid: string) =>
	emulator.requestsTo(method, statusPath(uuid)).map((request) => request.body);

describe('User → Set Status', () => {
	it('away with a custom status: PUT {available, custom_status_uuid}, outputs the user status with userId', async () => {
		const result = await runUser('setStatus', {
			parameters: { userId: byId(ALICE), available: 'away', customStatusId: fromList(MEETING) },
		});

		expect(result.error).toBeUndefined();
		expect(bodiesTo('PUT', ALICE)).toEqual([{ available: false, custom_status_uuid: MEETING }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([
			[{ userId: ALICE, custom_status: MEETING_JSON, appearance: 'away' }, { item: 0 }],
		]);
		expect(userInAccount(ALICE)).toMatchObject({ available: false, customStatusId: MEETING });
	});

	it('availability only (no custom status chosen): the custom status is removed, as the parameter says', async () => {
		userInAccount(BOB).customStatusId = MEETING;
		const result = await runUser('setStatus', {
			parameters: { userId: byId(BOB), available: 'available' },
		});

		expect(bodiesTo('PUT', BOB)).toEqual([{ available: true, custom_status_uuid: null }]);
		expect(result.items[0].json).toEqual({
			userId: BOB,
			custom_status: null,
			appearance: 'available',
		});
		expect(userInAccount(BOB)).toMatchObject({ available: true, customStatusId: null });
	});

	it('the custom status only: availability is not sent', async () => {
		const result = await runUser('setStatus', {
			parameters: { userId: byId(BOB), available: 'unchanged', customStatusId: byId(MEETING) },
		});
		expect(bodiesTo('PUT', BOB)).toEqual([{ custom_status_uuid: MEETING }]);
		expect(result.items[0].json).toEqual({
			userId: BOB,
			custom_status: MEETING_JSON,
			appearance: 'away',
		});
	});

	it("a custom status whose id is a hyphenated UUID (as Callbell's own example writes one) is sent as given", async () => {
		const hyphenated = '0d6041a2-8b88-49ec-a99b-a88a078a16c1';
		emulator.state.customStatuses.push({ ...MEETING_JSON, id: hyphenated, name: 'On a call' });
		const result = await runUser('setStatus', {
			parameters: {
				userId: byId(BOB),
				available: 'unchanged',
				customStatusId: byId(` ${hyphenated} `),
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodiesTo('PUT', BOB)).toEqual([{ custom_status_uuid: hyphenated }]);
		expect(userInAccount(BOB)).toMatchObject({ customStatusId: hyphenated });
	});

	it.each<[string, boolean]>([
		['={{ true }}', true],
		['={{ false }}', false],
		[viaExpression('available'), true],
	])(
		'availability %s from an expression (e.g. an AI agent) is sent as %s',
		async (available, expected) => {
			await runUser('setStatus', { parameters: { userId: viaExpression(ALICE), available } });
			expect(bodiesTo('PUT', ALICE)).toEqual([{ available: expected, custom_status_uuid: null }]);
		},
	);

	it.each([
		[
			'an availability that is neither',
			{ userId: byId(ALICE), available: viaExpression('busy') },
			'Availability must be available, away or unchanged (or true / false), got "busy" [item 0]',
		],
		[
			'a user email instead of the id',
			{ userId: byId(viaExpression('alice@example.com')) },
			'User must be a Callbell id of 32 hexadecimal characters, got "alice@example.com" [item 0]',
		],
		['no user', { userId: byId(viaExpression('')) }, 'User is empty [item 0]'],
	])('%s: refused before any request', async (_label, parameters, message) => {
		const result = await runUser('setStatus', { parameters });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('an unknown user: a 404 naming the User field', async () => {
		const result = await runUser('setStatus', {
			parameters: { userId: byId(MISSING), available: 'away' },
		});
		expect(failure(result)?.message).toBe('Callbell answered 404: User not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No user with the id ${MISSING} exists in this Callbell account. Check the User field.`,
		);
	});

	it("a custom status the account does not have: Callbell's 422, the user unchanged", async () => {
		const result = await runUser('setStatus', {
			parameters: { userId: byId(ALICE), customStatusId: byId(MISSING) },
		});
		expect(failure(result)?.message).toBe(
			`Callbell answered 422: Custom status "${MISSING}" does not exist [item 0]`,
		);
		expect(userInAccount(ALICE)).toMatchObject({ available: true, customStatusId: null });
	});
});
