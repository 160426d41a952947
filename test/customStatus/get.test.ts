/**
 * Custom Status → Get, run through n8n's real engine against the emulator: the status picked or
 * given by id, and an unknown one said plainly.
 */
import type { CallbellEmulator } from '../../dev/emulator';
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

import { addStatuses, LIST_PATH, LUNCH, SEEDED_AT } from './statuses';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

beforeEach(() => addStatuses(emulator));

const runStatus = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'customStatus', operation, run);

describe('Custom Status → Get', () => {
	it('get: GET /custom_statuses/:id, outputs the status itself', async () => {
		const result = await runStatus('get', { parameters: { customStatusId: fromList(LUNCH) } });
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `${LIST_PATH}/${LUNCH}`],
		]);
		expect(itemsOf(result)).toEqual([
			[
				{ id: LUNCH, name: 'Lunch', emoji: '🥪', createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
				{ item: 0 },
			],
		]);
	});

	it('get an unknown status: a 404 naming the Custom Status field', async () => {
		const result = await runStatus('get', { parameters: { customStatusId: byId(MISSING) } });
		expect(failure(result)?.message).toBe(
			'Callbell answered 404: Custom status not found [item 0]',
		);
		expect(failure(result)?.description).toBe(
			`No custom status with the id ${MISSING} exists in this Callbell account. Check the Custom Status field.`,
		);
	});
});
