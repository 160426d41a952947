/**
 * n8n's queue mode on one machine, as teams that outgrow one process run it:
 *
 * - Redis (redis.ts): Debian's `redis-server`, in memory only, on a free port;
 * - one main (`n8n start`): editor, REST API, activation of triggers (it registers their
 *   webhooks at `WEBHOOK_URL`, the webhook process); `N8N_DISABLE_PRODUCTION_MAIN_PROCESS`, so
 *   production webhooks are served by the webhook process only;
 * - `workers` workers (`n8n worker`): they run every execution (`EXECUTIONS_MODE=queue`, manual
 *   ones too with `OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS`), each with its health check on its own
 *   port (its readiness), its own task broker port;
 * - one webhook process (`n8n webhook`): receives production webhooks, answers them, queues the
 *   executions.
 *
 * Every process is an N8nInstance of its own (instance.ts): its own user folder with the package
 * linked into it, because n8n keeps per-process files there (`crash.journal`: a second process
 * finding another's would say "Last session crashed" and wait 10 s; the event log files; its
 * task broker's); all of them share one encryption key and one database: by default Debian's
 * PostgreSQL (postgres.ts), or one SQLite file in WAL mode (`database: 'sqlite'`:
 * `DB_SQLITE_DATABASE`, absolute, and `DB_SQLITE_POOL_SIZE` ≥ 1, n8n 1.x's pooled driver, which
 * always turns WAL on; n8n 2.x has only that one). SQLite gives `SQLITE_BUSY: database is
 * locked` in n8n 2.x with 4 workers and 20 executions at once (executions lost); see
 * docs/development.md, "Queue mode".
 *
 * Which worker ran an execution: n8n stores no worker id with an execution (its `hostId` is a
 * random `worker-<nanoid>` outside Docker, sent to main only in job messages); each worker logs
 * `Worker started execution <id> (job <n>)` (1.x and 2.x), which is read here (`workerOf`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { N8nCli } from './cli';
import type { N8nInstall } from './install';
import { N8nInstance } from './instance';
import { freePort } from './ports';
import { PostgresServer } from './postgres';
import { RedisServer } from './redis';
import type { N8nServer, N8nServerCommand } from './server';
import { UserFolder } from './userFolder';

const STARTED_EXECUTION = /Worker started execution (\S+) \(job/;

export interface QueueOptions {
	install: N8nInstall;
	/** How many `n8n worker` processes (default 2). */
	workers?: number;
	/** Main's port (the editor's); a free one if absent. All other ports are free ones. */
	mainPort?: number;
	/** Persistent folder (dev) holding each process's user folder and the database; temporary if absent. */
	folder?: string;
	encryptionKey?: string;
	packageRoot?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Progress lines. */
	log?: (line: string) => void;
	/** Each output line of each process, with its name: `main`, `worker 1` …, `webhook`. */
	output?: (name: string, line: string) => void;
	/** See InstanceOptions.blockOutbound. */
	blockOutbound?: boolean;
	/**
	 * `postgres` (default): Debian's PostgreSQL, a throw-away cluster (postgres.ts). `sqlite`: one
	 * SQLite file in WAL mode, enough for light loads (see docs/development.md, "Queue mode").
	 */
	database?: QueueDatabase;
}

export type QueueDatabase = 'postgres' | 'sqlite';

/** One n8n process of the queue: its name, its instance (user folder, CLI) and, once started, its server. */
export interface QueueProcess {
	name: string;
	command: N8nServerCommand;
	instance: N8nInstance;
	port: number;
	server?: N8nServer;
}

export class N8nQueue {
	/** Execution id → the name of the worker that started it (from the workers' logs). */
	private readonly ranBy = new Map<string, string>();

	private constructor(
		private readonly folder: UserFolder,
		readonly redis: RedisServer,
		readonly mainProcess: QueueProcess,
		readonly workerProcesses: QueueProcess[],
		readonly webhookProcess: QueueProcess,
		private readonly options: QueueOptions,
		/** With `database: 'postgres'`. */
		readonly postgres: PostgresServer | undefined,
	) {}

	/** Where the shared database is, for people: a Postgres URL or the SQLite file. */
	get databaseLabel(): string {
		return this.postgres
			? `PostgreSQL on 127.0.0.1:${this.postgres.port} (database ${this.postgres.database}, PID ${this.postgres.pid})`
			: `SQLite (WAL) ${databaseFile(this.folder)}`;
	}

