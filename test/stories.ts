/**
 * What every engine story file shares: one emulator per file, fresh for every story, and the
 * node run against it through n8n's real engine with the test account's credential.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { startEmulator, type CallbellEmulator, type EmulatorOptions } from '../dev/emulator';
import { TEST_TOKEN } from '../dev/emulator/seed';
import { recordDebugLogs, runNode, shutdownHarness, type RunResult } from './harness';

/**
 * Registers jest's hooks: the emulator starts before the file's stories, is reset before each
 * one and closed after them. `onStart` receives it, e.g. `(started) => (emulator = started)`.
 */
export function useEmulator(onStart: (emulator: CallbellEmulator) => void, options: EmulatorOptions = {}): void {
	let emulator: CallbellEmulator | undefined;
	beforeAll(async () => {
		emulator = await startEmulator(options);
		onStart(emulator);
	});
	beforeEach(() => emulator?.reset());
	afterAll(async () => {
		await emulator?.close();
		await shutdownHarness();
	});
}

/** Records the debug lines logged during each story (jest hooks); `lines()` gives the current story's. */
export function useDebugLogs(): { lines(): string[] } {
	let logs: ReturnType<typeof recordDebugLogs> | undefined;
	beforeEach(() => {
		logs = recordDebugLogs();
	});
	afterEach(() => logs?.stop());
	return { lines: () => logs?.lines ?? [] };
}

export interface StoryRun {
	items?: IDataObject[];
	continueOnFail?: boolean;
	/** Default: the emulator's token. */
	apiToken?: string;
	/** The credential's Requests per Second; default: none set (as in credentials saved before it existed). */
	requestsPerSecond?: number;
	/** Aborting it stops the execution, as n8n's Stop button does. */
	cancelSignal?: AbortSignal;
}

/** The Callbell node with these parameters over the run's items, against `emulator`. */
export function runCallbell(
	emulator: CallbellEmulator,
	parameters: INodeParameters,
	run: StoryRun = {},
): Promise<RunResult> {
	return runNode({
		parameters,
		items: run.items,
		credentials: {
			apiToken: run.apiToken ?? TEST_TOKEN,
			baseUrl: emulator.baseUrl,
			...(run.requestsPerSecond !== undefined && { requestsPerSecond: run.requestsPerSecond }),
		},
		continueOnFail: run.continueOnFail,
		cancelSignal: run.cancelSignal,
	});
}

/**
 * Requests as "METHOD /path", sorted. Items run side by side (Options → Concurrency), so across
 * items only the set of requests is certain; each item's own requests, and those of items on the
 * same contact, keep their order (stories in concurrency.test.ts).
 */
export function inAnyItemOrder(requests: string[]): string[] {
	return [...requests].sort();
}
