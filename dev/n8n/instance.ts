/**
 * A real n8n (from the cache, see install.ts) with this package installed in its user folder
 * (userFolder.ts), composed of:
 *
 * - the environment of its processes (env.ts), with the outbound sink's proxy when asked
 *   (outboundSink.ts);
 * - its CLI (cli.ts): `import:credentials`, `import:workflow`, `execute --id --rawOutput` (parsed);
 * - its servers (server.ts): `n8n start` on a free port of 127.0.0.1 (ports.ts), with the REST
 *   calls of rest.ts (owner setup, login, the credential test as the editor runs it).
 *
 * Every process is started through ../proc.ts and stopped by its PID, also on errors and signals.
 */
import { repoRoot } from '../package';
import { N8nCli } from './cli';
import { n8nBaseEnv, pathWithNodeFirst } from './env';
import type { N8nInstall } from './install';
import { OutboundSink } from './outboundSink';
import { freePort, portInUse, taskBrokerEnv } from './ports';
import { N8nServer, serverEnv, type N8nServerCommand } from './server';
import { UserFolder } from './userFolder';

export interface InstanceOptions {
	install: N8nInstall;
	/** Persistent folder (dev); a temporary one is made (and removed on dispose) if absent. */
	userFolder?: string;
	/** Default: a fixed key (these instances only ever hold test data). */
	encryptionKey?: string;
	/** The package to install (default: this repository). */
	packageRoot?: string;
	/**
	 * Link the package into the user folder (default). Off for an n8n that installs it itself,
	 * through its Community Nodes route (see registry.ts).
	 */
	linkPackage?: boolean;
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

export class N8nInstance {
	readonly userFolder: string;
	readonly n8nFolder: string;
	readonly encryptionKey: string;
	readonly packageRoot: string;
	/** The n8n CLI in this instance's user folder and environment. */
	readonly cli: N8nCli;
	private readonly folder: UserFolder;
	private readonly log: (line: string) => void;
	private servers = new Set<N8nServer>();
	private sink: OutboundSink | undefined;

	private constructor(
		readonly install: N8nInstall,
		private readonly options: InstanceOptions,
	) {
		this.folder = new UserFolder(options.userFolder);
		this.userFolder = this.folder.dir;
		this.n8nFolder = this.folder.n8nFolder;
		this.encryptionKey = options.encryptionKey ?? 'callbell-dev-and-test-only-key-0123456789';
		this.packageRoot = options.packageRoot ?? repoRoot();
		this.log = options.log ?? (() => undefined);
		this.cli = new N8nCli({
			install,
			userFolder: this.userFolder,
			label: this.label,
			env: (extra) => this.env(extra),
			log: this.log,
			timeoutMs: options.cliTimeoutMs ?? 300_000,
		});
	}

	/** Make the user folder and install the package into it (idempotent, unless `linkPackage` is off). */
	static async create(options: InstanceOptions): Promise<N8nInstance> {
		const instance = new N8nInstance(options.install, options);
		if (options.linkPackage !== false) instance.folder.linkPackage(instance.packageRoot);
		if (options.blockOutbound) {
			instance.sink = new OutboundSink();
			await instance.sink.start();
		}
		return instance;
	}

	get label(): string {
		return `n8n ${this.install.n8nVersion}`;
	}

	/** Outgoing requests n8n tried to make (only with `blockOutbound`), e.g. `CONNECT api.n8n.io:443`. */
	get outboundAttempts(): string[] {
		return this.sink?.attempts ?? [];
	}

	/** Environment of every n8n process of this instance. */
	env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
		return {
			...n8nBaseEnv(this.userFolder, this.install.target),
			...this.sink?.proxyEnv(),
			N8N_ENCRYPTION_KEY: this.encryptionKey,
			// n8n 2.x starts its task runner with the `node` on PATH: make that n8n's Node.
			PATH: pathWithNodeFirst(this.install.node.bin),
			...this.options.env,
			...extra,
		};
	}

	/**
	 * `n8n start` (or the queue mode's `n8n webhook` / `n8n worker`) on 127.0.0.1, a free port
	 * unless given; resolves once it is ready (see N8nServer.waitReady).
	 */
	async startServer(
		options: {
			port?: number;
			timeoutMs?: number;
			env?: Record<string, string>;
			command?: N8nServerCommand;
		} = {},
	): Promise<N8nServer> {
		const port = options.port ?? (await freePort());
		if (await portInUse(port)) throw new Error(`Port ${port} on 127.0.0.1 is already in use`);
		const server = N8nServer.spawn({
			label: this.label,
			install: this.install,
			userFolder: this.userFolder,
			env: this.env({ ...serverEnv(port), ...(await taskBrokerEnv()), ...options.env }),
			port,
			log: this.log,
			command: options.command,
		});
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
		this.folder.remove();
	}
}
