/**
 * A local npm registry on 127.0.0.1 (verdaccio, installed into the cache on first use, see
 * n8n/install.ts), for installing the package the
 * way users do: through n8n's Community Nodes route (`N8N_COMMUNITY_PACKAGES_REGISTRY`), which
 * runs `npm pack` and `npm install` against it. No uplinks (it serves only what was published to
 * it, so nothing reaches the public registry), one throw-away user who may publish.
 *
 * Started through ./proc.ts and stopped by its PID. `storageDir` keeps what was published (a
 * temporary folder unless given: `npm run registry` keeps one in the cache), and while it runs
 * its address (`registry.json`), so that `npm run pack:local` can publish to it (`connect`).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { ensureVerdaccio } from './n8n/install';
import { freePort } from './n8n/ports';
import { packPackage, unpackTarball } from './pack';
import { OutputTail, run, spawnTracked, type TrackedChild } from './proc';
import { formatMs } from './timing';

const USER = { name: 'callbell-local', password: 'callbell-local-registry' };
const ADDRESS_FILE = 'registry.json';

/** n8n's licence feature for a registry other than npm's; its test mode grants it (see `n8nEnv`). */
export const CUSTOM_REGISTRY_FEATURE = 'feat:communityNodes:customRegistry';

export interface PublishedVersion {
	name: string;
	version: string;
	/** The npm dist-tag it was published under (`latest`: what n8n installs and updates to). */
	tag: string;
}

/** `0.1.0` → `0.1.1-local.1`; with `0.1.1-local.1` published → `0.1.1-local.2`: newer every time. */
export function nextLocalVersion(version: string, published: string[]): string {
	const [core] = version.split(/[-+]/);
	const [major, minor, patch] = core.split('.').map(Number);
	const next = `${major}.${minor}.${patch + 1}-local.`;
	const taken = published
		.filter((v) => v.startsWith(next))
		.map((v) => Number(v.slice(next.length)))
		.filter(Number.isInteger);
	return `${next}${Math.max(0, ...taken) + 1}`;
}

/** The verdaccio configuration: storage and users in `dir`, no uplinks, no web UI. */
export function registryConfig(dir: string, port: number): string {
	return [
		`storage: ${JSON.stringify(path.join(dir, 'storage'))}`,
		'auth:',
		'  htpasswd:',
		`    file: ${JSON.stringify(path.join(dir, 'htpasswd'))}`,
		'    max_users: 10',
		'uplinks: {}',
		'packages:',
		"  '**':",
		'    access: $all',
		'    publish: $authenticated',
		'    unpublish: $authenticated',
		'web:',
		'  enable: false',
		`listen: 127.0.0.1:${port}`,
		'log: { type: stdout, format: pretty, level: warn }',
		'',
	].join('\n');
}

/** The environment of npm run against the registry: nothing of an `npm run` around us leaks in. */
function npmEnv(): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	for (const key of Object.keys(env)) if (key.toLowerCase().startsWith('npm_')) delete env[key];
	return { ...env, NO_PROXY: '127.0.0.1,localhost', no_proxy: '127.0.0.1,localhost' };
}

export class LocalRegistry {
	private readonly output = new OutputTail(100);

	private constructor(
		readonly url: string,
		readonly dir: string,
		/** Verdaccio, if started here (not for a registry found by `connect`). */
		private readonly child: TrackedChild | undefined,
		private readonly temporary: boolean,
	) {}

	/** An npm user config (`--userconfig`) with the registry and the user's token. */
	get npmrc(): string {
		return path.join(this.dir, 'npmrc');
	}

	/** The registry started with this `storageDir` and still running, if any. */
	static async connect(storageDir: string): Promise<LocalRegistry | undefined> {
		let url: string;
		try {
			({ url } = JSON.parse(fs.readFileSync(path.join(storageDir, ADDRESS_FILE), 'utf8')) as {
				url: string;
			});
		} catch {
			return undefined;
		}
		const answers = await fetch(`${url}/-/ping`, { signal: AbortSignal.timeout(2000) }).then(
			(ping) => ping.ok,
			() => false,
		);
		return answers ? new LocalRegistry(url, storageDir, undefined, false) : undefined;
	}

	/** Starts verdaccio on a free port (or `port`) and signs the throw-away user in. */
	static async start(
		options: { storageDir?: string; port?: number; log?: (line: string) => void } = {},
	): Promise<LocalRegistry> {
		const temporary = options.storageDir === undefined;
		const dir = options.storageDir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-registry-'));
		fs.mkdirSync(dir, { recursive: true });
		const port = options.port ?? (await freePort());
		const config = path.join(dir, 'config.yaml');
		fs.writeFileSync(config, registryConfig(dir, port));
		// A new throw-away user each time (a kept one would need its password to log in again).
		fs.rmSync(path.join(dir, 'htpasswd'), { force: true });
		const verdaccio = await ensureVerdaccio({ log: options.log });
		const started = Date.now();
		const child = spawnTracked('verdaccio', process.execPath, [verdaccio, '--config', config], {
			cwd: dir,
			env: npmEnv(),
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		const url = `http://127.0.0.1:${port}`;
		const registry = new LocalRegistry(url, dir, child, temporary);
		child.child.stdout?.on('data', (d: Buffer) => registry.output.push(d));
		child.child.stderr?.on('data', (d: Buffer) => registry.output.push(d));
		try {
			await registry.waitReady(30_000);
			await registry.signIn();
			fs.writeFileSync(
				path.join(dir, ADDRESS_FILE),
				`${JSON.stringify({ url, pid: child.pid })}\n`,
			);
		} catch (error) {
			await registry.stop();
			throw error;
		}
		options.log?.(`  local npm registry ready on ${url} (${formatMs(Date.now() - started)})`);
		return registry;
	}

	private failure(message: string): Error {
		const who = this.child ? `verdaccio, PID ${this.child.pid}` : this.url;
		return new Error(`Local npm registry (${who}): ${message}\n${this.output.text(30)}`);
	}

	private async waitReady(timeoutMs: number): Promise<void> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			if (this.child?.hasExited())
				throw this.failure(`exited (${await this.child.exited}) before it was ready`);
			try {
				const ping = await fetch(`${this.url}/-/ping`, { signal: AbortSignal.timeout(2000) });
				if (ping.ok) return;
			} catch {
				// not listening yet
			}
			await new Promise((r) => setTimeout(r, 200));
		}
		throw this.failure(`not ready after ${formatMs(timeoutMs)}`);
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
	 * Publishes the package in `packageRoot` as `npm pack` makes it (build first), under `latest`.
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
				{ cwd: work, env: npmEnv(), timeoutMs: 120_000 },
			);
			if (result.code !== 0)
				throw this.failure(
					`npm publish ${manifest.name}@${manifest.version} failed (${result.code}):\n${result.stderr || result.stdout}`,
				);
			return { name: manifest.name, version: manifest.version, tag: 'latest' };
		} finally {
			fs.rmSync(work, { recursive: true, force: true });
		}
	}

	/** Stops verdaccio by its PID if started here; a temporary storage is removed. */
	async stop(): Promise<void> {
		if (!this.child) return;
		await this.child.stop(5000);
		fs.rmSync(path.join(this.dir, ADDRESS_FILE), { force: true });
		if (this.temporary) fs.rmSync(this.dir, { recursive: true, force: true });
	}
}
