/**
 * Custom Status → Delete, run through n8n's real engine against the emulator: the DELETE and what
 * came out, a retried DELETE whose first answer was lost, and the errors under continue on fail.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { CustomStatus } from '../../dev/emulator/state';
import {
	byId,
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

describe('Custom Status → Delete', () => {
	it('a retried DELETE that finds nothing: the first attempt deleted it (its answer was lost), so the item succeeds', async () => {
		emulator.injectFault({
			method: 'DELETE',
			path: `${LIST_PATH}/${LUNCH}`,
			status: 502,
			body: 'Bad Gateway',
			contentType: 'text/plain',
			afterHandling: true,
		});
		const result = await runStatus('delete', {
			parameters: { customStatusId: byId(LUNCH) },
			continueOnFail: true,
		});

		expect(
			emulator.requestsTo('DELETE', `${LIST_PATH}/${LUNCH}`).map((request) => request.status),
		).toEqual([502, 404]);
		expect(itemsOf(result)).toEqual([[{ deleted: true, customStatusId: LUNCH }, { item: 0 }]]);
		expect(statusInAccount(LUNCH)).toBeUndefined();
	});

	it('an unknown id on the first try is still a 404 error', async () => {
		const result = await runStatus('delete', {
			parameters: { customStatusId: byId(MISSING) },
			continueOnFail: true,
		});
		expect(result.items[0].json).toMatchObject({ httpCode: '404' });
	});

	it('DELETE /custom_statuses/:id, outputs {deleted, customStatusId}', async () => {
		const result = await runStatus('delete', { parameters: { customStatusId: fromList(LUNCH) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['DELETE', `${LIST_PATH}/${LUNCH}`],
		]);
		expect(itemsOf(result)).toEqual([[{ deleted: true, customStatusId: LUNCH }, { item: 0 }]]);
		expect(statusInAccount(LUNCH)).toBeUndefined();
	});

	it('continue on fail: an unknown status and a bad id are error items, paired; the rest is deleted', async () => {
		const result = await runStatus('delete', {
			continueOnFail: true,
			items: [{ id: MISSING }, { id: 'lunch' }, { id: MEETING }],
			parameters: { customStatusId: byId('={{ $json.id }}') },
		});

		expect(itemsOf(result)).toEqual([
			[
				expect.objectContaining({
					error: 'Callbell answered 404: Custom status not found [item 0]',
					httpCode: '404',
				}),
				{ item: 0 },
			],
			[
				expect.objectContaining({
					error:
						'Custom Status "lunch" is not the id or the name of a custom status of this account [item 1]',
				}),
				{ item: 1 },
			],
			[{ deleted: true, customStatusId: MEETING }, { item: 2 }],
		]);
		expect(
			emulator
				.requestsTo('DELETE', /custom_statuses/)
				.map((request) => request.path)
				.sort(),
		).toEqual([`${LIST_PATH}/${MISSING}`, `${LIST_PATH}/${MEETING}`].sort());
		expect(emulator.state.customStatuses.map((status) => status.id)).toEqual([LUNCH]);
	});
});
