/**
 * A local npm registry on 127.0.0.1 (verdaccio, installed into the cache on first use, see
 * n8n/install.ts), for installing the package the way users do: through n8n's Community Nodes
 * route (`N8N_COMMUNITY_PACKAGES_REGISTRY`), which runs `npm pack` and `npm install` against it.
 * No uplinks (it serves only what was published to it, so nothing reaches the public registry),
 * one throw-away user who may publish.
 *
 * Run as the queue mode's services are (n8n/service.ts: started through ./proc.ts, output kept,
 * ready once it answers, stopped by its PID, its working folder with the configuration, the user
 * and its token removed). `storageDir` keeps what was published (inside the working folder unless
 * given: `npm run pack:local` keeps one in the cache), and while it runs the registry's address,
 * PID and npm config (`registry.json`), so that a second `npm run pack:local` can publish to it
 * (`connect`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureVerdaccio, npmEnv } from './n8n/install';
import { freePort, portInUse } from './n8n/ports';
import { packPackage, unpackTarball } from './pack';
import { ServiceProcess } from './n8n/service';
import { isAlive, run, spawnTracked } from './proc';
import { formatMs } from './timing';

const USER = { name: 'callbell-local', password: 'callbell-local-registry' };
const ADDRESS_FILE = 'registry.json';

/** n8n's licence feature for a registry other than npm's; its test mode grants it (see `n8nEnv`). */
export const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

export interface PublishedVersion {
	name: string;
	version: string;
}

/** `x.y.z` or `x.y.z-pre.1` → its numbers and prerelease identifiers (build metadata ignored). */
function parseVersion(version: string): { core: number[]; pre: string[] } {
	const [withPre] = version.split('+');
	const dash = withPre.indexOf('-');
	const core = (dash < 0 ? withPre : withPre.slice(0, dash)).split('.').map(Number);
	return { core, pre: dash < 0 ? [] : withPre.slice(dash + 1).split('.') };
}

/** Semver precedence: < 0 if `a` is older than `b`, 0 if equal, > 0 if newer. */
export function compareVersions(a: string, b: string): number {
	const x = parseVersion(a);
	const y = parseVersion(b);
	for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return x.core[i] - y.core[i];
	// A prerelease is older than its release.
	if (x.pre.length === 0 || y.pre.length === 0) return y.pre.length - x.pre.length;
	for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
		const [p, q] = [x.pre[i], y.pre[i]];
		if (p === q) continue;
		const [pn, qn] = [/^\d+$/.test(p), /^\d+$/.test(q)];
		if (pn && qn) return Number(p) - Number(q);
		// Numeric identifiers are older than alphanumeric ones, which compare as text.
		if (pn !== qn) return pn ? -1 : 1;
		return p < q ? -1 : 1;
	}
	return x.pre.length - y.pre.length;
}

/**
 * The version to publish: package.json's while it is newer than everything published, else one
 * newer than the newest (`0.1.0` published → `0.1.1-local.1`; `0.1.1-local.1` → `0.1.1-local.2`;
 * `0.2.0` or `0.2.0-rc.1` → `0.2.1-local.1`), so that n8n's Update always has something to take.
 */
export function versionToPublish(own: string, published: string[]): string {
	const newest = published.reduce((a, b) => (compareVersions(a, b) >= 0 ? a : b), own);
	if (newest === own && !published.includes(own)) return own;
	const { core, pre } = parseVersion(newest);
	const local = pre.length === 2 && pre[0] === 'local' && /^\d+$/.test(pre[1]);
	return local
		? `${core.join('.')}-local.${Number(pre[1]) + 1}`
		: `${core[0]}.${core[1]}.${core[2] + 1}-local.1`;
}

