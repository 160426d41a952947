/**
 * End-to-end: the *built* package inside the real n8n (installed into .cache/ by globalSetup),
 * against the Callbell emulator running in this process.
 *
 * - CLI: `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id --rawOutput`.
 * - Server: `n8n start`, owner setup, login, `POST /rest/credentials/test`, activating and
 *   deactivating the Callbell Trigger's workflow while the emulator delivers signed events.
 *
 * Versions: CALLBELL_E2E_N8N = 1 (default) | 2 | all; see dev/n8n/versions.ts.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';

import { startEmulator } from '../../dev/emulator';
import { IDS, JANE_PHONE, TEST_TOKEN } from '../../dev/emulator/seed';
import {
	BAD_CREDENTIAL_ID,
	CALLBELL_NODE_NAME,
	callbellCredential,
	CONTINUE_ON_FAIL_WORKFLOW_FILE,
	CONTINUE_ON_FAIL_WORKFLOW_ID,
	CREDENTIAL_ID,
	DEMO_WORKFLOW_FILE,
	DEMO_WORKFLOW_ID,
	loadWorkflow,
	PHONE_DEMO_WORKFLOW_FILE,
	DEAL_WON_WORKFLOW_FILE,
	DEAL_WON_WORKFLOW_ID,
	SEND_TEMPLATE_NODE_NAME,
	PHONE_DEMO_WORKFLOW_ID,
	AUTO_REPLY_WORKFLOW_FILE,
	AUTO_REPLY_WORKFLOW_ID,
	EMULATOR_WEBHOOK_SECRET,
} from '../../dev/fixtures';
import { ensureN8n } from '../../dev/n8n/install';
import { nodeItems, nodeOutput, type N8nRun } from '../../dev/n8n/executeOutput';
import { N8nInstance } from '../../dev/n8n/instance';
import type { N8nServer } from '../../dev/n8n/server';
import { parseTargetSelection, type N8nTarget } from '../../dev/n8n/versions';
import { Phases } from '../../dev/timing';
import {
	ANSWERED_THEN_IGNORED,
	AUTO_REPLY_TO_JANE,
	deliveryAnswers,
	postForgedMessage,
} from './autoReply';
import { waitFor } from './waitFor';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Recorded = Emulator['requests'][number];

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const UNKNOWN_CONTACT = 'ffffffffffffffffffffffffffffffff';
const WELCOME_TEMPLATE = IDS.templates.welcome;
const OWNER = {
	email: 'e2e@callbell.local',
	firstName: 'E2E',
	lastName: 'Tester',
	password: 'Callbell-e2e-1',
};
/** An execution's statuses once it ended (before: `new`, then `running`). */
const FINISHED = ['success', 'error', 'crashed', 'canceled'];
/** The auto-reply demo's trigger options: a message's run starts this long after the last message of its burst. */
const BURST_WINDOW_MS = 3_000;

/** What the demo workflow's expressions must turn each lead into (see the fixture's leads). */
const JANE_PATCH = {
	tags: ['lead', 'vip'],
	custom_fields: {
		Company: 'Acme Corp',
		'Work Email': 'jane.doe@acme.example',
		Budget: '15000',
		Plan: 'Enterprise',
		Interests: ['WhatsApp', 'Instagram'],
	},
	assigned_user: 'alice@example.com',
	note: 'From the CRM (LEAD-1042, Website form), stage Qualified: Wants a demo of the shared WhatsApp inbox for 12 agents.',
};
const JOHN_PATCH = {
	tags: ['lead'],
	custom_fields: {
		Company: 'Smith & Sons',
		'Work Email': 'john@smithandsons.example',
		Budget: '2400',
		Plan: 'Pro',
		Interests: ['WhatsApp'],
	},
	assigned_user: 'bob@example.com',
	note: 'From the CRM (LEAD-1043, Trade fair), stage New: Asked for pricing.',
};
const MARIA_PATCH = {
	tags: ['lead', 'vip'],
	custom_fields: {
		Company: 'Rossi Interiors',
		'Work Email': 'maria@rossi-interiors.example',
		Budget: '32000',
		Plan: 'Enterprise',
		Interests: ['Instagram', 'Telegram'],
	},
	assigned_user: 'alice@example.com',
	note: 'From the CRM (LEAD-1044, Referral), stage Proposal sent: Wants Instagram and Telegram in one inbox for 3 stores.',
};

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

