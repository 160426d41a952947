/**
 * How the router runs a node's items side by side: at most Options → Concurrency at a time,
 * started in input order, and items that an operation says act on the same thing (its ordering
 * key, e.g. the contact) one after the other in input order, so that the last update wins.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireWholeNumber } from '../helpers/validation';

/**
 * Enough in flight to reach Callbell's 300 requests/s when answers take 250 ms (75 needed) plus
 * n8n's own time per item under load; measured with `npm run bench`, 100 fell short at 250 ms.
 */
const DEFAULT_CONCURRENCY = 200;
const MAX_CONCURRENCY = 500;

/** Options → Concurrency, in every operation's Options. */
export const concurrencyOption: INodeProperties = {
	displayName: 'Concurrency',
	name: 'concurrency',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_CONCURRENCY, numberPrecision: 0 },
	default: DEFAULT_CONCURRENCY,
	description:
		'How many items are sent to Callbell at the same time. Items for the same contact still ' +
		"go one after the other, in input order. The node keeps to the credential's requests per " +
		"second whatever this is: the default reaches Callbell's limit even when it answers " +
		'slowly.',
};

/** Options → Concurrency, read once per run from the first item. */
export function readConcurrency(this: IExecuteFunctions): number {
	const { concurrency } = this.getNodeParameter('options', 0, {}) as { concurrency?: unknown };
	return requireWholeNumber('Concurrency', concurrency ?? DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
}

export interface ItemSchedule {
	concurrency: number;
	/** What the item acts on, as far as its parameters tell; items with the same key keep their order. */
	orderingKey(itemIndex: number): string | undefined;
	/** Whether no further item may start (one failed, the execution was stopped). */
	stopped(): boolean;
}

/**
 * Runs `run` for items 0 … count - 1 as `schedule` allows and resolves when every started item is
 * done (rejects with the first item's rejection, if any, once all are). Costs a counter per
 * item: no race over the items in flight, and an item is let go once it is done.
 */
export async function runItems(
	count: number,
	schedule: ItemSchedule,
	run: (itemIndex: number) => Promise<void>,
): Promise<void> {
	const lastOfKey = new Map<string, Promise<void>>();
	let inFlight = 0;
	let wakeUp: (() => void) | undefined;
	let firstRejection: { reason: unknown } | undefined;
	const waitForOne = () => new Promise<void>((resolve) => (wakeUp = resolve));

	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		while (inFlight >= schedule.concurrency) await waitForOne();
		if (schedule.stopped()) break;

		const key = schedule.orderingKey(itemIndex);
		const before = key === undefined ? undefined : lastOfKey.get(key);
		const task = before === undefined ? run(itemIndex) : before.then(() => run(itemIndex));
		if (key !== undefined) lastOfKey.set(key, task);
		inFlight++;
		const done = (rejection?: { reason: unknown }) => {
			inFlight--;
			firstRejection ??= rejection;
			if (key !== undefined && lastOfKey.get(key) === task) lastOfKey.delete(key);
			const wake = wakeUp;
			wakeUp = undefined;
			wake?.();
		};
		task.then(
			() => done(),
			(reason: unknown) => done({ reason }),
		);
	}
	while (inFlight > 0) await waitForOne();
	if (firstRejection) throw firstRejection.reason;
}
