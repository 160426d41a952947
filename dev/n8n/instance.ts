/**
 * A real n8n (from the cache, see install.ts) with this package installed the way n8n
 * installs community packages: in `$N8N_USER_FOLDER/.n8n/nodes/node_modules/n8n-nodes-callbell`
 * (a symlink to the repository, so `dist/` is what n8n loads) listed in `.n8n/nodes/package.json`.
 *
 * - CLI: `import:credentials`, `import:workflow`, `execute --id --rawOutput` (parsed).
 * - Server: `n8n start` on a free port of 127.0.0.1, owner setup, login, REST helpers, the
 *   credential test as the editor runs it.
 *
 * Every process is started through ../proc.ts and stopped by its PID, also on errors and signals.
 */
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Duplex } from 'node:stream';

import { PACKAGE_NAME, repoRoot } from '../package';
import { OutputTail, run, spawnTracked, type RunResult, type TrackedChild } from '../proc';
import { formatMs } from '../timing';
import type { N8nInstall } from './install';
import { n8nBaseEnv } from './install';

/** What n8n answers (HTTP 200, plain text) on every route but /healthz until its database is migrated. */
const STARTING_UP = /^n8n is starting up/;

/** Credential as `n8n import:credentials` reads it (plain `data` is encrypted on import). */
export interface CredentialImport {
	id: string;
	name: string;
	type: string;
	data: Record<string, unknown>;
}

/** Workflow in n8n's export format (the fields import:workflow needs). */
export interface WorkflowImport {
	id: string;
	name: string;
	nodes: Array<Record<string, unknown>>;
	connections: Record<string, unknown>;
	settings?: Record<string, unknown>;
	active?: boolean;
	[key: string]: unknown;
}

export interface OwnerAccount {
	email: string;
	firstName: string;
	lastName: string;
	password: string;
}

export interface InstanceOptions {
	install: N8nInstall;
	/** Persistent folder (dev); a temporary one is made (and removed on dispose) if absent. */
	userFolder?: string;
	/** Default: a fixed key (these instances only ever hold test data). */
	encryptionKey?: string;
	/** The package to install (default: this repository). */
	packageRoot?: string;
	/** Extra environment for every n8n process. */
	env?: Record<string, string>;
	/** Progress lines (default: none). */
	log?: (line: string) => void;
	/** Default time limit for a CLI command. */
	cliTimeoutMs?: number;
	/**
	 * Route n8n's outgoing HTTP(S) through a local sink that refuses it and records the host
	 * (`outboundAttempts`): a safety net for tests, where n8n must talk to 127.0.0.1 only.
	 * Off for the real Callbell API.
	 */
	blockOutbound?: boolean;
}

/** A local HTTP proxy that refuses everything and remembers what was asked for. */
class OutboundSink {
	readonly attempts: string[] = [];
	private server: http.Server | undefined;
	url = '';

	async start(): Promise<void> {
		const server = http.createServer((req, res) => {
			this.attempts.push(`${req.method} ${req.url}`);
			res.writeHead(403).end(`blocked by the ${PACKAGE_NAME} test setup`);
		});
		server.on('connect', (req: http.IncomingMessage, socket: Duplex) => {
			this.attempts.push(`CONNECT ${req.url}`);
			socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		server.unref();
		this.server = server;
		const address = server.address();
		this.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
	}
}

/** A failed n8n command or server, with the end of its output. */
export class N8nError extends Error {
	constructor(
		message: string,
		readonly stdoutTail = '',
		readonly stderrTail = '',
	) {
		super(
			[
				message,
				stdoutTail.trim() ? `--- n8n stdout (last lines) ---\n${stdoutTail.trimEnd()}` : '',
				stderrTail.trim() ? `--- n8n stderr (last lines) ---\n${stderrTail.trimEnd()}` : '',
			]
				.filter(Boolean)
				.join('\n'),
		);
		this.name = 'N8nError';
	}
}

function lastLines(text: string, n = 60): string {
	return text.split('\n').slice(-n).join('\n');
}

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
	return await new Promise((resolve, reject) => {
		const server = net.createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => resolve(port));
		});
	});
}

