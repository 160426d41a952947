/** Burst Window: messages of one sender within the window become one; pure parts and the wait. */
import {
	attachmentUrls,
	awaitBurst,
	burstPayload,
	joinBurst,
	releaseBursts,
	senderKey,
} from '../../../nodes/CallbellTrigger/bursts';

const JANE = { uuid: '414a6d692bd645ed803f2e7ce360d4c8', name: 'Jane' };
const message = (text: string, extra: Record<string, unknown> = {}) => ({
	payload: {
		text,
		status: 'received',
		channel: 'whatsapp',
		contact: JANE,
		attachments: [],
		...extra,
	},
	receivedAt: new Date().toISOString(),
});

let triggers = 0;
const newTrigger = () => `unit-burst-${++triggers}`;

describe('senderKey', () => {
	it('the contact and the channel; the sender address without a contact; nothing without either', () => {
		expect(senderKey(message('a').payload)).toBe(`${JANE.uuid}\u0000whatsapp`);
		expect(senderKey({ ...message('a').payload, channel: 'telegram' })).not.toBe(
			senderKey(message('a').payload),
		);
		expect(senderKey({ from: '+391234567890', to: 'whatsapp' })).toBe(
			'+391234567890\u0000whatsapp',
		);
		expect(senderKey({ text: 'who?' })).toBeUndefined();
	});
});

describe('burstPayload', () => {
	it("the last message's payload with every message, the texts joined (empty ones left out) and all attachments", () => {
		const payload = burstPayload([
			message('Hi', { attachments: ['https://cdn.example/a.jpg'] }),
			message('', { attachments: ['https://cdn.example/note.ogg'] }),
			message('are you there?', { createdAt: 'last' }),
		]);
		expect(payload).toMatchObject({
			text: 'Hi\nare you there?',
			attachments: ['https://cdn.example/a.jpg', 'https://cdn.example/note.ogg'],
			createdAt: 'last',
			contact: JANE,
		});
		expect((payload.messages as unknown[]).map((one) => (one as { text: string }).text)).toEqual([
			'Hi',
			'',
			'are you there?',
		]);
	});
});

describe('attachmentUrls', () => {
	it('links as strings or objects with a url; anything else is skipped', () => {
		expect(
			attachmentUrls({ attachments: [' https://a/1 ', { url: 'https://a/2' }, '', 3, null] }),
		).toEqual(['https://a/1', 'https://a/2']);
		expect(attachmentUrls({ attachments: 'https://a/1' })).toEqual([]);
	});
});

describe('joinBurst and awaitBurst', () => {
	it('the first message opens the burst, the next ones join it; the opener gets all of them once the window passed', async () => {
		const trigger = newTrigger();
		const sender = 'jane';
		const burst = joinBurst(trigger, sender, message('one'), Date.now());
		expect(burst).toBeDefined();
		const waited = awaitBurst(burst!, 100);
		expect(joinBurst(trigger, sender, message('two'), Date.now())).toBeUndefined();
		expect(joinBurst(trigger, 'somebody else', message('other'), Date.now())).toBeDefined();
		const messages = await waited;
		expect(messages.map((one) => one.payload.text)).toEqual(['one', 'two']);
		// Closed: the next message opens a new burst.
		expect(joinBurst(trigger, sender, message('three'), Date.now())).toBeDefined();
		releaseBursts(trigger);
	});

	it('each message restarts the window', async () => {
		const trigger = newTrigger();
		const started = Date.now();
		const burst = joinBurst(trigger, 'jane', message('one'), started)!;
		const waited = awaitBurst(burst, 150);
		await new Promise((resolve) => setTimeout(resolve, 100));
		joinBurst(trigger, 'jane', message('two'), Date.now());
		await waited;
		expect(Date.now() - started).toBeGreaterThanOrEqual(240);
	});

	it("releaseBursts (deactivation) starts a trigger's pending bursts at once, not other triggers'", async () => {
		const trigger = newTrigger();
		const other = newTrigger();
		const burst = joinBurst(trigger, 'jane', message('one'), Date.now())!;
		const otherBurst = joinBurst(other, 'jane', message('other'), Date.now())!;
		const waited = awaitBurst(burst, 60_000);
		expect(releaseBursts(trigger)).toBe(1);
		expect((await waited).map((one) => one.payload.text)).toEqual(['one']);
		expect(otherBurst.isClosed).toBe(false);
		releaseBursts(other);
		expect(otherBurst.isClosed).toBe(true);
	});
});
