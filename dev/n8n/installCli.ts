/**
 * `node .tools/dev/n8n/installCli.js [1|2|all]`: install the pinned n8n version(s) into the
 * cache now (the dev, e2e and screenshot scripts also do it on first use), with timings.
 */
import { ensureN8n } from './install';
import { Phases } from '../timing';
import { parseTargetSelection } from './versions';

async function main(): Promise<void> {
	const targets = parseTargetSelection(process.argv[2] ?? process.env.CALLBELL_E2E_N8N, ['1']);
	for (const target of targets) {
		const phases = new Phases(`[n8n ${target.n8nVersion}] `);
		const install = await ensureN8n(target, { phases });
		console.log(
			`n8n ${install.n8nVersion} on Node ${install.node.version}: ${install.freshlyInstalled ? 'installed' : 'already in the cache'} (${install.dir})`,
		);
		if (phases.records.length > 0) console.log(phases.summary());
	}
}

main().catch((error) => {
	console.error(error instanceof Error ? error.message : error);
	process.exit(1);
});
