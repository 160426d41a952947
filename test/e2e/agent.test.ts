/**
 * End-to-end: n8n's AI Agent (typeVersion 3) with the OpenAI Chat Model and Callbell tools, in
 * the real n8n, against the emulator and the scripted model (a test double of OpenAI's API,
 * dev/model/) in this process.
 *
 * - CLI (`n8n execute`): the script makes the model call the tools as a model would, one call
 *   refused and corrected; asserts on what the model was offered and handed back, and on what
 *   Callbell received.
 * - Server: `npm run dev`'s WhatsApp AI assistant demo, activated; an incoming message runs
 *   the agent on the demo's script.
 */
import { startEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import {
	AGENT_WORKFLOW_FILE,
	AGENT_WORKFLOW_ID,
	AI_ASSISTANT_WORKFLOW_FILE,
	AI_ASSISTANT_WORKFLOW_ID,
	callbellCredential,
	EMULATOR_WEBHOOK_SECRET,
	loadWorkflow,
	OPENAI_CREDENTIAL_ID,
	openAiCredential,
} from '../../dev/fixtures';
import {
	startScriptedModel,
	type OfferedTool,
	type ChatRequestView,
	type ScriptedModel,
	type ToolResult,
} from '../../dev/model';
import { DEMO_TAG, whatsAppAssistantTurn } from '../../dev/model/demoScript';
import { nodeOutput } from '../../dev/n8n/executeOutput';
import { ensureN8n } from '../../dev/n8n/install';
import { N8nInstance } from '../../dev/n8n/instance';
import type { N8nServer } from '../../dev/n8n/server';
import { parseTargetSelection, type N8nTarget } from '../../dev/n8n/versions';
import { Phases } from '../../dev/timing';
import { waitFor } from './waitFor';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;

const JANE = IDS.contacts.jane;
const JANE_PHONE = '+39 123 456 7890';
/** What Jane writes to the demo: a question, and a wish the bot hands over for. */
const ASKS_FOR_A_PERSON = 'Is the demo still on? Can I talk to a person?';
/** The demo seed's Support team, which the demo hands over to by name. */
const SUPPORT_TEAM = 'b2c3d4e5f60718293a4b5c6d7e8f90a1';
const REPLY = 'Hi Jane, yes: the demo is still on. See you there!';
const FINAL_TEXT = 'Jane Doe is tagged vip and has her answer on WhatsApp.';
/** The $fromAI() descriptions of the fixture's tool parameters. */
const PHONE_ARGUMENT =
	'The phone number of the customer with its country code, e.g. +39 333 123 4567';
const CONTACT_ARGUMENT = 'The contact id (uuid) that Find contact returned';

const JANE_FOUND = {
	uuid: JANE,
	name: 'Jane Doe',
	phoneNumber: '+391234567890',
	tags: ['lead'],
	href: `https://dash.callbell.eu/contacts/${JANE}`,
};
/** Get Messages simplified: the seeded conversation, oldest first. */
const JANE_CONVERSATION = [
	{
		from: 'customer',
		text: 'Hi, is the shared inbox available on Telegram?',
		attachments: [],
		at: '2026-01-20T10:00:00.000Z',
	},
	{
		from: 'account',
		text: 'Yes! Telegram, WhatsApp and Instagram in one inbox.',
		attachments: [],
		at: '2026-01-20T10:04:00.000Z',
	},
	{ from: 'customer', text: 'Great, thanks', attachments: [], at: '2026-01-20T10:05:00.000Z' },
];

/** A tool as n8n offers a node tool: its arguments are the $fromAI() keys, all required strings. */
function tool(name: string, description: string, args: Record<string, string>): OfferedTool {
	return {
		name,
		description,
		parameters: expect.objectContaining({
			type: 'object',
			properties: Object.fromEntries(
				Object.entries(args).map(([key, text]) => [key, { type: 'string', description: text }]),
			),
			required: Object.keys(args),
			additionalProperties: false,
		}),
	};
}

const byName = (tools: OfferedTool[]) => [...tools].sort((a, b) => a.name.localeCompare(b.name));

/** The tool's first output item (n8n hands the model the tool's items as a JSON list). */
function firstItem(result: ToolResult | undefined): Record<string, unknown> {
	const items = result?.json;
	if (!Array.isArray(items) || typeof items[0] !== 'object')
		throw new Error(`expected a list of items, got ${result?.content ?? 'no tool result'}`);
	return items[0] as Record<string, unknown>;
}

const hasError = (result: ToolResult | undefined) => typeof firstItem(result).error === 'string';

const resultsOf = (request: ChatRequestView, name: string) =>
	request.toolResults.filter((result) => result.name === name);

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

describe.each(
	targets.map((t): [string, N8nTarget] => [`n8n ${t.n8nVersion} on Node ${t.node.major}`, t]),
)('%s', (_label, target) => {
	const phases = new Phases(`[e2e agent n8n ${target.n8nVersion}] `, log);
	let emulator: Emulator;
	let model: ScriptedModel;
	let instance: N8nInstance;
	let server: N8nServer | undefined;

	beforeAll(async () => {
		const install = await phases.run('n8n from the cache', () =>
			ensureN8n(target, { phases, log }),
		);
		// The demo seed: the test seed and the demo's tag. n8n's webhook URL is on 127.0.0.1.
		emulator = await startEmulator({
			seed: 'demo',
			token: TEST_TOKEN,
			allowLocalWebhookUrls: true,
			webhookSecret: EMULATOR_WEBHOOK_SECRET,
		});
		// Queued turns first; the demo's script when none is queued, as in `npm run dev`.
		model = await startScriptedModel({ log, fallback: whatsAppAssistantTurn });
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
				openAiCredential({ apiKey: model.apiKey, baseUrl: model.baseUrl }),
			]),
		);
		await phases.run('n8n import:workflow', () =>
			instance.cli.importWorkflows([
				loadWorkflow(AGENT_WORKFLOW_FILE),
				loadWorkflow(AI_ASSISTANT_WORKFLOW_FILE),
			]),
		);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await server?.stop();
		await instance?.dispose();
		await model?.close();
		await emulator?.close();
		log(phases.summary(`Timings, n8n ${target.n8nVersion} on Node ${target.node.major}`));
	}, 60_000);

	test('the model calls Callbell tools: offered with their descriptions and $fromAI schemas, one call refused and corrected, the reply sent', async () => {
		model.enqueue(
			// A model's slip: a name where the phone number goes.
			{ toolCalls: [{ name: 'Find_contact', arguments: { phone: 'abc' } }] },
			// It reads the refusal and corrects itself.
			(request) => {
				if (!hasError(request.latestToolResults[0]))
					throw new Error('expected the refusal of "abc" as the tool result');
				return { toolCalls: [{ name: 'Find_contact', arguments: { phone: JANE_PHONE } }] };
			},
			// Two calls in one turn, with the id the contact lookup returned.
			(request) => {
				const contact = firstItem(request.latestToolResults[0]);
				return {
					toolCalls: [
						{ name: 'Read_messages', arguments: { contact: String(contact.uuid) } },
						{ name: 'Add_tags', arguments: { contact: String(contact.uuid), tags: 'vip' } },
					],
				};
			},
			(request) => {
				const contact = firstItem(resultsOf(request, 'Find_contact')[1]);
				return {
					toolCalls: [
						{
							name: 'Reply_on_WhatsApp',
							arguments: { to: String(contact.phoneNumber), text: REPLY },
						},
					],
				};
			},
			{ text: FINAL_TEXT },
		);

		const run = await phases.run('n8n execute: agent workflow', () =>
			instance.cli.executeOrThrow(AGENT_WORKFLOW_ID),
		);

		// The agent ran to its end and put out the model's final text.
		expect(nodeOutput(run, 'AI Agent')).toEqual([{ output: FINAL_TEXT }]);
		expect(model.chats.map((chat) => chat.status)).toEqual([200, 200, 200, 200, 200]);
		expect(model.pending).toBe(0);

		// What the model was offered, in every request: the four tools, described by their
		// operation's action, with a JSON schema of exactly their $fromAI() arguments.
		const [first] = model.chats.map((chat) => chat.request);
		expect(first.systemPrompt).toMatch(/^You are the WhatsApp assistant of the Acme shared inbox/);
		expect(first.userText).toMatch(/^Jane wrote on WhatsApp from \+39 123 456 7890/);
		expect(byName(first.tools)).toEqual([
			tool('Add_tags', 'Add tags to a contact in Callbell', {
				contact: CONTACT_ARGUMENT,
				tags: 'Tag names as in Callbell, comma-separated, e.g. vip, lead',
			}),
			tool('Find_contact', 'Find a contact by phone number or ID in Callbell', {
				phone: PHONE_ARGUMENT,
			}),
			tool('Read_messages', 'Get the latest messages of a contact in Callbell', {
				contact: CONTACT_ARGUMENT,
			}),
			tool('Reply_on_WhatsApp', 'Send a message or template to a contact in Callbell', {
				to: PHONE_ARGUMENT,
				text: 'The reply to the customer, in their language',
			}),
		]);
		for (const chat of model.chats) expect(byName(chat.request.tools)).toEqual(byName(first.tools));

		// What the model was handed back, call by call.
		const last = model.chats[model.chats.length - 1].request;
		expect(last.toolResults.map((result) => [result.name, result.json])).toEqual([
			[
				'Find_contact',
				[
					{
						error:
							'Contact must be a phone number, got "abc". Enter the number with its country code, e.g. +39 333 123 4567 or 0039 333 123 4567.',
					},
				],
			],
			['Find_contact', [expect.objectContaining(JANE_FOUND)]],
			// In the order the model called them.
			['Read_messages', JANE_CONVERSATION],
			['Add_tags', [expect.objectContaining({ uuid: JANE, tags: ['lead', 'vip'] })]],
			[
				'Reply_on_WhatsApp',
				[{ uuid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'enqueued' }],
			],
		]);
		expect(last.toolResults).toHaveLength(5);

		// What Callbell received: nothing for the refused call (it would have been a phone lookup),
		// then one request (or the tag change's read and write) per call.
		const requests = emulator.requests;
		const seen = requests.map((r) => `${r.method} ${r.path} → ${r.status}`);
		expect(seen).toHaveLength(5);
		expect(seen[0]).toBe('GET /v1/contacts/phone/391234567890 → 200');
		// The two calls of one turn run side by side: only the set is certain.
		expect(seen.slice(1, 4).sort()).toEqual(
			[
				`GET /v1/contacts/${JANE}/messages → 200`,
				`GET /v1/contacts/${JANE} → 200`,
				`PATCH /v1/contacts/${JANE} → 200`,
			].sort(),
		);
		expect(seen[4]).toBe('POST /v1/messages/send → 200');
		expect(requests.find((r) => r.method === 'PATCH')?.body).toEqual({ tags: ['lead', 'vip'] });
		expect(requests[4].body).toEqual({
			to: '+391234567890',
			from: 'whatsapp',
			type: 'text',
			content: { text: REPLY },
		});
		expect(emulator.state.messages.at(-1)).toMatchObject({ status: 'enqueued', text: REPLY });
	});

	test('the WhatsApp AI assistant demo: the OpenAI credential tests OK; an incoming message runs the agent, which finds, reads, tags, hands over to a person and replies', async () => {
		emulator.reset();
		model.reset();
		server = await phases.run('n8n start (server ready)', () => instance.startServer());
		const n8n = server;
		await n8n.ensureOwner({
			email: 'e2e@callbell.local',
			firstName: 'E2E',
			lastName: 'Tester',
			password: 'Callbell-e2e-1',
		});
		// The OpenAI credential's test, as the editor runs it: GET <Base URL>/models with the key.
		expect(await n8n.testCredential(OPENAI_CREDENTIAL_ID)).toEqual(
			expect.objectContaining({ status: 'OK' }),
		);
		expect(model.requests.map((r) => [r.method, r.path, r.headers.authorization])).toEqual([
			['GET', '/v1/models', `Bearer ${model.apiKey}`],
		]);
		model.reset();

		await phases.run('activate the AI assistant demo', () =>
			n8n.activateWorkflow(AI_ASSISTANT_WORKFLOW_ID),
		);
		await waitFor('the subscription', () => emulator.state.webhook !== null, 60_000);

		// Jane writes on WhatsApp (as with `npm run dev`'s curl): Callbell delivers it to n8n.
		const incoming = await fetch(`${emulator.url}/__emulator/incoming-message`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ from: JANE_PHONE, text: ASKS_FOR_A_PERSON }),
		});
		expect(incoming.status).toBe(200);
		await phases.run('the agent run', () =>
			waitFor(
				'the finished run',
				async () => {
					const executions = await n8n.executions(AI_ASSISTANT_WORKFLOW_ID);
					return ['success', 'error', 'crashed', 'canceled'].includes(executions[0]?.status);
				},
				60_000,
			),
		);
		expect((await n8n.executions(AI_ASSISTANT_WORKFLOW_ID)).map((e) => e.status)).toEqual([
			'success',
		]);

		// The model was handed the message and the five tools; its script ran to the end.
		expect(model.chats.map((chat) => chat.status)).toEqual([200, 200, 200, 200, 200]);
		expect(model.chats[0].request.userText).toBe(
			`A customer wrote on WhatsApp.\nPhone number: +391234567890\nName: Jane Doe\nMessage: ${ASKS_FOR_A_PERSON}`,
		);
		expect(model.chats.at(-1)?.reply).toEqual({
			text: expect.stringMatching(
				/^Found Jane Doe, read their latest 4 messages, tagged them "hot", handed the conversation over to Support, replied on WhatsApp\. \(scripted-test-double: a scripted demo, not a real model\)$/,
			),
		});
		// Callbell: the lookup, the messages, the tag, the hand-over (Support by name, the bot
		// stopped, then the note), the reply.
		expect(emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`).map((r) => r.body)).toEqual([
			{ tags: ['lead', DEMO_TAG] },
			{ team_uuid: SUPPORT_TEAM, bot_status: 'bot_end' },
		]);
		expect(
			emulator.requestsTo('POST', `/v1/contacts/${JANE}/conversation/note`).map((r) => r.body),
		).toEqual([{ text: `Jane Doe asked to talk to a person: ${ASKS_FOR_A_PERSON}` }]);
		expect(emulator.requestsTo('POST', '/v1/messages/send').map((r) => r.body)).toEqual([
			{
				to: '+391234567890',
				from: 'whatsapp',
				type: 'text',
				content: {
					text: 'Hi Jane, thanks for your message! We have your conversation in front of us and a colleague will get back to you shortly.',
				},
			},
		]);
	});

	test('n8n reached no host but 127.0.0.1', () => {
		expect(instance.outboundAttempts).toEqual([]);
	});
});
