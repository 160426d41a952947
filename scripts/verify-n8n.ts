/**
 * `npm run verify:n8n`: n8n's own vetting of community packages, offline, before publishing.
 *
 * n8n checks a community package with `@n8n/scan-community-package` (the `n8n-node lint` rule
 * set). Its CLI takes a published version and runs three legs: the npm provenance statement,
 * then the scanner's `analyzePackage` on the source the statement points at
 * (`SOURCE_FILE_PATTERNS`) and on the unpacked tarball (`**\/*.js`, `package.json`). This script
 * runs those two analysis legs with the scanner's own code on what would be published now:
 * the working tree as the source, and the tarball of `npm pack` (build first; `npm run
 * verify:n8n` does). Any violation, or a leg that finds no file, fails it.
 *
 * The provenance leg needs a version published from GitHub Actions (see docs/releasing.md):
 * `npx @n8n/scan-community-package n8n-nodes-callbell@<version>`.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

import { formatBytes, packPackage, unpackTarball } from '../dev/pack';
import { PACKAGE_NAME, repoRoot } from '../dev/package';
import { formatMs } from '../dev/timing';

interface ScanResult {
	passed: boolean;
	message?: string;
	details?: string;
}

interface Scanner {
	analyzePackage(packageDir: string, filePatterns: string[]): Promise<ScanResult>;
	SOURCE_FILE_PATTERNS: string[];
}

/** The tarball leg's patterns, as the scanner's `analyzePackageByName` passes them (it exports no constant). */
const TARBALL_FILE_PATTERNS = ['**/*.js', 'package.json'];

/** A real ESM `import()`: tsc (module commonjs) would compile the keyword into `require()`. */
const importEsm = new Function('specifier', 'return import(specifier)') as (
	specifier: string,
) => Promise<unknown>;

/** Loads the scanner. It makes a temporary folder as it loads and leaves it behind: `tmpDir` is where. */
async function loadScanner(root: string, tmpDir: string): Promise<Scanner> {
	const file = require.resolve('@n8n/scan-community-package/scanner/scanner.mjs', {
		paths: [root],
	});
	const saved = process.env.TMPDIR;
	process.env.TMPDIR = tmpDir;
	try {
		return (await importEsm(pathToFileURL(file).href)) as Scanner;
	} finally {
		if (saved === undefined) delete process.env.TMPDIR;
		else process.env.TMPDIR = saved;
	}
}

/** Runs one leg; prints its outcome and returns whether it passed. */
async function runLeg(
	scanner: Scanner,
	name: string,
	dir: string,
	patterns: string[],
): Promise<boolean> {
	const started = Date.now();
	const result = await scanner.analyzePackage(dir, patterns);
	const what = `${name} [${patterns.join(', ')}]`;
	if (result.passed && result.message === undefined) {
		process.stdout.write(`✓ ${what}: no violations (${formatMs(Date.now() - started)})\n`);
		return true;
	}
	// The scanner passes a leg that finds no file at all ("No files found to analyze"): here that
	// means the patterns or the package are wrong, so it fails.
	process.stdout.write(`✗ ${what}: ${result.message ?? 'failed'}\n${result.details ?? ''}\n`);
	return false;
}

async function main(): Promise<void> {
	const root = repoRoot();
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-verify-n8n-'));
	try {
		const scanner = await loadScanner(root, work);
		const packed = await packPackage(root, work);
		process.stdout.write(
			`${path.basename(packed.tarball)}: ${formatBytes(packed.size)} packed, ${formatBytes(packed.unpackedSize)} unpacked, ${packed.files.length} files\n`,
		);
		const unpacked = await unpackTarball(packed.tarball, path.join(work, 'package'));
		const legs: Array<[string, string, string[]]> = [
			['source', root, scanner.SOURCE_FILE_PATTERNS],
			['tarball', unpacked, TARBALL_FILE_PATTERNS],
		];
		let passed = true;
		for (const [name, dir, patterns] of legs) {
			passed = (await runLeg(scanner, name, dir, patterns)) && passed;
		}
		process.stdout.write(
			passed
				? `n8n's scanner: passed (the provenance leg runs on a published version: npx @n8n/scan-community-package ${PACKAGE_NAME}@<version>)\n`
				: "n8n's scanner: FAILED\n",
		);
		if (!passed) process.exitCode = 1;
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
}

main().catch((error: Error) => {
	process.stderr.write(`verify:n8n: ${error.stack ?? error.message}\n`);
	process.exit(1);
});
