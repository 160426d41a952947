/** Webhook deliveries: real, signed POSTs to a receiver, for the events Callbell would send. */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import {
	signWebhookBody,
	startEmulator,
	type CallbellEmulator,
	type EmulatorOptions,
} from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';

const SECRET = 'whsec_5WbX5kEWLlfzsGNjH64I8lOOqUB6e8FH';
const OK_BODY = '{"status":"ok","receiver":"n8n:test"}';

interface Received {
	headers: IncomingHttpHeaders;
	rawBody: string;
	body: any;
	receivedAt: number;
}

/** A tiny webhook receiver on 127.0.0.1: records every POST, answers 200 OK_BODY unless told otherwise. */
class Receiver {
	readonly received: Received[] = [];
	/** Answers for the next requests, in order; then 200 OK_BODY. */
	answers: Array<{ status: number; body: string; delayMs?: number }> = [];
	private server!: Server;
	url = '';

	async start(): Promise<this> {
		this.server = createServer((request, response) => {
			const chunks: Buffer[] = [];
			request.on('data', (chunk: Buffer) => chunks.push(chunk));
			request.on('end', () => {
				const rawBody = Buffer.concat(chunks).toString('utf8');
				this.received.push({
					headers: request.headers,
					rawBody,
					body: JSON.parse(rawBody),
					receivedAt: Date.now(),
				});
				const answer = this.answers.shift() ?? { status: 200, body: OK_BODY };
				setTimeout(
					() =>
						response
							.writeHead(answer.status, { 'content-type': 'application/json' })
							.end(answer.body),
					answer.delayMs ?? 0,
				);
			});
		});
		await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
		this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/webhook/callbell`;
		return this;
	}

	events(): string[] {
		return this.received.map((request) => request.body.event);
	}

	close(): Promise<void> {
		// Deliveries keep their connection alive: close those too, or close() waits for them to time out.
		this.server.closeAllConnections();
		return new Promise((resolve) => this.server.close(() => resolve()));
	}
}

let receiver: Receiver;
let emulator: CallbellEmulator;
const lines: string[] = [];

async function start(options: EmulatorOptions = {}): Promise<CallbellEmulator> {
	return startEmulator({
		allowLocalWebhookUrls: true,
		log: (line) => lines.push(line),
		...options,
	});
}

beforeEach(async () => {
	lines.length = 0;
	receiver = await new Receiver().start();
	emulator = await start();
});
afterEach(async () => {
	await emulator.webhookDeliveriesSettled();
	await emulator.close();
	await receiver.close();
});

async function callOn(target: CallbellEmulator, method: string, path: string, body?: unknown) {
	const response = await fetch(`${target.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	return { status: response.status, json: text === '' ? undefined : JSON.parse(text) };
}

const call = (method: string, path: string, body?: unknown) => callOn(emulator, method, path, body);
const subscribe = (subscriptions: string[], target = emulator) =>
	callOn(target, 'POST', '/v1/webhooks/subscribe', { url: receiver.url, subscriptions });
const JANE = `/v1/contacts/${IDS.contacts.jane}`;
const ALL_EVENTS = [
	'message_created',
	'message_status_updated',
	'contact_created',
	'contact_updated',
	'contact_deleted',
	'conversation_opened',
	'conversation_closed',
];

/** Verifies the header the way a receiver must: HMAC over `<t>.<raw body>`, constant-time compare left to the node. */
function verify(secret: string, header: unknown, rawBody: string): { t: number; valid: boolean } {
	const match = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(String(header));
	if (!match) return { t: NaN, valid: false };
	const expected = createHmac('sha256', secret).update(`${match[1]}.${rawBody}`).digest('hex');
	return { t: Number(match[1]), valid: expected === match[2] };
}

describe('signatures', () => {
	it('signs every delivery with X-Callbell-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>">', async () => {
		const signed = await start({ webhookSecret: SECRET });
		try {
			await subscribe(['contact_updated'], signed);
			await callOn(signed, 'PATCH', JANE, { name: 'Jane R.' });
			await signed.webhookDeliveriesSettled();
		} finally {
			await signed.close();
		}
		expect(receiver.received).toHaveLength(1);
		const [{ headers, rawBody }] = receiver.received;
		expect(headers['content-type']).toBe('application/json');
		const { t, valid } = verify(SECRET, headers['x-callbell-signature'], rawBody);
		expect(valid).toBe(true);
		expect(Math.abs(t - Date.now() / 1000)).toBeLessThan(5);
		expect(headers['x-callbell-signature']).toBe(signWebhookBody(SECRET, rawBody, t));
		// The whole secret is the key, and the exact bytes are signed.
		expect(
			verify(SECRET.slice('whsec_'.length), headers['x-callbell-signature'], rawBody).valid,
		).toBe(false);
		expect(
			verify(SECRET, headers['x-callbell-signature'], JSON.stringify(JSON.parse(rawBody), null, 1))
				.valid,
		).toBe(false);
		expect(lines.join('\n')).not.toContain(SECRET);
	});

	it('signWebhookBody is pure: the documented HMAC, hex', () => {
		expect(signWebhookBody('whsec_abc', '{"event":"x"}', 1767225600)).toBe(
			`t=1767225600,v1=${createHmac('sha256', 'whsec_abc').update('1767225600.{"event":"x"}').digest('hex')}`,
		);
		expect(signWebhookBody('whsec_abc', '{}', 1)).not.toBe(signWebhookBody('whsec_abd', '{}', 1));
	});

	it("sends no header without a secret; the admin endpoint turns signing on and off; reset keeps the option's secret", async () => {
		await subscribe(['contact_updated']);
		const patchAndSettle = async () => {
			await call('PATCH', JANE, { note: 'x' });
			await emulator.webhookDeliveriesSettled();
			return receiver.received.at(-1)!;
		};
		expect((await patchAndSettle()).headers).not.toHaveProperty('x-callbell-signature');

		const put = (body: object) =>
			fetch(`${emulator.url}/__emulator/webhook-secret`, {
				method: 'PUT',
				body: JSON.stringify(body),
			});
		expect(await (await put({ secret: SECRET })).json()).toEqual({ status: 'ok', signing: true });
		const signed = await patchAndSettle();
		expect(verify(SECRET, signed.headers['x-callbell-signature'], signed.rawBody).valid).toBe(true);

		const refused = await put({ secret: 'not-a-secret' });
		expect([refused.status, await refused.json()]).toEqual([
			422,
			{ errors: ['secret must be a string starting with whsec_, or null to turn signing off'] },
		]);
		expect(await (await put({ secret: null })).json()).toEqual({ status: 'ok', signing: false });
		expect((await patchAndSettle()).headers).not.toHaveProperty('x-callbell-signature');

		expect(() => emulator.setWebhookSecret('sk_live_x')).toThrow(
			'A webhook secret starts with whsec_',
		);
		emulator.setWebhookSecret(SECRET);
		emulator.reset();
		await subscribe(['contact_updated']);
		expect((await patchAndSettle()).headers).not.toHaveProperty('x-callbell-signature');
		await expect(startEmulator({ webhookSecret: 'secret' })).rejects.toThrow(
			'webhookSecret must start with whsec_',
		);
	});
});

describe('deliveries', () => {
	it("delivers only subscribed events, after the API has answered, and logs each with the receiver's answer", async () => {
		await subscribe(['contact_updated']);
		receiver.answers.push({ status: 200, body: OK_BODY, delayMs: 400 });
		expect(
			(
				await call('POST', '/v1/contacts', {
					identifier: '+4912345678',
					source: 'whatsapp',
					name: 'Neo',
				})
			).status,
		).toBe(201);
		await call('PATCH', JANE, { tags: ['vip'] });
		// Answered already; the slow receiver has not answered yet.
		expect(emulator.state.webhookEvents).toEqual([]);
		await emulator.webhookDeliveriesSettled();
		expect(receiver.events()).toEqual(['contact_updated']);
		const patch = emulator.requestsTo('PATCH', JANE)[0];
		expect(receiver.received[0].receivedAt).toBeGreaterThanOrEqual(patch.answeredAt);
		expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1/webhooks/subscribe',
			'POST /v1/contacts',
			`PATCH ${JANE}`,
		]);

		const logged = await call('GET', '/v1/webhooks/events?status=success&items=1&page=1');
		expect(logged.json.webhook_events).toEqual([
			{
				event: 'contact_updated',
				payload: expect.objectContaining({ uuid: IDS.contacts.jane, tags: ['vip'] }),
				response: OK_BODY,
				success: true,
				createdAt: expect.any(String),
			},
		]);
		expect(lines.filter((line) => line.startsWith('↪'))).toEqual([
			expect.stringMatching(/^↪ webhook contact_updated → 200 \(\d+ ms\)$/),
		]);
	});

	it('waits for deliveries over HTTP too: GET /__emulator/webhook-deliveries/settled', async () => {
		await subscribe(['contact_updated']);
		receiver.answers.push({ status: 200, body: OK_BODY, delayMs: 150 });
		await call('PATCH', JANE, { note: 'n' });
		const settled = await fetch(`${emulator.url}/__emulator/webhook-deliveries/settled`);
		expect(await settled.json()).toEqual({ status: 'ok' });
		expect(emulator.state.webhookEvents).toHaveLength(1);
	});

	it('retries a delivery that does not get a 2xx, signed again each time; the log keeps the last answer', async () => {
		const retrying = await start({
			webhookSecret: SECRET,
			webhookRetries: 2,
			webhookRetryDelayMs: 20,
		});
		try {
			await subscribe(['contact_updated'], retrying);
			receiver.answers.push({ status: 500, body: 'oops' }, { status: 503, body: 'busy' });
			await callOn(retrying, 'PATCH', JANE, { note: 'n' });
			await retrying.webhookDeliveriesSettled();
			expect(
				receiver.received.map(
					(request) =>
						verify(SECRET, request.headers['x-callbell-signature'], request.rawBody).valid,
				),
			).toEqual([true, true, true]);
			expect(new Set(receiver.received.map((request) => request.rawBody)).size).toBe(1);
			expect(retrying.state.webhookEvents).toEqual([
				expect.objectContaining({ event: 'contact_updated', response: OK_BODY, success: true }),
			]);
			expect(lines.filter((line) => line.startsWith('↪'))).toEqual([
				expect.stringMatching(
					/^↪ webhook contact_updated → 500 \(\d+ ms\), retry 1 of 2 in 20 ms$/,
				),
				expect.stringMatching(
					/^↪ webhook contact_updated → 503 \(\d+ ms\), retry 2 of 2 in 20 ms$/,
				),
				expect.stringMatching(/^↪ webhook contact_updated → 200 \(\d+ ms\)$/),
			]);

			receiver.answers.push(
				{ status: 500, body: 'down' },
				{ status: 500, body: 'down' },
				{ status: 500, body: 'still down' },
			);
			await callOn(retrying, 'PATCH', JANE, { note: 'm' });
			await retrying.webhookDeliveriesSettled();
			expect(receiver.received).toHaveLength(6);
			expect(
				(await callOn(retrying, 'GET', '/v1/webhooks/events?status=failed')).json.webhook_events,
			).toEqual([
				expect.objectContaining({
					event: 'contact_updated',
					response: 'still down',
					success: false,
				}),
			]);
		} finally {
			await retrying.close();
		}
	});

	it('does not retry by default, and a retry is signed with a new t', async () => {
		await subscribe(['contact_updated']);
		receiver.answers.push({ status: 500, body: 'oops' });
		await call('PATCH', JANE, { note: 'n' });
		await emulator.webhookDeliveriesSettled();
		expect(receiver.received).toHaveLength(1);
		expect(emulator.state.webhookEvents[0]).toMatchObject({ success: false, response: 'oops' });

		const slow = await start({
			webhookSecret: SECRET,
			webhookRetries: 1,
			webhookRetryDelayMs: 1100,
		});
		try {
			await subscribe(['contact_updated'], slow);
			receiver.answers.push({ status: 500, body: 'oops' });
			await callOn(slow, 'PATCH', JANE, { note: 'n' });
			await slow.webhookDeliveriesSettled();
			const [first, retry] = receiver.received
				.slice(1)
				.map((request) => verify(SECRET, request.headers['x-callbell-signature'], request.rawBody));
			expect([first.valid, retry.valid]).toEqual([true, true]);
			expect(retry.t).toBeGreaterThan(first.t);
		} finally {
			await slow.close();
		}
	});

	it('closing the emulator ends its deliveries: no retry waits behind it', async () => {
		const patient = await start({ webhookRetries: 3, webhookRetryDelayMs: 60_000 });
		await subscribe(['contact_updated'], patient);
		receiver.answers.push({ status: 500, body: 'oops' });
		await callOn(patient, 'PATCH', JANE, { note: 'n' });
		// Closed while the first attempt's retry waits (its answer read and logged), not while it is under way.
		while (!lines.some((line) => /→ 500 .*retry 1 of 3/.test(line)))
			await new Promise((resolve) => setTimeout(resolve, 5));
		await patient.close();
		await patient.webhookDeliveriesSettled();
		expect(receiver.received).toHaveLength(1);
		expect(patient.state.webhookEvents).toEqual([
			expect.objectContaining({ success: false, response: 'oops' }),
		]);
	});

	it('logs a receiver that does not answer as a failure', async () => {
		await subscribe(['contact_updated']);
		await receiver.close();
		const result = await emulator.emitWebhookEvent('contact_updated', { uuid: 'x' });
		expect(result.status).toBe(0);
		expect(emulator.state.webhookEvents).toEqual([
			expect.objectContaining({ success: false, response: result.body }),
		]);
		expect(lines.at(-1)).toMatch(/^↪ webhook contact_updated → no answer: .+ \(\d+ ms\)$/);
		receiver = await new Receiver().start();
	});

	it('a request whose answer is lost after Callbell did the work still has its event', async () => {
		await subscribe(['contact_updated']);
		emulator.injectFault({
			method: 'PATCH',
			path: JANE,
			status: 502,
			body: { error: 'Bad Gateway' },
			afterHandling: true,
		});
		expect((await call('PATCH', JANE, { name: 'Jane R.' })).status).toBe(502);
		emulator.injectFault({ method: 'PATCH', path: JANE, status: 503, body: { error: 'down' } });
		expect((await call('PATCH', JANE, { name: 'Jane S.' })).status).toBe(503);
		await emulator.webhookDeliveriesSettled();
		expect(receiver.received.map((request) => request.body.payload.name)).toEqual(['Jane R.']);
	});
});

