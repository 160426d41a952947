/**
 * `npm run bench [-- options]`: how fast, how safely and how cheaply N Contact → Update items
 * reach Callbell, per contender, against the emulator in its own process with Callbell's rate
 * limit (300 requests/s, 429 + Retry-After above it) and a network latency.
 *
 * Contenders, each in its own process so that CPU and memory are its own:
 * - the Callbell node with default settings, in the real n8n CLI (`n8n execute`);
 * - a bare undici Pool paced at the same limit: the floor for a Node client;
 * - n8n's HTTP Request node: defaults, with Retry On Fail, and with batching tuned to the limit.
 * Then the node's own overhead (no latency, no limit), and N n8n processes on one account, each
 * with its share of the items, started together (as queue-mode workers would be).
 *
 * Prints a Markdown table per scenario and writes docs/benchmark/ (results.json, results.md and
 * an SVG chart per scenario). Linux only (CPU and memory come from /proc). Not part of CI.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import type { RequestSummary } from '../dev/emulator';
import { TEST_TOKEN } from '../dev/emulator/seed';
import { forEachFlag } from '../dev/flags';
import { ensureN8n } from '../dev/n8n/install';
import { N8nInstance } from '../dev/n8n/instance';
import { freePort } from '../dev/n8n/ports';
import { N8N_TARGETS } from '../dev/n8n/versions';
import { CREDENTIAL_TYPE, repoRoot } from '../dev/package';
import { onShutdown, spawnTracked, stopAll, type TrackedChild } from '../dev/proc';
import {
	cpuMsBetween,
	median,
	parseRunOutput,
	ProcessSampler,
	requestsPerSecond,
	tallyRequests,
	type ProcessSample,
	wholeRunCpuMs,
} from './bench/measure';
import { runQueueScenario } from './bench/queueScenario';
import {
	HTTP_BATCHED_PREFIX,
	markdownTable,
	NODE_ALONE,
	requestsPerSecondSvg,
	targetsTable,
	type BenchRow,
} from './bench/report';
import type { UndiciClientConfig, UndiciClientResult } from './bench/undici-client';
import {
	benchWorkflow,
	CALLBELL_REQUESTS_PER_SECOND,
	CONTENDER_NODE,
	type N8nContender,
} from './bench/workload';

const USAGE = `Usage: npm run bench -- [options]

  --items <n>          items per contender (default 10000)
  --latency <list>     network latencies in ms, comma-separated (default 50,250; "" for none)
  --only <list>        contenders: callbell,undici,http (default all three)
  --no-overhead        skip the no-latency, no-limit run of the node's own overhead
  --processes <list>   n8n processes on one account, each with its share of the items, started
                       together, comma-separated (default 2,4; "" for none)
  --no-two-processes   the same as --processes ""
  --queue <list>       n8n's queue mode (Redis, PostgreSQL, main, workers, webhook process): the
                       items in 20 webhook-started executions, per worker count, comma-separated
                       (default 2,4; "" for none)
  --out <folder>       where results.json, results.md and the charts go (default docs/benchmark)
  --from <results.json>  measure nothing: write the table and charts again from earlier results
  --cpu-prof <folder>  write a V8 CPU profile of each n8n run there (<contender>.cpuprofile; read
                       it with scripts/bench/profileSummary.ts); profiling adds its own CPU
  --help               show this text`;

interface BenchOptions {
	items: number;
	latencies: number[];
	contenders: Set<string>;
	overhead: boolean;
	/** How many n8n processes share one account, per scenario. */
	processes: number[];
	/** How many queue-mode workers, per scenario. */
	queueWorkers: number[];
	outDir: string;
	from?: string;
	cpuProfDir?: string;
}

