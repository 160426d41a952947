/**
 * A running n8n process on a port of 127.0.0.1: its process (started through ../proc.ts, output
 * kept, stopped by its PID) and the REST API (rest.ts) at its URL. `n8n start` is ready once the
 * REST API answers; the queue mode's `n8n webhook` and `n8n worker` (see queue.ts), which serve
 * no REST API, once their `/healthz/readiness` does.
 */
import { OutputTail, spawnTracked, type TrackedChild } from '../proc';
import { formatMs } from '../timing';
import { N8nError } from './errors';
import type { N8nInstall } from './install';
import { N8nRest } from './rest';

/** The environment that makes `n8n start` serve the editor, REST API and webhooks on 127.0.0.1:port. */
export function serverEnv(port: number): Record<string, string> {
	return {
		N8N_PORT: String(port),
		N8N_HOST: '127.0.0.1',
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_PROTOCOL: 'http',
		N8N_SECURE_COOKIE: 'false',
		N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
		WEBHOOK_URL: `http://127.0.0.1:${port}/`,
	};
}

/** `start`: main (editor, REST API, webhooks); `webhook` and `worker`: the queue mode's other processes. */
export type N8nServerCommand = 'start' | 'webhook' | 'worker';

export class N8nServer extends N8nRest {
	readonly stdout = new OutputTail(300);
	readonly stderr = new OutputTail(300);
	private stopListeners: Array<() => void> = [];
	private stopped = false;

	constructor(
		/** `n8n <version>`, at the start of log lines and errors. */
		readonly label: string,
		readonly child: TrackedChild,
		readonly port: number,
		private readonly log: (line: string) => void,
		readonly command: N8nServerCommand = 'start',
	) {
		super(`http://127.0.0.1:${port}`);
		child.child.stdout?.on('data', (d: Buffer) => this.stdout.push(d));
		child.child.stderr?.on('data', (d: Buffer) => this.stderr.push(d));
	}

	/** `n8n <command>` (default `start`) in the user folder with `env` (which must hold `serverEnv(port)`); not ready yet. */
	static spawn(options: {
		label: string;
		install: N8nInstall;
		userFolder: string;
		env: NodeJS.ProcessEnv;
		port: number;
		log: (line: string) => void;
		command?: N8nServerCommand;
	}): N8nServer {
		const { label, install, userFolder, env, port, log, command = 'start' } = options;
		const child = spawnTracked(
			`n8n ${command} (${label})`,
			install.node.bin,
			[install.n8nBin, command],
			{
				cwd: userFolder,
				env,
				stdio: ['ignore', 'pipe', 'pipe'],
			},
		);
		return new N8nServer(label, child, port, log, command);
	}

	get pid(): number {
		return this.child.pid;
	}

	onStop(listener: () => void): void {
		this.stopListeners.push(listener);
	}

	/** Forward n8n's output (e.g. to the terminal in dev). */
	pipeOutput(write: (chunk: string) => void): void {
		this.child.child.stdout?.on('data', (d: Buffer) => write(d.toString()));
		this.child.child.stderr?.on('data', (d: Buffer) => write(d.toString()));
	}

	failure(message: string): N8nError {
		return new N8nError(
			`${this.label} ${this.command === 'start' ? 'server' : this.command} (PID ${this.pid}): ${message}`,
			this.stdout.text(60),
			this.stderr.text(60),
		);
	}

	async waitReady(timeoutMs: number): Promise<void> {
		const started = Date.now();
		const deadline = started + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.hasExited()) {
				throw this.failure(`exited (${await this.child.exited}) before it was ready`);
			}
			try {
				if (await this.answersReady()) {
					this.log(
						`  ${this.label}: ${this.command === 'start' ? 'server' : `n8n ${this.command}`} ready on ${this.url} (${formatMs(Date.now() - started)})`,
					);
					return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw this.failure(`not ready after ${formatMs(timeoutMs)}`);
	}

	private async answersReady(): Promise<boolean> {
		if (this.command !== 'start') {
			// Connected to the database and Redis, jobs taken / webhooks served: 200, else 503.
			const readiness = await fetch(`${this.url}/healthz/readiness`, {
				signal: AbortSignal.timeout(2000),
			});
			return readiness.ok;
		}
		const health = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
		// /healthz answers before the database is migrated (n8n says it is "starting up"
		// everywhere else): only a JSON settings answer means n8n is ready.
		return health.ok && (await this.answersSettingsJson());
	}

	private async answersSettingsJson(): Promise<boolean> {
		const settings = await fetch(`${this.url}/rest/settings`, {
			headers: { accept: 'application/json' },
			signal: AbortSignal.timeout(5000),
		});
		if (!settings.ok) return false;
		try {
			const body = (await settings.json()) as { data?: unknown };
			return typeof body === 'object' && body !== null && typeof body.data === 'object';
		} catch {
			return false;
		}
	}

	/** SIGTERM (n8n shuts down cleanly), SIGKILL after the grace period. */
	async stop(graceMs = 15_000): Promise<void> {
		if (this.stopped) return;
		this.stopped = true;
		await this.child.stop(graceMs);
		for (const listener of this.stopListeners) listener();
	}
}
