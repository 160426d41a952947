/**
 * End-to-end in n8n's queue mode (dev/n8n/queue.ts): Redis, one main, two workers and one
 * webhook process on one PostgreSQL database, against the Callbell emulator in this process.
 *
 * - A bulk update started by webhook: the webhook process takes the POSTs, the workers run the
 *   executions (which worker ran what is read from their logs), every contact is PATCHed once.
 * - The Callbell Trigger: main activates it and subscribes the webhook process's URL; signed
 *   deliveries are answered by the webhook process, the executions run on the workers;
 *   deactivation unsubscribes.
 *
 * Versions: CALLBELL_E2E_N8N = 1 (default) | 2 | all; see dev/n8n/versions.ts.
 */
import { startEmulator } from '../../dev/emulator';
import { TEST_TOKEN } from '../../dev/emulator/seed';
import {
	AUTO_REPLY_WORKFLOW_FILE,
	AUTO_REPLY_WORKFLOW_ID,
	callbellCredential,
	EMULATOR_WEBHOOK_SECRET,
	loadWorkflow,
	QUEUE_BULK_WEBHOOK_PATH,
	QUEUE_BULK_WORKFLOW_FILE,
	QUEUE_BULK_WORKFLOW_ID,
} from '../../dev/fixtures';
import { ensureN8n } from '../../dev/n8n/install';
import { N8nQueue } from '../../dev/n8n/queue';
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

const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
const SETUP_TIMEOUT = 30 * 60_000;
const WORKERS = 2;
const EXECUTIONS = 4;
const CONTACTS_PER_EXECUTION = 200;

/** The emulator's generated contacts (seed option `extraContacts`): `cc` + n in hex, 32 characters. */
const generatedContact = (n: number): string => `cc${n.toString(16).padStart(30, '0')}`;

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