/** Whether something accepts connections on 127.0.0.1:port. */
export async function portInUse(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		socket.once('connect', () => {
			socket.destroy();
			resolve(true);
		});
		socket.once('error', () => resolve(false));
	});
}

/**
 * The JSON document in `n8n execute --rawOutput` output. n8n prints it with `JSON.stringify(x,
 * null, 2)` among log lines, so it starts with a line `{` and ends with a line `}`. Returns the
 * last such document and the output without it (the log lines).
 */
export function splitJsonDocument(output: string): { value: unknown; rest: string } {
	const lines = output.split('\n');
	// The document's own braces stand at the start of their lines: try those first, as trying
	// every indented pair of a run with 10,000 items would take minutes.
	return findJsonDocument(lines, (line) => line.trimEnd()) ?? findJsonDocument(lines, (line) => line.trim()) ?? noJsonDocument();
}

function noJsonDocument(): never {
	throw new Error('No JSON document found in the output');
}

function findJsonDocument(lines: string[], brace: (line: string) => string): { value: unknown; rest: string } | undefined {
	const ends: number[] = [];
	const starts: number[] = [];
	lines.forEach((line, i) => {
		const t = brace(line);
		if (t === '}' || t === ']') ends.push(i);
		if (t === '{' || t === '[') starts.push(i);
	});
	for (const end of ends.reverse()) {
		for (const start of starts) {
			if (start >= end) break;
			try {
				const value: unknown = JSON.parse(lines.slice(start, end + 1).join('\n'));
				const rest = [...lines.slice(0, start), '(… run data …)', ...lines.slice(end + 1)].join('\n');
				return { value, rest };
			} catch {
				// not this pair
			}
		}
	}
	return undefined;
}

export function extractJsonDocument(output: string): unknown {
	return splitJsonDocument(output).value;
}

/** What `n8n execute` returned, with helpers for the run data. */
export interface ExecuteResult {
	ok: boolean;
	/** The `IRun` object n8n printed (undefined if none could be parsed). */
	run?: N8nRun;
	/** The error of the run, if it failed. */
	error?: { message?: string; description?: string; node?: { name?: string }; [key: string]: unknown };
	cli: RunResult;
}

export interface N8nRun {
	data: {
		resultData: {
			runData: Record<string, Array<{ data?: { main?: Array<Array<{ json: Record<string, unknown> }> | null> }; error?: unknown; executionStatus?: string }>>;
			lastNodeExecuted?: string;
			error?: { message?: string; description?: string; [key: string]: unknown };
		};
	};
	status?: string;
	finished?: boolean;
	[key: string]: unknown;
}

/** The `json` of each item a node put out (first run, first output by default). */
export function nodeOutput(runResult: N8nRun, nodeName: string, output = 0, runIndex = 0): Array<Record<string, unknown>> {
	const runs = runResult.data.resultData.runData[nodeName];
	if (!runs) {
		throw new Error(
			`Node "${nodeName}" did not run; nodes that ran: ${Object.keys(runResult.data.resultData.runData).join(', ')}`,
		);
	}
	const items = runs[runIndex]?.data?.main?.[output] ?? [];
	return items.map((item) => item.json);
}

export class N8nInstance {
	readonly userFolder: string;
	readonly n8nFolder: string;
	readonly encryptionKey: string;
	readonly packageRoot: string;
	private readonly temporary: boolean;
	private readonly log: (line: string) => void;
	private servers = new Set<N8nServer>();
	private sink: OutboundSink | undefined;

	private constructor(
		readonly install: N8nInstall,
		private readonly options: InstanceOptions,
	) {
		this.temporary = options.userFolder === undefined;
		this.userFolder = options.userFolder ?? fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-n8n-'));
		this.n8nFolder = path.join(this.userFolder, '.n8n');
		this.encryptionKey = options.encryptionKey ?? 'callbell-dev-and-test-only-key-0123456789';
		this.packageRoot = options.packageRoot ?? repoRoot();
		this.log = options.log ?? (() => undefined);
	}

