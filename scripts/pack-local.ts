/**
 * `npm run pack:local`: publishes the current build (as `npm pack` makes it) to the local npm
 * registry of dev/registry.ts, so that an n8n can install it the way users do, through
 * *Settings → Community Nodes → Install* (or `npm install --registry`).
 *
 * - The registry keeps its packages in `.cache/registry/`. One already running (an earlier
 *   `npm run pack:local` still serving) is published to; else one is started on a free port of
 *   127.0.0.1 and serves until Ctrl-C.
 * - The version is package.json's while it is newer than everything published, else one newer
 *   than the newest (`x.y.(z+1)-local.N`, see `versionToPublish`), so that n8n's Update always
 *   has something to install; `-- --version x.y.z` picks one.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { forEachFlag } from '../dev/flags';
import { cacheDir } from '../dev/n8n/install';
import { PACKAGE_NAME, repoRoot } from '../dev/package';
import { onShutdown } from '../dev/proc';
import { CUSTOM_REGISTRY_FEATURE, LocalRegistry, versionToPublish } from '../dev/registry';

function log(line: string): void {
	process.stderr.write(`${line}\n`);
}

async function main(): Promise<void> {
	let version: string | undefined;
	forEachFlag(process.argv.slice(2), (flag, value) => {
		if (flag === '--version') version = value();
		else throw new Error(`Unknown flag ${flag} (known: --version x.y.z)`);
	});
	const root = repoRoot();
	const storageDir = path.join(cacheDir(), 'registry');
	// Registered first: Ctrl-C while verdaccio installs or starts stops it too (stopAll).
	let started: LocalRegistry | undefined;
	onShutdown(async () => await started?.stop());
	const running = await LocalRegistry.connect(storageDir);
	const registry = running ?? (started = await LocalRegistry.start({ storageDir, log }));
	try {
		if (version === undefined) {
			const own = (
				JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }
			).version;
			version = versionToPublish(own, await registry.versions(PACKAGE_NAME));
		}
		const done = await registry.publish(root, version);
		log(
			[
				`Published ${done.name}@${done.version} to ${registry.url} (npm dist-tag latest).`,
				'',
				'Install it in an n8n (Settings → Community Nodes → Install, or its REST route) with:',
				`  N8N_COMMUNITY_PACKAGES_REGISTRY=${registry.url}`,
				`  A registry other than npm's needs n8n's licence feature ${CUSTOM_REGISTRY_FEATURE};`,
				'  n8n grants it in its own test mode (E2E_TESTS=true, then',
				`  PATCH /rest/e2e/feature {"feature":"${CUSTOM_REGISTRY_FEATURE}","enabled":true}).`,
				`Or with npm: npm install ${done.name}@${done.version} --registry ${registry.url}`,
			].join('\n'),
		);
	} catch (error) {
		await started?.stop();
		throw error;
	}
	if (running) return;
	log(
		`\nThe registry serves until Ctrl-C (PID ${process.pid}); a next npm run pack:local publishes to it.`,
	);
	// Serving: the registry's process keeps this one waiting until the shutdown handler stops it.
	await new Promise<never>(() => undefined);
}

main().catch((error: Error) => {
	log(`✗ ${error.message}`);
	process.exit(1);
});