describe.each(
	targets.map((t): [string, N8nTarget] => [`n8n ${t.n8nVersion} on Node ${t.node.major}`, t]),
)('%s in queue mode', (_label, target) => {
	const phases = new Phases(`[e2e queue n8n ${target.n8nVersion}] `, log);
	let emulator: Emulator;
	let queue: N8nQueue;

	beforeAll(async () => {
		const install = await phases.run('n8n from the cache', () =>
			ensureN8n(target, { phases, log }),
		);
		emulator = await phases.run('start the emulator (test seed + 800 contacts)', () =>
			startEmulator({
				seed: 'test',
				token: TEST_TOKEN,
				extraContacts: EXECUTIONS * CONTACTS_PER_EXECUTION,
				allowLocalWebhookUrls: true,
				webhookSecret: EMULATOR_WEBHOOK_SECRET,
			}),
		);
		queue = await phases.run('Redis, PostgreSQL, a user folder per process', () =>
			N8nQueue.create({ install, workers: WORKERS, log, blockOutbound: true }),
		);
		await phases.run('n8n import:credentials + import:workflow', async () => {
			await queue.cli.importCredentials([
				callbellCredential({
					baseUrl: emulator.baseUrl,
					apiToken: TEST_TOKEN,
					webhookSecret: EMULATOR_WEBHOOK_SECRET,
				}),
			]);
			await queue.cli.importWorkflows([
				loadWorkflow(QUEUE_BULK_WORKFLOW_FILE),
				loadWorkflow(AUTO_REPLY_WORKFLOW_FILE),
			]);
		});
		await phases.run(`start main, ${WORKERS} workers and the webhook process`, () => queue.start());
		await queue.main.ensureOwner({
			email: 'e2e@callbell.local',
			firstName: 'E2E',
			lastName: 'Tester',
			password: 'Callbell-e2e-1',
		});
	}, SETUP_TIMEOUT);

	afterAll(async () => {
		await queue?.stop();
		await emulator?.close();
		log(phases.summary(`Timings, queue mode, n8n ${target.n8nVersion}`));
	}, 120_000);

	beforeEach(() => {
		emulator.reset();
	});

	/** The workflow's executions once `count` have finished, newest first. */
	async function finishedExecutions(workflowId: string, count: number) {
		let executions: Array<{ id: string; status: string }> = [];
		await waitFor(
			`${count} finished executions of ${workflowId}`,
			async () => {
				executions = await queue.main.executions(workflowId);
				return (
					executions.length >= count &&
					executions.every((e) => !['new', 'running', 'waiting'].includes(e.status))
				);
			},
			120_000,
		);
		// The worker's log line may trail the execution's end by a moment.
		await waitFor('the workers’ log lines', () =>
			executions.every((e) => queue.workerOf(e.id) !== undefined),
		);
		return executions;
	}

	test(`a bulk update started ${EXECUTIONS} times by webhook runs on the workers: one accepted PATCH per contact, none lost or doubled`, async () => {
		await phases.run('activate the bulk-update workflow', () =>
			queue.main.activateWorkflow(QUEUE_BULK_WORKFLOW_ID),
		);
		const batches = Array.from({ length: EXECUTIONS }, (_, batch) =>
			Array.from({ length: CONTACTS_PER_EXECUTION }, (_, i) => {
				const n = batch * CONTACTS_PER_EXECUTION + i + 1;
				return { uuid: generatedContact(n), name: `Synced ${n}` };
			}),
		);
		const post = (base: string, contacts: unknown[]) =>
			fetch(`${base}/webhook/${QUEUE_BULK_WEBHOOK_PATH}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ contacts }),
			});

		// Main serves no production webhook (N8N_DISABLE_PRODUCTION_MAIN_PROCESS): only the webhook process does.
		// n8n 2.x registers an activated workflow's webhooks just after answering.
		// (A CORS preflight answers without running anything: its allowed methods are the path's.)
		await waitFor('the webhook process to serve the path', async () => {
			const preflight = await fetch(`${queue.webhook.url}/webhook/${QUEUE_BULK_WEBHOOK_PATH}`, {
				method: 'OPTIONS',
				headers: { origin: 'http://127.0.0.1' },
			});
			return (preflight.headers.get('access-control-allow-methods') ?? '').includes('POST');
		});
		expect((await post(queue.main.url, [])).status).toBe(404);

		const answers = await phases.run(`${EXECUTIONS} POSTs to the webhook process`, () =>
			Promise.all(batches.map((contacts) => post(queue.webhook.url, contacts))),
		);
		expect(answers.map((answer) => answer.status)).toEqual(batches.map(() => 200));
		const executions = await phases.run(
			`${EXECUTIONS} executions of ${CONTACTS_PER_EXECUTION} items on the workers`,
			() => finishedExecutions(QUEUE_BULK_WORKFLOW_ID, EXECUTIONS),
		);

		expect(executions.map((e) => e.status)).toEqual(batches.map(() => 'success'));
		const ranOn = executions.map((e) => queue.workerOf(e.id));
		log(`  executions → workers: ${executions.map((e, i) => `${e.id} → ${ranOn[i]}`).join(', ')}`);
		// Every one on a worker (main runs none), and both workers took some.
		expect(ranOn.every((name) => /^worker [12]$/.test(String(name)))).toBe(true);
		expect(new Set(ranOn).size).toBe(WORKERS);

		// Exactly one accepted PATCH per contact, with its name: nothing lost, nothing doubled. The
		// workers share the account's limit (the emulator's 300/s) without knowing of each other:
		// what it refused (429, not applied) was sent again.
		const patches = emulator.requestsTo('PATCH', /^\/v1\/contacts\/cc/);
		const accepted = patches
			.filter((r) => r.status === 200)
			.map((r) => [r.path, (r.body as { name?: string }).name]);
		const expected = batches
			.flat()
			.map((contact) => [`/v1/contacts/${contact.uuid}`, contact.name]);
		expect(accepted.sort()).toEqual(expected.sort());
		const refused = patches.filter((r) => r.status !== 200);
		expect(refused.every((r) => r.status === 429)).toBe(true);
		log(
			`  ${patches.length} PATCHes: ${accepted.length} accepted, ${refused.length} refused (429)`,
		);

		await queue.main.deactivateWorkflow(QUEUE_BULK_WORKFLOW_ID);
	});

	test('Callbell Trigger: main subscribes the webhook process, which answers the signed deliveries; the workers run them; deactivation unsubscribes', async () => {
		await phases.run('activate the auto-reply workflow', () =>
			queue.main.activateWorkflow(AUTO_REPLY_WORKFLOW_ID),
		);
		await waitFor('the subscription', () => emulator.state.webhook !== null);
		const webhookUrl = `${queue.webhook.url}/webhook/5c0ffee0-0000-4000-8000-000000000301/webhook`;
		expect(emulator.state.webhook).toMatchObject({
			url: webhookUrl,
			subscriptions: ['message_created'],
		});

		// Jane writes on WhatsApp: Callbell delivers message_created (signed) to the webhook process.
		const { delivery } = await emulator.receiveMessage({
			from: '+39 123 456 7890',
			text: 'Is the demo still on?',
		});
		expect(delivery).toMatchObject({ status: 200 });
		const [execution] = await phases.run('the auto-reply on a worker', () =>
			finishedExecutions(AUTO_REPLY_WORKFLOW_ID, 1),
		);
		expect(execution.status).toBe('success');
		expect(queue.workerOf(execution.id)).toMatch(/^worker [12]$/);
		expect(emulator.requestsTo('POST', '/v1/messages/send').map((r) => r.body)).toEqual([
			AUTO_REPLY_TO_JANE,
		]);
		await emulator.webhookDeliveriesSettled();
		// Callbell's log: the trigger's answer with its receiver mark; the reply (outgoing) was
		// delivered too and started nothing.
		expect(deliveryAnswers(emulator)).toEqual(ANSWERED_THEN_IGNORED);

		// A POST without Callbell's signature is refused by the webhook process and queues nothing.
		expect(await postForgedMessage(webhookUrl)).toBe(401);
		expect(await queue.main.executions(AUTO_REPLY_WORKFLOW_ID)).toHaveLength(1);

		await phases.run('deactivate: unsubscribes', () =>
			queue.main.deactivateWorkflow(AUTO_REPLY_WORKFLOW_ID),
		);
		await waitFor('the unsubscription', () => emulator.state.webhook === null);
	});

	test('no process reached a host but 127.0.0.1', () => {
		expect(queue.outboundAttempts).toEqual([]);
	});
});