	/** Make the user folder and install the package into it (idempotent). */
	static async create(options: InstanceOptions): Promise<N8nInstance> {
		const instance = new N8nInstance(options.install, options);
		instance.linkPackage();
		if (options.blockOutbound) {
			instance.sink = new OutboundSink();
			await instance.sink.start();
		}
		return instance;
	}

	get label(): string {
		return `n8n ${this.install.n8nVersion}`;
	}

	/** `.n8n/nodes/node_modules/n8n-nodes-callbell` → the package root; `.n8n/nodes/package.json` lists it. */
	linkPackage(): void {
		const pkg = JSON.parse(fs.readFileSync(path.join(this.packageRoot, 'package.json'), 'utf8')) as {
			name: string;
			version: string;
			n8n?: { nodes?: string[]; credentials?: string[] };
		};
		for (const file of [...(pkg.n8n?.nodes ?? []), ...(pkg.n8n?.credentials ?? [])]) {
			if (!fs.existsSync(path.join(this.packageRoot, file))) {
				throw new Error(`${file} is missing: build the package first (npm run build)`);
			}
		}
		const nodesDir = path.join(this.n8nFolder, 'nodes');
		const modulesDir = path.join(nodesDir, 'node_modules');
		fs.mkdirSync(modulesDir, { recursive: true });
		const link = path.join(modulesDir, pkg.name);
		let current: string | undefined;
		try {
			current = fs.readlinkSync(link);
		} catch {
			current = undefined;
		}
		if (current !== this.packageRoot) {
			fs.rmSync(link, { recursive: true, force: true });
			fs.symlinkSync(this.packageRoot, link, 'dir');
		}
		const nodesPackageJson = path.join(nodesDir, 'package.json');
		const existing = (fs.existsSync(nodesPackageJson)
			? JSON.parse(fs.readFileSync(nodesPackageJson, 'utf8'))
			: { name: 'installed-nodes', private: true }) as { dependencies?: Record<string, string> };
		existing.dependencies = { ...(existing.dependencies ?? {}), [pkg.name]: pkg.version };
		fs.writeFileSync(nodesPackageJson, `${JSON.stringify(existing, null, 2)}\n`);
	}

	/** Outgoing requests n8n tried to make (only with `blockOutbound`), e.g. `CONNECT api.n8n.io:443`. */
	get outboundAttempts(): string[] {
		return this.sink?.attempts ?? [];
	}

	/** Environment of every n8n process of this instance. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		const proxy = this.sink?.url;
		return {
			...n8nBaseEnv(this.userFolder, this.install.target),
			...(proxy ? { HTTP_PROXY: proxy, HTTPS_PROXY: proxy, http_proxy: proxy, https_proxy: proxy, ALL_PROXY: proxy } : {}),
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// n8n 2.x starts its task runner with the `node` on PATH: make that n8n's Node.
			PATH: `${path.dirname(this.install.node.bin)}${path.delimiter}${process.env.PATH ?? ''}`,
			...this.options.env,
			...extra,
		};
	}

	/** Run an n8n CLI command to completion (never throws for its exit code). */
	async cli(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
		const started = Date.now();
		const result = await run(`n8n ${args[0]}`, this.install.node.bin, [this.install.n8nBin, ...args], {
			cwd: this.userFolder,
			env: this.env(options.env),
			timeoutMs: options.timeoutMs ?? this.options.cliTimeoutMs ?? 300_000,
		});
		this.log(`  ${this.label}: n8n ${args.join(' ')} → exit ${result.code} (${formatMs(Date.now() - started)})`);
		return result;
	}

	/** Like `cli`, but a non-zero exit throws an N8nError with the output's tail. */
	async cliOrThrow(args: string[], options: { timeoutMs?: number; env?: Record<string, string> } = {}): Promise<RunResult> {
		const result = await this.cli(args, options);
		if (result.code !== 0) {
			throw new N8nError(
				`${this.label}: \`n8n ${args.join(' ')}\` failed (exit ${result.code})`,
				lastLines(result.stdout),
				lastLines(result.stderr),
			);
		}
		return result;
	}

