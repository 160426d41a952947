/**
 * End-to-end: the Callbell tools served by n8n's MCP Server Trigger, as Claude or ChatGPT
 * desktop use them. The real n8n server (installed into .cache/ by globalSetup) runs the
 * fixture `dev/fixtures/mcp-callbell-tools.json`, activated: an MCP Server Trigger with two
 * Callbell tool nodes whose parameters come from `$fromAI()`. The dev MCP client
 * (dev/mcp/client.ts) connects over Streamable HTTP, lists the tools and calls them; the
 * Callbell emulator runs in this process.
 *
 * Versions: CALLBELL_E2E_N8N = 1 (default) | 2 | all; see dev/n8n/versions.ts.
 */
import { startEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import {
	callbellCredential,
	loadWorkflow,
	MCP_TRIGGER_PATH,
	MCP_WORKFLOW_FILE,
	MCP_WORKFLOW_ID,
} from '../../dev/fixtures';
import { McpClient, McpError } from '../../dev/mcp/client';
import { ensureN8n } from '../../dev/n8n/install';
import { N8nInstance } from '../../dev/n8n/instance';
import type { N8nServer } from '../../dev/n8n/server';
import { parseTargetSelection, type N8nTarget } from '../../dev/n8n/versions';
import { Phases } from '../../dev/timing';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;
const JANE = IDS.contacts.jane;

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

/** "METHOD /path → status" of every API request the emulator received (not its admin API). */
function apiRequests(emulator: Emulator): string[] {
	return emulator.requests
		.filter((r) => !r.path.startsWith('/__emulator'))
		.map((r) => `${r.method} ${r.path} → ${r.status}`);
}

/** The one text a tool result holds, parsed when it is JSON. */
function resultText(result: { content: Array<{ type: string; text?: string }> }): string {
	expect(result.content).toEqual([{ type: 'text', text: expect.any(String) }]);
	return result.content[0].text!;
}

/**
 * Connects to the trigger's production URL; n8n 2.x registers an activated workflow's webhooks
 * just after answering the activation, so a 404 ("not registered") is waited out for a while.
 */
async function connectWhenRegistered(url: string, timeoutMs = 30_000): Promise<McpClient> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		try {
			return await McpClient.connect(url, { clientInfo: { name: 'callbell-e2e', version: '1' } });
		} catch (error) {
			if (!(error instanceof McpError && error.code === 404) || Date.now() > deadline) throw error;
			await new Promise((resolve) => setTimeout(resolve, 200));
		}
	}
}

