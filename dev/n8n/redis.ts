/**
 * Redis for n8n's queue mode: Debian's `redis-server`, installed when it is missing (as root, or
 * with a password-less sudo; otherwise the error says the command: `aptInstall`), started on a free port of
 * 127.0.0.1 without persistence (`--save "" --appendonly no`) and stopped by its PID.
 */
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';

import { run, spawnTracked } from '../proc';
import { formatMs } from '../timing';
import { N8nError } from './errors';
import { freePort } from './ports';
import { ServiceProcess } from './service';

/** The first `name` on PATH (or in /usr/bin, /usr/sbin), or undefined. */
function onPath(name: string): string | undefined {
	const dirs = [...(process.env.PATH ?? '').split(path.delimiter), '/usr/bin', '/usr/sbin'];
	for (const dir of dirs) {
		const candidate = path.join(dir, name);
		try {
			fs.accessSync(candidate, fs.constants.X_OK);
			return candidate;
		} catch {
			// not here
		}
	}
	return undefined;
}

/** How to run apt-get here: directly as root, through a password-less sudo, or not at all. */
async function aptRunner(): Promise<string[] | undefined> {
	if (process.getuid?.() === 0) return [];
	const sudo = onPath('sudo');
	if (sudo && (await run('sudo -n true', sudo, ['-n', 'true'], { timeoutMs: 10_000 })).code === 0) {
		return [sudo, '-n'];
	}
	return undefined;
}

/**
 * `apt-get update && apt-get install -y <pkg>` (Debian's package), as root or through a
 * password-less sudo; otherwise an error that says the command. Services the package would
 * start stay down here (Debian images deny them in policy-rc.d); the queue starts its own.
 */
export async function aptInstall(pkg: string, log: (line: string) => void): Promise<void> {
	const command = `apt-get update && apt-get install -y ${pkg}`;
	const prefix = await aptRunner();
	if (!prefix || !onPath('apt-get')) {
		throw new Error(
			`${pkg} is missing and cannot be installed from here (not root, no password-less sudo): run \`sudo sh -c '${command}'\`, then start again.`,
		);
	}
	const started = Date.now();
	log(`  ${pkg} is missing: installing Debian's package (${command}) …`);
	const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
	for (const args of [['update'], ['install', '-y', pkg]]) {
		const [bin, ...rest] = [...prefix, 'apt-get', ...args];
		const result = await run(`apt-get ${args[0]}`, bin, rest, { env, timeoutMs: 600_000 });
		if (result.code !== 0) {
			throw new N8nError(
				`\`apt-get ${args.join(' ')}\` failed (exit ${result.code}); install it with \`${command}\``,
				result.stdout.split('\n').slice(-20).join('\n'),
				result.stderr.split('\n').slice(-20).join('\n'),
			);
		}
	}
	log(`  installed ${pkg} (${formatMs(Date.now() - started)})`);
}

/** The path of `redis-server`, installing Debian's package first when it is missing. */
export async function ensureRedisServer(log: (line: string) => void): Promise<string> {
	const found = onPath('redis-server');
	if (found) return found;
	await aptInstall('redis-server', log);
	const installed = onPath('redis-server');
	if (!installed) throw new Error('redis-server was installed, but is still not found');
	return installed;
}

/** Whether Redis at 127.0.0.1:port answers PING with PONG. */
async function answersPing(port: number): Promise<boolean> {
	return await new Promise((resolve) => {
		const socket = net.connect({ host: '127.0.0.1', port });
		let answer = '';
		const done = (ok: boolean): void => {
			socket.destroy();
			resolve(ok);
		};
		socket.setTimeout(1000, () => done(false));
		socket.once('connect', () => socket.write('PING\r\n'));
		socket.on('data', (d: Buffer) => {
			answer += d.toString();
			if (answer.includes('\r\n')) done(answer.startsWith('+PONG'));
		});
		socket.once('error', () => done(false));
	});
}

export class RedisServer extends ServiceProcess {
	/** `redis-server` on a free port of 127.0.0.1, in memory only; resolves once it answers PING. */
	static async start(
		options: { log?: (line: string) => void; timeoutMs?: number } = {},
	): Promise<RedisServer> {
		const log = options.log ?? (() => undefined);
		const bin = await ensureRedisServer(log);
		const port = await freePort();
		// Nothing is written to its working folder, not even on shutdown; a temporary one all the same.
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-redis-'));
		const child = spawnTracked(
			'redis-server',
			bin,
			[
				'--port',
				String(port),
				'--bind',
				'127.0.0.1',
				'--save',
				'',
				'--appendonly',
				'no',
				'--daemonize',
				'no',
				'--dir',
				dir,
			],
			{ stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const redis = new RedisServer('redis-server', child, port, dir);
		const started = Date.now();
		await redis.waitReady(() => answersPing(port), options.timeoutMs ?? 20_000);
		log(
			`  redis-server ready on 127.0.0.1:${port} (PID ${child.pid}, ${formatMs(Date.now() - started)})`,
		);
		return redis;
	}
}