	private writeTemp(name: string, content: unknown): string {
		const dir = path.join(this.userFolder, 'imports');
		fs.mkdirSync(dir, { recursive: true });
		const file = path.join(dir, name);
		fs.writeFileSync(file, JSON.stringify(content, null, 2));
		return file;
	}

	async importCredentials(credentials: CredentialImport[]): Promise<void> {
		// The file holds the tokens in clear: it lives only for the import.
		const file = this.writeTemp(`credentials-${Date.now()}.json`, credentials);
		try {
			await this.cliOrThrow(['import:credentials', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	async importWorkflows(workflows: WorkflowImport[]): Promise<void> {
		for (const workflow of workflows) {
			if (workflow.id.length > 16) throw new Error(`Workflow id "${workflow.id}" is longer than 16 characters`);
		}
		const file = this.writeTemp(`workflows-${Date.now()}.json`, workflows);
		try {
			await this.cliOrThrow(['import:workflow', `--input=${file}`]);
		} finally {
			fs.rmSync(file, { force: true });
		}
	}

	/** `n8n execute --id=<id> --rawOutput`, with the printed run parsed. */
	async execute(workflowId: string, options: { timeoutMs?: number } = {}): Promise<ExecuteResult> {
		const cli = await this.cli(['execute', `--id=${workflowId}`, '--rawOutput'], options);
		let parsed: N8nRun | undefined;
		try {
			parsed = extractJsonDocument(cli.stdout) as N8nRun;
		} catch {
			try {
				parsed = extractJsonDocument(`${cli.stdout}\n${cli.stderr}`) as N8nRun;
			} catch {
				parsed = undefined;
			}
		}
		const runError = parsed?.data?.resultData?.error;
		const ok = cli.code === 0 && parsed !== undefined && !runError;
		return { ok, run: parsed, error: runError, cli };
	}

	/** Like `execute`, but throws (with n8n's output) unless the run succeeded. */
	async executeOrThrow(workflowId: string, options: { timeoutMs?: number } = {}): Promise<N8nRun> {
		const result = await this.execute(workflowId, options);
		if (!result.ok || !result.run) {
			const reason = result.error?.message
				? `the run failed: ${result.error.message}${result.error.description ? ` (${result.error.description})` : ''}`
				: result.run
					? `exit ${result.cli.code}`
					: `no run data was printed (exit ${result.cli.code})`;
			let logLines = result.cli.stdout;
			try {
				logLines = splitJsonDocument(result.cli.stdout).rest;
			} catch {
				// no run data printed: show the output as it is
			}
			throw new N8nError(
				`${this.label}: \`n8n execute --id=${workflowId}\`: ${reason}`,
				lastLines(logLines, 40),
				lastLines(result.cli.stderr, 40),
			);
		}
		return result.run;
	}

	/** `n8n start` on 127.0.0.1 (a free port unless given); resolves once the REST API answers. */
	async startServer(options: { port?: number; timeoutMs?: number; env?: Record<string, string> } = {}): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		if (await portInUse(port)) throw new Error(`Port ${port} on 127.0.0.1 is already in use`);
		const env = this.env({
			N8N_PORT: String(port),
			N8N_HOST: '127.0.0.1',
			N8N_LISTEN_ADDRESS: '127.0.0.1',
			N8N_PROTOCOL: 'http',
			N8N_SECURE_COOKIE: 'false',
			N8N_EDITOR_BASE_URL: `http://127.0.0.1:${port}/`,
			WEBHOOK_URL: `http://127.0.0.1:${port}/`,
			...options.env,
		});
		const child = spawnTracked(`n8n start (${this.label})`, this.install.node.bin, [this.install.n8nBin, 'start'], {
			cwd: this.userFolder,
			env,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const server = new N8nServer(this, child, port, this.log);
		this.servers.add(server);
		server.onStop(() => this.servers.delete(server));
		try {
			await server.waitReady(options.timeoutMs ?? 180_000);
		} catch (error) {
			await server.stop();
			throw error;
		}
		return server;
	}

	/** Stop every server of this instance; remove the user folder if it was temporary. */
	async dispose(): Promise<void> {
		await Promise.all([...this.servers].map((s) => s.stop()));
		await this.sink?.close();
		if (this.temporary) fs.rmSync(this.userFolder, { recursive: true, force: true });
	}
}

export interface RestResponse<T = unknown> {
	status: number;
	body: T;
	text: string;
}

export interface CredentialTestResult {
	status: 'OK' | 'Error' | string;
	message: string;
}

export class N8nServer {
	readonly url: string;
	readonly stdout = new OutputTail(300);
	readonly stderr = new OutputTail(300);
	private cookie: string | undefined;
	private stopListeners: Array<() => void> = [];
	private stopped = false;

	constructor(
		readonly instance: N8nInstance,
		readonly child: TrackedChild,
		readonly port: number,
		private readonly log: (line: string) => void,
	) {
		this.url = `http://127.0.0.1:${port}`;
		child.child.stdout?.on('data', (d: Buffer) => this.stdout.push(d));
		child.child.stderr?.on('data', (d: Buffer) => this.stderr.push(d));
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
		return new N8nError(`${this.instance.label} server (PID ${this.pid}): ${message}`, this.stdout.text(60), this.stderr.text(60));
	}

	async waitReady(timeoutMs: number): Promise<void> {
		const started = Date.now();
		const deadline = started + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child.hasExited()) {
				throw this.failure(`exited (${await this.child.exited}) before it was ready`);
			}
			try {
				const health = await fetch(`${this.url}/healthz`, { signal: AbortSignal.timeout(2000) });
				// /healthz answers before the database is migrated (see STARTING_UP): only a JSON
				// settings answer means n8n is ready.
				if (health.ok && (await this.answersSettingsJson())) {
					this.log(`  ${this.instance.label}: server ready on ${this.url} (${formatMs(Date.now() - started)})`);
					return;
				}
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 500));
		}
		throw this.failure(`not ready after ${formatMs(timeoutMs)}`);
	}

	private async answersSettingsJson(): Promise<boolean> {
		const settings = await fetch(`${this.url}/rest/settings`, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(5000) });
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

	/** A REST call with the session cookie (if logged in); never throws for an HTTP status. */
	async request<T = unknown>(method: string, urlPath: string, body?: unknown, headers: Record<string, string> = {}): Promise<RestResponse<T>> {
		const response = await fetch(`${this.url}${urlPath}`, {
			method,
			headers: {
				accept: 'application/json',
				...(body !== undefined ? { 'content-type': 'application/json' } : {}),
				...(this.cookie ? { cookie: this.cookie } : {}),
				...headers,
			},
			body: body !== undefined ? JSON.stringify(body) : undefined,
			signal: AbortSignal.timeout(60_000),
		});
		const cookies = response.headers.getSetCookie();
		const auth = cookies.map((c) => c.split(';')[0]).find((c) => c.startsWith('n8n-auth='));
		if (auth && auth !== 'n8n-auth=') this.cookie = auth;
		const text = await response.text();
		let parsed: unknown = text;
		try {
			parsed = text ? JSON.parse(text) : undefined;
		} catch {
			// not JSON
		}
		return { status: response.status, body: parsed as T, text };
	}

	/** A REST call that must succeed; returns the `data` of n8n's `{ data }` envelope. */
	async rest<T = unknown>(method: string, urlPath: string, body?: unknown): Promise<T> {
		const response = await this.request<{ data?: T }>(method, urlPath, body);
		if (response.status < 200 || response.status >= 300) {
			throw this.failure(`${method} ${urlPath} → HTTP ${response.status}: ${response.text.slice(0, 1000)}`);
		}
		const envelope = response.body;
		return (envelope && typeof envelope === 'object' && 'data' in envelope ? envelope.data : envelope) as T;
	}

	/** The auth cookie (`n8n-auth=…`), e.g. to hand to a browser. */
	get authCookie(): string | undefined {
		return this.cookie;
	}

	/** Create the owner account unless one exists, then log in as it. */
	async ensureOwner(owner: OwnerAccount): Promise<{ created: boolean }> {
		const setup = await this.request('POST', '/rest/owner/setup', owner);
		if (setup.status >= 200 && setup.status < 300) {
			await this.login(owner.email, owner.password);
			return { created: true };
		}
		// Already set up (HTTP 400 "Instance owner already setup"): log in instead.
		try {
			await this.login(owner.email, owner.password);
		} catch (error) {
			throw this.failure(
				`owner setup answered HTTP ${setup.status} (${setup.text.slice(0, 300)}) and login as ${owner.email} failed: ${(error as Error).message.split('\n')[0]}`,
			);
		}
		return { created: false };
	}

	async login(email: string, password: string): Promise<void> {
		// n8n 1.x/2.x take `emailOrLdapLoginId`; older versions took `email`.
		let response = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, email, password });
		// Belt and braces for the start-up window (see waitReady): wait it out rather than fail.
		for (let attempt = 0; attempt < 60 && STARTING_UP.test(response.text); attempt++) {
			await new Promise((r) => setTimeout(r, 500));
			response = await this.request('POST', '/rest/login', { emailOrLdapLoginId: email, email, password });
		}
		if (response.status !== 200 || !this.cookie) {
			throw this.failure(`login as ${email} → HTTP ${response.status}: ${response.text.slice(0, 300)}`);
		}
	}

