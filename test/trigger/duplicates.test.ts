/**
 * Callbell Trigger → Options → Ignore Duplicates, through n8n-core's WebhookContext: Callbell
 * retries a delivery whose answer it did not get (the same body, signed again with a new `t`);
 * the retry is answered 200 and starts nothing, in production and in a test alike.
 */
import { shutdownHarness } from '../harness';
import { SECRET, callbellTrigger, messageFromJane, signed } from './fixtures';

afterAll(async () => await shutdownHarness());

const NOW = Math.floor(Date.now() / 1000);
const statusRead = {
	event: 'message_status_updated',
	payload: { uuid: 'b1e2c3d4e5f60718293a4b5c6d7e8f90', status: 'read', contact: { uuid: 'c1' } },
};

describe('a re-delivered event (on by default)', () => {
	it('the same body signed again with a new t: answered 200 as a duplicate, nothing started', async () => {
		const node = await callbellTrigger({}, { webhookSecret: SECRET });
		const body = JSON.stringify(messageFromJane());
		const first = await node.receive(signed(body, { t: NOW - 30 }));
		const retry = await node.receive(signed(body, { t: NOW }));
		expect(first.items).toHaveLength(1);
		expect(retry).toEqual({
			status: 200,
			body: { status: 'ok', ignored: 'duplicate', receiver: expect.any(String) },
			items: undefined,
		});
	});

	it('another message of the same contact, or the next status of the same message, is not a duplicate', async () => {
		const node = await callbellTrigger({ events: ['message_created', 'message_status_updated'] });
		expect((await node.receive({ body: messageFromJane() })).items).toHaveLength(1);
		expect(
			(await node.receive({ body: messageFromJane({ text: 'Another one' }) })).items,
		).toHaveLength(1);
		expect((await node.receive({ body: statusRead })).items).toHaveLength(1);
		expect((await node.receive({ body: statusRead })).items).toBeUndefined();
		const failed = { ...statusRead, payload: { ...statusRead.payload, status: 'failed' } };
		expect((await node.receive({ body: failed })).items).toHaveLength(1);
	});

	it('each workflow remembers its own: the same event starts two workflows once each', async () => {
		const first = await callbellTrigger();
		const second = await callbellTrigger();
		expect((await first.receive({ body: messageFromJane() })).items).toHaveLength(1);
		expect((await second.receive({ body: messageFromJane() })).items).toHaveLength(1);
		expect((await first.receive({ body: messageFromJane() })).items).toBeUndefined();
	});

	it('"listen for test event" and the active workflow are apart: a test does not swallow production\'s event', async () => {
		const node = await callbellTrigger();
		expect((await node.receive({ body: messageFromJane() }, true)).items).toHaveLength(1);
		expect((await node.receive({ body: messageFromJane() })).items).toHaveLength(1);
		expect((await node.receive({ body: messageFromJane() }, true)).items).toBeUndefined();
	});
});

describe('Ignore Duplicates off', () => {
	it('every delivery starts the workflow, retries included', async () => {
		const node = await callbellTrigger({ options: { ignoreDuplicates: false } });
		expect((await node.receive({ body: messageFromJane() })).items).toHaveLength(1);
		expect((await node.receive({ body: messageFromJane() })).items).toHaveLength(1);
	});
});
