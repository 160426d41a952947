/**
 * What the stories about the account's objects share: runs of one resource + operation, the
 * locator values as the editor saves them, and the error a run stopped with.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import type { RunResult } from '../harness';
import { runCallbell, type StoryRun } from '../stories';

/** A 32-hex id no object of the test account has. */
export const MISSING = 'ffffffffffffffffffffffffffffffff';

export const byId = (value: string) => ({ __rl: true, mode: 'id', value });
export const fromList = (value: string) => ({ __rl: true, mode: 'list', value });

/** Values usually come from the trigger, e.g. `{{ $json.name }}`: checked when the item runs. */
export function viaExpression(value: string): string {
	return `={{ ${JSON.stringify(value)} }}`;
}

export interface ObjectRun extends StoryRun {
	parameters?: IDataObject;
	options?: IDataObject;
}

/** The Callbell node on `resource` → `operation` with these parameters (Options empty unless given). */
export function runOperation(
	emulator: CallbellEmulator,
	resource: string,
	operation: string,
	run: ObjectRun = {},
): Promise<RunResult> {
	const parameters = {
		resource,
		operation,
		...run.parameters,
		options: run.options ?? {},
	} as INodeParameters;
	return runCallbell(emulator, parameters, run);
}

export type NodeFailure = Error & { httpCode?: string; description?: string };

export const failure = (result: RunResult) => result.error as NodeFailure | undefined;

/** The items' JSON with their pairing, for one comparison. */
export const itemsOf = (result: RunResult) => result.items.map((item) => [item.json, item.pairedItem]);