	/**
	 * Activates a workflow as the editor's toggle does: `POST …/activate` with its current version
	 * (n8n 1.x and 2.x). Always sent: n8n 2.x reports an imported workflow as active although it
	 * registered none of its triggers; activating an active version again changes nothing.
	 */
	async activateWorkflow(id: string): Promise<void> {
		const workflow = await this.rest<{ versionId?: string }>('GET', `/rest/workflows/${encodeURIComponent(id)}`);
		await this.rest('POST', `/rest/workflows/${encodeURIComponent(id)}/activate`, { versionId: workflow.versionId });
	}

	async deactivateWorkflow(id: string): Promise<void> {
		await this.rest('POST', `/rest/workflows/${encodeURIComponent(id)}/deactivate`, {});
	}

	/** A workflow's executions (id and status), newest first. */
	async executions(workflowId: string): Promise<Array<{ id: string; status: string }>> {
		const filter = encodeURIComponent(JSON.stringify({ workflowId }));
		const data = await this.rest<{ results?: Array<{ id: string; status: string }> }>('GET', `/rest/executions?filter=${filter}`);
		return data.results ?? [];
	}

	/** One execution as n8n stores it; its `data` is n8n's serialised run data (text). */
	async execution(id: string): Promise<{ id: string; status: string; data?: unknown }> {
		return await this.rest('GET', `/rest/executions/${encodeURIComponent(id)}`);
	}

	/** The credential as the editor sees it (secrets redacted). */
	async getCredential(id: string): Promise<{ id: string; name: string; type: string; data?: Record<string, unknown> }> {
		return await this.rest('GET', `/rest/credentials/${encodeURIComponent(id)}?includeData=true`);
	}

	/**
	 * The credential test, as the editor's "Retry"/"Save" runs it: the credential is read with
	 * its (redacted) data and sent back to `POST /rest/credentials/test`, where n8n fills in
	 * the stored secrets. `data` overrides fields (as if typed into the dialog).
	 */
	async testCredential(id: string, data: Record<string, unknown> = {}): Promise<CredentialTestResult> {
		const credential = await this.getCredential(id);
		return await this.rest<CredentialTestResult>('POST', '/rest/credentials/test', {
			credentials: {
				id: credential.id,
				name: credential.name,
				type: credential.type,
				data: { ...(credential.data ?? {}), ...data },
			},
		});
	}
}
