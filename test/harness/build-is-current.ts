/**
 * The engine and package tests load the built package (dist/), not the sources: running jest
 * right after an edit must not test the old build. jest's global setup of those projects (see
 * jest.config.js) rebuilds when a source is newer than what it compiles to, or has no output,
 * or an output has no source any more (a renamed file), and fails with the build's output when
 * the build fails.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Where n8n's loader reads the package from, and what `npm run build` puts there. */
const SOURCE_DIRS = ['nodes', 'credentials'];

function filesBelow(root: string, dir: string): string[] {
	const absolute = path.join(root, dir);
	if (!existsSync(absolute)) return [];
	return readdirSync(absolute, { withFileTypes: true }).flatMap((entry) => {
		const relative = path.join(dir, entry.name);
		return entry.isDirectory() ? filesBelow(root, relative) : [relative];
	});
}

/** What a source file builds to: tsc compiles `.ts`, the build copies icons and codex files as they are. */
function outputOf(source: string): string | undefined {
	if (source.endsWith('.d.ts')) return undefined;
	if (source.endsWith('.ts')) return path.join('dist', source.replace(/\.ts$/, '.js'));
	if (/\.(svg|png|json)$/.test(source)) return path.join('dist', source);
	return undefined;
}

/** Why dist/ is not the build of the sources, or undefined when it is. */
export function staleBuildReason(root: string): string | undefined {
	const outputs = new Set<string>();
	for (const source of SOURCE_DIRS.flatMap((dir) => filesBelow(root, dir))) {
		const output = outputOf(source);
		if (output === undefined) continue;
		outputs.add(output);
		const built = path.join(root, output);
		if (!existsSync(built)) return `${output} is missing`;
		// Copies keep their source's time (rounded): compared by content; compiled files by time.
		const changed = source.endsWith('.ts')
			? statSync(built).mtimeMs < statSync(path.join(root, source)).mtimeMs
			: !readFileSync(built).equals(readFileSync(path.join(root, source)));
		if (changed) return `${source} changed after the last build`;
	}
	const leftover = SOURCE_DIRS.flatMap((dir) => filesBelow(root, path.join('dist', dir))).find(
		(file) => /\.(js|svg|png|json)$/.test(file) && !outputs.has(file),
	);
	return leftover === undefined ? undefined : `${leftover} has no source any more`;
}

export default function buildIfStale(): void {
	const root = path.resolve(__dirname, '..', '..');
	const reason = staleBuildReason(root);
	if (reason === undefined) return;
	process.stdout.write(`\nBuilding the package first (${reason}): npm run build\n`);
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: root, encoding: 'utf8' });
	if (build.status !== 0) {
		throw new Error(
			`npm run build failed, so the tests would run the old dist/:\n${build.stdout}${build.stderr}`,
		);
	}
}
