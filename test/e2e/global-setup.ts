/**
 * Jest globalSetup of the end-to-end tests: checks that the package was built and installs the
 * selected n8n versions into the cache (once; later runs find them there), printing progress
 * and timings. Runs before any test file, so the tests only time their own phases.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { ensureN8n } from '../../dev/n8n/install';
import { parseTargetSelection } from '../../dev/n8n/versions';
import { repoRoot } from '../../dev/package';
import { onShutdown } from '../../dev/proc';
import { formatMs, Phases } from '../../dev/timing';

export default async function globalSetup(): Promise<void> {
	const root = repoRoot();
	const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
		n8n: { nodes: string[]; credentials: string[] };
	};
	const missing = [...pkg.n8n.nodes, ...pkg.n8n.credentials].filter(
		(f) => !fs.existsSync(path.join(root, f)),
	);
	if (missing.length > 0) {
		throw new Error(
			`The package is not built (${missing.join(', ')} missing): run \`npm run build\` first, or use \`npm run test:e2e\`.`,
		);
	}
	// Ctrl-C: the npm installs and n8n processes run in their own process groups, so the
	// terminal's SIGINT does not reach them; this handler (in Jest's own process, where the tests
	// run too: maxWorkers 1) stops every one of them by PID, then exits. It stays for the whole run.
	onShutdown(async (signal) => {
		process.stderr.write(`\n${signal}: stopping the n8n processes of the end-to-end tests …\n`);
	});
	const targets = parseTargetSelection(process.env.CALLBELL_E2E_N8N);
	process.stderr.write(
		`\nEnd-to-end tests on ${targets.map((t) => `n8n ${t.n8nVersion} (Node ${t.node.major})`).join(' and ')} — CALLBELL_E2E_N8N=${process.env.CALLBELL_E2E_N8N ?? '1 (default)'}\n`,
	);
	for (const target of targets) {
		const phases = new Phases(`[n8n ${target.n8nVersion}] `);
		const install = await ensureN8n(target, { phases });
		process.stderr.write(
			install.freshlyInstalled
				? `${phases.summary(`installed n8n ${target.n8nVersion} into the cache`)}\n`
				: `[n8n ${target.n8nVersion}] found in the cache (${install.dir}) — ${formatMs(install.ms)}\n`,
		);
	}
}
