/**
 * Callbell Trigger receiving Callbell's requests, through n8n-core's WebhookContext: which
 * requests start the workflow and with what items, what each is answered, and how signatures
 * (X-Callbell-Signature over the raw body) are checked when the credential has a signing secret.
 */
import { TEST_TOKEN } from '../../dev/emulator/seed';
import { recordLogs, shutdownHarness, triggerUnderTest, type WebhookRequest } from '../harness';
import { SECRET, TRIGGER, callbellTrigger, incoming, signed } from './fixtures';

const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

afterAll(async () => await shutdownHarness());

const trigger = (parameters = {}, webhookSecret?: string) =>
	callbellTrigger(parameters, { webhookSecret });

const messageCreated = { event: 'message_created', payload: incoming };

describe('what starts the workflow', () => {
	it("a selected event: one item { event, payload, receivedAt }, answered 200 with this node's receiver mark", async () => {
		const node = await trigger();
		const answer = await node.receive({ body: messageCreated });

		expect(answer.status).toBe(200);
		expect(answer.body).toEqual({
			status: 'ok',
			receiver: expect.stringMatching(/^n8n:[0-9a-f]{16}$/),
		});
		expect(answer.items).toEqual([
			{ event: 'message_created', payload: incoming, receivedAt: expect.stringMatching(ISO_DATE) },
		]);
	});

	it('a payload that is not an object stays under payload, so the item is still an object', async () => {
		const node = await trigger({ options: { outputPayloadOnly: true } });
		expect(
			(await node.receive({ body: { event: 'contact_created', payload: 'c1' } })).items,
		).toEqual([{ payload: 'c1' }]);
	});

	it('Output Payload Only: the payload itself', async () => {
		const node = await trigger({ options: { outputPayloadOnly: true } });
		const answer = await node.receive({
			body: { event: 'contact_created', payload: { uuid: 'c1', name: 'Luca' } },
		});
		expect(answer.items).toEqual([{ uuid: 'c1', name: 'Luca' }]);
	});

	it("Callbell's connection check (no event): 200 with status ok, nothing started", async () => {
		const node = await trigger();
		const answer = await node.receive({ body: {} });
		expect(answer).toEqual({
			status: 200,
			body: { status: 'ok', receiver: expect.any(String) },
			items: undefined,
		});
	});

	it('an event not selected: 200, nothing started', async () => {
		const node = await trigger();
		const answer = await node.receive({ body: { event: 'conversation_closed', payload: {} } });
		expect(answer).toEqual({
			status: 200,
			body: { status: 'ok', receiver: expect.any(String), ignored: 'conversation_closed' },
			items: undefined,
		});
	});

	it('a message the account sent: ignored by default (Only Incoming Messages), started when turned off', async () => {
		const sent = { event: 'message_created', payload: { ...incoming, status: 'sent' } };
		expect((await (await trigger()).receive({ body: sent })).items).toBeUndefined();
		expect(
			(await (await trigger({ options: { onlyIncoming: false } })).receive({ body: sent })).items,
		).toHaveLength(1);
	});

	it('Skip Assigned Conversations: a message of a conversation a person took over starts nothing; unassigned ones still do', async () => {
		const taken = {
			event: 'message_created',
			payload: { ...incoming, contact: { ...incoming.contact, assignedUser: 'bob@example.com' } },
		};
		const node = await trigger({ options: { skipAssigned: true } });
		const answer = await node.receive({ body: taken });
		expect(answer).toEqual({
			status: 200,
			body: { status: 'ok', receiver: expect.any(String), ignored: 'assigned conversation' },
			items: undefined,
		});
		expect((await node.receive({ body: messageCreated })).items).toHaveLength(1);
		// Off by default: a workflow saved before the option keeps starting.
		expect((await (await trigger()).receive({ body: taken })).items).toHaveLength(1);
	});

	it.each<[string, string | object, string]>([
		['a body that is not JSON', '{"event": "message_created", ', 'The body is not JSON'],
		['a JSON list', '[1, 2]', 'The body is not a JSON object'],
		['an event that is not a name', { event: 42, payload: {} }, 'The event is not a name'],
	])('%s: 400, nothing started', async (_label, body, message) => {
		const node = await trigger();
		const answer = await node.receive({ body });
		expect(answer).toEqual({
			status: 400,
			body: { status: 'error', message, receiver: expect.any(String) },
		});
	});

	it('the receiver mark is the same for every answer of one node, and differs between workflows', async () => {
		const first = await trigger();
		const again = await first.receive({ body: {} });
		const other = await triggerUnderTest({
			nodeType: TRIGGER,
			parameters: { events: ['message_created'] },
			credentials: { apiToken: TEST_TOKEN, baseUrl: 'http://127.0.0.1:9/v1' },
			webhookBaseUrl: 'https://n8n.example.com/webhook',
			workflowId: 'wfAnotherOne0001',
		});
		const mark = (answer: { body: unknown }) => (answer.body as { receiver: string }).receiver;
		expect(mark(await first.receive({ body: messageCreated }))).toBe(mark(again));
		expect(mark(await other.receive({ body: {} }))).not.toBe(mark(again));
	});
});

