/**
 * Installs the pinned n8n versions (and the Node 24 that n8n 2.x needs) into the git-ignored
 * cache folder (`.cache/` in the repo root, or `$CALLBELL_CACHE_DIR`), on first use.
 *
 * Only the npm registry is used. The full `n8n` package is installed with `--ignore-scripts`
 * (its `xlsx` dependency points at an outside CDN, so it is overridden to the registry's last
 * version), then only `sqlite3` is built from source for the Node that will run n8n. A marker
 * file is written after the install, the rebuild and a smoke check (`n8n --version`) all
 * passed; without it the next call installs again, so a half-finished install is redone.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { PACKAGE_NAME, repoRoot } from '../package';
import { isAlive, run, type RunResult } from '../proc';
import { formatMs, Phases } from '../timing';
import { n8nBaseEnv, pathWithNodeFirst } from './env';
import { lastLines } from './errors';
import {
	N8N_INSTALL_OVERRIDES,
	N8N_TARGETS,
	type N8nTarget,
	type N8nTargetKey,
	type NodeRuntime,
	VERDACCIO,
} from './versions';

const MARKER = '.callbell-install.json';

/** `$CALLBELL_CACHE_DIR` or `<repo>/.cache`. */
export function cacheDir(): string {
	const fromEnv = process.env.CALLBELL_CACHE_DIR;
	const dir =
		fromEnv && fromEnv.trim() !== '' ? path.resolve(fromEnv) : path.join(repoRoot(), '.cache');
	fs.mkdirSync(dir, { recursive: true });
	return dir;
}

export interface NodeBinary {
	/** The node executable. */
	bin: string;
	/** `v24.21.0` etc. */
	version: string;
	/** Folder with `include/node/*.h`, for building native addons (npm_config_nodedir). */
	nodeDir: string | undefined;
}

export interface N8nInstall {
	target: N8nTarget;
	n8nVersion: string;
	/** The cache folder of this version (holds node_modules/n8n). */
	dir: string;
	/** The n8n CLI entry script, run as `<node.bin> <n8nBin> …`. */
	n8nBin: string;
	node: NodeBinary;
	/** Whether this call installed it (false: it was in the cache). */
	freshlyInstalled: boolean;
	/** Time spent in this call. */
	ms: number;
}

export interface EnsureOptions {
	/** Progress lines (default: stderr). */
	log?: (line: string) => void;
	/** Collects phase timings (one is made if absent). */
	phases?: Phases;
}

function defaultLog(line: string): void {
	process.stderr.write(`${line}\n`);
}

function readJson<T>(file: string): T | undefined {
	try {
		return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
	} catch {
		return undefined;
	}
}

function headersMajor(nodeDir: string): number | undefined {
	const header = path.join(nodeDir, 'include', 'node', 'node_version.h');
	if (!fs.existsSync(header)) return undefined;
	const m = /#define NODE_MAJOR_VERSION (\d+)/.exec(fs.readFileSync(header, 'utf8'));
	return m ? Number(m[1]) : undefined;
}

/** npm settings a caller may legitimately pass on (where the cache is, how to reach the registry). */
const NPM_CONFIG_KEPT = new Set([
	'npm_config_cache',
	'npm_config_registry',
	'npm_config_userconfig',
	'npm_config_globalconfig',
	'npm_config_cafile',
	'npm_config_ca',
	'npm_config_strict_ssl',
	'npm_config_proxy',
	'npm_config_https_proxy',
	'npm_config_noproxy',
	'npm_config_fetch_retries',
	'npm_config_fetch_timeout',
]);

/**
 * The environment for npm in the cache folder. Under `npm run …` the parent npm exports its
 * whole configuration (`npm_config_local_prefix` = this repository, `ignore_scripts`,
 * `legacy_peer_deps`, `nodedir` …) and the script's `npm_package_*`/`npm_lifecycle_*`: none of
 * that may leak into the install, or npm could act on the repository instead of the cache.
 */
