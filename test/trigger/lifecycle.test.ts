/**
 * Callbell Trigger's webhook lifecycle through n8n-core's HookContext against the emulator:
 * what activation and deactivation send to Callbell under its one-webhook-per-account rule, and
 * what the workflow's static data remembers in between.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { TEST_TOKEN } from '../../dev/emulator/seed';
import { triggerUnderTest, type TriggerUnderTest } from '../harness';
import { useEmulator } from '../stories';

const TRIGGER = 'n8n-nodes-callbell.callbellTrigger';
const N8N = 'https://n8n.example.com/webhook';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

function trigger(
	parameters: INodeParameters = {},
	workflowId = 'wfDealsInbox0001',
): Promise<TriggerUnderTest> {
	return triggerUnderTest({
		nodeType: TRIGGER,
		parameters: { events: ['message_created', 'contact_created'], ...parameters },
		credentials: { apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl },
		webhookBaseUrl: N8N,
		workflowId,
	});
}

const apiCalls = () =>
	emulator.requests.map(
		(request) =>
			`${request.method} ${request.path}${request.rawUrl.includes('?') ? `?${request.rawUrl.split('?')[1]}` : ''}`,
	);

/** Callbell's log of a delivery that a receiver answered with this body. */
function delivered(responseBody: string, success = true): void {
	emulator.state.webhookEvents.push({
		event: 'contact_created',
		payload: {},
		response: responseBody,
		success,
		createdAt: new Date().toISOString(),
	});
}

