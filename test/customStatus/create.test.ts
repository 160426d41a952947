/**
 * Custom Status → Create, run through n8n's real engine against the emulator: the name and emoji
 * Callbell received, the new status that came out, and a create never sent twice.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { CustomStatus } from '../../dev/emulator/state';
import {
	failure,
	itemsOf,
	runOperation,
	useEmulator,
	viaExpression,
	type OperationRun,
} from '../stories';

import { addStatuses, LIST_PATH } from './statuses';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

beforeEach(() => addStatuses(emulator));

const runStatus = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'customStatus', operation, run);
const statusInAccount = (id: string): CustomStatus | undefined =>
	emulator.state.customStatuses.find((status) => status.id === id);

describe('Custom Status → Create', () => {
	it('POST {name, emoji}, outputs the new status', async () => {
		const result = await runStatus('create', { parameters: { name: ' On a call ', emoji: '📞' } });

		expect(result.error).toBeUndefined();
		const posts = emulator.requestsTo('POST', LIST_PATH);
		expect(posts.map((request) => request.body)).toEqual([{ name: 'On a call', emoji: '📞' }]);
		expect(emulator.requests).toHaveLength(1);
		const created = result.items[0].json;
		expect(itemsOf(result)).toEqual([
			[
				{
					id: expect.stringMatching(
						/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
					),
					name: 'On a call',
					emoji: '📞',
					createdAt: expect.any(String),
					updatedAt: expect.any(String),
				},
				{ item: 0 },
			],
		]);
		expect(statusInAccount(created.id as string)).toMatchObject({ name: 'On a call', emoji: '📞' });
	});

	it('without an emoji: only the name is sent', async () => {
		const result = await runStatus('create', { parameters: { name: 'Focus', emoji: '' } });
		expect(emulator.requestsTo('POST', LIST_PATH).map((request) => request.body)).toEqual([
			{ name: 'Focus' },
		]);
		expect(result.items[0].json).toMatchObject({ name: 'Focus', emoji: null });
	});

	it('a blank name is refused before any request', async () => {
		const result = await runStatus('create', {
			parameters: { name: viaExpression('  '), emoji: '📞' },
		});
		expect(result.error?.message).toBe('Name is empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
		expect(emulator.state.customStatuses).toHaveLength(2);
	});

	it('a create that fails with a 500 is reported and not sent twice', async () => {
		emulator.injectFault({
			method: 'POST',
			path: LIST_PATH,
			status: 500,
			body: { error: 'Internal Server Error' },
		});
		const result = await runStatus('create', { parameters: { name: 'Focus' } });
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(emulator.requestsTo('POST', LIST_PATH)).toHaveLength(1);
	});
});