function parseArguments(argv: string[]): BenchOptions {
	const options: BenchOptions = {
		items: 10_000,
		latencies: [50, 250],
		contenders: new Set(['callbell', 'undici', 'http']),
		overhead: true,
		processes: [2, 4],
		queueWorkers: [2, 4],
		outDir: path.join(repoRoot(), 'docs', 'benchmark'),
	};
	forEachFlag(argv, (flag, value) => {
		switch (flag) {
			case '--items':
				options.items = Number(value());
				if (!Number.isInteger(options.items) || options.items < 2)
					throw new Error('--items needs a whole number from 2');
				break;
			case '--latency':
				options.latencies = value()
					.split(',')
					.filter((ms) => ms !== '')
					.map(Number);
				if (options.latencies.some((ms) => !Number.isFinite(ms) || ms < 0))
					throw new Error('--latency needs milliseconds');
				break;
			case '--only':
				options.contenders = new Set(value().split(','));
				break;
			case '--no-overhead':
				options.overhead = false;
				break;
			case '--processes':
				options.processes = value()
					.split(',')
					.filter((count) => count !== '')
					.map(Number);
				if (options.processes.some((count) => !Number.isInteger(count) || count < 2))
					throw new Error('--processes needs whole numbers from 2');
				break;
			case '--no-two-processes':
				options.processes = [];
				break;
			case '--queue':
				options.queueWorkers = value()
					.split(',')
					.filter((count) => count !== '')
					.map(Number);
				if (options.queueWorkers.some((count) => !Number.isInteger(count) || count < 1))
					throw new Error('--queue needs whole numbers from 1');
				break;
			case '--out':
				options.outDir = path.resolve(value());
				break;
			case '--from':
				options.from = path.resolve(value());
				break;
			case '--cpu-prof':
				options.cpuProfDir = path.resolve(value());
				break;
			case '--help':
				console.log(USAGE);
				process.exit(0);
				break;
			default:
				throw new Error(`Unknown option ${flag}`);
		}
	});
	return options;
}

const log = (line: string) => process.stderr.write(`${line}\n`);
const NO_LIMIT = 1_000_000_000;
/** The queue-mode scenario's webhook-started executions (issue 18: 10,000 items in 20 of 500). */
const QUEUE_EXECUTIONS = 20;

/** The emulator as its own process (its work is not charged to the contenders). */
class EmulatorProcess {
	private constructor(
		readonly port: number,
		private readonly child: TrackedChild,
	) {}

	static async start(
		port: number,
		options: { latencyMs: number; limit: number; contacts: number },
	): Promise<EmulatorProcess> {
		const cli = path.join(repoRoot(), '.tools', 'dev', 'emulator', 'cli.js');
		const args = [
			cli,
			'--port',
			String(port),
			'--seed',
			'test',
			'--contacts',
			String(options.contacts),
			'--latency',
			String(options.latencyMs),
			'--rate-limit',
			String(options.limit),
			'--quiet',
		];
		const child = spawnTracked('emulator', process.execPath, args, {
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		await new Promise<void>((resolve, reject) => {
			let output = '';
			child.child.stdout?.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				if (output.includes('listening')) resolve();
			});
			void child.exited.then((code) =>
				reject(new Error(`The emulator exited (${code}): ${output}`)),
			);
		});
		return new EmulatorProcess(port, child);
	}

	get url(): string {
		return `http://127.0.0.1:${this.port}`;
	}

	async reset(): Promise<void> {
		await fetch(`${this.url}/__emulator/reset`, { method: 'POST' });
	}

	async requests(): Promise<RequestSummary[]> {
		return (await (
			await fetch(`${this.url}/__emulator/requests?summary=true`)
		).json()) as RequestSummary[];
	}

	async stop(): Promise<void> {
		await this.child.stop();
	}
}

interface ContenderRun {
	samples: ProcessSample[];
	/** What a process of its kind costs doing nothing of the contender's work (wholeRunBaselines). */
	baselineCpuMs: number;
	/** Items the contender said failed; `all` when the whole run failed. */
	failed: number | 'all';
	outcome: string;
}

/**
 * Runs a process to its end while sampling its CPU and memory. Its stdout goes to a file: n8n
 * exits without waiting for a pipe to take tens of MB of run data, and would cut it off.
 */
