import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { GlobalConfig, InstanceSettingsConfig } from '@n8n/config';
import { Container } from '@n8n/di';
// Not re-exported from the n8n-core index (1.122); deep imports resolve to the same module
// instances the engine uses, so the DI container hands out the same singletons.
import { ScheduledTaskManager } from 'n8n-core/dist/execution-engine/scheduled-task-manager';
import { SSHClientsManager } from 'n8n-core/dist/execution-engine/ssh-clients-manager';

let userFolder: string | undefined;

/**
 * Prepares n8n-core's DI container before the engine touches it: every node execution context
 * instantiates `InstanceSettings`, which would otherwise create (and write a config file into)
 * `~/.n8n`. Idempotent; must run before the first execution.
 */
export function ensureN8nEnvironment(): void {
	if (userFolder !== undefined) return;
	userFolder = mkdtempSync(path.join(tmpdir(), 'n8n-harness-'));

	// The config fields are readonly in the typings, but n8n reads them only when InstanceSettings
	// is first constructed, which has not happened yet.
	const instanceSettingsConfig = Container.get(InstanceSettingsConfig);
	Object.assign(instanceSettingsConfig, {
		userHome: userFolder,
		n8nFolder: path.join(userFolder, '.n8n'),
		encryptionKey: instanceSettingsConfig.encryptionKey || 'n8n-test-harness-encryption-key',
	});

	silenceLoggerUnlessRequested();
}

/** n8n's Logger logs at `info` to the console by default; keep test output clean unless N8N_LOG_LEVEL is set. */
function silenceLoggerUnlessRequested(): void {
	if (process.env.N8N_LOG_LEVEL !== undefined) return;
	Container.get(GlobalConfig).logging.level = 'silent';
}

/**
 * Stops what n8n-core leaves running so jest can exit: the SSH clients manager (a DI singleton
 * created with every execute context) holds a 60 s cleanup `setInterval`.
 */
export async function shutdownN8nEnvironment(): Promise<void> {
	if (userFolder === undefined) return;

	Container.get(SSHClientsManager).onShutdown();
	Container.get(ScheduledTaskManager).deregisterAllCrons();

	rmSync(userFolder, { recursive: true, force: true });
	userFolder = undefined;
}
