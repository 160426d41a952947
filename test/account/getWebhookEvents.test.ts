/**
 * Account → Get Webhook Events, run through n8n's real engine against the emulator (one event a
 * page): the pages read, the Status and Events filters as Callbell's query, what came out.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import type { WebhookEvent } from '../../dev/emulator/state';
import { failure, runOperation, useEmulator, viaExpression, type OperationRun } from '../stories';

const EVENTS_PATH = '/v1/webhooks/events';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runAccount = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'account', operation, run);
const eventQueries = () => emulator.requestsTo('GET', EVENTS_PATH).map((request) => request.query);

/** Four deliveries, oldest first; Callbell lists them newest first. */
function logDeliveries(): WebhookEvent[] {
	const deliveries: WebhookEvent[] = [
		{
			event: 'contact_created',
			payload: { uuid: 'c1' },
			response: '{"status":"ok"}',
			success: true,
			createdAt: '2026-02-01T10:00:00.000Z',
		},
		{
			event: 'message_created',
			payload: { text: 'hi' },
			response: 'Bad Gateway',
			success: false,
			createdAt: '2026-02-01T10:01:00.000Z',
		},
		{
			event: 'contact_updated',
			payload: { uuid: 'c1' },
			response: '{"status":"ok"}',
			success: true,
			createdAt: '2026-02-01T10:02:00.000Z',
		},
		{
			event: 'message_created',
			payload: { text: 'again' },
			response: '{"status":"ok"}',
			success: true,
			createdAt: '2026-02-01T10:03:00.000Z',
		},
	];
	emulator.state.webhookEvents.push(...deliveries);
	return deliveries;
}

describe('Account → Get Webhook Events', () => {
	it('Return All: every page, newest first, one item per delivery', async () => {
		const deliveries = logDeliveries();
		const result = await runAccount('getWebhookEvents', { parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(eventQueries()).toEqual([{}, { page: '2' }, { page: '3' }, { page: '4' }]);
		expect(result.items.map((item) => item.json)).toEqual([...deliveries].reverse());
		expect(result.items.every((item) => (item.pairedItem as { item: number }).item === 0)).toBe(
			true,
		);
	});

	it('Limit 2: stops after two pages', async () => {
		logDeliveries();
		const result = await runAccount('getWebhookEvents', {
			parameters: { returnAll: false, limit: 2 },
		});
		expect(result.items.map((item) => item.json.createdAt)).toEqual([
			'2026-02-01T10:03:00.000Z',
			'2026-02-01T10:02:00.000Z',
		]);
		expect(eventQueries()).toHaveLength(2);
	});

	it('Status and Events are sent as status and subscriptions (comma-separated)', async () => {
		logDeliveries();
		const result = await runAccount('getWebhookEvents', {
			parameters: {
				returnAll: true,
				filters: { status: 'success', events: ['message_created', 'contact_created'] },
			},
		});

		expect(eventQueries()[0]).toEqual({
			status: 'success',
			subscriptions: 'message_created,contact_created',
		});
		expect(result.items.map((item) => [item.json.event, item.json.success])).toEqual([
			['message_created', true],
			['contact_created', true],
		]);
	});

	it('only failed deliveries', async () => {
		logDeliveries();
		const result = await runAccount('getWebhookEvents', {
			parameters: { returnAll: true, filters: { status: 'failed' } },
		});
		expect(eventQueries()[0]).toEqual({ status: 'failed' });
		expect(result.items.map((item) => item.json.response)).toEqual(['Bad Gateway']);
	});

	it('events as comma-separated text from an expression', async () => {
		await runAccount('getWebhookEvents', {
			parameters: {
				returnAll: true,
				filters: { events: viaExpression(' contact_updated , contact_deleted ') },
			},
		});
		expect(eventQueries()[0]).toEqual({ subscriptions: 'contact_updated,contact_deleted' });
	});

	it('no events chosen: no subscriptions filter', async () => {
		await runAccount('getWebhookEvents', {
			parameters: { returnAll: true, filters: { events: [] } },
		});
		expect(eventQueries()).toEqual([{}]);
	});

	it.each([
		[
			'an unknown event',
			{ events: viaExpression('contact_merged') },
			'Events must be one of agent_session_updated, agent_status_updated, contact_created, contact_deleted, contact_updated, conversation_closed, conversation_opened, message_created, message_status_updated, team_membership_updated, got "contact_merged" [item 0]',
		],
		[
			'an unknown status',
			{ status: viaExpression('ok') },
			'Status must be one of success, failed, got "ok" [item 0]',
		],
		[
			'events that are neither a list nor text',
			{ events: '={{ 42 }}' },
			'Events must be a list of event names, got "42" [item 0]',
		],
	])('%s: refused before any request', async (_label, filters, message) => {
		const result = await runAccount('getWebhookEvents', {
			parameters: { returnAll: true, filters },
		});
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('a 500 that persists: retried once (Options → Retries), then an API error naming the item', async () => {
		logDeliveries();
		emulator.injectFault({
			method: 'GET',
			path: EVENTS_PATH,
			status: 500,
			body: { error: 'Internal Server Error' },
			times: Infinity,
		});
		const result = await runAccount('getWebhookEvents', {
			parameters: { returnAll: true },
			options: { retries: 1 },
		});
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(eventQueries()).toHaveLength(2);
	});
});