export function npmEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = {};
	for (const [key, value] of Object.entries(process.env)) {
		if (value === undefined) continue;
		if (/^npm_/i.test(key) && !NPM_CONFIG_KEPT.has(key.toLowerCase())) continue;
		env[key] = value;
	}
	const settings: Record<string, string | undefined> = {
		npm_config_audit: 'false',
		npm_config_fund: 'false',
		npm_config_update_notifier: 'false',
		npm_config_progress: 'false',
		...extra,
	};
	for (const [key, value] of Object.entries(settings)) {
		if (value !== undefined) env[key] = value;
	}
	return env;
}

/** A simple cross-process lock (mkdir is atomic), broken when its owner is dead. */
async function withLock<T>(
	lockDir: string,
	log: (line: string) => void,
	fn: () => Promise<T>,
): Promise<T> {
	let announced = false;
	for (;;) {
		try {
			fs.mkdirSync(lockDir);
			fs.writeFileSync(path.join(lockDir, 'pid'), String(process.pid));
			break;
		} catch (error) {
			if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
			const owner = Number(readJsonOrText(path.join(lockDir, 'pid')));
			if (!Number.isFinite(owner) || owner <= 0 || !isAlive(owner)) {
				fs.rmSync(lockDir, { recursive: true, force: true });
				continue;
			}
			if (!announced) {
				log(`  waiting for another install (PID ${owner}) to finish …`);
				announced = true;
			}
			await new Promise((r) => setTimeout(r, 1000));
		}
	}
	try {
		return await fn();
	} finally {
		fs.rmSync(lockDir, { recursive: true, force: true });
	}
}

function readJsonOrText(file: string): string {
	try {
		return fs.readFileSync(file, 'utf8').trim();
	} catch {
		return '';
	}
}

function failure(what: string, result: RunResult): Error {
	return new Error(
		`${what} failed (exit ${result.code} after ${formatMs(result.ms)})\n--- stdout (tail) ---\n${lastLines(result.stdout, 40)}\n--- stderr (tail) ---\n${lastLines(result.stderr, 40)}`,
	);
}

/**
 * `npm install` with progress: npm's own bar is off when not on a terminal, so its http log is
 * counted and summed up every few seconds; warnings (other than deprecations) are shown.
 */
async function npmInstallWithProgress(
	cwd: string,
	args: string[],
	env: NodeJS.ProcessEnv,
	log: (line: string) => void,
	label: string,
): Promise<RunResult> {
	let fetches = 0;
	let downloads = 0;
	let fromCache = 0;
	let deprecations = 0;
	let peerWarnings = 0;
	let otherWarnings = 0;
	let partial = '';
	const started = Date.now();
	const nodeModules = path.join(cwd, 'node_modules');
	const countPackages = (): number => {
		try {
			return fs.readdirSync(nodeModules).reduce((n, name) => {
				if (!name.startsWith('@')) return n + 1;
				try {
					return n + fs.readdirSync(path.join(nodeModules, name)).length;
				} catch {
					return n;
				}
			}, 0);
		} catch {
			return 0;
		}
	};
	const status = (): string =>
		`${fetches + fromCache} packages resolved or fetched (${downloads} downloaded, ${fromCache + fetches - downloads} from npm's cache), ${countPackages()} top-level packages unpacked`;
	const ticker = setInterval(
		() => log(`  ${label}: ${formatMs(Date.now() - started)} — ${status()}`),
		15_000,
	);
	const onStderr = (chunk: string): void => {
		const text = partial + chunk;
		const lines = text.split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) {
			if (line.startsWith('npm http fetch')) {
				fetches++;
				if (!/\(cache (hit|revalidated)\)/.test(line)) downloads++;
			} else if (line.startsWith('npm http cache')) {
				fromCache++;
			} else if (/^npm warn deprecated/i.test(line)) {
				deprecations++;
			} else if (/^npm warn ERESOLVE/i.test(line)) {
				peerWarnings++;
			} else if (/^npm warn/i.test(line)) {
				otherWarnings++;
			} else if (/^npm (error|ERR)/i.test(line)) {
				log(`  ${line}`);
			}
		}
	};
	try {
		const result = await run('npm install', 'npm', ['install', '--loglevel=http', ...args], {
			cwd,
			env,
			onStderr,
			timeoutMs: 45 * 60_000,
		});
		log(`  ${label}: ${status()}`);
		const hidden = deprecations + peerWarnings + otherWarnings;
		if (hidden > 0) {
			log(
				`  (npm warnings not shown: ${deprecations} deprecations, ${peerWarnings} peer-dependency notes, ${otherWarnings} other lines)`,
			);
		}
		return result;
	} finally {
		clearInterval(ticker);
	}
}