describe('events happen on their own', () => {
	beforeEach(async () => {
		await subscribe(ALL_EVENTS);
	});

	async function delivered(): Promise<Array<{ event: string; payload: any }>> {
		await emulator.webhookDeliveriesSettled();
		return receiver.received.map((request) => request.body);
	}

	it('POST /messages/send → message_created (status sent), and contact_created for a new recipient', async () => {
		await call('POST', '/v1/messages/send', {
			to: '+39 123 456 7890',
			from: 'whatsapp',
			type: 'text',
			content: { text: 'Hello' },
			metadata: { crm: '42' },
		});
		const [created] = await delivered();
		expect(created).toEqual({
			event: 'message_created',
			payload: {
				to: '+391234567890',
				from: 'whatsapp',
				text: 'Hello',
				attachments: [],
				status: 'sent',
				channel: 'whatsapp',
				contact: expect.objectContaining({
					uuid: IDS.contacts.jane,
					name: 'Jane Doe',
					href: expect.any(String),
				}),
				createdAt: expect.any(String),
				metadata: { crm: '42' },
			},
		});
		await call('POST', '/v1/messages/send', {
			to: '447700900123',
			from: 'whatsapp',
			type: 'image',
			content: { url: 'https://example.com/a.png' },
		});
		const later = (await delivered()).slice(1);
		const contactCreated = later.find((event) => event.event === 'contact_created')!;
		const imageCreated = later.find((event) => event.event === 'message_created')!;
		expect(later).toHaveLength(2);
		expect(contactCreated).toEqual({
			event: 'contact_created',
			payload: expect.objectContaining({ phoneNumber: '+447700900123', source: 'whatsapp' }),
		});
		expect(imageCreated.payload).toMatchObject({
			attachments: ['https://example.com/a.png'],
			text: '',
			contact: { uuid: contactCreated.payload.uuid },
		});
		expect(imageCreated.payload).not.toHaveProperty('metadata');
	});

	it('contacts: created (the contact JSON), updated (tags too), deleted (uuid, deleted)', async () => {
		const created = await call('POST', '/v1/contacts', {
			identifier: '+4912345678',
			source: 'whatsapp',
			name: 'Neo',
		});
		const uuid = created.json.contact.uuid;
		await call('PATCH', `/v1/contacts/${uuid}`, { tags: ['lead'] });
		await call('DELETE', `/v1/contacts/${uuid}`);
		await call('PATCH', `/v1/contacts/${uuid}`, { tags: ['vip'] });
		const events = await delivered();
		expect(events.map((event) => event.event).sort()).toEqual([
			'contact_created',
			'contact_deleted',
			'contact_updated',
		]);
		const byName = Object.fromEntries(events.map((event) => [event.event, event.payload]));
		expect(byName.contact_created).toEqual(created.json.contact);
		expect(byName.contact_updated).toEqual({ ...created.json.contact, tags: ['lead'] });
		expect(byName.contact_deleted).toEqual({
			uuid,
			deleted: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
		});
	});

	it('conversations: closed (closedAt set), opened (closedAt null)', async () => {
		await call('POST', `${JANE}/conversation/close`);
		const [closed] = await delivered();
		await call('POST', `${JANE}/conversation/open`);
		const [, opened] = await delivered();
		expect(closed).toEqual({
			event: 'conversation_closed',
			payload: {
				source: 'whatsapp',
				href: `https://dash.callbell.eu/chat/${IDS.contacts.jane.slice(0, 8)}-whatsapp`,
				contact: expect.objectContaining({ uuid: IDS.contacts.jane }),
				createdAt: expect.any(String),
				closedAt: expect.any(String),
			},
		});
		expect(closed.payload.contact.closedAt).toBe(closed.payload.closedAt);
		expect(opened).toMatchObject({
			event: 'conversation_opened',
			payload: { closedAt: null, contact: { closedAt: null } },
		});
	});

	it('a failed request causes nothing', async () => {
		await call('PATCH', JANE, { tags: ['nope'] });
		await call('POST', '/v1/messages/send', {
			to: '+391234567890',
			from: 'fax',
			type: 'text',
			content: { text: 'x' },
		});
		await call('DELETE', `/v1/contacts/${'f'.repeat(32)}`);
		expect(await delivered()).toEqual([]);
	});
});