/** Requests the emulator received since `from`, without its admin endpoints. */
function apiRequestsSince(emulator: Emulator, from: number): Recorded[] {
	return emulator.requests.slice(from).filter((r) => !r.path.startsWith('/__emulator'));
}

/** "METHOD /path → status" of each request, sorted: a node's items run side by side, so only the set is certain. */
function inAnyItemOrder(requests: Recorded[]): string[] {
	return requests.map((r) => `${r.method} ${r.path} → ${r.status}`).sort();
}

/** The body of the one request with this method and path. */
function bodyOf(requests: Recorded[], method: string, path: string): unknown {
	const matching = requests.filter((r) => r.method === method && r.path === path);
	expect(matching).toHaveLength(1);
	return matching[0].body;
}

function describeRequests(requests: Recorded[]): string {
	return requests.map((r) => `${r.method} ${r.path} → ${r.status}`).join('\n') || '(none)';
}

/** The emulator's admin API (what `npm run dev` users call with curl). */
async function emulatorAdmin(emulator: Emulator, path: string, body: unknown): Promise<unknown> {
	const response = await fetch(`${emulator.url}/__emulator${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`POST /__emulator${path} → ${response.status}: ${await response.text()}`);
	return await response.json();
}

/** Callbell's API as another tool on the same account uses it. */
async function emulatorApi(
	emulator: Emulator,
	method: string,
	path: string,
	body: unknown,
): Promise<void> {
	const response = await fetch(`${emulator.baseUrl}${path}`, {
		method,
		headers: { authorization: `Bearer ${TEST_TOKEN}`, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`${method} ${path} → ${response.status}: ${await response.text()}`);
}

/** Another tool's webhook receiver: answers 200 without n8n's receiver mark, records the events. */
async function startReceiver(): Promise<{
	url: string;
	received: string[];
	close(): Promise<void>;
}> {
	const received: string[] = [];
	const receiver = createServer((request, response) => {
		let body = '';
		request.on('data', (chunk: Buffer) => (body += chunk.toString()));
		request.on('end', () => {
			received.push(String((JSON.parse(body || '{}') as { event?: string }).event));
			response.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
		});
	});
	await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
	const { port } = receiver.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/hooks/zap`,
		received,
		close: () => new Promise((resolve) => receiver.close(() => resolve())),
	};
}

