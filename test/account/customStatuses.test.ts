/**
 * Custom Status → Create, Get, Get Many, Update and Delete, run through n8n's real engine
 * against the emulator (one status a page): what Callbell received, what came out.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { CustomStatus } from '../../dev/emulator/state';
import { useEmulator } from '../stories';
import { byId, failure, fromList, itemsOf, MISSING, runOperation, viaExpression, type ObjectRun } from './objects';

const MEETING = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
// Callbell's own example writes a custom status id as a hyphenated UUID.
const LUNCH = 'a5a5a5a5-a5a5-4a5a-a5a5-a5a5a5a5a502';
const SEEDED_AT = '2026-01-15T09:30:00.000Z';
const LIST_PATH = '/v1/custom_statuses';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

beforeEach(() => {
	emulator.state.customStatuses.push(
		{ id: MEETING, name: 'In a meeting', emoji: '📅', createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
		{ id: LUNCH, name: 'Lunch', emoji: '🥪', createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
	);
});

const runStatus = (operation: string, run: ObjectRun = {}) => runOperation(emulator, 'customStatus', operation, run);
const statusInAccount = (id: string): CustomStatus | undefined => emulator.state.customStatuses.find((status) => status.id === id);

describe('Custom Status → Create', () => {
	it('POST {name, emoji}, outputs the new status', async () => {
		const result = await runStatus('create', { parameters: { name: ' On a call ', emoji: '📞' } });

		expect(result.error).toBeUndefined();
		const posts = emulator.requestsTo('POST', LIST_PATH);
		expect(posts.map((request) => request.body)).toEqual([{ name: 'On a call', emoji: '📞' }]);
		expect(emulator.requests).toHaveLength(1);
		const created = result.items[0].json;
		expect(itemsOf(result)).toEqual([
			[{ id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/), name: 'On a call', emoji: '📞', createdAt: expect.any(String), updatedAt: expect.any(String) }, { item: 0 }],
		]);
		expect(statusInAccount(created.id as string)).toMatchObject({ name: 'On a call', emoji: '📞' });
	});

	it('without an emoji: only the name is sent', async () => {
		const result = await runStatus('create', { parameters: { name: 'Focus', emoji: '' } });
		expect(emulator.requestsTo('POST', LIST_PATH).map((request) => request.body)).toEqual([{ name: 'Focus' }]);
		expect(result.items[0].json).toMatchObject({ name: 'Focus', emoji: null });
	});

	it('a blank name is refused before any request', async () => {
		const result = await runStatus('create', { parameters: { name: viaExpression('  '), emoji: '📞' } });
		expect(result.error?.message).toBe('Name is empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
		expect(emulator.state.customStatuses).toHaveLength(2);
	});

	it('a create that fails with a 500 is reported and not sent twice', async () => {
		emulator.injectFault({ method: 'POST', path: LIST_PATH, status: 500, body: { error: 'Internal Server Error' } });
		const result = await runStatus('create', { parameters: { name: 'Focus' } });
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(emulator.requestsTo('POST', LIST_PATH)).toHaveLength(1);
	});
});

describe('Custom Status → Get and Get Many', () => {
	it('get: GET /custom_statuses/:id, outputs the status itself', async () => {
		const result = await runStatus('get', { parameters: { customStatusId: fromList(LUNCH) } });
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['GET', `${LIST_PATH}/${LUNCH}`]]);
		expect(itemsOf(result)).toEqual([
			[{ id: LUNCH, name: 'Lunch', emoji: '🥪', createdAt: SEEDED_AT, updatedAt: SEEDED_AT }, { item: 0 }],
		]);
	});

	it('get an unknown status: a 404 naming the Custom Status field', async () => {
		const result = await runStatus('get', { parameters: { customStatusId: byId(MISSING) } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Custom status not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No custom status with the id ${MISSING} exists in this Callbell account. Check the Custom Status field.`,
		);
	});

	it('get Many, Return All: every page', async () => {
		const result = await runStatus('getAll', { parameters: { returnAll: true } });
		expect(emulator.requestsTo('GET', LIST_PATH).map((request) => request.query)).toEqual([{}, { page: '2' }]);
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

describe('Custom Status → Update', () => {
	const putsTo = (id: string) => emulator.requestsTo('PUT', `${LIST_PATH}/${id}`).map((request) => request.body);

	it('name and emoji: one PUT with both', async () => {
		const result = await runStatus('update', {
			parameters: { customStatusId: fromList(MEETING), updateFields: { name: 'Meeting', emoji: '🗓️' } },
		});

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => request.method)).toEqual(['PUT']);
		expect(putsTo(MEETING)).toEqual([{ name: 'Meeting', emoji: '🗓️' }]);
		expect(itemsOf(result)).toEqual([[expect.objectContaining({ id: MEETING, name: 'Meeting', emoji: '🗓️' }), { item: 0 }]]);
	});

	it('the name only: the status is read first and its emoji kept', async () => {
		const result = await runStatus('update', { parameters: { customStatusId: fromList(MEETING), updateFields: { name: 'Meeting' } } });

		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `${LIST_PATH}/${MEETING}`],
			['PUT', `${LIST_PATH}/${MEETING}`],
		]);
		expect(putsTo(MEETING)).toEqual([{ name: 'Meeting', emoji: '📅' }]);
		expect(statusInAccount(MEETING)).toMatchObject({ name: 'Meeting', emoji: '📅' });
		expect(result.items[0].json).toMatchObject({ name: 'Meeting', emoji: '📅' });
	});

	it('the emoji only: the status is read first and its name kept', async () => {
		await runStatus('update', { parameters: { customStatusId: byId(LUNCH), updateFields: { emoji: '🍝' } } });
		expect(putsTo(LUNCH)).toEqual([{ name: 'Lunch', emoji: '🍝' }]);
		expect(statusInAccount(LUNCH)).toMatchObject({ name: 'Lunch', emoji: '🍝' });
	});

	it.each([
		['nothing to update', {}, 'Nothing to update [item 0]'],
		['a blank name', { name: '  ' }, 'Name is empty [item 0]'],
		['a blank emoji', { emoji: ' ' }, 'Emoji is empty [item 0]'],
	])('%s: refused before any request', async (_label, updateFields, message) => {
		const result = await runStatus('update', { parameters: { customStatusId: fromList(MEETING), updateFields } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(statusInAccount(MEETING)).toMatchObject({ name: 'In a meeting', emoji: '📅' });
	});

	it('an unknown status: the read answers 404, nothing is sent after it', async () => {
		const result = await runStatus('update', { parameters: { customStatusId: byId(MISSING), updateFields: { name: 'x' } } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Custom status not found [item 0]');
		expect(emulator.requests.map((request) => request.method)).toEqual(['GET']);
	});
});

describe('Custom Status → Delete', () => {
	it('a retried DELETE that finds nothing: the first attempt deleted it (its answer was lost), so the item succeeds', async () => {
		emulator.injectFault({ method: 'DELETE', path: `${LIST_PATH}/${LUNCH}`, status: 502, body: 'Bad Gateway', contentType: 'text/plain', afterHandling: true });
		const result = await runStatus('delete', { parameters: { customStatusId: byId(LUNCH) }, continueOnFail: true });

		expect(emulator.requestsTo('DELETE', `${LIST_PATH}/${LUNCH}`).map((request) => request.status)).toEqual([502, 404]);
		expect(itemsOf(result)).toEqual([[{ deleted: true, customStatusId: LUNCH }, { item: 0 }]]);
		expect(statusInAccount(LUNCH)).toBeUndefined();
	});

	it('an unknown id on the first try is still a 404 error', async () => {
		const result = await runStatus('delete', { parameters: { customStatusId: byId(MISSING) }, continueOnFail: true });
		expect(result.items[0].json).toMatchObject({ httpCode: '404' });
	});

	it('DELETE /custom_statuses/:id, outputs {deleted, customStatusId}', async () => {
		const result = await runStatus('delete', { parameters: { customStatusId: fromList(LUNCH) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['DELETE', `${LIST_PATH}/${LUNCH}`]]);
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
			[expect.objectContaining({ error: 'Callbell answered 404: Custom status not found [item 0]', httpCode: '404' }), { item: 0 }],
			[expect.objectContaining({ error: 'Custom Status must be a Callbell id of 32 hexadecimal characters, got "lunch" [item 1]' }), { item: 1 }],
			[{ deleted: true, customStatusId: MEETING }, { item: 2 }],
		]);
		expect(emulator.requestsTo('DELETE', /custom_statuses/).map((request) => request.path).sort()).toEqual(
			[`${LIST_PATH}/${MISSING}`, `${LIST_PATH}/${MEETING}`].sort(),
		);
		expect(emulator.state.customStatuses.map((status) => status.id)).toEqual([LUNCH]);
	});
});
