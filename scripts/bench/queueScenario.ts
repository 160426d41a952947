/**
 * The bench's queue-mode scenario: n8n's queue mode on this machine (dev/n8n/queue.ts: Redis,
 * PostgreSQL, one main, N workers, one webhook process), the bulk-update workflow started by
 * webhook `executions` times with its share of the items, as teams run bulk syncs at scale. The
 * workers' CPU and memory are sampled from the first POST to the last execution's end.
 */
import {
	callbellCredential,
	loadWorkflow,
	QUEUE_BULK_WEBHOOK_PATH,
	QUEUE_BULK_WORKFLOW_FILE,
	QUEUE_BULK_WORKFLOW_ID,
} from '../../dev/fixtures';
import type { N8nInstall } from '../../dev/n8n/install';
import { N8nQueue } from '../../dev/n8n/queue';
import { ProcessSampler, type ProcessSample } from './measure';
import { benchContactId, benchContactName } from './workload';

export interface QueueScenario {
	install: N8nInstall;
	baseUrl: string;
	token: string;
	workers: number;
	items: number;
	executions: number;
	log: (line: string) => void;
}

export interface QueueRun {
	/** Per worker: its CPU and memory while the executions ran. */
	samples: ProcessSample[][];
	/** Executions that did not succeed. */
	failedExecutions: number;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(what: string, done: () => Promise<boolean>, timeoutMs: number) {
	const deadline = Date.now() + timeoutMs;
	while (!(await done())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await pause(250);
	}
}

/** Starts the queue, runs the executions, stops everything; the emulator's requests tell the rest. */
export async function runQueueScenario(scenario: QueueScenario): Promise<QueueRun> {
	const queue = await N8nQueue.create({
		install: scenario.install,
		workers: scenario.workers,
		log: scenario.log,
	});
	try {
		await queue.cli.importCredentials([
			callbellCredential({ baseUrl: scenario.baseUrl, apiToken: scenario.token }),
		]);
		await queue.cli.importWorkflows([loadWorkflow(QUEUE_BULK_WORKFLOW_FILE)]);
		await queue.start();
		await queue.main.ensureOwner({
			email: 'bench@callbell.local',
			firstName: 'Bench',
			lastName: 'Runner',
			password: 'Callbell-bench-1',
		});
		await queue.main.activateWorkflow(QUEUE_BULK_WORKFLOW_ID);
		const url = `${queue.webhook.url}/webhook/${QUEUE_BULK_WEBHOOK_PATH}`;
		// n8n 2.x registers an activated workflow's webhooks just after answering.
		await until(
			'the webhook process to serve the path',
			async () => {
				const preflight = await fetch(url, {
					method: 'OPTIONS',
					headers: { origin: 'http://127.0.0.1' },
				});
				return (preflight.headers.get('access-control-allow-methods') ?? '').includes('POST');
			},
			60_000,
		);

		const share = Math.ceil(scenario.items / scenario.executions);
		const batches = Array.from({ length: scenario.executions }, (_, batch) =>
			Array.from({ length: Math.min(share, scenario.items - batch * share) }, (_, i) => {
				const n = batch * share + i + 1;
				return { uuid: benchContactId(n), name: benchContactName(n) };
			}),
		);
		const samplers = queue.workerProcesses.map((worker) => new ProcessSampler(worker.server!.pid));
		const answers = await Promise.all(
			batches.map((contacts) =>
				fetch(url, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ contacts }),
				}),
			),
		);
		const refused = answers.filter((answer) => answer.status !== 200).length;
		if (refused > 0) throw new Error(`${refused} of the webhook POSTs were refused`);
		let executions: Array<{ status: string }> = [];
		await until(
			`${scenario.executions} finished executions`,
			async () => {
				executions = await queue.main.executions(QUEUE_BULK_WORKFLOW_ID);
				return (
					executions.length >= scenario.executions &&
					executions.every((e) => !['new', 'running', 'waiting'].includes(e.status))
				);
			},
			30 * 60_000,
		);
		return {
			samples: samplers.map((sampler) => sampler.stop()),
			failedExecutions: executions.filter((e) => e.status !== 'success').length,
		};
	} finally {
		await queue.stop();
	}
}