describe.each(
	targets.map((t): [string, N8nTarget] => [`n8n ${t.n8nVersion} on Node ${t.node.major}`, t]),
)('%s', (_label, target) => {
	const phases = new Phases(`[e2e n8n ${target.n8nVersion}] `, log);
	let emulator: Emulator;
	let instance: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		const install = await phases.run('n8n from the cache', () =>
			ensureN8n(target, { phases, log }),
		);
		emulator = await phases.run('start the emulator (test seed)', () =>
			// n8n's webhook URL is on 127.0.0.1, which real Callbell would refuse.
			startEmulator({
				seed: 'test',
				token: TEST_TOKEN,
				allowLocalWebhookUrls: true,
				webhookSecret: EMULATOR_WEBHOOK_SECRET,
			}),
		);
		instance = await phases.run('user folder + package link', () =>
			N8nInstance.create({ install, log, blockOutbound: true }),
		);
		await phases.run('n8n import:credentials', () =>
			instance.cli.importCredentials([
				callbellCredential({
					baseUrl: emulator.baseUrl,
					apiToken: TEST_TOKEN,
					webhookSecret: EMULATOR_WEBHOOK_SECRET,
				}),
				callbellCredential({
					id: BAD_CREDENTIAL_ID,
					name: 'Callbell (wrong token)',
					baseUrl: emulator.baseUrl,
					apiToken: 'cb_test_NOT_A_REAL_TOKEN',
				}),
			]),
		);
		await phases.run('n8n import:workflow', () =>
			instance.cli.importWorkflows([
				loadWorkflow(DEMO_WORKFLOW_FILE),
				loadWorkflow(PHONE_DEMO_WORKFLOW_FILE),
				loadWorkflow(DEAL_WON_WORKFLOW_FILE),
				loadWorkflow(CONTINUE_ON_FAIL_WORKFLOW_FILE),
				loadWorkflow(AUTO_REPLY_WORKFLOW_FILE),
			]),
		);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await emulator?.close();
		log(phases.summary(`Timings, n8n ${target.n8nVersion} on Node ${target.node.major}`));
	}, 60_000);

	beforeEach(() => {
		emulator.reset();
	});

	/** The server the credential test started (or a new one when a test runs alone), logged in. */
	async function loggedInServer(): Promise<N8nServer> {
		server ??= await phases.run('n8n start (server ready)', () => instance.startServer());
		await server.ensureOwner(OWNER);
		return server;
	}

	test('update-contact workflow: expressions over several items → one PATCH per item, the updated contacts out', async () => {
		const from = emulator.requests.length;
		const run: N8nRun = await phases.run('n8n execute: update-contact workflow', () =>
			instance.cli.executeOrThrow(DEMO_WORKFLOW_ID),
		);
		const requests = apiRequestsSince(emulator, from);

		// Exactly one PATCH per lead, with the bodies the expressions give.
		expect(inAnyItemOrder(requests)).toEqual(
			[
				`PATCH /v1/contacts/${JANE} → 200`,
				`PATCH /v1/contacts/${JOHN} → 200`,
				`PATCH /v1/contacts/${MARIA} → 200`,
			].sort(),
		);
		expect(bodyOf(requests, 'PATCH', `/v1/contacts/${JANE}`)).toEqual(JANE_PATCH);
		expect(bodyOf(requests, 'PATCH', `/v1/contacts/${JOHN}`)).toEqual(JOHN_PATCH);
		expect(bodyOf(requests, 'PATCH', `/v1/contacts/${MARIA}`)).toEqual(MARIA_PATCH);
		for (const request of requests) {
			expect(request.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
			expect(String(request.headers['content-type'])).toMatch(/^application\/json/);
		}

		// The node puts out the updated contacts (simplified), one per input item.
		const output = nodeOutput(run, CALLBELL_NODE_NAME);
		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({
			uuid: JANE,
			tags: ['lead', 'vip'],
			customFields: expect.objectContaining({
				Company: 'Acme Corp',
				'Work Email': 'jane.doe@acme.example',
				Plan: 'Enterprise',
			}),
			note: JANE_PATCH.note,
		});
		expect(output[1]).toMatchObject({
			uuid: JOHN,
			tags: ['lead'],
			customFields: expect.objectContaining({ Company: 'Smith & Sons', Plan: 'Pro' }),
			note: JOHN_PATCH.note,
		});
		expect(output[2]).toMatchObject({ uuid: MARIA, tags: ['lead', 'vip'], note: MARIA_PATCH.note });
		expect(output[0].assignedUser).toBe('alice@example.com');
		expect(output[1].assignedUser).toBe('bob@example.com');
	});

	test('upsert-by-phone workflow: CRM phone formats → lookup, update or create, add tags, open, note', async () => {
		const from = emulator.requests.length;
		const run = await phases.run('n8n execute: upsert-by-phone workflow', () =>
			instance.cli.executeOrThrow(PHONE_DEMO_WORKFLOW_ID),
		);
		const requests = apiRequestsSince(emulator, from);
		const luca = emulator.state.contacts.find((contact) => contact.phoneNumber === '+393470001111');
		expect(luca).toBeDefined();
		const LUCA = luca!.uuid;

		// Each node runs over both leads before the next node starts; a node's leads run side by side.
		const byNode = [
			requests.slice(0, 4),
			requests.slice(4, 8),
			requests.slice(8, 10),
			requests.slice(10),
		];
		expect(byNode.map(inAnyItemOrder)).toEqual([
			[
				`GET /v1/contacts/phone/393331112222 → 200`,
				`PATCH /v1/contacts/${MARIA} → 200`,
				`GET /v1/contacts/phone/393470001111 → 404`,
				`POST /v1/contacts → 201`,
			].sort(),
			[
				`GET /v1/contacts/${MARIA} → 200`,
				`PATCH /v1/contacts/${MARIA} → 200`,
				`GET /v1/contacts/${LUCA} → 200`,
				`PATCH /v1/contacts/${LUCA} → 200`,
			].sort(),
			[
				`POST /v1/contacts/${MARIA}/conversation/open → 200`,
				`POST /v1/contacts/${LUCA}/conversation/open → 200`,
			].sort(),
			[
				`POST /v1/contacts/${MARIA}/conversation/note → 200`,
				`POST /v1/contacts/${LUCA}/conversation/note → 200`,
			].sort(),
		]);
		expect(requests).toHaveLength(12);
		expect(bodyOf(requests, 'POST', '/v1/contacts')).toEqual({
			identifier: '+393470001111',
			source: 'whatsapp',
			name: 'Luca Bianchi',
			assigned_user: 'bob@example.com',
			custom_fields: { Company: 'Bianchi Trasporti', Budget: '4800' },
		});
		// Maria keeps her tags: lead is added, vip she already has.
		expect(bodyOf(byNode[1], 'PATCH', `/v1/contacts/${MARIA}`)).toEqual({
			tags: ['customer', 'vip', 'lead'],
		});
		expect(bodyOf(byNode[1], 'PATCH', `/v1/contacts/${LUCA}`)).toEqual({ tags: ['lead'] });
		expect(bodyOf(requests, 'POST', `/v1/contacts/${LUCA}/conversation/note`)).toEqual({
			text: 'New contact from the CRM (LEAD-2002): Website form: 5 agents, WhatsApp only.',
		});

		expect(
			nodeOutput(run, 'Create or update Callbell contact').map((contact) => [
				contact.uuid,
				contact.created,
			]),
		).toEqual([
			[MARIA, false],
			[LUCA, true],
		]);
		expect(nodeOutput(run, 'Add a note for the team')).toEqual([
			{
				success: true,
				contactUuid: MARIA,
				text: 'Known contact from the CRM (LEAD-2001): Back after the trade fair: wants Instagram in the same inbox.',
			},
			{
				success: true,
				contactUuid: LUCA,
				text: 'New contact from the CRM (LEAD-2002): Website form: 5 agents, WhatsApp only.',
			},
		]);
	});

	test('deal-won workflow: one WhatsApp template per won deal (opt-in, variable, deal id in metadata), then its status', async () => {
		const from = emulator.requests.length;
		const run = await phases.run('n8n execute: deal-won workflow', () =>
			instance.cli.executeOrThrow(DEAL_WON_WORKFLOW_ID),
		);
		const requests = apiRequestsSince(emulator, from);

		const sends = requests.filter((request) => request.path === '/v1/messages/send');
		expect(sends.map((request) => `${request.method} → ${request.status}`)).toEqual([
			'POST → 200',
			'POST → 200',
		]);
		const template = (to: string, firstName: string, dealId: string) => ({
			to,
			from: 'whatsapp',
			type: 'text',
			content: { text: firstName },
			template_uuid: WELCOME_TEMPLATE,
			optin_contact: true,
			template_values: [firstName],
			metadata: { deal_id: dealId },
		});
		expect(sends.map((request) => request.body)).toEqual(
			expect.arrayContaining([
				template('+391234567890', 'Jane', 'D-1042'),
				template('+393331112222', 'Maria', 'D-1043'),
			]),
		);
		expect(requests).toHaveLength(4);

		const sent = nodeOutput(run, SEND_TEMPLATE_NODE_NAME);
		expect(sent).toEqual([
			{ uuid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'enqueued' },
			{ uuid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'enqueued' },
		]);
		expect(inAnyItemOrder(requests.slice(2))).toEqual(
			sent.map((message) => `GET /v1/messages/status/${String(message.uuid)} → 200`).sort(),
		);
		expect(nodeOutput(run, 'Check the message status')).toEqual([
			{
				uuid: sent[0].uuid,
				status: 'enqueued',
				messageStatusPayload: null,
				metadata: { deal_id: 'D-1042' },
			},
			{
				uuid: sent[1].uuid,
				status: 'enqueued',
				messageStatusPayload: null,
				metadata: { deal_id: 'D-1043' },
			},
		]);
		// What Jane and Maria receive: the template with their first name.
		const received = emulator.state.messages
			.filter((message) => message.status === 'enqueued')
			.map((message) => message.text);
		expect(received.sort()).toEqual([
			'Hello Jane, thanks for reaching out!',
			'Hello Maria, thanks for reaching out!',
		]);
	});

	test('continue on fail: a failing item becomes an error item, the items after it are still sent', async () => {
		const from = emulator.requests.length;
		const run = await phases.run('n8n execute: continue-on-fail workflow', () =>
			instance.cli.executeOrThrow(CONTINUE_ON_FAIL_WORKFLOW_ID),
		);
		const requests = apiRequestsSince(emulator, from);
		expect(inAnyItemOrder(requests)).toEqual(
			[
				`PATCH /v1/contacts/${JANE} → 200`,
				`PATCH /v1/contacts/${UNKNOWN_CONTACT} → 404`,
				`PATCH /v1/contacts/${JOHN} → 200`,
			].sort(),
		);
		expect(bodyOf(requests, 'PATCH', `/v1/contacts/${JOHN}`)).toEqual(JOHN_PATCH);

		const output = nodeOutput(run, CALLBELL_NODE_NAME);
		// As many items out as in, in order: the error item sits where its input item was.
		expect(output).toHaveLength(3);
		expect(output[0]).toMatchObject({ uuid: JANE });
		expect(output[1]).toEqual(
			expect.objectContaining({
				error: 'Callbell answered 404: Contact not found [item 1]',
				httpCode: '404',
			}),
		);
		expect(output[1]).not.toHaveProperty('uuid');
		expect(output[2]).toMatchObject({ uuid: JOHN, tags: ['lead'] });
		expect(run.data.resultData.error).toBeUndefined();
	});

	test('credential test through the REST API: the right token passes, a wrong one says the token is invalid', async () => {
		server = await phases.run('n8n start (server ready)', () => instance.startServer());
		await phases.run('owner setup + login', () => server!.ensureOwner(OWNER));
		const from = emulator.requests.length;

		const good = await phases.run('credential test: right token', () =>
			server!.testCredential(CREDENTIAL_ID),
		);
		expect(good).toEqual(expect.objectContaining({ status: 'OK' }));

		const bad = await phases.run('credential test: wrong token', () =>
			server!.testCredential(BAD_CREDENTIAL_ID),
		);
		expect(bad.status).toBe('Error');
		expect(bad.message).toMatch(/token is invalid/i);

		// The same credential with the token typed anew in the dialog (the editor sends it along).
		const typed = await server!.testCredential(CREDENTIAL_ID, { apiToken: 'cb_test_TYPO' });
		expect(typed.status).toBe('Error');
		expect(typed.message).toMatch(/token is invalid/i);

		const requests = apiRequestsSince(emulator, from);
		const summary = describeRequests(requests);
		expect(requests.length).toBeGreaterThanOrEqual(3);
		expect(requests.every((r) => r.method === 'GET' && r.path === '/v1/auth/me')).toBe(true);
		expect(requests.map((r) => r.headers.authorization)).toEqual(
			expect.arrayContaining([
				`Bearer ${TEST_TOKEN}`,
				'Bearer cb_test_NOT_A_REAL_TOKEN',
				'Bearer cb_test_TYPO',
			]),
		);
		expect(summary).toContain('→ 200');
		expect(summary).toContain('→ 401');
	});

	test('Callbell Trigger: activation subscribes, a signed incoming message runs the workflow, a forged one is refused, deactivation unsubscribes, a foreign registration is left alone', async () => {
		const n8n = await loggedInServer();

		await phases.run('activate the auto-reply workflow', () =>
			n8n.activateWorkflow(AUTO_REPLY_WORKFLOW_ID),
		);
		const webhookUrl = `${n8n.url}/webhook/5c0ffee0-0000-4000-8000-000000000301/webhook`;
		// n8n 2.x registers an activated workflow's webhooks just after answering.
		await waitFor('the subscription', () => emulator.state.webhook !== null);
		expect(emulator.state.webhook).toMatchObject({
			url: webhookUrl,
			subscriptions: ['message_created'],
		});

		// Jane writes on WhatsApp: Callbell delivers message_created (signed) to n8n, which runs
		// the workflow once the burst window has passed without another message from her.
		const written = Date.now();
		await emulatorAdmin(emulator, '/incoming-message', {
			from: '+39 123 456 7890',
			text: 'Is the demo still on?',
		});
		await waitFor(
			'the auto-reply',
			() => emulator.requestsTo('POST', '/v1/messages/send').length >= 1,
		);
		expect(
			emulator.requestsTo('POST', '/v1/messages/send')[0].receivedAt - written,
		).toBeGreaterThanOrEqual(BURST_WINDOW_MS);
		expect(emulator.requestsTo('POST', '/v1/messages/send').map((request) => request.body)).toEqual(
			[AUTO_REPLY_TO_JANE],
		);
		await emulator.webhookDeliveriesSettled();
		// Callbell's log has the trigger's answer, with its receiver mark; the reply (an outgoing
		// message_created) was delivered too and started nothing: still one reply.
		expect(deliveryAnswers(emulator)).toEqual(ANSWERED_THEN_IGNORED);
		expect(emulator.requestsTo('POST', '/v1/messages/send')).toHaveLength(1);
		const executions = await n8n.executions(AUTO_REPLY_WORKFLOW_ID);
		expect(executions.map((execution) => execution.status)).toEqual(['success']);

		// Anyone else posting to the URL without Callbell's signature is refused and starts nothing.
		expect(await postForgedMessage(webhookUrl)).toBe(401);
		expect(await n8n.executions(AUTO_REPLY_WORKFLOW_ID)).toHaveLength(1);

		await phases.run('deactivate: unsubscribes', () =>
			n8n.deactivateWorkflow(AUTO_REPLY_WORKFLOW_ID),
		);
		await waitFor('the unsubscription', () => emulator.state.webhook === null);

		// Active again; then another tool takes the account's webhook over and gets a delivery.
		await n8n.activateWorkflow(AUTO_REPLY_WORKFLOW_ID);
		await waitFor('the subscription', () => emulator.state.webhook !== null);
		const foreign = await startReceiver();
		try {
			await emulatorApi(emulator, 'POST', '/webhooks/subscribe', {
				url: foreign.url,
				subscriptions: ['contact_updated'],
			});
			await emulatorApi(emulator, 'PATCH', `/contacts/${JANE}`, { name: 'Jane R.' });
			await emulator.webhookDeliveriesSettled();
			expect(foreign.received).toEqual(['contact_updated']);

			await phases.run('deactivate: leaves the foreign registration alone', () =>
				n8n.deactivateWorkflow(AUTO_REPLY_WORKFLOW_ID),
			);
			// The node read Callbell's delivery log, saw another receiver, and sent no DELETE.
			await waitFor(
				'the delivery log read',
				() => emulator.requestsTo('GET', '/v1/webhooks/events').length >= 2,
			);
			await new Promise((resolve) => setTimeout(resolve, 500));
			expect(emulator.state.webhook?.url).toBe(foreign.url);
			expect(emulator.requestsTo('DELETE', '/v1/webhooks/unsubscribe')).toHaveLength(1);
		} finally {
			await foreign.close();
		}
	});

	test('Callbell Trigger for bots: a voice note arrives as binary, three quick messages run once, a retried delivery and an assigned conversation start nothing', async () => {
		const n8n = await loggedInServer();
		await phases.run('activate the auto-reply workflow', () =>
			n8n.activateWorkflow(AUTO_REPLY_WORKFLOW_ID),
		);
		await waitFor('the subscription', () => emulator.state.webhook !== null);
		const earlier = (await n8n.executions(AUTO_REPLY_WORKFLOW_ID)).length;
		const replies = () =>
			emulator
				.requestsTo('POST', '/v1/messages/send')
				.map((request) => (request.body as { content: { text: string } }).content.text);
		/** The trigger's item in the newest run, once the workflow has run `runs` times in this test. */
		const triggerItemOfRun = async (runs: number) => {
			let newest: { id: string; status: string } | undefined;
			await waitFor(`run ${runs} of the auto-reply`, async () => {
				const executions = await n8n.executions(AUTO_REPLY_WORKFLOW_ID);
				newest = executions[0];
				return executions.length === earlier + runs && FINISHED.includes(newest.status);
			});
			expect(newest?.status).toBe('success');
			const [item, ...others] = nodeItems(await n8n.executionRun(newest!.id), 'Callbell Trigger');
			expect(others).toEqual([]);
			return item;
		};
		/** What the trigger answered to each delivery of this test so far (its `ignored` reason, if any). */
		const answers = async () => {
			await emulator.webhookDeliveriesSettled();
			return emulator.state.webhookEvents.map(
				(delivery) => (JSON.parse(delivery.response) as { ignored?: string }).ignored ?? 'accepted',
			);
		};

		// Jane sends a voice note; Callbell does not get the answer and delivers the event again.
		await emulatorAdmin(emulator, '/incoming-message', {
			from: JANE_PHONE,
			attachments: ['voice-note.ogg'],
		});
		await emulatorAdmin(emulator, '/webhook-redeliver', {});
		const voiceNote = await phases.run('a voice note: the run, downloaded', () =>
			triggerItemOfRun(1),
		);
		expect(voiceNote.json.attachmentErrors).toBeUndefined();
		expect(voiceNote.binary?.attachment_0).toMatchObject({
			mimeType: 'audio/ogg',
			fileName: 'voice-note.ogg',
		});
		expect(voiceNote.json.payload).toMatchObject({
			attachments: [emulator.attachmentUrl('voice-note.ogg')],
			messages: [expect.objectContaining({ status: 'received' })],
		});
		expect(emulator.requestsTo('GET', '/attachments/voice-note.ogg')).toHaveLength(1);
		// The re-delivery was answered as a duplicate: one run, one reply (the reply's own event is outgoing).
		await waitFor('the reply', () => replies().length === 1);
		expect(await answers()).toEqual(['accepted', 'duplicate', 'outgoing message']);
		expect(replies()).toEqual([
			'Hi Jane Doe, thanks for your message! An agent will answer shortly.',
		]);

		// Three short messages within two seconds: one run with all three, one reply.
		await emulatorAdmin(emulator, '/incoming-messages', {
			from: JANE_PHONE,
			messages: [{ text: 'Hi!' }, { text: 'Is the demo still on?' }, { text: 'At 3 pm?' }],
			intervalMs: 600,
		});
		const burst = await phases.run('three messages: one run', () => triggerItemOfRun(2));
		const burstPayload = burst.json.payload as { text: string; messages: unknown[] };
		expect(burstPayload.messages).toHaveLength(3);
		expect(burstPayload.text).toBe('Hi!\nIs the demo still on?\nAt 3 pm?');
		await waitFor('the second reply', () => replies().length === 2);
		expect(replies()[1]).toBe(
			'Hi Jane Doe, thanks for your 3 messages! An agent will answer shortly.',
		);
		expect((await answers()).slice(3)).toEqual([
			'accepted',
			'accepted',
			'accepted',
			'outgoing message',
		]);

		// Alice takes Jane's conversation over: Jane's next message starts nothing.
		await emulatorApi(emulator, 'PATCH', `/contacts/${JANE}`, {
			assigned_user: 'alice@example.com',
		});
		await emulatorAdmin(emulator, '/incoming-message', {
			from: JANE_PHONE,
			text: 'Thanks, see you then',
		});
		expect((await answers()).slice(7)).toEqual(['assigned conversation']);
		// Past the burst window (a message that had been let through would have run by now).
		await new Promise((resolve) => setTimeout(resolve, BURST_WINDOW_MS + 1_000));
		expect(await n8n.executions(AUTO_REPLY_WORKFLOW_ID)).toHaveLength(earlier + 2);
		expect(replies()).toHaveLength(2);

		await n8n.deactivateWorkflow(AUTO_REPLY_WORKFLOW_ID);
		await waitFor('the unsubscription', () => emulator.state.webhook === null);
	});

	test('n8n reached no host but 127.0.0.1 (outgoing requests go to a refusing local proxy)', () => {
		expect(instance.outboundAttempts).toEqual([]);
	});
});