/** The verdaccio configuration: packages in `storage`, users in `htpasswd`, no uplinks, no web UI. */
export function registryConfig(options: {
	storage: string;
	htpasswd: string;
	port: number;
}): string {
	return [
		`storage: ${JSON.stringify(options.storage)}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(options.htpasswd)}`,
		'    max_users: 10',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		'web:',
		'  enable: false',
		`listen: 127.0.0.1:${options.port}`,
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n');
}

/** npm and verdaccio reach the registry directly, never through a proxy of the environment. */
const DIRECT = { NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };

async function answersPing(url: string): Promise<boolean> {
	return await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(5000) }).then(
		(ping) => ping.ok,
		() => false,
	);
}

/** What `registry.json` holds while a registry started with a storage folder runs. */
interface RegistryAddress {
	url: string;
	pid: number;
	npmrc: string;
}

export class LocalRegistry {
	private constructor(
		readonly url: string,
		/** Where the published packages are kept (and, while it runs, `registry.json`). */
		private readonly storageDir: string,
		/** An npm user config (`--userconfig`) with the registry and the throw-away user's token. */
		readonly npmrc: string,
		/** Verdaccio, if started here (not for a registry found by `connect`). */
		private readonly service: ServiceProcess | undefined,
	) {}

	/**
	 * The registry started with this `storageDir` and still running, if any. An address file
	 * whose process is gone or does not answer (killed, the machine restarted: its port may be
	 * another's now) is removed. The file is written once the registry is ready.
	 */
	static async connect(storageDir: string): Promise<LocalRegistry | undefined> {
		const file = path.join(storageDir, ADDRESS_FILE);
		let address: RegistryAddress;
		try {
			address = JSON.parse(fs.readFileSync(file, 'utf8')) as RegistryAddress;
		} catch {
			return undefined;
		}
		if (isAlive(address.pid) && (await answersPing(address.url)))
			return new LocalRegistry(address.url, storageDir, address.npmrc, undefined);
		fs.rmSync(file, { force: true });
		return undefined;
	}

	/**
	 * Starts verdaccio and signs a new throw-away user in, on `preferredPort` when it is free (so
	 * that an n8n told the registry's address finds it again after a restart), else on any.
	 */
	static async start(
		options: { storageDir?: string; preferredPort?: number; log?: (line: string) => void } = {},
	): Promise<LocalRegistry> {
		const verdaccio = await ensureVerdaccio({ log: options.log });
		const port =
			options.preferredPort !== undefined && !(await portInUse(options.preferredPort))
				? options.preferredPort
				: await freePort();
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-registry-'));
		const storageDir = options.storageDir ?? path.join(work, 'storage');
		fs.mkdirSync(storageDir, { recursive: true });
		const config = path.join(work, 'config.yaml');
		fs.writeFileSync(
			config,
			registryConfig({ storage: storageDir, htpasswd: path.join(work, 'htpasswd'), port }),
		);
		const started = Date.now();
		const child = spawnTracked('verdaccio', process.execPath, [verdaccio, '--config', config], {
			cwd: work,
			env: npmEnv(DIRECT),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const service = new ServiceProcess('verdaccio', child, port, work);
		const url = `http://127.0.0.1:${port}`;
		await service.waitReady(() => answersPing(url), 30_000);
		const registry = new LocalRegistry(url, storageDir, path.join(work, 'npmrc'), service);
		try {
			await registry.signIn();
			const address: RegistryAddress = { url, pid: child.pid, npmrc: registry.npmrc };
			fs.writeFileSync(path.join(storageDir, ADDRESS_FILE), `${JSON.stringify(address)}\n`);
		} catch (error) {
			await registry.stop();
			throw error;
		}
		options.log?.(`  local npm registry ready on ${url} (${formatMs(Date.now() - started)})`);
		return registry;
	}

	private failure(message: string): Error {
		const output = this.service ? `\n${this.service.output.text(30)}` : '';
		return new Error(`Local npm registry at ${this.url}: ${message}${output}`);
	}

	/** Adds the user and writes the npmrc with its token. */
	private async signIn(): Promise<void> {
		const response = await fetch(
			`${this.url}/-/user/org.couchdb.user:${encodeURIComponent(USER.name)}`,
			{
				method: 'PUT',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ name: USER.name, password: USER.password, type: 'user' }),
				signal: AbortSignal.timeout(10_000),
			},
		);
		const body = (await response.json().catch(() => ({}))) as { token?: string };
		if (!response.ok || !body.token)
			throw this.failure(`signing in ${USER.name} → HTTP ${response.status}`);
		const host = this.url.replace(/^http:/, '');
		fs.writeFileSync(this.npmrc, `registry=${this.url}/\n${host}/:_authToken=${body.token}\n`);
	}