async function runSampled(
	name: string,
	command: string,
	args: string[],
	options: { cwd?: string; env?: NodeJS.ProcessEnv },
): Promise<{ stdout: string; stderr: string; code: number | string; samples: ProcessSample[] }> {
	const outputFile = path.join(os.tmpdir(), `callbell-bench-${process.pid}-${Date.now()}.out`);
	const output = fs.openSync(outputFile, 'w');
	try {
		const child = spawnTracked(name, command, args, {
			...options,
			stdio: ['ignore', output, 'pipe'],
		});
		const sampler = new ProcessSampler(child.pid);
		let stderr = '';
		child.child.stderr?.on(
			'data',
			(chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-20_000)),
		);
		const code = await child.exited;
		return { stdout: fs.readFileSync(outputFile, 'utf8'), stderr, code, samples: sampler.stop() };
	} finally {
		fs.closeSync(output);
		fs.rmSync(outputFile, { force: true });
	}
}

/**
 * The whole-run CPU's baselines, measured once before the scenarios: an `n8n execute` of the
 * same workflow with a No Operation node in the contender's place (n8n's start, the Code node's
 * items, the run data printed and saved, the exit), and the undici client sending nothing.
 */
const wholeRunBaselines = { n8nCpuMs: 0, undiciCpuMs: 0 };
let cpuProfDir: string | undefined;

