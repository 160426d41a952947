/**
 * Custom Status → Update, run through n8n's real engine against the emulator: one PUT with the
 * name and the emoji, the one not given read from the status first, and what is refused.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { CustomStatus } from '../../dev/emulator/state';
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

import { addStatuses, LIST_PATH, LUNCH, MEETING } from './statuses';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

beforeEach(() => addStatuses(emulator));

const runStatus = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'customStatus', operation, run);
const statusInAccount = (id: string): CustomStatus | undefined =>
	emulator.state.customStatuses.find((status) => status.id === id);

describe('Custom Status → Update', () => {
	const putsTo = (id: string) =>
		emulator.requestsTo('PUT', `${LIST_PATH}/${id}`).map((request) => request.body);

	it('name and emoji: one PUT with both', async () => {
		const result = await runStatus('update', {
			parameters: {
				customStatusId: fromList(MEETING),
				updateFields: { name: 'Meeting', emoji: '🗓️' },
			},
		});

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => request.method)).toEqual(['PUT']);
		expect(putsTo(MEETING)).toEqual([{ name: 'Meeting', emoji: '🗓️' }]);
		expect(itemsOf(result)).toEqual([
			[expect.objectContaining({ id: MEETING, name: 'Meeting', emoji: '🗓️' }), { item: 0 }],
		]);
	});

	it('the name only: the status is read first and its emoji kept', async () => {
		const result = await runStatus('update', {
			parameters: { customStatusId: fromList(MEETING), updateFields: { name: 'Meeting' } },
		});

		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `${LIST_PATH}/${MEETING}`],
			['PUT', `${LIST_PATH}/${MEETING}`],
		]);
		expect(putsTo(MEETING)).toEqual([{ name: 'Meeting', emoji: '📅' }]);
		expect(statusInAccount(MEETING)).toMatchObject({ name: 'Meeting', emoji: '📅' });
		expect(result.items[0].json).toMatchObject({ name: 'Meeting', emoji: '📅' });
	});

	it('the emoji only: the status is read first and its name kept', async () => {
		await runStatus('update', {
			parameters: { customStatusId: byId(LUNCH), updateFields: { emoji: '🍝' } },
		});
		expect(putsTo(LUNCH)).toEqual([{ name: 'Lunch', emoji: '🍝' }]);
		expect(statusInAccount(LUNCH)).toMatchObject({ name: 'Lunch', emoji: '🍝' });
	});

	it.each([
		['nothing to update', {}, 'Nothing to update [item 0]'],
		['a blank name', { name: '  ' }, 'Name is empty [item 0]'],
		['a blank emoji', { emoji: ' ' }, 'Emoji is empty [item 0]'],
	])('%s: refused before any request', async (_label, updateFields, message) => {
		const result = await runStatus('update', {
			parameters: { customStatusId: fromList(MEETING), updateFields },
		});
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(statusInAccount(MEETING)).toMatchObject({ name: 'In a meeting', emoji: '📅' });
	});

	it('an unknown status: the read answers 404, nothing is sent after it', async () => {
		const result = await runStatus('update', {
			parameters: { customStatusId: byId(MISSING), updateFields: { name: 'x' } },
		});
		expect(failure(result)?.message).toBe(
			'Callbell answered 404: Custom status not found [item 0]',
		);
		expect(emulator.requests.map((request) => request.method)).toEqual(['GET']);
	});
});