describe('admin: what contacts and channels do', () => {
	const admin = async (method: string, path: string, body?: object) => {
		const response = await fetch(`${emulator.url}/__emulator/${path}`, {
			method,
			body: body && JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as any };
	};

	it('POST /__emulator/incoming-message: Jane writes in (matched by digits) → message_created, status received', async () => {
		await subscribe(['message_created', 'contact_created']);
		const answer = await admin('POST', 'incoming-message', {
			from: '+39 123 456 7890',
			text: 'Is it on Telegram yet?',
		});
		expect(answer).toEqual({
			status: 200,
			json: {
				message: expect.objectContaining({
					text: 'Is it on Telegram yet?',
					status: 'received',
					from: '+391234567890',
					to: 'whatsapp',
				}),
				delivery: { status: 200, body: OK_BODY },
			},
		});
		expect(receiver.received.map((request) => request.body)).toEqual([
			{
				event: 'message_created',
				payload: {
					to: 'whatsapp',
					from: '+391234567890',
					text: 'Is it on Telegram yet?',
					attachments: [],
					status: 'received',
					channel: 'whatsapp',
					contact: expect.objectContaining({ uuid: IDS.contacts.jane }),
					createdAt: answer.json.message.createdAt,
				},
			},
		]);
		expect((await call('GET', `${JANE}/messages`)).json.messages[0]).toMatchObject({
			uuid: answer.json.message.uuid,
			status: 'received',
		});
		expect(lines).toContain(
			'✉ message from Jane Doe (+391234567890, whatsapp): "Is it on Telegram yet?"',
		);
	});

	it('an unknown number becomes a new contact; the input is checked', async () => {
		await subscribe(['message_created', 'contact_created']);
		const answer = await admin('POST', 'incoming-message', {
			from: '0049 30 1234567',
			text: 'Hallo',
		});
		await emulator.webhookDeliveriesSettled();
		expect(receiver.events().sort()).toEqual(['contact_created', 'message_created']);
		expect(emulator.state.contacts.at(-1)).toMatchObject({
			phoneNumber: '+0049301234567',
			source: 'whatsapp',
		});
		expect(answer.json.message.from).toBe('+0049301234567');
		expect(await admin('POST', 'incoming-message', { from: 'abc', channel: 'fax' })).toEqual({
			status: 422,
			json: {
				errors: [
					'channel must be one of whatsapp, instagram, facebook, telegram',
					'text is required',
				],
			},
		});
		expect((await admin('POST', 'incoming-message', { from: 'abc', text: 'x' })).json).toEqual({
			errors: ['from is not a valid phone number'],
		});
		expect(
			(
				await admin('POST', 'incoming-message', {
					from: 'john.ig',
					text: 'hey',
					channel: 'instagram',
				})
			).json.delivery,
		).toEqual({ status: 200, body: OK_BODY });
	});

	it('POST /__emulator/message-status: a sent message is read → message_status_updated', async () => {
		await subscribe(['message_status_updated']);
		const sent = await call('POST', '/v1/messages/send', {
			to: '+391234567890',
			from: 'whatsapp',
			type: 'text',
			content: { text: 'Hi' },
			metadata: { crm: '42' },
		});
		const uuid = sent.json.message.uuid;
		expect(await admin('POST', 'message-status', { uuid, status: 'read' })).toEqual({
			status: 200,
			json: {
				message: { uuid, status: 'read', messageStatusPayload: null },
				delivery: { status: 200, body: OK_BODY },
			},
		});
		await admin('POST', 'message-status', {
			uuid,
			status: 'failed',
			messageStatusPayload: { error: 'Re-engagement message' },
		});
		expect(receiver.received.map((request) => request.body)).toEqual([
			{
				event: 'message_status_updated',
				payload: {
					uuid,
					status: 'read',
					contact: expect.objectContaining({ uuid: IDS.contacts.jane }),
					metadata: { crm: '42' },
					messageStatusPayload: null,
				},
			},
			{
				event: 'message_status_updated',
				payload: expect.objectContaining({
					uuid,
					status: 'failed',
					messageStatusPayload: { error: 'Re-engagement message' },
				}),
			},
		]);
		expect((await call('GET', `/v1/messages/status/${uuid}`)).json.message).toMatchObject({
			status: 'failed',
			messageStatusPayload: { error: 'Re-engagement message' },
		});
		expect(
			await admin('POST', 'message-status', { uuid: IDS.messages.janeAsks, status: 'sending' }),
		).toEqual({
			status: 422,
			json: {
				errors: [
					'Only sent messages have a delivery status',
					'status must be one of delivered, read, failed',
				],
			},
		});
		expect(
			(await admin('POST', 'message-status', { uuid: 'f'.repeat(32), status: 'read' })).status,
		).toBe(404);
	});

	it("POST /__emulator/webhook-check: Callbell's connection check, a POST without an event", async () => {
		expect(await admin('POST', 'webhook-check')).toEqual({
			status: 404,
			json: { error: 'No webhook subscribed' },
		});
		await subscribe(['contact_updated']);
		emulator.setWebhookSecret(SECRET);
		receiver.answers.push({ status: 200, body: '{"status":"ok"}' });
		expect(await admin('POST', 'webhook-check')).toEqual({
			status: 200,
			json: { status: 200, body: '{"status":"ok"}' },
		});
		const [check] = receiver.received;
		expect(check.body).toEqual({});
		expect(verify(SECRET, check.headers['x-callbell-signature'], check.rawBody).valid).toBe(true);
		expect(emulator.state.webhookEvents).toEqual([]);
		receiver.answers.push({ status: 410, body: 'gone' });
		expect((await admin('POST', 'webhook-check')).json).toEqual({ status: 410, body: 'gone' });
	});

	it('POST /__emulator/webhook-events still delivers any event', async () => {
		await subscribe(['agent_status_updated']);
		expect(
			(
				await admin('POST', 'webhook-events', {
					event: 'agent_status_updated',
					payload: { email: 'bob@example.com' },
				})
			).json,
		).toEqual({ status: 200, body: OK_BODY });
		expect(
			(await admin('POST', 'webhook-events', { event: 'contact_updated', payload: {} })).json,
		).toEqual({ status: 0, body: 'not subscribed' });
		expect(receiver.received.map((request) => request.body)).toEqual([
			{ event: 'agent_status_updated', payload: { email: 'bob@example.com' } },
		]);
	});
});

describe('bots: media, retried deliveries, bursts', () => {
	const admin = async (path: string, body?: object) => {
		const response = await fetch(`${emulator.url}/__emulator/${path}`, {
			method: 'POST',
			body: body && JSON.stringify(body),
		});
		return { status: response.status, json: (await response.json()) as any };
	};
	const payloads = () => receiver.received.map((request) => request.body.payload);
	/** Signatures carry whole seconds: a re-delivery gets a new `t` only in the next second. */
	const nextSecond = () =>
		new Promise((resolve) => setTimeout(resolve, 1010 - (Date.now() % 1000)));

	it('a voice note without text: message_created carries its URL, text ""', async () => {
		await subscribe(['message_created']);
		const answer = await admin('incoming-message', {
			from: '+39 123 456 7890',
			attachments: ['voice-note.ogg'],
		});
		const voiceNote = emulator.attachmentUrl('voice-note.ogg');
		expect(answer.json.message).toMatchObject({ text: '', attachments: [voiceNote] });
		expect(payloads()).toEqual([
			expect.objectContaining({ text: '', attachments: [voiceNote], status: 'received' }),
		]);
		expect(lines).toContain(
			'✉ message from Jane Doe (+391234567890, whatsapp): "" + 1 attachment(s)',
		);
	});

	it('a photo with a caption, and a file on a foreign host kept as it is (emulator.receiveMessage)', async () => {
		await subscribe(['message_created']);
		const foreign = 'https://media.example.org/files/contract.pdf?sig=abc';
		const { message, delivery } = await emulator.receiveMessage({
			from: '+391234567890',
			text: 'Here you go',
			attachments: ['photo.jpg', foreign],
		});
		expect(delivery).toEqual({ status: 200, body: OK_BODY });
		expect(message.attachments).toEqual([`${emulator.url}/attachments/photo.jpg`, foreign]);
		expect(payloads()).toEqual([
			expect.objectContaining({ text: 'Here you go', attachments: message.attachments }),
		]);
	});

	it('attachments are checked: names of the served files or http(s) URLs', async () => {
		await subscribe(['message_created']);
		const count = emulator.state.messages.length;
		const choices = 'one of photo.jpg, voice-note.ogg, invoice.pdf or an http(s) URL';
		expect(
			await admin('incoming-message', {
				from: '+391234567890',
				attachments: ['photo.jpg', 'selfie.gif', 'ftp://example.org/a.pdf', 3],
			}),
		).toEqual({
			status: 422,
			json: {
				errors: [
					`attachments[1] must be ${choices}`,
					`attachments[2] must be ${choices}`,
					`attachments[3] must be ${choices}`,
				],
			},
		});
		expect(
			(await admin('incoming-message', { from: '+391234567890', attachments: 'photo.jpg' })).json,
		).toEqual({
			errors: [`attachments must be a list, each entry ${choices}`, 'text is required'],
		});
		expect(
			(await admin('incoming-message', { from: '+391234567890', attachments: [] })).json,
		).toEqual({ errors: ['text is required'] });
		await expect(
			emulator.receiveMessage({ from: '+391234567890', text: 7, attachments: ['photo.jpg'] }),
		).rejects.toMatchObject({ status: 422, body: { errors: ['text must be text'] } });
		expect(emulator.state.messages).toHaveLength(count);
		expect(receiver.received).toEqual([]);
	});

	it('POST /__emulator/webhook-redeliver: the last event again, the same bytes, signed with a new t', async () => {
		expect(await admin('webhook-redeliver')).toEqual({
			status: 404,
			json: { error: 'No event delivered yet, or no webhook subscribed' },
		});
		await subscribe(['message_created']);
		emulator.setWebhookSecret(SECRET);
		await admin('incoming-message', { from: '+391234567890', text: 'Book me in' });
		await nextSecond();
		receiver.answers.push({ status: 200, body: '{"status":"ok","duplicate":true}' });
		expect(await admin('webhook-redeliver')).toEqual({
			status: 200,
			json: { status: 200, body: '{"status":"ok","duplicate":true}' },
		});

		const [first, again] = receiver.received;
		expect(again.rawBody).toBe(first.rawBody);
		const signatures = [first, again].map((request) =>
			verify(SECRET, request.headers['x-callbell-signature'], request.rawBody),
		);
		expect(signatures.map(({ valid }) => valid)).toEqual([true, true]);
		expect(signatures[1].t).toBeGreaterThan(signatures[0].t);
		expect(emulator.state.webhookEvents.map(({ event, success }) => [event, success])).toEqual([
			['message_created', true],
			['message_created', true],
		]);
		expect(lines).toContainEqual(
			expect.stringMatching(/^↪ webhook message_created \(re-delivery\) → 200/),
		);

		receiver.answers.push({ status: 500, body: 'still down' });
		expect(await emulator.redeliverLastEvent()).toEqual({ status: 500, body: 'still down' });
		expect(receiver.received.map(({ rawBody }) => rawBody)).toEqual([
			first.rawBody,
			first.rawBody,
			first.rawBody,
		]);
		expect(emulator.state.webhookEvents.at(-1)).toMatchObject({
			success: false,
			response: 'still down',
		});
		emulator.reset();
		expect(await emulator.redeliverLastEvent()).toBeUndefined();
	});

	it('POST /__emulator/incoming-messages: a burst, delivered in order without waiting for answers', async () => {
		await subscribe(['message_created']);
		const slowMs = 500;
		receiver.answers.push(
			...[1, 2, 3].map(() => ({ status: 200, body: OK_BODY, delayMs: slowMs })),
		);
		const started = Date.now();
		const answer = await admin('incoming-messages', {
			from: '+39 123 456 7890',
			messages: [{ text: 'Hi' }, { text: 'I need a table' }, { attachments: ['photo.jpg'] }],
			intervalMs: 150,
		});
		const elapsed = Date.now() - started;

		expect(answer.status).toBe(200);
		expect(answer.json.messages.map((message: any) => message.text)).toEqual([
			'Hi',
			'I need a table',
			'',
		]);
		expect(answer.json.deliveries).toEqual([1, 2, 3].map(() => ({ status: 200, body: OK_BODY })));
		expect(payloads().map(({ text, attachments }) => [text, attachments])).toEqual([
			['Hi', []],
			['I need a table', []],
			['', [emulator.attachmentUrl('photo.jpg')]],
		]);
		const arrivals = receiver.received.map(({ receivedAt }) => receivedAt);
		// Each one started before the previous one was answered, yet some time after it.
		expect(arrivals[1]).toBeLessThan(arrivals[0] + slowMs);
		expect(arrivals[2]).toBeLessThan(arrivals[1] + slowMs);
		expect(arrivals[2] - arrivals[0]).toBeGreaterThanOrEqual(150);
		// The answer waited for the last delivery's.
		expect(elapsed).toBeGreaterThanOrEqual(2 * 150 + slowMs - 50);
	});

	it('a burst is checked whole: nothing is received or delivered before a mistake', async () => {
		await subscribe(['message_created']);
		const count = emulator.state.messages.length;
		expect(
			await admin('incoming-messages', {
				from: '+391234567890',
				messages: [{ text: 'fine' }, { text: ' ' }, 'hello', { attachments: ['nope.png'] }],
				intervalMs: 20_000,
			}),
		).toEqual({
			status: 422,
			json: {
				errors: [
					'messages[1]: text is required',
					'messages[2]: text is required',
					'messages[3]: attachments[0] must be one of photo.jpg, voice-note.ogg, invoice.pdf or an http(s) URL',
					'intervalMs must be a whole number of milliseconds from 0 to 10000',
				],
			},
		});
		expect((await admin('incoming-messages', { from: 'abc', messages: [] })).json).toEqual({
			errors: [
				'from is not a valid phone number',
				'messages must be a list of 1 to 50 {text?, attachments?}',
			],
		});
		expect(emulator.state.messages).toHaveLength(count);
		expect(receiver.received).toEqual([]);
	});

	it('emulator.receiveMessages: a burst from a new contact, on another channel, 0 ms apart', async () => {
		await subscribe(['message_created', 'contact_created']);
		const { messages, deliveries } = await emulator.receiveMessages({
			from: 'new.fan',
			channel: 'instagram',
			messages: [{ text: 'a' }, { text: 'b' }],
			intervalMs: 0,
		});
		await emulator.webhookDeliveriesSettled();
		expect(messages.map(({ text }) => text)).toEqual(['a', 'b']);
		expect(deliveries.map(({ status }) => status)).toEqual([200, 200]);
		// One new contact: the first message created it, the second found it.
		const created = receiver.received.filter(({ body }) => body.event === 'contact_created');
		expect(created).toHaveLength(1);
		const contactUuid = created[0].body.payload.uuid;
		expect(
			receiver.received
				.filter(({ body }) => body.event === 'message_created')
				.map(({ body }) => [body.payload.text, body.payload.contact.uuid])
				// 0 ms apart, two connections: either may arrive first.
				.sort(),
		).toEqual([
			['a', contactUuid],
			['b', contactUuid],
		]);
	});
});