/** The Node that runs a target: this process's Node, or one from the npm registry. */
export async function ensureNodeRuntime(
	runtime: NodeRuntime,
	options: EnsureOptions = {},
): Promise<NodeBinary> {
	const log = options.log ?? defaultLog;
	if (runtime.kind === 'system') {
		const major = Number(process.versions.node.split('.')[0]);
		if (major !== runtime.major) {
			log(`  note: expected Node ${runtime.major}, running ${process.version}`);
		}
		const prefix = path.resolve(path.dirname(process.execPath), '..');
		const candidates = [prefix, '/usr', '/usr/local'];
		const nodeDir = candidates.find((dir) => headersMajor(dir) === major);
		return { bin: process.execPath, version: process.version, nodeDir };
	}
	const version = runtime.version!;
	const pkg = runtime.packageName!;
	const dir = path.join(cacheDir(), `node-v${version}`);
	const pkgDir = path.join(dir, 'node_modules', pkg);
	const bin = path.join(pkgDir, 'bin', 'node');
	const markerFile = path.join(dir, MARKER);
	const marker = readJson<{ version: string }>(markerFile);
	if (marker?.version === version && fs.existsSync(bin)) {
		return { bin, version: `v${version}`, nodeDir: pkgDir };
	}
	const phases = options.phases ?? new Phases('', log);
	return await withLock(`${dir}.lock`, log, async () =>
		phases.run(`install Node ${version} from the npm registry (${pkg})`, async () => {
			fs.rmSync(markerFile, { force: true });
			fs.mkdirSync(dir, { recursive: true });
			fs.writeFileSync(
				path.join(dir, 'package.json'),
				JSON.stringify(
					{ name: 'callbell-cache-node', private: true, dependencies: { [pkg]: version } },
					null,
					2,
				),
			);
			const result = await npmInstallWithProgress(
				dir,
				['--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'],
				npmEnv(),
				log,
				`node ${version}`,
			);
			if (result.code !== 0) throw failure(`npm install ${pkg}@${version}`, result);
			const check = await run('node --version', bin, ['--version'], { timeoutMs: 30_000 });
			if (check.code !== 0 || check.stdout.trim() !== `v${version}`) {
				throw failure(`${bin} --version`, check);
			}
			if (headersMajor(pkgDir) !== runtime.major) {
				throw new Error(
					`${pkg}@${version} has no Node ${runtime.major} headers in ${pkgDir}/include/node`,
				);
			}
			fs.writeFileSync(
				markerFile,
				JSON.stringify({ version, installedAt: new Date().toISOString() }, null, 2),
			);
			return { bin, version: `v${version}`, nodeDir: pkgDir };
		}),
	);
}

/** The package.json of a cache folder (what to install there) and its own .npmrc. */
function writeCachePackage(
	dir: string,
	manifest: {
		name: string;
		description: string;
		dependencies: Record<string, string>;
		overrides: Record<string, string>;
	},
): void {
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify({ private: true, ...manifest }, null, 2),
	);
	// Our own .npmrc so that neither the repo's nor a user's project settings change the result.
	fs.writeFileSync(path.join(dir, '.npmrc'), 'audit=false\nfund=false\nupdate-notifier=false\n');
}

export function n8nInstallDir(target: N8nTarget): string {
	return path.join(cacheDir(), `n8n-${target.n8nVersion}`);
}

