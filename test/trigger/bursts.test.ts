/**
 * Callbell Trigger → Options → Burst Window, through n8n-core's WebhookContext: a customer's
 * messages in quick succession start one execution once the window has passed since the last;
 * every delivery is answered at once; deactivation starts a pending burst instead of dropping it.
 */
import type { IDataObject } from 'n8n-workflow';

import { shutdownHarness, type TriggerUnderTest, type WebhookDelivery } from '../harness';
import { JANE, callbellTrigger, messageFromJane } from './fixtures';

afterAll(async () => await shutdownHarness());

const WINDOW_SECONDS = 0.4;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Delivers Jane's messages with these texts, `gapMs` apart, without waiting for what they start. */
async function janeWrites(
	node: TriggerUnderTest,
	texts: string[],
	gapMs = 50,
	fields: Record<string, unknown> = {},
): Promise<WebhookDelivery[]> {
	const deliveries: WebhookDelivery[] = [];
	for (const [index, text] of texts.entries()) {
		if (index > 0) await pause(gapMs);
		deliveries.push(node.deliver({ body: messageFromJane({ text, ...fields }) }));
	}
	return deliveries;
}

const startedItems = async (deliveries: WebhookDelivery[]) =>
	(await Promise.all(deliveries.map(async (delivery) => (await delivery.done).items))).filter(
		(items) => items !== undefined,
	);

describe('three messages within the window', () => {
	it('one execution, once the window has passed since the last: every message in order, the texts joined', async () => {
		const node = await callbellTrigger({ options: { burstWindowSeconds: WINDOW_SECONDS } });
		const deliveries = await janeWrites(node, ['Hi', 'I ordered on Monday', 'where is it?']);
		const lastSentAt = Date.now();
		const [started, ...others] = await startedItems(deliveries);

		expect(others).toEqual([]);
		expect(started).toHaveLength(1);
		const { payload } = started![0] as { payload: IDataObject };
		expect(payload).toMatchObject({
			text: 'Hi\nI ordered on Monday\nwhere is it?',
			contact: JANE,
			status: 'received',
		});
		expect((payload.messages as IDataObject[]).map((message) => message.text)).toEqual([
			'Hi',
			'I ordered on Monday',
			'where is it?',
		]);
		expect(Date.now() - lastSentAt).toBeGreaterThanOrEqual(WINDOW_SECONDS * 1000 - 60);
	});

	it('every delivery is answered at once (200), before the burst starts, so Callbell retries none', async () => {
		const node = await callbellTrigger({ options: { burstWindowSeconds: WINDOW_SECONDS } });
		const deliveries = await janeWrites(node, ['one', 'two', 'three']);
		let burstStarted = false;
		void Promise.all(deliveries.map((delivery) => delivery.done)).then(() => (burstStarted = true));
		const answers = await Promise.all(deliveries.map((delivery) => delivery.answered));
		expect(burstStarted).toBe(false);
		expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200]);
		await Promise.all(deliveries.map((delivery) => delivery.done));
	});

	it('Output Payload Only: the burst as one message payload', async () => {
		const node = await callbellTrigger({
			options: { burstWindowSeconds: WINDOW_SECONDS, outputPayloadOnly: true },
		});
		const [items] = await startedItems(await janeWrites(node, ['a', 'b']));
		expect(items).toEqual([
			expect.objectContaining({ text: 'a\nb', messages: [expect.any(Object), expect.any(Object)] }),
		]);
	});
});

describe('what makes two bursts', () => {
	it('a pause longer than the window: two executions', async () => {
		const node = await callbellTrigger({ options: { burstWindowSeconds: 0.15 } });
		const first = await janeWrites(node, ['first']);
		await pause(350);
		const second = await janeWrites(node, ['second']);
		const started = await startedItems([...first, ...second]);
		expect(started.map((items) => (items![0].payload as IDataObject).text)).toEqual([
			'first',
			'second',
		]);
	});

	it('two contacts writing at once: one execution each, never mixed', async () => {
		const node = await callbellTrigger({ options: { burstWindowSeconds: WINDOW_SECONDS } });
		const luca = { uuid: 'aa11bb22cc33dd44ee55ff6677889900', name: 'Luca', assignedUser: null };
		const deliveries = [
			...(await janeWrites(node, ['jane 1'])),
			...(await janeWrites(node, ['luca 1'], 0, { contact: luca, from: '+393331234567' })),
			...(await janeWrites(node, ['jane 2'])),
		];
		const texts = (await startedItems(deliveries)).map(
			(items) => (items![0].payload as IDataObject).text,
		);
		expect(texts.sort()).toEqual(['jane 1\njane 2', 'luca 1']);
	});

	it('other events are not held: a contact created starts at once', async () => {
		const node = await callbellTrigger({ options: { burstWindowSeconds: 30 } });
		const answer = await node.receive({
			body: { event: 'contact_created', payload: { uuid: 'c1', name: 'Luca' } },
		});
		expect(answer.items).toHaveLength(1);
	});

	it('a duplicate inside a burst (Callbell retrying one of the messages) is counted once', async () => {
		const node = await callbellTrigger({ options: { burstWindowSeconds: WINDOW_SECONDS } });
		const deliveries = await janeWrites(node, ['Hi', 'Hi', 'still there?']);
		const answers = await Promise.all(deliveries.map((delivery) => delivery.answered));
		expect(answers[1].body).toMatchObject({ ignored: 'duplicate' });
		const [items] = await startedItems(deliveries);
		expect((items![0].payload as IDataObject).text).toBe('Hi\nstill there?');
	});
});

describe('a burst cut short', () => {
	it('deactivating the workflow starts the pending burst at once rather than dropping it', async () => {
		const node = await callbellTrigger({
			registration: 'manual',
			options: { burstWindowSeconds: 60 },
		});
		const deliveries = await janeWrites(node, ['Hi', 'are you open today?']);
		await Promise.all(deliveries.map((delivery) => delivery.answered));
		const deactivatedAt = Date.now();
		await node.deactivate();
		const [items] = await startedItems(deliveries);
		expect(Date.now() - deactivatedAt).toBeLessThan(5000);
		expect((items![0].payload as IDataObject).text).toBe('Hi\nare you open today?');
	});

	it('the end of a test ("listen for test event") starts the burst it was waiting for', async () => {
		const node = await callbellTrigger({
			registration: 'manual',
			options: { burstWindowSeconds: 60 },
		});
		const delivery = node.deliver({ body: messageFromJane() }, true);
		await delivery.answered;
		await node.deactivate(true);
		expect((await delivery.done).items).toHaveLength(1);
	});
});