describe('activation', () => {
	it("subscribes n8n's production URL with the chosen events and remembers what it registered", async () => {
		const node = await trigger();
		expect(await node.activate()).toEqual({ created: true });

		expect(
			emulator.requestsTo('POST', '/v1/webhooks/subscribe').map((request) => request.body),
		).toEqual([{ url: node.webhookUrl(), subscriptions: ['message_created', 'contact_created'] }]);
		expect(emulator.state.webhook).toMatchObject({
			url: node.webhookUrl(),
			subscriptions: ['message_created', 'contact_created'],
		});
		expect(Object.values(node.staticData)).toEqual([
			{
				callbellRegistration: {
					url: node.webhookUrl(),
					events: ['message_created', 'contact_created'],
					receiver: expect.stringMatching(/^n8n:[0-9a-f]{16}$/),
					registeredAt: expect.any(String),
				},
			},
		]);
		expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
	});

	it('activated again (n8n restarting): subscribes again, bringing back a webhook Callbell disabled or a test took', async () => {
		const node = await trigger();
		await node.activate();
		emulator.state.webhook = null;
		expect(await node.activate()).toEqual({ created: true });
		expect(emulator.requestsTo('POST', '/v1/webhooks/subscribe')).toHaveLength(2);
		expect(emulator.state.webhook).toMatchObject({ url: node.webhookUrl() });
	});

	it('other events chosen since: subscribes again with them', async () => {
		const node = await trigger();
		await node.activate();
		const changed = await trigger({ events: ['conversation_closed'] });
		Object.assign(changed.staticData, node.staticData);
		expect(await changed.activate()).toEqual({ created: true });
		expect(emulator.state.webhook?.subscriptions).toEqual(['conversation_closed']);
	});

	it('"listen for test event" on an active workflow: the test URL takes the webhook until the test ends, then the next activation takes it back', async () => {
		const node = await trigger();
		await node.activate();
		const production = JSON.stringify(node.staticData);

		await node.activate(true);
		expect(emulator.state.webhook?.url).toBe(node.webhookUrl(true));
		expect(node.webhookUrl(true)).toMatch(/^https:\/\/n8n\.example\.com\/webhook-test\//);
		// The test's answers carry their own mark: never taken for production's.
		const testAnswer = await node.receive({ body: {} }, true);
		const productionAnswer = await node.receive({ body: {} });
		expect((testAnswer.body as { receiver: string }).receiver).not.toBe(
			(productionAnswer.body as { receiver: string }).receiver,
		);
		delivered(JSON.stringify(testAnswer.body));

		await node.deactivate(true);
		expect(emulator.state.webhook).toBeNull();
		// Production's record is untouched by the test; activating again (or n8n restarting) subscribes it.
		expect(JSON.stringify(node.staticData)).toBe(production);
		await node.activate();
		expect(emulator.state.webhook?.url).toBe(node.webhookUrl());
	});

	it('Callbell refusing something else (an event it does not know): its own message and the generic hint', async () => {
		const node = await trigger({ events: ['message_created', 'invoice_paid'] });
		await expect(node.activate()).rejects.toMatchObject({
			message: expect.stringContaining('Unknown event "invoice_paid"'),
			description: expect.not.stringContaining('localhost'),
		});
	});

	it('Callbell refusing the URL (localhost) says what to do', async () => {
		const local = await triggerUnderTest({
			nodeType: TRIGGER,
			parameters: { events: ['message_created'] },
			credentials: { apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl },
			webhookBaseUrl: 'http://localhost:5678/webhook',
		});
		await expect(local.activate()).rejects.toMatchObject({
			message: expect.stringContaining('422'),
			description: expect.stringMatching(
				/only public web addresses, not localhost or a private network\. Set n8n's WEBHOOK_URL .* or choose Registration → Manual/,
			),
		});
		expect(JSON.stringify(local.staticData)).not.toContain('callbellRegistration');
	});
});

describe('deactivation', () => {
	it('the latest delivery was answered by this node: unsubscribes and forgets', async () => {
		const node = await trigger();
		await node.activate();
		const receiver = (
			Object.values(node.staticData)[0] as { callbellRegistration: { receiver: string } }
		).callbellRegistration.receiver;
		delivered(JSON.stringify({ status: 'ok', receiver }));

		await node.deactivate();

		expect(apiCalls().slice(1)).toEqual([
			'GET /v1/webhooks/events?status=success&items=1&page=1',
			'DELETE /v1/webhooks/unsubscribe',
		]);
		expect(emulator.state.webhook).toBeNull();
		expect(Object.values(node.staticData)).toEqual([{}]);
	});

	it('another receiver answered the latest delivery (another workflow or tool took the webhook): left alone', async () => {
		const node = await trigger();
		await node.activate();
		emulator.state.webhook = {
			url: 'https://zapier.example.com/hooks/1',
			subscriptions: ['message_created'],
			enabled: true,
			createdAt: new Date().toISOString(),
		};
		delivered(JSON.stringify({ status: 'ok', receiver: 'n8n:0123456789abcdef' }), true);
		delivered('<html>ok</html>', true);
		delivered('connect ECONNREFUSED', false);

		await node.deactivate();

		expect(emulator.requestsTo('DELETE', '/v1/webhooks/unsubscribe')).toEqual([]);
		expect(emulator.state.webhook?.url).toBe('https://zapier.example.com/hooks/1');
		expect(Object.values(node.staticData)).toEqual([{}]);
	});

	it('a workflow sharing none of its ids has another mark: its deliveries are not taken for ours', async () => {
		const ours = await trigger({}, 'wfDealsInbox0001');
		const theirs = await trigger({}, 'wfSupportDesk001');
		await theirs.activate();
		const theirMark = (
			Object.values(theirs.staticData)[0] as { callbellRegistration: { receiver: string } }
		).callbellRegistration.receiver;
		await ours.activate();
		delivered(JSON.stringify({ status: 'ok', receiver: theirMark }));

		await ours.deactivate();
		expect(emulator.requestsTo('DELETE', '/v1/webhooks/unsubscribe')).toEqual([]);
	});

	it('deliveries from before the registration (to the tool that had the webhook then) prove nothing: unsubscribes', async () => {
		delivered('{"status":"ok"}');
		emulator.state.webhookEvents[0].createdAt = new Date(Date.now() - 60_000).toISOString();
		const node = await trigger();
		await node.activate();
		await node.deactivate();
		expect(emulator.requestsTo('DELETE', '/v1/webhooks/unsubscribe')).toHaveLength(1);
		expect(emulator.state.webhook).toBeNull();
	});

	it('Callbell failing while deactivating: n8n is told, the registration stays remembered for the next try', async () => {
		const node = await trigger();
		await node.activate();
		emulator.injectFault({
			method: 'GET',
			path: '/v1/webhooks/events',
			status: 401,
			body: { error: 'Invalid API token' },
		});
		expect(await node.deactivate()).toBe(false);
		expect(JSON.stringify(node.staticData)).toContain('callbellRegistration');
		expect(await node.deactivate()).toBe(true);
		expect(emulator.state.webhook).toBeNull();
	});

	it('no delivery since activation (the blind spot): unsubscribes', async () => {
		const node = await trigger();
		await node.activate();
		await node.deactivate();
		expect(emulator.requestsTo('DELETE', '/v1/webhooks/unsubscribe')).toHaveLength(1);
	});

	it('already unsubscribed by someone else (404): still fine', async () => {
		const node = await trigger();
		await node.activate();
		emulator.state.webhook = null;
		await expect(node.deactivate()).resolves.toBe(true);
		expect(
			emulator.requestsTo('DELETE', '/v1/webhooks/unsubscribe').map((request) => request.status),
		).toEqual([404]);
	});

	it('never registered by this node: nothing is sent', async () => {
		const node = await trigger();
		emulator.state.webhook = {
			url: 'https://zapier.example.com/hooks/1',
			subscriptions: ['message_created'],
			enabled: true,
			createdAt: new Date().toISOString(),
		};
		await node.deactivate();
		expect(emulator.requests).toEqual([]);
		expect(emulator.state.webhook?.url).toBe('https://zapier.example.com/hooks/1');
	});
});

describe('Registration → Manual', () => {
	it('registers and unregisters nothing', async () => {
		const node = await trigger({ registration: 'manual' });
		expect(await node.activate()).toEqual({ created: false });
		await node.deactivate();
		expect(emulator.requests).toEqual([]);
	});
});