async function runN8nWorkflow(instance: N8nInstance, workflowId: string): Promise<ContenderRun> {
	const profile =
		cpuProfDir === undefined
			? []
			: ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`, `--cpu-prof-name=${workflowId}.cpuprofile`];
	const { stdout, stderr, code, samples } = await runSampled(
		`n8n execute ${workflowId}`,
		instance.install.node.bin,
		[...profile, instance.install.n8nBin, 'execute', `--id=${workflowId}`, '--rawOutput'],
		{
			cwd: instance.userFolder,
			env: instance.env(),
		},
	);
	const run = parseRunOutput(stdout);
	const baselineCpuMs = wholeRunBaselines.n8nCpuMs;
	const error = run?.data.resultData.error;
	if (!run || error) {
		const reason =
			error?.message ??
			`no run data (exit ${code}): ${stderr.trim().split('\n').slice(-3).join(' ')}`;
		return { samples, baselineCpuMs, failed: 'all', outcome: `failed: ${reason.slice(0, 80)}` };
	}
	const items = run.data.resultData.runData[CONTENDER_NODE]?.[0]?.data?.main?.[0] ?? [];
	const errorItems = items.filter((item) => item.json.error !== undefined).length;
	return { samples, baselineCpuMs, failed: errorItems, outcome: 'ok' };
}

async function runUndiciClient(config: UndiciClientConfig): Promise<ContenderRun> {
	const client = path.join(repoRoot(), '.tools', 'scripts', 'bench', 'undici-client.js');
	const { stdout, stderr, code, samples } = await runSampled(
		'undici client',
		process.execPath,
		[client, JSON.stringify(config)],
		{},
	);
	const baselineCpuMs = wholeRunBaselines.undiciCpuMs;
	if (code !== 0) {
		const outcome = `failed: exit ${code} ${stderr.slice(-80)}`;
		return { samples, baselineCpuMs, failed: 'all', outcome };
	}
	const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as UndiciClientResult;
	return { samples, baselineCpuMs, failed: result.failed, outcome: 'ok' };
}

function rowFor(
	scenario: string,
	contender: string,
	setting: { latencyMs: number; limit: number | null; first: number; items: number },
	requests: RequestSummary[],
	runs: ContenderRun[],
): BenchRow {
	const tally = tallyRequests(requests, setting.first, setting.items);
	const wallSeconds = Math.max(0.001, (tally.endedAt - tally.startedAt) / 1000);
	const failedRuns = runs.filter((run) => run.failed === 'all');
	const failed =
		failedRuns.length > 0
			? tally.notUpdated
			: Math.min(
					tally.notUpdated,
					runs.reduce((sum, run) => sum + (run.failed as number), 0),
				);
	const cpuMs = runs.reduce(
		(sum, run) => sum + cpuMsBetween(run.samples, tally.startedAt, tally.endedAt),
		0,
	);
	const wholeRunMs = runs.reduce(
		(sum, run) => sum + wholeRunCpuMs(run.samples) - run.baselineCpuMs,
		0,
	);
	const peakRssKb = runs.reduce(
		(sum, run) => sum + (run.samples[run.samples.length - 1]?.peakRssKb ?? 0),
		0,
	);
	return {
		scenario,
		contender,
		latencyMs: setting.latencyMs,
		limit: setting.limit,
		items: setting.items,
		wallSeconds,
		floorRatio: setting.limit === null ? null : wallSeconds / (setting.items / setting.limit),
		requestsPerSecond: tally.requests / wallSeconds,
		requests: tally.requests,
		rateLimited: tally.rateLimited,
		retries: tally.retries,
		failed,
		lost: tally.notUpdated - failed,
		updatedTwice: tally.updatedTwice,
		cpuSecondsPer1000: cpuMs / setting.items,
		wholeRunCpuSecondsPer1000: wholeRunMs / setting.items,
		peakRssMb: peakRssKb / 1024,
		outcome: failedRuns.length > 0 ? failedRuns[0].outcome : 'ok',
		series: requestsPerSecond(requests, tally.startedAt),
	};
}

/** Issue 18's goals: one process near the floor; several on one account share its limit. */
const TARGETS = { singleFloorRatio: 1.05, sharedOfLimit: 0.95, sharedRateLimitedShare: 0.01 };
const mark = (met: boolean) => (met ? 'met' : 'MISSED');

/** The goal a Callbell node row is held to, beside what was measured; undefined for the others. */
function targetOf(row: BenchRow): string | undefined {
	if (row.floorRatio === null || !row.contender.startsWith('Callbell node')) return undefined;
	if (!row.contender.includes('processes') && !row.contender.includes('workers')) {
		const met = row.floorRatio <= TARGETS.singleFloorRatio;
		return `target ≤ ${TARGETS.singleFloorRatio} × the floor: ${row.floorRatio.toFixed(3)} × (${mark(met)})`;
	}
	const ofLimit = 1 / row.floorRatio;
	const rateLimitedShare = row.rateLimited / row.requests;
	const met =
		ofLimit >= TARGETS.sharedOfLimit &&
		rateLimitedShare <= TARGETS.sharedRateLimitedShare &&
		row.lost === 0 &&
		row.updatedTwice === 0;
	return `target ≥ ${TARGETS.sharedOfLimit} × the limit, ≤ ${TARGETS.sharedRateLimitedShare * 100} % 429s, 0 lost / 0 doubled: ${ofLimit.toFixed(3)} × the limit, ${(rateLimitedShare * 100).toFixed(2)} % 429s, ${row.lost} lost / ${row.updatedTwice} doubled (${mark(met)})`;
}

const HTTP_CONTENDERS: Array<{ contender: N8nContender; label: string }> = [
	{ contender: 'httpDefaults', label: 'HTTP Request node, defaults' },
	{ contender: 'httpRetryOnFail', label: 'HTTP Request node, Retry On Fail' },
	{
		contender: 'httpBatching',
		label: `${HTTP_BATCHED_PREFIX} ${CALLBELL_REQUESTS_PER_SECOND}/1 s`,
	},
];

async function main(): Promise<void> {
	let options: BenchOptions;
	try {
		options = parseArguments(process.argv.slice(2));
	} catch (error) {
		console.error(`${(error as Error).message}\n\n${USAGE}`);
		process.exit(2);
	}
	if (options.from !== undefined) {
		writeResults(options, JSON.parse(fs.readFileSync(options.from, 'utf8')) as BenchResults);
		return;
	}
	if (!fs.existsSync('/proc/self/stat'))
		throw new Error('The benchmark reads CPU and memory from /proc: run it on Linux.');
	onShutdown(async () => {
		log('\nStopping the benchmark’s processes …');
	});

	const target = N8N_TARGETS['1'];
	const install = await ensureN8n(target);
	const port = await freePort();
	const baseUrl = `http://127.0.0.1:${port}/v1`;
	const instance = await N8nInstance.create({ install, log });
	const credentials = [
		{
			id: 'cbBenchCred0001',
			name: 'Callbell (benchmark)',
			type: CREDENTIAL_TYPE,
			data: { apiToken: TEST_TOKEN, baseUrl },
		},
		{
			id: 'cbBenchCredFree',
			name: 'Callbell (no pace)',
			type: CREDENTIAL_TYPE,
			data: { apiToken: TEST_TOKEN, baseUrl, requestsPerSecond: NO_LIMIT },
		},
	];
	const workflow = (
		id: string,
		contender: N8nContender,
		first: number,
		count: number,
		credential = credentials[0],
	) =>
		benchWorkflow({
			id,
			contender,
			first,
			count,
			credential: { id: credential.id, name: credential.name },
			baseUrl,
			token: TEST_TOKEN,
		});
	// Process `index` of `processes` on one account: its share of the items.
	const shareOf = (processes: number, index: number) => {
		const first = Math.floor((options.items * index) / processes);
		const end = Math.floor((options.items * (index + 1)) / processes);
		return { id: `cbBenchN${processes}P${index}`, first: first + 1, count: end - first };
	};
	const shareWorkflows = (index: number) =>
		options.processes
			.filter((processes) => index < processes)
			.map((processes) => shareOf(processes, index))
			.map(({ id, first, count }) => workflow(id, 'callbell', first, count));
	await instance.cli.importCredentials(credentials);
	await instance.cli.importWorkflows([
		workflow('cbBenchCallbell', 'callbell', 1, options.items),
		workflow('cbBenchFree', 'callbell', 1, options.items, credentials[1]),
		...shareWorkflows(0),
		workflow('cbBenchBaseline', 'baseline', 1, options.items),
		...HTTP_CONTENDERS.map(({ contender }) =>
			workflow(`cbBench${contender}`.slice(0, 16), contender, 1, options.items),
		),
	]);
	// One n8n (own user folder, own process) per share; the first is `instance`.
	const otherInstances: N8nInstance[] = [];
	for (let index = 1; index < Math.max(0, ...options.processes); index++) {
		const other = await N8nInstance.create({ install, log });
		otherInstances.push(other);
		await other.cli.importCredentials(credentials);
		await other.cli.importWorkflows(shareWorkflows(index));
	}

	const rows: BenchRow[] = [];
	const emulators: EmulatorProcess[] = [];
	const startEmulator = async (latencyMs: number, limit: number) => {
		const emulator = await EmulatorProcess.start(port, {
			latencyMs,
			limit,
			contacts: options.items,
		});
		emulators.push(emulator);
		return emulator;
	};
	const measure = async (
		emulator: EmulatorProcess,
		scenario: string,
		contender: string,
		setting: Omit<Parameters<typeof rowFor>[2], 'first'>,
		runs: () => Promise<ContenderRun[]>,
	) => {
		await emulator.reset();
		log(`  ${contender} …`);
		const contenderRuns = await runs();
		const row = rowFor(
			scenario,
			contender,
			{ ...setting, first: 1 },
			await emulator.requests(),
			contenderRuns,
		);
		log(
			`    ${row.wallSeconds.toFixed(1)} s${row.floorRatio === null ? '' : ` (${row.floorRatio.toFixed(2)} × the floor)`}, ${row.rateLimited} × 429, ${row.failed} failed, ${row.lost} lost, ${row.updatedTwice} updated twice, ${row.outcome}`,
		);
		const target = targetOf(row);
		if (target !== undefined) log(`    ${target}`);
		rows.push(row);
	};
	const undiciConfig = (requestsPerSecond: number): UndiciClientConfig => ({
		baseUrl,
		token: TEST_TOKEN,
		first: 1,
		count: options.items,
		requestsPerSecond,
		connections: 100,
	});

	try {
		await measureWholeRunBaselines(instance, undiciConfig(0));
		cpuProfDir = options.cpuProfDir;
		if (cpuProfDir !== undefined) fs.mkdirSync(cpuProfDir, { recursive: true });
		for (const latencyMs of options.latencies) {
			const scenario = `${latencyMs} ms latency, limit ${CALLBELL_REQUESTS_PER_SECOND}/s`;
			log(`\n${options.items} items, ${scenario}`);
			const emulator = await startEmulator(latencyMs, CALLBELL_REQUESTS_PER_SECOND);
			const setting = { latencyMs, limit: CALLBELL_REQUESTS_PER_SECOND, items: options.items };
			if (options.contenders.has('callbell')) {
				await measure(emulator, scenario, NODE_ALONE, setting, async () => [
					await runN8nWorkflow(instance, 'cbBenchCallbell'),
				]);
			}
			if (options.contenders.has('undici')) {
				await measure(emulator, scenario, 'undici Pool, paced', setting, async () => [
					await runUndiciClient(undiciConfig(CALLBELL_REQUESTS_PER_SECOND)),
				]);
			}
			if (options.contenders.has('http')) {
				for (const { contender, label } of HTTP_CONTENDERS) {
					await measure(emulator, scenario, label, setting, async () => [
						await runN8nWorkflow(instance, `cbBench${contender}`.slice(0, 16)),
					]);
				}
			}
			await emulator.stop();
		}
		if (options.overhead) {
			const scenario = 'no latency, no limit (own overhead)';
			log(`\n${options.items} items, ${scenario}`);
			const emulator = await startEmulator(0, NO_LIMIT);
			const setting = { latencyMs: 0, limit: null, items: options.items };
			await measure(emulator, scenario, 'Callbell node, no pace', setting, async () => [
				await runN8nWorkflow(instance, 'cbBenchFree'),
			]);
			await measure(emulator, scenario, 'undici Pool, unpaced', setting, async () => [
				await runUndiciClient(undiciConfig(0)),
			]);
			await emulator.stop();
		}
		for (const processes of options.processes) {
			const scenario = `${processes} n8n processes on one account, 50 ms latency, limit ${CALLBELL_REQUESTS_PER_SECOND}/s`;
			log(`\n${options.items} items in ${processes} shares, ${scenario}`);
			const emulator = await startEmulator(50, CALLBELL_REQUESTS_PER_SECOND);
			const setting = { latencyMs: 50, limit: CALLBELL_REQUESTS_PER_SECOND, items: options.items };
			const instances = [instance, ...otherInstances].slice(0, processes);
			await measure(emulator, scenario, `Callbell node × ${processes} processes`, setting, () =>
				Promise.all(
					instances.map((each, index) => runN8nWorkflow(each, shareOf(processes, index).id)),
				),
			);
			await emulator.stop();
		}
		for (const workers of options.queueWorkers) {
			const scenario = `queue mode, ${workers} workers on one account, ${QUEUE_EXECUTIONS} executions, 50 ms latency, limit ${CALLBELL_REQUESTS_PER_SECOND}/s`;
			log(`\n${options.items} items, ${scenario}`);
			const emulator = await startEmulator(50, CALLBELL_REQUESTS_PER_SECOND);
			const setting = { latencyMs: 50, limit: CALLBELL_REQUESTS_PER_SECOND, items: options.items };
			await measure(
				emulator,
				scenario,
				`Callbell node, queue mode × ${workers} workers`,
				setting,
				async () => {
					const run = await runQueueScenario({
						install,
						baseUrl,
						token: TEST_TOKEN,
						workers,
						items: options.items,
						executions: QUEUE_EXECUTIONS,
						log,
					});
					const outcome =
						run.failedExecutions > 0 ? `failed: ${run.failedExecutions} executions` : 'ok';
					// A worker runs for the whole scenario: its samples are the executions' span already.
					return run.samples.map((samples) => ({
						samples,
						baselineCpuMs: 0,
						failed: run.failedExecutions > 0 ? ('all' as const) : 0,
						outcome,
					}));
				},
			);
			await emulator.stop();
		}
	} finally {
		await Promise.all(emulators.map((emulator) => emulator.stop()));
		await instance.dispose();
		await Promise.all(otherInstances.map((other) => other.dispose()));
	}

	writeResults(options, {
		machine: machineDescription(),
		n8nVersion: install.n8nVersion,
		date: new Date().toISOString(),
		items: options.items,
		rows,
	});
	await stopAll();
}

