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
	let stopping = false;
	onShutdown(async () => {
		stopping = true;
		await started?.stop();
	});
	const running = await LocalRegistry.connect(storageDir);
	const registry =
		running ?? (started = await LocalRegistry.start({ storageDir, preferredPort: 4873, log }));
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
				'Install it in a throw-away n8n (Settings → Community Nodes → Install; Update for the next):',
				'  export N8N_USER_FOLDER=$(mktemp -d)',
				'  mkdir -p "$N8N_USER_FOLDER/.n8n/nodes"',
				`  echo "registry=${registry.url}/" > "$N8N_USER_FOLDER/.n8n/nodes/.npmrc"`,
				`  N8N_COMMUNITY_PACKAGES_REGISTRY=${registry.url} E2E_TESTS=true N8N_LISTEN_ADDRESS=127.0.0.1 n8n start`,
				`  curl -X PATCH http://127.0.0.1:5678/rest/e2e/feature -H 'content-type: application/json' -d '{"feature":"${CUSTOM_REGISTRY_FEATURE}","enabled":true}'`,
				"  (a registry other than npm's needs that licence feature, which n8n's test mode grants;",
				'  that mode also lets anyone reset the instance: never on an n8n you keep; docs/development.md)',
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
	// Serving until Ctrl-C (the shutdown handler stops it and exits); verdaccio ending on its own
	// is a failure.
	const code = await registry.exited();
	if (!stopping) throw new Error(`The local npm registry stopped on its own (${code})`);
}

main().catch((error: Error) => {
	log(`✗ ${error.message}`);
	process.exit(1);
});
