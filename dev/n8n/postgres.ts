/**
 * Postgres for n8n's queue mode: Debian's PostgreSQL (installed when it is missing, see
 * aptInstall in redis.ts), a throw-away cluster (`initdb`, trust authentication for
 * 127.0.0.1 only) on a free port, durability off (`fsync=off`: test data), stopped by its PID
 * and removed. Postgres refuses to run as root: as root, the cluster runs as the `postgres`
 * user that Debian's package creates.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { run, spawnTracked } from '../proc';
import { formatMs } from '../timing';
import { N8nError } from './errors';
import { freePort, portInUse } from './ports';
import { aptInstall } from './redis';
import { ServiceProcess } from './service';

const DEBIAN_PREFIX = '/usr/lib/postgresql';

/** The newest `/usr/lib/postgresql/<major>/bin` that has initdb and postgres. */
function postgresBin(): string | undefined {
	if (!fs.existsSync(DEBIAN_PREFIX)) return undefined;
	const majors = fs
		.readdirSync(DEBIAN_PREFIX)
		.filter((name) => fs.existsSync(path.join(DEBIAN_PREFIX, name, 'bin', 'initdb')))
		.sort((a, b) => Number(b) - Number(a));
	return majors.length > 0 ? path.join(DEBIAN_PREFIX, majors[0], 'bin') : undefined;
}

/** As root: the `postgres` user's ids (Debian's package creates it). */
function postgresUser(): { uid: number; gid: number } | undefined {
	if (process.getuid?.() !== 0) return undefined;
	const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
	const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
	return { uid, gid };
}

export class PostgresServer extends ServiceProcess {
	/** The database n8n uses, and the superuser it connects as (no password: trust on 127.0.0.1). */
	readonly database = 'n8n';
	readonly user = 'postgres';

	static async start(
		options: { log?: (line: string) => void; timeoutMs?: number } = {},
	): Promise<PostgresServer> {
		const log = options.log ?? (() => undefined);
		const started = Date.now();
		const bin = postgresBin() ?? (await aptInstall('postgresql', log), postgresBin());
		if (!bin)
			throw new Error(`PostgreSQL was installed, but ${DEBIAN_PREFIX}/*/bin/initdb is not found`);
		const owner = postgresUser();
		const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-postgres-'));
		if (owner) fs.chownSync(dir, owner.uid, owner.gid);
		const asOwner = { ...(owner ?? {}), cwd: dir, env: { ...process.env, LC_ALL: 'C' } };
		const data = path.join(dir, 'data');
		const init = await run(
			'initdb',
			path.join(bin, 'initdb'),
			['-D', data, '-U', 'postgres', '-A', 'trust', '-E', 'UTF8', '--no-sync'],
			{ ...asOwner, timeoutMs: 120_000 },
		);
		if (init.code !== 0) {
			fs.rmSync(dir, { recursive: true, force: true });
			throw new N8nError(`initdb failed (exit ${init.code})`, init.stdout, init.stderr);
		}
		const port = await freePort();
		const child = spawnTracked(
			'postgres',
			path.join(bin, 'postgres'),
			[
				'-D',
				data,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${dir}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			],
			{ ...asOwner, stdio: ['ignore', 'pipe', 'pipe'] },
		);
		const postgres = new PostgresServer('postgres', child, port, dir);
		const createdb = async () =>
			await run(
				'createdb',
				path.join(bin, 'createdb'),
				['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', postgres.database],
				{ ...asOwner, timeoutMs: 10_000 },
			);
		await postgres.waitReady(
			async () => (await portInUse(port)) && (await createdb()).code === 0,
			options.timeoutMs ?? 30_000,
		);
		log(
			`  postgres ready on 127.0.0.1:${port} (PID ${child.pid}, cluster and database in ${formatMs(Date.now() - started)})`,
		);
		return postgres;
	}

	/** n8n's environment for this database. */
	n8nEnv(): Record<string, string> {
		return {
			DB_TYPE: 'postgresdb',
			DB_POSTGRESDB_HOST: '127.0.0.1',
			DB_POSTGRESDB_PORT: String(this.port),
			DB_POSTGRESDB_DATABASE: this.database,
			DB_POSTGRESDB_USER: this.user,
			DB_POSTGRESDB_PASSWORD: '',
		};
	}
}
