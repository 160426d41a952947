/**
 * End-to-end: n8n's AI Agent (typeVersion 3) with the OpenAI Chat Model and Callbell tools, in
 * the real n8n CLI (`n8n execute`), against the emulator and the scripted model (a test double
 * of OpenAI's API, dev/model/) in this process. The script makes the model call the tools as a
 * model would, one call refused, and asserts on what the model was offered and handed back,
 * and on what Callbell received.
 */
import { startEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import {
	AGENT_WORKFLOW_FILE,
	AGENT_WORKFLOW_ID,
	callbellCredential,
	loadWorkflow,
	openAiCredential,
} from '../../dev/fixtures';
import {
	startScriptedModel,
	type OfferedTool,
	type ChatRequestView,
	type ScriptedModel,
	type ToolResult,
} from '../../dev/model';
import { nodeOutput } from '../../dev/n8n/executeOutput';
import { ensureN8n } from '../../dev/n8n/install';
import { N8nInstance } from '../../dev/n8n/instance';
import { parseTargetSelection, type N8nTarget } from '../../dev/n8n/versions';
import { Phases } from '../../dev/timing';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;

const JANE = IDS.contacts.jane;
const JANE_PHONE = '+39 123 456 7890';
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

	beforeAll(async () => {
		const install = await phases.run('n8n from the cache', () =>
			ensureN8n(target, { phases, log }),
		);
		emulator = await startEmulator({ seed: 'test', token: TEST_TOKEN });
		model = await startScriptedModel({ log });
		instance = await phases.run('user folder + package link', () =>
			N8nInstance.create({ install, log, blockOutbound: true }),
		);
		await phases.run('n8n import:credentials', () =>
			instance.cli.importCredentials([
				callbellCredential({ baseUrl: emulator.baseUrl, apiToken: TEST_TOKEN }),
				openAiCredential({ apiKey: model.apiKey, baseUrl: model.baseUrl }),
			]),
		);
		await phases.run('n8n import:workflow', () =>
			instance.cli.importWorkflows([loadWorkflow(AGENT_WORKFLOW_FILE)]),
		);
	}, SETUP_TIMEOUT);

	afterAll(async () => {
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

	test('n8n reached no host but 127.0.0.1', () => {
		expect(instance.outboundAttempts).toEqual([]);
	});
});