	/**
	 * Redis started, a user folder per process with the package linked, the ports picked: ready
	 * for imports through `cli` (main's, on the shared database), then `start()`.
	 */
	static async create(options: QueueOptions): Promise<N8nQueue> {
		const folder = new UserFolder(options.folder);
		const redis = await RedisServer.start({ log: options.log });
		let postgres: PostgresServer | undefined;
		try {
			if ((options.database ?? 'postgres') === 'postgres') {
				postgres = await PostgresServer.start({ log: options.log });
			}
			const env = {
				EXECUTIONS_MODE: 'queue',
				QUEUE_BULL_REDIS_HOST: '127.0.0.1',
				QUEUE_BULL_REDIS_PORT: String(redis.port),
				...(postgres
					? postgres.n8nEnv()
					: { DB_SQLITE_DATABASE: databaseFile(folder), DB_SQLITE_POOL_SIZE: '3' }),
				OFFLOAD_MANUAL_EXECUTIONS_TO_WORKERS: 'true',
				...options.env,
			};
			const member = async (
				name: string,
				command: N8nServerCommand,
				port?: number,
			): Promise<QueueProcess> => ({
				name,
				command,
				port: port ?? (await freePort()),
				instance: await N8nInstance.create({
					install: options.install,
					userFolder: path.join(folder.dir, name.replace(' ', '-')),
					encryptionKey: options.encryptionKey,
					packageRoot: options.packageRoot,
					env,
					log: options.log,
					blockOutbound: options.blockOutbound,
				}),
			});
			fs.mkdirSync(path.dirname(databaseFile(folder)), { recursive: true });
			const main = await member('main', 'start', options.mainPort);
			const workers: QueueProcess[] = [];
			for (let n = 1; n <= (options.workers ?? 2); n++)
				workers.push(await member(`worker ${n}`, 'worker'));
			const webhook = await member('webhook', 'webhook');
			return new N8nQueue(folder, redis, main, workers, webhook, options, postgres);
		} catch (error) {
			await postgres?.stop();
			await redis.stop();
			folder.remove();
			throw error;
		}
	}

	/** Main's CLI (`import:*`), on the shared database. */
	get cli(): N8nCli {
		return this.mainProcess.instance.cli;
	}

	get processes(): QueueProcess[] {
		return [this.mainProcess, ...this.workerProcesses, this.webhookProcess];
	}

	/** Main's server (editor, REST API); after `start()`. */
	get main(): N8nServer {
		return started(this.mainProcess);
	}

	/** The webhook process's server: production webhooks are at `${webhook.url}/webhook/…`; after `start()`. */
	get webhook(): N8nServer {
		return started(this.webhookProcess);
	}

	get label(): string {
		return this.mainProcess.instance.label;
	}

	/** Main first (it migrates the database), then the workers and the webhook process side by side. */
	async start(): Promise<void> {
		const webhookUrl = `http://127.0.0.1:${this.webhookProcess.port}/`;
		await this.startProcess(this.mainProcess, {
			WEBHOOK_URL: webhookUrl,
			N8N_DISABLE_PRODUCTION_MAIN_PROCESS: 'true',
		});
		const editorUrl = `${this.main.url}/`;
		await Promise.all([
			...this.workerProcesses.map((worker) =>
				this.startProcess(worker, {
					WEBHOOK_URL: webhookUrl,
					N8N_EDITOR_BASE_URL: editorUrl,
					QUEUE_HEALTH_CHECK_ACTIVE: 'true',
					QUEUE_HEALTH_CHECK_PORT: String(worker.port),
					N8N_WORKER_SERVER_ADDRESS: '127.0.0.1',
				}),
			),
			this.startProcess(this.webhookProcess, { N8N_EDITOR_BASE_URL: editorUrl }),
		]);
	}

	/** The name of the worker that ran this execution (`worker 1` …), or undefined if none did. */
	workerOf(executionId: string): string | undefined {
		return this.ranBy.get(executionId);
	}

	/** Outgoing requests any process tried to make (only with `blockOutbound`). */
	get outboundAttempts(): string[] {
		return this.processes.flatMap((p) => p.instance.outboundAttempts);
	}

	/**
	 * The n8n processes stopped by their PIDs (webhook and workers first, main last); Redis and
	 * the folders stay, `start()` starts them again (e.g. after a rebuild).
	 */
	async stopN8n(): Promise<void> {
		const stopAll = (members: QueueProcess[]) => Promise.all(members.map((m) => m.server?.stop()));
		await stopAll([this.webhookProcess, ...this.workerProcesses]);
		await stopAll([this.mainProcess]);
		for (const member of this.processes) member.server = undefined;
	}

	/** Every n8n process stopped by its PID, then Redis; temporary folders removed. */
	async stop(): Promise<void> {
		await this.stopN8n();
		await Promise.all(this.processes.map((m) => m.instance.dispose()));
		await this.postgres?.stop();
		await this.redis.stop();
		this.folder.remove();
	}

	private async startProcess(member: QueueProcess, env: Record<string, string>): Promise<void> {
		const server = await member.instance.startServer({
			command: member.command,
			port: member.port,
			env,
		});
		member.server = server;
		const output = this.options.output;
		let partial = '';
		const onChunk = (chunk: string): void => {
			const lines = (partial + chunk).split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) {
				const execution = member.command === 'worker' ? STARTED_EXECUTION.exec(line) : null;
				if (execution) this.ranBy.set(execution[1], member.name);
				if (output && line.trim()) output(member.name, line);
			}
		};
		server.pipeOutput(onChunk);
	}
}

function databaseFile(folder: UserFolder): string {
	return path.join(folder.dir, 'database', 'database.sqlite');
}

function started(member: QueueProcess): N8nServer {
	if (!member.server) throw new Error(`n8n queue: ${member.name} is not started (call start())`);
	return member.server;
}