/** The pinned n8n for a target, installed into the cache on first use. */
export async function ensureN8n(
	targetOrKey: N8nTarget | N8nTargetKey,
	options: EnsureOptions = {},
): Promise<N8nInstall> {
	const target = typeof targetOrKey === 'string' ? N8N_TARGETS[targetOrKey] : targetOrKey;
	const log = options.log ?? defaultLog;
	const phases = options.phases ?? new Phases('', log);
	const started = Date.now();
	const node = await ensureNodeRuntime(target.node, { log, phases });
	const dir = n8nInstallDir(target);
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	const markerFile = path.join(dir, MARKER);
	const isInstalled = (): boolean => {
		const marker = readJson<{ n8nVersion: string; nodeVersion: string }>(markerFile);
		return (
			marker?.n8nVersion === target.n8nVersion &&
			marker.nodeVersion === node.version &&
			fs.existsSync(n8nBin)
		);
	};
	const alreadyInstalled = (): N8nInstall => ({
		target,
		n8nVersion: target.n8nVersion,
		dir,
		n8nBin,
		node,
		freshlyInstalled: false,
		ms: Date.now() - started,
	});
	if (isInstalled()) return alreadyInstalled();
	return await withLock(`${dir}.lock`, log, async () => {
		if (isInstalled()) return alreadyInstalled();
		log(
			`n8n ${target.n8nVersion} (Node ${node.version}) is not in ${cacheDir()} yet: installing it once (several minutes) …`,
		);
		fs.rmSync(markerFile, { force: true });
		fs.mkdirSync(dir, { recursive: true });
		writeCachePackage(dir, {
			name: `callbell-cache-n8n-${target.key}`,
			description: `n8n installed by dev/n8n/install.ts for ${PACKAGE_NAME}; safe to delete`,
			dependencies: { n8n: target.n8nVersion },
			overrides: N8N_INSTALL_OVERRIDES,
		});
		const nodeDirEnv = { npm_config_nodedir: node.nodeDir };
		await phases.run(`npm install n8n@${target.n8nVersion}`, async () => {
			const result = await npmInstallWithProgress(
				dir,
				['--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'],
				npmEnv(nodeDirEnv),
				log,
				`n8n ${target.n8nVersion}`,
			);
			if (result.code !== 0) throw failure(`npm install n8n@${target.n8nVersion}`, result);
		});
		const sqliteLoads = async (): Promise<boolean> =>
			(
				await run(
					'require sqlite3',
					node.bin,
					['-e', `require(${JSON.stringify(path.join(dir, 'node_modules', 'sqlite3'))})`],
					{
						cwd: dir,
						timeoutMs: 60_000,
					},
				)
			).code === 0;
		if (await sqliteLoads()) {
			log(`  sqlite3 is already built for Node ${node.version}`);
		} else
			await phases.run(`build sqlite3 for Node ${node.version}`, async () => {
				// npm runs the build with whichever node is first on PATH: make it the target's.
				const pathEnv = pathWithNodeFirst(node.bin);
				const result = await run(
					'npm rebuild sqlite3',
					'npm',
					[
						'rebuild',
						'sqlite3',
						'--ignore-scripts=false',
						'--build-from-source',
						'--foreground-scripts',
					],
					{
						cwd: dir,
						env: npmEnv({
							...nodeDirEnv,
							PATH: pathEnv,
							JOBS: String(Math.max(1, os.cpus().length)),
						}),
						timeoutMs: 20 * 60_000,
						onStderr: (chunk) => {
							for (const line of chunk.split('\n')) {
								if (/^(gyp (info|ERR!)|npm error)/.test(line) && /ok|ERR|error/.test(line))
									log(`  ${line}`);
							}
						},
					},
				);
				if (result.code !== 0) throw failure('npm rebuild sqlite3', result);
				const built = builtSqlite3(path.join(dir, 'node_modules'));
				if (built.length === 0)
					throw failure('npm rebuild sqlite3 (no node_sqlite3.node was built)', result);
				if (!(await sqliteLoads()))
					throw failure(`sqlite3 was built but does not load in Node ${node.version}`, result);
			});
		await phases.run(`smoke check: n8n --version, n8n list:workflow (sqlite)`, async () => {
			const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-n8n-smoke-'));
			try {
				const env = { ...n8nBaseEnv(userFolder, target), N8N_ENCRYPTION_KEY: 'smoke-check-key' };
				const version = await run('n8n --version', node.bin, [n8nBin, '--version'], {
					cwd: dir,
					env,
					timeoutMs: 120_000,
				});
				if (version.code !== 0 || !version.stdout.includes(target.n8nVersion)) {
					throw failure(`n8n --version (expected ${target.n8nVersion})`, version);
				}
				// Loads the whole CLI and creates the sqlite database: proves the native build works.
				const list = await run('n8n list:workflow', node.bin, [n8nBin, 'list:workflow'], {
					cwd: dir,
					env,
					timeoutMs: 300_000,
				});
				if (list.code !== 0) throw failure('n8n list:workflow', list);
			} finally {
				fs.rmSync(userFolder, { recursive: true, force: true });
			}
		});
		const ms = Date.now() - started;
		fs.writeFileSync(
			markerFile,
			JSON.stringify(
				{
					n8nVersion: target.n8nVersion,
					nodeVersion: node.version,
					installedAt: new Date().toISOString(),
					installMs: ms,
				},
				null,
				2,
			),
		);
		log(`n8n ${target.n8nVersion} installed in ${formatMs(ms)} (${dir})`);
		return { target, n8nVersion: target.n8nVersion, dir, n8nBin, node, freshlyInstalled: true, ms };
	});
}

