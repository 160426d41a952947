/**
 * The package as npm publishes it: `npm pack` into a folder, the tarball's file list (read from
 * the tarball itself, not from npm's own report) and, on request, the tarball unpacked the way
 * n8n's scanner unpacks it (`tar -xzf … --strip-components=1`).
 *
 * `.npmrc` has `ignore-scripts=true`, so packing runs no `prepack`/`prepare`: build first.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { run } from './proc';

export interface PackedPackage {
	/** The `.tgz` file. */
	tarball: string;
	/** Paths inside the package, without the tarball's `package/` prefix, sorted. */
	files: string[];
	/** Bytes of the `.tgz`. */
	size: number;
	/** Bytes of all files once unpacked. */
	unpackedSize: number;
}

async function runOrThrow(
	name: string,
	command: string,
	args: string[],
	cwd: string,
): Promise<string> {
	const result = await run(name, command, args, { cwd, timeoutMs: 120_000 });
	if (result.code !== 0) {
		throw new Error(
			`${command} ${args.join(' ')} failed (${result.code}):\n${result.stderr || result.stdout}`,
		);
	}
	return result.stdout;
}

/** `npm pack` of the package in `root`, written into `destDir` (which must exist). */
export async function packPackage(root: string, destDir: string): Promise<PackedPackage> {
	const out = await runOrThrow(
		'npm pack',
		'npm',
		['pack', '--json', '--pack-destination', destDir],
		root,
	);
	const [report] = JSON.parse(out) as Array<{ filename: string; unpackedSize: number }>;
	const tarball = path.join(destDir, report.filename);
	const listing = await runOrThrow('tar -tzf', 'tar', ['-tzf', tarball], destDir);
	const files = listing
		.split('\n')
		.filter((line) => line !== '' && !line.endsWith('/'))
		.map((line) => line.replace(/^package\//, ''))
		.sort();
	return { tarball, files, size: fs.statSync(tarball).size, unpackedSize: report.unpackedSize };
}

/** Unpacks the tarball into `dir` (created), as the scanner does; returns `dir`. */
export async function unpackTarball(tarball: string, dir: string): Promise<string> {
	fs.mkdirSync(dir, { recursive: true });
	await runOrThrow('tar -xzf', 'tar', ['-xzf', tarball, '-C', dir, '--strip-components=1'], dir);
	return dir;
}

/** `129.1 kB` (npm's own units: 1 kB = 1000 bytes). */
export function formatBytes(bytes: number): string {
	if (bytes < 1000) return `${bytes} B`;
	if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
	return `${(bytes / 1_000_000).toFixed(2)} MB`;
}