const BASELINE_RUNS = 3;

async function measureWholeRunBaselines(
	instance: N8nInstance,
	undiciConfig: UndiciClientConfig,
): Promise<void> {
	log('\nWhole-run CPU baselines …');
	const n8nRuns: number[] = [];
	const undiciRuns: number[] = [];
	for (let run = 0; run < BASELINE_RUNS; run++) {
		n8nRuns.push(wholeRunCpuMs((await runN8nWorkflow(instance, 'cbBenchBaseline')).samples));
		undiciRuns.push(wholeRunCpuMs((await runUndiciClient({ ...undiciConfig, count: 0 })).samples));
	}
	wholeRunBaselines.n8nCpuMs = median(n8nRuns);
	wholeRunBaselines.undiciCpuMs = median(undiciRuns);
	const seconds = (runs: number[]) => runs.map((ms) => (ms / 1000).toFixed(2)).join(', ');
	log(`  n8n execute, No Operation node: ${seconds(n8nRuns)} s CPU`);
	log(`  undici client, no request: ${seconds(undiciRuns)} s CPU`);
}

function machineDescription(): string {
	const cpus = os.cpus();
	return `${cpus[0]?.model.trim() ?? 'unknown CPU'} (${cpus.length} cores), ${Math.round(os.totalmem() / 2 ** 30)} GB RAM, ${os.type()} ${os.release()}, Node ${process.versions.node}`;
}