/** The local npm registry's verdaccio (dev/registry.ts), installed into the cache on first use; returns its CLI script. */
export async function ensureVerdaccio(options: EnsureOptions = {}): Promise<string> {
	const log = options.log ?? defaultLog;
	const phases = options.phases ?? new Phases('', log);
	const dir = path.join(cacheDir(), `verdaccio-${VERDACCIO.version}`);
	const bin = path.join(dir, 'node_modules', 'verdaccio', 'bin', 'verdaccio');
	const markerFile = path.join(dir, MARKER);
	const isInstalled = (): boolean =>
		readJson<{ version: string }>(markerFile)?.version === VERDACCIO.version && fs.existsSync(bin);
	if (isInstalled()) return bin;
	return await withLock(`${dir}.lock`, log, async () => {
		if (isInstalled()) return bin;
		fs.rmSync(markerFile, { force: true });
		fs.mkdirSync(dir, { recursive: true });
		writeCachePackage(dir, {
			name: 'callbell-cache-verdaccio',
			description: `The local npm registry of ${PACKAGE_NAME}'s dev/registry.ts; safe to delete`,
			dependencies: { verdaccio: VERDACCIO.version },
			overrides: VERDACCIO.overrides,
		});
		await phases.run(`npm install verdaccio@${VERDACCIO.version}`, async () => {
			const result = await npmInstallWithProgress(
				dir,
				['--ignore-scripts', '--no-audit', '--no-fund', '--omit=dev'],
				npmEnv(),
				log,
				`verdaccio ${VERDACCIO.version}`,
			);
			if (result.code !== 0) throw failure(`npm install verdaccio@${VERDACCIO.version}`, result);
		});
		fs.writeFileSync(markerFile, JSON.stringify({ version: VERDACCIO.version }));
		return bin;
	});
}

/** The built sqlite3 addons: `node_modules/sqlite3` and any nested copies one or two levels down. */
function builtSqlite3(nodeModules: string): string[] {
	const dirs: string[] = [path.join(nodeModules, 'sqlite3')];
	const nested = (parent: string): void => {
		let names: string[] = [];
		try {
			names = fs.readdirSync(parent);
		} catch {
			return;
		}
		for (const name of names) {
			if (name.startsWith('@')) {
				for (const sub of safeReaddir(path.join(parent, name)))
					dirs.push(path.join(parent, name, sub, 'node_modules', 'sqlite3'));
			} else {
				dirs.push(path.join(parent, name, 'node_modules', 'sqlite3'));
			}
		}
	};
	nested(nodeModules);
	return dirs
		.map((d) => path.join(d, 'build', 'Release', 'node_sqlite3.node'))
		.filter((f) => fs.existsSync(f));
}

function safeReaddir(dir: string): string[] {
	try {
		return fs.readdirSync(dir);
	} catch {
		return [];
	}
}