	/**
	 * The environment of an n8n that installs community packages from here. Its test mode
	 * (`E2E_TESTS`, for a throw-away n8n only) serves `PATCH /rest/e2e/feature`, through which
	 * `CUSTOM_REGISTRY_FEATURE` is turned on after each start.
	 */
	n8nEnv(): Record<string, string> {
		return { E2E_TESTS: 'true', N8N_COMMUNITY_PACKAGES_REGISTRY: this.url };
	}

	/**
	 * Makes the npm that n8n runs in its `nodes` folder ask this registry for everything, not only
	 * for what n8n passes `--registry` to: the Community Nodes page's update check runs a plain
	 * `npm outdated` there, which would otherwise ask npm's public registry (n8n 1.x even runs it
	 * without the proxy of its environment).
	 */
	configureN8nFolder(n8nFolder: string): void {
		const nodes = path.join(n8nFolder, 'nodes');
		fs.mkdirSync(nodes, { recursive: true });
		fs.writeFileSync(path.join(nodes, '.npmrc'), `registry=${this.url}/\n`);
	}

	/** Resolves when verdaccio (started here) exits, with its code or signal. */
	async exited(): Promise<number | string> {
		return this.service ? await this.service.child.exited : 'not started here';
	}

	/** The versions of `name` published here (none if it is unknown). */
	async versions(name: string): Promise<string[]> {
		const response = await fetch(`${this.url}/${encodeURIComponent(name)}`, {
			headers: { accept: 'application/json' },
			signal: AbortSignal.timeout(10_000),
		});
		if (response.status === 404) return [];
		if (!response.ok) throw this.failure(`GET /${name} → HTTP ${response.status}`);
		return Object.keys(((await response.json()) as { versions?: object }).versions ?? {});
	}

	/**
	 * Publishes the package in `packageRoot` as `npm pack` makes it (build first), under the
	 * dist-tag `latest` (what n8n installs and updates to, prereleases included).
	 * `version` replaces the one of its package.json (e.g. a newer one, to try n8n's Update).
	 */
	async publish(packageRoot: string, version?: string): Promise<PublishedVersion> {
		const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-publish-'));
		try {
			const packed = await packPackage(packageRoot, work);
			const folder = await unpackTarball(packed.tarball, path.join(work, 'package'));
			const manifestPath = path.join(folder, 'package.json');
			const manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as {
				name: string;
				version: string;
			};
			if (version !== undefined) {
				manifest.version = version;
				fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
			}
			if ((await this.versions(manifest.name)).includes(manifest.version))
				throw new Error(
					`${manifest.name}@${manifest.version} is already in the local registry: publish another version (n8n's Update installs the newest)`,
				);
			const result = await run(
				'npm publish',
				'npm',
				[
					'publish',
					folder,
					'--tag',
					'latest',
					'--ignore-scripts',
					'--userconfig',
					this.npmrc,
					'--registry',
					`${this.url}/`,
				],
				{ cwd: work, env: npmEnv(DIRECT), timeoutMs: 120_000 },
			);
			if (result.code !== 0)
				throw this.failure(
					`npm publish ${manifest.name}@${manifest.version} failed (${result.code}):\n${result.stderr || result.stdout}`,
				);
			return { name: manifest.name, version: manifest.version };
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	}

	/** Stops verdaccio by its PID if started here, its working folder (and a storage in it) removed. */
	async stop(): Promise<void> {
		if (!this.service) return;
		fs.rmSync(path.join(this.storageDir, ADDRESS_FILE), { force: true });
		await this.service.stop(5000);
	}
}
