import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { Writable } from 'node:stream';

import { Logger } from '@n8n/backend-common';
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

	routeLogsToListenersUnlessRequested();
}

export type LogListener = (level: string, message: string) => void;
const logListeners = new Set<LogListener>();

/** Hands every log line of n8n's Logger (nodes' `this.logger` included) to `listener` until the returned function is called. */
export function listenToLogs(listener: LogListener): () => void {
	logListeners.add(listener);
	return () => logListeners.delete(listener);
}

/**
 * n8n's Logger logs at `info` to the console by default. Unless N8N_LOG_LEVEL asks for the
 * console, it logs everything, debug included, to the listeners only: test output stays clean
 * and tests can read what a node logged.
 */
function routeLogsToListenersUnlessRequested(): void {
	if (process.env.N8N_LOG_LEVEL !== undefined) return;
	// Read once, when the Logger is first constructed (just below).
	Object.assign(Container.get(GlobalConfig).logging, { level: 'debug', outputs: [] });
	const sink = new Writable({
		objectMode: true,
		write(info: { level?: unknown; message?: unknown }, _encoding, done) {
			for (const listener of logListeners) listener(String(info.level), String(info.message));
			done();
		},
	});
	// winston takes an objectMode stream as a transport when its `log` takes (info, callback).
	const transport = Object.assign(sink, {
		log: (_info: unknown, callback: () => void) => callback(),
	});
	Container.get(Logger)
		.getInternalLogger()
		.add(transport as never);
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
