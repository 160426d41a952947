/**
 * End-to-end: the *built* package inside the real n8n (installed into .cache/ by globalSetup),
 * against the Callbell emulator running in this process.
 *
 * - CLI: `n8n import:credentials`, `n8n import:workflow`, `n8n execute --id --rawOutput`.
 * - Server: `n8n start`, owner setup, login, `POST /rest/credentials/test`.
 *
 * Versions: CALLBELL_E2E_N8N = 1 (default) | 2 | all; see scripts/lib/versions.ts.
 */
import { startEmulator } from '../emulator';
import { IDS, TEST_TOKEN } from '../emulator/seed';
import { ensureN8n } from '../../scripts/lib/n8n-install';
import { N8nInstance, nodeOutput, type N8nRun, type N8nServer } from '../../scripts/lib/n8n-instance';
import { Phases } from '../../scripts/lib/timing';
import { parseTargetSelection, type N8nTarget } from '../../scripts/lib/versions';
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
} from './lib/fixtures';

type Emulator = Awaited<ReturnType<typeof startEmulator>>;
type Recorded = Emulator['requests'][number];

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const UNKNOWN_CONTACT = 'ffffffffffffffffffffffffffffffff';
const WELCOME_TEMPLATE = IDS.templates.welcome;

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

describe.each(targets.map((t): [string, N8nTarget] => [`n8n ${t.n8nVersion} on Node ${t.node.major}`, t]))(
	'%s',
	(_label, target) => {
		const phases = new Phases(`[e2e n8n ${target.n8nVersion}] `, log);
		let emulator: Emulator;
		let instance: N8nInstance;
		let server: N8nServer | undefined;

		beforeAll(async () => {
			const install = await phases.run('n8n from the cache', () => ensureN8n(target, { phases, log }));
			emulator = await phases.run('start the emulator (test seed)', () => startEmulator({ seed: 'test', token: TEST_TOKEN }));
			instance = await phases.run('user folder + package link', () => N8nInstance.create({ install, log, blockOutbound: true }));
			await phases.run('n8n import:credentials', () =>
				instance.importCredentials([
					callbellCredential({ baseUrl: emulator.baseUrl, apiToken: TEST_TOKEN }),
					callbellCredential({
						id: BAD_CREDENTIAL_ID,
						name: 'Callbell (wrong token)',
						baseUrl: emulator.baseUrl,
						apiToken: 'cb_test_NOT_A_REAL_TOKEN',
					}),
				]),
			);
			await phases.run('n8n import:workflow', () =>
				instance.importWorkflows([
					loadWorkflow(DEMO_WORKFLOW_FILE),
					loadWorkflow(PHONE_DEMO_WORKFLOW_FILE),
					loadWorkflow(DEAL_WON_WORKFLOW_FILE),
					loadWorkflow(CONTINUE_ON_FAIL_WORKFLOW_FILE),
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

		test('update-contact workflow: expressions over several items → one PATCH per item, the updated contacts out', async () => {
			const from = emulator.requests.length;
			const run: N8nRun = await phases.run('n8n execute: update-contact workflow', () => instance.executeOrThrow(DEMO_WORKFLOW_ID));
			const requests = apiRequestsSince(emulator, from);

			// Exactly one PATCH per lead, with the bodies the expressions give.
			expect(inAnyItemOrder(requests)).toEqual(
				[`PATCH /v1/contacts/${JANE} → 200`, `PATCH /v1/contacts/${JOHN} → 200`, `PATCH /v1/contacts/${MARIA} → 200`].sort(),
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
			const run = await phases.run('n8n execute: upsert-by-phone workflow', () => instance.executeOrThrow(PHONE_DEMO_WORKFLOW_ID));
			const requests = apiRequestsSince(emulator, from);
			const luca = emulator.state.contacts.find((contact) => contact.phoneNumber === '+393470001111');
			expect(luca).toBeDefined();
			const LUCA = luca!.uuid;

			// Each node runs over both leads before the next node starts; a node's leads run side by side.
			const byNode = [requests.slice(0, 4), requests.slice(4, 8), requests.slice(8, 10), requests.slice(10)];
			expect(byNode.map(inAnyItemOrder)).toEqual([
				[
					`GET /v1/contacts/phone/393331112222 → 200`,
					`PATCH /v1/contacts/${MARIA} → 200`,
					`GET /v1/contacts/phone/393470001111 → 404`,
					`POST /v1/contacts → 201`,
				].sort(),
				[`GET /v1/contacts/${MARIA} → 200`, `PATCH /v1/contacts/${MARIA} → 200`, `GET /v1/contacts/${LUCA} → 200`, `PATCH /v1/contacts/${LUCA} → 200`].sort(),
				[`POST /v1/contacts/${MARIA}/conversation/open → 200`, `POST /v1/contacts/${LUCA}/conversation/open → 200`].sort(),
				[`POST /v1/contacts/${MARIA}/conversation/note → 200`, `POST /v1/contacts/${LUCA}/conversation/note → 200`].sort(),
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
			expect(bodyOf(byNode[1], 'PATCH', `/v1/contacts/${MARIA}`)).toEqual({ tags: ['customer', 'vip', 'lead'] });
			expect(bodyOf(byNode[1], 'PATCH', `/v1/contacts/${LUCA}`)).toEqual({ tags: ['lead'] });
			expect(bodyOf(requests, 'POST', `/v1/contacts/${LUCA}/conversation/note`)).toEqual({
				text: 'New contact from the CRM (LEAD-2002): Website form: 5 agents, WhatsApp only.',
			});

			expect(nodeOutput(run, 'Create or update Callbell contact').map((contact) => [contact.uuid, contact.created])).toEqual([
				[MARIA, false],
				[LUCA, true],
			]);
			expect(nodeOutput(run, 'Add a note for the team')).toEqual([
				{ success: true, contactUuid: MARIA, text: 'Known contact from the CRM (LEAD-2001): Back after the trade fair: wants Instagram in the same inbox.' },
				{ success: true, contactUuid: LUCA, text: 'New contact from the CRM (LEAD-2002): Website form: 5 agents, WhatsApp only.' },
			]);
		});

		test('deal-won workflow: one WhatsApp template per won deal (opt-in, variable, deal id in metadata), then its status', async () => {
			const from = emulator.requests.length;
			const run = await phases.run('n8n execute: deal-won workflow', () => instance.executeOrThrow(DEAL_WON_WORKFLOW_ID));
			const requests = apiRequestsSince(emulator, from);

			const sends = requests.filter((request) => request.path === '/v1/messages/send');
			expect(sends.map((request) => `${request.method} → ${request.status}`)).toEqual(['POST → 200', 'POST → 200']);
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
				expect.arrayContaining([template('+391234567890', 'Jane', 'D-1042'), template('+393331112222', 'Maria', 'D-1043')]),
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
				{ uuid: sent[0].uuid, status: 'enqueued', messageStatusPayload: null, metadata: { deal_id: 'D-1042' } },
				{ uuid: sent[1].uuid, status: 'enqueued', messageStatusPayload: null, metadata: { deal_id: 'D-1043' } },
			]);
			// What Jane and Maria receive: the template with their first name.
			const received = emulator.state.messages.filter((message) => message.status === 'enqueued').map((message) => message.text);
			expect(received.sort()).toEqual(['Hello Jane, thanks for reaching out!', 'Hello Maria, thanks for reaching out!']);
		});

		test('continue on fail: a failing item becomes an error item, the items after it are still sent', async () => {
			const from = emulator.requests.length;
			const run = await phases.run('n8n execute: continue-on-fail workflow', () =>
				instance.executeOrThrow(CONTINUE_ON_FAIL_WORKFLOW_ID),
			);
			const requests = apiRequestsSince(emulator, from);
			expect(inAnyItemOrder(requests)).toEqual(
				[`PATCH /v1/contacts/${JANE} → 200`, `PATCH /v1/contacts/${UNKNOWN_CONTACT} → 404`, `PATCH /v1/contacts/${JOHN} → 200`].sort(),
			);
			expect(bodyOf(requests, 'PATCH', `/v1/contacts/${JOHN}`)).toEqual(JOHN_PATCH);

			const output = nodeOutput(run, CALLBELL_NODE_NAME);
			// As many items out as in, in order: the error item sits where its input item was.
			expect(output).toHaveLength(3);
			expect(output[0]).toMatchObject({ uuid: JANE });
			expect(output[1]).toEqual(
				expect.objectContaining({ error: 'Callbell answered 404: Contact not found [item 1]', httpCode: '404' }),
			);
			expect(output[1]).not.toHaveProperty('uuid');
			expect(output[2]).toMatchObject({ uuid: JOHN, tags: ['lead'] });
			expect(run.data.resultData.error).toBeUndefined();
		});

		test('credential test through the REST API: the right token passes, a wrong one says the token is invalid', async () => {
			server = await phases.run('n8n start (server ready)', () => instance.startServer());
			await phases.run('owner setup + login', () =>
				server!.ensureOwner({ email: 'e2e@callbell.local', firstName: 'E2E', lastName: 'Tester', password: 'Callbell-e2e-1' }),
			);
			const from = emulator.requests.length;

			const good = await phases.run('credential test: right token', () => server!.testCredential(CREDENTIAL_ID));
			expect(good).toEqual(expect.objectContaining({ status: 'OK' }));

			const bad = await phases.run('credential test: wrong token', () => server!.testCredential(BAD_CREDENTIAL_ID));
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
				expect.arrayContaining([`Bearer ${TEST_TOKEN}`, 'Bearer cb_test_NOT_A_REAL_TOKEN', 'Bearer cb_test_TYPO']),
			);
			expect(summary).toContain('→ 200');
			expect(summary).toContain('→ 401');
		});

		test('n8n reached no host but 127.0.0.1 (outgoing requests go to a refusing local proxy)', () => {
			expect(instance.outboundAttempts).toEqual([]);
		});
	},
);