describe.each(
	targets.map((t): [string, N8nTarget] => [`n8n ${t.n8nVersion} on Node ${t.node.major}`, t]),
)('%s', (_label, target) => {
	const phases = new Phases(`[e2e mcp n8n ${target.n8nVersion}] `, log);
	let emulator: Emulator;
	let instance: N8nInstance;
	let server: N8nServer | undefined;
	let client: McpClient | undefined;

	beforeAll(async () => {
		const install = await phases.run('n8n from the cache', () =>
			ensureN8n(target, { phases, log }),
		);
		emulator = await phases.run('start the emulator (test seed)', () =>
			startEmulator({ seed: 'test', token: TEST_TOKEN }),
		);
		instance = await phases.run('user folder + package link', () =>
			N8nInstance.create({ install, log, blockOutbound: true }),
		);
		await phases.run('n8n import:credentials', () =>
			instance.cli.importCredentials([
				callbellCredential({ baseUrl: emulator.baseUrl, apiToken: TEST_TOKEN }),
			]),
		);
		await phases.run('n8n import:workflow', () =>
			instance.cli.importWorkflows([loadWorkflow(MCP_WORKFLOW_FILE)]),
		);
		server = await phases.run('n8n start (server ready)', () => instance.startServer());
		const n8n = server;
		await phases.run('owner setup + login', () =>
			n8n.ensureOwner({
				email: 'e2e@callbell.local',
				firstName: 'E2E',
				lastName: 'Tester',
				password: 'Callbell-e2e-1',
			}),
		);
		await phases.run('activate the MCP workflow', () => n8n.activateWorkflow(MCP_WORKFLOW_ID));
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await client?.close();
		await server?.stop();
		await instance?.dispose();
		await emulator?.close();
		log(phases.summary(`Timings, MCP on n8n ${target.n8nVersion} on Node ${target.node.major}`));
	}, 60_000);

	beforeEach(() => {
		emulator.reset();
	});

	test('an MCP client connects to the trigger URL and lists the Callbell tools: names, descriptions, the $fromAI arguments as the input schema', async () => {
		client = await phases.run('MCP initialize', () =>
			connectWhenRegistered(`${server!.url}/mcp/${MCP_TRIGGER_PATH}`),
		);
		expect(client.session).toEqual(expect.any(String));
		// typeVersion 2 names the server after the trigger node.
		expect(client.serverInfo?.name).toBe('MCP_Server_Trigger');

		const tools = await phases.run('MCP tools/list', () => client!.listTools());
		expect(tools.map((tool) => tool.name).sort()).toEqual([
			'Add_tags_to_contact',
			'Find_contact_by_phone',
		]);
		const byName = new Map(tools.map((tool) => [tool.name, tool]));
		expect(byName.get('Find_contact_by_phone')).toEqual({
			name: 'Find_contact_by_phone',
			description: 'Find a contact by phone number or ID in Callbell',
			inputSchema: expect.objectContaining({
				type: 'object',
				properties: {
					phone: {
						type: 'string',
						description:
							'The phone number of the contact with its country code, e.g. +39 333 123 4567',
					},
				},
				required: ['phone'],
			}),
		});
		expect(byName.get('Add_tags_to_contact')).toEqual({
			name: 'Add_tags_to_contact',
			description: 'Add tags to a contact in Callbell',
			inputSchema: expect.objectContaining({
				type: 'object',
				properties: {
					contact: {
						type: 'string',
						description:
							'The contact: its phone number with the country code, its Callbell link or its id (32 hexadecimal characters)',
					},
					tags: {
						type: 'string',
						description: 'The tags to add, comma-separated, named as in Callbell, e.g. vip, lead',
					},
				},
				required: ['contact', 'tags'],
			}),
		});
		// Listing runs nothing against Callbell.
		expect(apiRequests(emulator)).toEqual([]);
	});

	test('tools/call: Find contact by phone looks Jane up with one GET and hands back her contact', async () => {
		const result = await phases.run('MCP tools/call Find_contact_by_phone', () =>
			client!.callTool('Find_contact_by_phone', { phone: '+39 123 456 7890' }),
		);

		expect(apiRequests(emulator)).toEqual(['GET /v1/contacts/phone/391234567890 → 200']);
		expect(result.isError).not.toBe(true);
		const contacts = JSON.parse(resultText(result)) as unknown;
		expect(contacts).toEqual([
			expect.objectContaining({ uuid: JANE, name: 'Jane Doe', phoneNumber: '+391234567890' }),
		]);
	});

	test('tools/call: Add tags to contact reads her tags, then PATCHes them with the new one', async () => {
		const result = await phases.run('MCP tools/call Add_tags_to_contact', () =>
			client!.callTool('Add_tags_to_contact', { contact: '+39 123 456 7890', tags: 'vip' }),
		);

		expect(apiRequests(emulator)).toEqual([
			'GET /v1/contacts/phone/391234567890 → 200',
			`PATCH /v1/contacts/${JANE} → 200`,
		]);
		expect(emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`)[0].body).toEqual({
			tags: ['lead', 'vip'],
		});
		expect(JSON.parse(resultText(result))).toEqual([
			expect.objectContaining({ uuid: JANE, tags: ['lead', 'vip'] }),
		]);
	});

	test('a refused tool call: the client reads one sentence saying what to give (no stack, no token) and nothing is sent', async () => {
		const result = await phases.run('MCP tools/call with a bad contact', () =>
			client!.callTool('Add_tags_to_contact', { contact: 'call me maybe', tags: 'vip' }),
		);

		expect(apiRequests(emulator)).toEqual([]);
		const text = resultText(result);
		expect(JSON.parse(text)).toEqual([
			{
				error:
					'Contact "call me maybe" is not a phone number, a contact link, a BSUID or a contact id. ' +
					"Give the contact's phone number with its country code (e.g. +39 333 123 4567), its " +
					'Callbell link, its WhatsApp BSUID (e.g. US.13491208655302741918) or its id ' +
					'(32 hexadecimal characters, e.g. 414a6d692bd645ed803f2e7ce360d4c8).',
			},
		]);
		expect(text).not.toMatch(/\bat .+:\d+:\d+|Error:|\[item \d+\]/);
		expect(text).not.toContain(TEST_TOKEN);

		// The session goes on: the model can correct itself in the next call.
		const corrected = await client!.callTool('Find_contact_by_phone', {
			phone: '+39 123 456 7890',
		});
		expect(JSON.parse(resultText(corrected))).toEqual([expect.objectContaining({ uuid: JANE })]);
	});

	test('n8n reached no host but 127.0.0.1 (outgoing requests go to a refusing local proxy)', () => {
		expect(instance.outboundAttempts).toEqual([]);
	});
});