describe('signatures (credential with a signing secret)', () => {
	// Spacing and escapes that re-serialised JSON would not reproduce: the raw bytes are what count.
	const body =
		'{"event":"message_created",  "payload": {"text": "Ciao \\u00e8 \u00e8", "status": "received"}}';

	it('a valid signature over the raw bytes: started', async () => {
		const node = await trigger({}, SECRET);
		const answer = await node.receive(signed(body));
		expect(answer.status).toBe(200);
		expect(answer.items).toEqual([
			{
				event: 'message_created',
				payload: { text: 'Ciao è è', status: 'received' },
				receivedAt: expect.any(String),
			},
		]);
	});

	it('a connection check must be signed too', async () => {
		const node = await trigger({}, SECRET);
		expect((await node.receive(signed('{}'))).status).toBe(200);
		expect((await node.receive({ body: '{}' })).status).toBe(401);
	});

	it('several v1 (while the secret is rotated): one valid is enough', async () => {
		const node = await trigger({}, SECRET);
		const request = signed(body);
		const header = request.headers!['X-Callbell-Signature'];
		request.headers = {
			'x-callbell-signature': header.replace(',v1=', `,v1=${'0'.repeat(64)},v1=`),
		};
		expect((await node.receive(request)).status).toBe(200);
	});

	let warnings: ReturnType<typeof recordLogs> | undefined;
	beforeEach(() => (warnings = recordLogs('warn')));
	afterEach(() => warnings?.stop());

	it.each<[string, () => WebhookRequest, string]>([
		[
			'signed with another secret',
			() => signed(body, { secret: 'whsec_rotated_away' }),
			'Invalid signature: a signature that does not match the body',
		],
		[
			'an altered body',
			() => signed(body, { alter: (text) => text.replace('Ciao', 'Hack') }),
			'Invalid signature: a signature that does not match the body',
		],
		[
			'a t more than 5 minutes old',
			() => signed(body, { t: Math.floor(Date.now() / 1000) - 301 }),
			'Invalid signature: a signature more than 5 minutes old (or ahead)',
		],
		[
			'a t more than 5 minutes ahead',
			() => signed(body, { t: Math.floor(Date.now() / 1000) + 301 }),
			'Invalid signature: a signature more than 5 minutes old (or ahead)',
		],
		['no header', () => ({ body }), 'Invalid signature: no X-Callbell-Signature header'],
		[
			'a header without v1',
			() => ({ body, headers: { 'X-Callbell-Signature': `t=${Math.floor(Date.now() / 1000)}` } }),
			'Invalid signature: a malformed X-Callbell-Signature header',
		],
		[
			"a header in another service's format",
			() => ({ body, headers: { 'X-Callbell-Signature': 'sha256=abc' } }),
			'Invalid signature: a malformed X-Callbell-Signature header',
		],
		[
			'a header of garbage',
			() => ({ body, headers: { 'X-Callbell-Signature': 'garbage' } }),
			'Invalid signature: a malformed X-Callbell-Signature header',
		],
		[
			'a t that is not a number',
			() => ({ body, headers: { 'X-Callbell-Signature': `t=yesterday,v1=${'a'.repeat(64)}` } }),
			'Invalid signature: a malformed X-Callbell-Signature header',
		],
		[
			'a v1 of the wrong length',
			() => ({
				body,
				headers: { 'X-Callbell-Signature': `t=${Math.floor(Date.now() / 1000)},v1=abc` },
			}),
			'Invalid signature: a signature that does not match the body',
		],
		[
			'no raw body kept by n8n',
			() => ({ ...signed(body), withoutRawBody: true }),
			'Invalid signature: no raw body from n8n to check the signature against',
		],
	])("%s: 401, nothing started, the reason in n8n's log only", async (_label, request, logged) => {
		const node = await trigger({}, SECRET);
		const answer = await node.receive(request());
		expect(answer).toEqual({
			status: 401,
			body: { status: 'error', message: 'Invalid signature', receiver: expect.any(String) },
		});
		expect(warnings?.lines).toEqual([
			logged.replace('Invalid signature: ', 'Callbell Trigger: refused a request with '),
		]);
	});

	it('without a secret in the credential, unsigned requests are accepted', async () => {
		const node = await trigger();
		expect((await node.receive({ body })).items).toHaveLength(1);
	});

	it('without a secret, a request n8n kept no raw bytes of is read from its parsed body', async () => {
		const node = await trigger();
		const answer = await node.receive({ body: messageCreated, withoutRawBody: true });
		expect(answer.items).toEqual([
			{ event: 'message_created', payload: incoming, receivedAt: expect.any(String) },
		]);
	});
});
