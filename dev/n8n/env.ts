/** The environment of n8n processes run from the cache, and `PATH` with their Node first. */
import * as path from 'node:path';

import type { N8nTarget } from './versions';

/** Environment for running n8n from the cache, shared by the smoke check and instances. */
export function n8nBaseEnv(userFolder: string, target?: N8nTarget): NodeJS.ProcessEnv {
	const env: NodeJS.ProcessEnv = { ...process.env };
	// Nothing of the caller's n8n setup leaks in.
	for (const key of Object.keys(env)) {
		if (key.startsWith('N8N_') || key.startsWith('DB_') || key.startsWith('npm_')) delete env[key];
	}
	return {
		...env,
		N8N_USER_FOLDER: userFolder,
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_HIRING_BANNER_ENABLED: 'false',
		// No calls home: banners, "what's new", the vetted community nodes list, AI features, license renewal.
		N8N_DYNAMIC_BANNERS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED: 'false',
		N8N_VERIFIED_PACKAGES_ENABLED: 'false',
		N8N_AI_ENABLED: 'false',
		N8N_LICENSE_AUTO_RENEW_ENABLED: 'false',
		N8N_RUNNERS_ENABLED: 'false',
		// The default (vm) engine needs isolated-vm, which is not built here.
		N8N_EXPRESSION_ENGINE: 'legacy',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_BLOCK_ENV_ACCESS_IN_NODE: 'false',
		N8N_GIT_NODE_DISABLE_BARE_REPOS: 'true',
		N8N_LOG_LEVEL: 'info',
		N8N_LOG_OUTPUT: 'console',
		DB_TYPE: 'sqlite',
		NO_PROXY: '127.0.0.1,localhost',
		no_proxy: '127.0.0.1,localhost',
		NODE_ENV: 'production',
		NODE_OPTIONS: '',
		...target?.env,
	};
}

/** `PATH` with the folder of `nodeBin` first, for tools that run whichever `node` they find there. */
export function pathWithNodeFirst(nodeBin: string): string {
	return `${path.dirname(nodeBin)}${path.delimiter}${process.env.PATH ?? ''}`;
}
