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
export function useEmulator(
	onStart: (emulator: CallbellEmulator) => void,
	options: EmulatorOptions = {},
): void {
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
	/** Default: the emulator's; e.g. a closed port for connection failures. */
	baseUrl?: string;
	/** The credential's Requests per Second; default: none set (as in credentials saved before it existed). */
	requestsPerSecond?: number;
	/** Aborting it stops the execution, as n8n's Stop button does. */
	cancelSignal?: AbortSignal;
	/** Run as the AI Agent's tool (`callbellTool`), as n8n runs a tool call. */
	asTool?: boolean;
	/** The node's version, as saved in the workflow; default 1. */
	typeVersion?: number;
}

export interface OperationRun extends StoryRun {
	/** The operation's parameters as the editor saves them, e.g. `{ contactId: byId(JANE) }`. */
	parameters?: IDataObject;
	/** Options; default `{}` (what the editor saves when none is added). */
	options?: IDataObject;
}

/**
 * The story helper: the Callbell node on `resource` → `operation` with these parameters over
 * the run's items, against `emulator`, through n8n's engine. Files name their own shorthand,
 * e.g. `const runTeam = (operation, run) => runOperation(emulator, 'team', operation, run)`.
 */
export function runOperation(
	emulator: CallbellEmulator,
	resource: string,
	operation: string,
	run: OperationRun = {},
): Promise<RunResult> {
	if (run.parameters !== undefined && 'options' in run.parameters) {
		throw new Error('runOperation takes Options as run.options, not among the parameters');
	}
	return runNode({
		parameters: {
			resource,
			operation,
			...run.parameters,
			options: run.options ?? {},
		} as INodeParameters,
		items: run.items,
		credentials: {
			apiToken: run.apiToken ?? TEST_TOKEN,
			baseUrl: run.baseUrl ?? emulator.baseUrl,
			...(run.requestsPerSecond !== undefined && { requestsPerSecond: run.requestsPerSecond }),
		},
		continueOnFail: run.continueOnFail,
		cancelSignal: run.cancelSignal,
		...(run.asTool === true && { nodeType: TOOL_NODE_TYPE }),
		...(run.typeVersion !== undefined && { typeVersion: run.typeVersion }),
	});
}

/** The Callbell node as an AI Agent's tool. */
export const TOOL_NODE_TYPE = 'n8n-nodes-callbell.callbellTool';

/** A resource locator as the editor saves it, in each of its modes. */
const locator = (mode: string) => (value: string) => ({ __rl: true, mode, value });
export const byId = locator('id');
export const fromList = locator('list');
export const byUrl = locator('url');
export const byPhone = locator('phone');
export const byBsuid = locator('bsuid');
export const byEmail = locator('email');

/** Values usually come from the trigger, e.g. `{{ $json.name }}`: checked when the item runs. */
export function viaExpression(value: string): string {
	return `={{ ${JSON.stringify(value)} }}`;
}

/** A 32-hex id no object of the test account has. */
export const MISSING = 'ffffffffffffffffffffffffffffffff';

export type NodeFailure = Error & { httpCode?: string; description?: string };

/** The error a run stopped with (continue on fail off). */
export const failure = (result: RunResult) => result.error as NodeFailure | undefined;

/** The items' JSON with their pairing, for one comparison. */
export const itemsOf = (result: RunResult) =>
	result.items.map((item) => [item.json, item.pairedItem]);

/**
 * Requests as "METHOD /path", sorted. Items run side by side (Options → Concurrency), so across
 * items only the set of requests is certain; each item's own requests, and those of items on the
 * same contact, keep their order (test/execution/concurrency.test.ts).
 */
export function inAnyItemOrder(requests: string[]): string[] {
	return [...requests].sort();
}