/** What results.json holds: the rows and where and when they were measured. */
interface BenchResults {
	machine: string;
	n8nVersion: string;
	date: string;
	items: number;
	rows: BenchRow[];
}

function writeResults(options: BenchOptions, results: BenchResults): void {
	const { rows, machine, n8nVersion, date } = results;
	const scenarios = [...new Set(rows.map((row) => row.scenario))];
	const sections = scenarios.map((scenario) => {
		const scenarioRows = rows.filter((row) => row.scenario === scenario);
		return `### ${scenario} (${scenarioRows[0].items.toLocaleString('en')} items)\n\n${markdownTable(scenarioRows)}`;
	});
	const header = `Measured ${date.slice(0, 10)} on ${machine}; n8n ${n8nVersion}. Wall time: first request to last answer, as the emulator saw them; × floor: wall time ÷ (items ÷ limit). CPU: the contender's process while the requests ran. Whole-run CPU: the contender's process from its start to its exit (n8n's: from \`n8n execute\` to its exit, the node's parameter reads and the run data's output included), less the median of ${BASELINE_RUNS} baseline processes that do all of it but the contender's work (the same workflow with a No Operation node in the contender's place; the undici client sending nothing).`;
	const goals = targetsTable(rows);
	if (goals !== '') sections.push(`### Targets beside the figures measured for them\n\n${goals}`);
	const markdown = `${header}\n\n${sections.join('\n\n')}\n`;
	process.stdout.write(`\n${markdown}`);

	fs.mkdirSync(options.outDir, { recursive: true });
	fs.writeFileSync(path.join(options.outDir, 'results.md'), markdown);
	fs.writeFileSync(
		path.join(options.outDir, 'results.json'),
		`${JSON.stringify(results, null, '\t')}\n`,
	);
	for (const scenario of scenarios) {
		const scenarioRows = rows.filter((row) => row.scenario === scenario);
		const file = `requests-per-second-${scenario
			.replace(/[^a-z0-9]+/gi, '-')
			.replace(/^-|-$/g, '')
			.toLowerCase()}.svg`;
		fs.writeFileSync(
			path.join(options.outDir, file),
			requestsPerSecondSvg(
				`${scenario}: ${scenarioRows[0].items.toLocaleString('en')} Contact → Update items`,
				scenarioRows,
				scenarioRows[0].limit,
			),
		);
	}
	log(
		`\nWritten to ${path.relative(process.cwd(), options.outDir) || '.'}/ (results.md, results.json, one chart per scenario)`,
	);
}

main().catch(async (error) => {
	console.error(error instanceof Error ? (error.stack ?? error.message) : error);
	await stopAll();
	process.exit(1);
});
