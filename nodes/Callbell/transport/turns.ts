/**
 * One queue of requests per Callbell account in this n8n instance. The request at its head waits
 * for the account's next slot (pacing.ts); the others wait for the head, in order, with no timer
 * of their own. So a pace lowered by a 429 or raised by the climb applies to the very next
 * request, not once the slots already handed out are used up: a worker in queue mode runs ten
 * executions of 200 items in flight, 2,000 waiting requests, many seconds of slots. And one timer
 * waits per account, not one per item.
 */
import { sleep, sleepWithAbort } from 'n8n-workflow';

import { claimSlot } from './pacing';

interface Waiter {
	cancelSignal: AbortSignal | undefined;
	/** true: its turn has come; false: its execution was cancelled while it waited. */
	wake: (itsTurn: boolean) => void;
}

interface AccountQueue {
	/** A request is at the head, waiting for its slot (or being handed the turn). */
	headTaken: boolean;
	waiting: Waiter[];
	/** The cancel signals already watched for this queue: one listener per execution, not per item. */
	watched: WeakSet<AbortSignal>;
}

const queues = new Map<string, AccountQueue>();

function queueOf(account: string): AccountQueue {
	let queue = queues.get(account);
	if (queue === undefined) {
		queue = { headTaken: false, waiting: [], watched: new WeakSet() };
		queues.set(account, queue);
	}
	return queue;
}

/**
 * Waits `ms`; a cancelled execution stops waiting. Each wait gets its own signal: n8n's
 * `sleepWithAbort` leaves its listener on the signal it is given, and on the execution's own
 * signal 10,000 items would pile up tens of thousands.
 */
export async function pause(ms: number, cancelSignal: AbortSignal | undefined): Promise<void> {
	// sleepWithAbort is missing from older n8n 1.x releases.
	if (cancelSignal === undefined || typeof sleepWithAbort !== 'function') return await sleep(ms);
	if (cancelSignal.aborted) return;
	const thisWait = new AbortController();
	const stopWaiting = () => thisWait.abort();
	cancelSignal.addEventListener('abort', stopWaiting, { once: true });
	try {
		await sleepWithAbort(ms, thisWait.signal);
	} catch {
		// Cancelled: the caller sees the execution's signal and sends nothing more.
	} finally {
		cancelSignal.removeEventListener('abort', stopWaiting);
	}
}

/** A cancelled execution's requests leave the queue at once, however far back they wait. */
function watchCancel(queue: AccountQueue, cancelSignal: AbortSignal): void {
	if (queue.watched.has(cancelSignal)) return;
	queue.watched.add(cancelSignal);
	cancelSignal.addEventListener(
		'abort',
		() => {
			const cancelled = queue.waiting.filter((waiter) => waiter.cancelSignal === cancelSignal);
			queue.waiting = queue.waiting.filter((waiter) => waiter.cancelSignal !== cancelSignal);
			for (const waiter of cancelled) waiter.wake(false);
		},
		{ once: true },
	);
}

/**
 * Waits for this request's turn and then for the account's next slot; returns when it may be
 * sent (or at once when its execution is cancelled: the caller checks the signal).
 */
export async function waitForTurn(
	account: string,
	requestsPerSecond: number,
	cancelSignal: AbortSignal | undefined,
): Promise<void> {
	// A function, not a narrowed property: the signal aborts while this waits.
	const cancelled = () => cancelSignal?.aborted === true;
	if (cancelled()) return;
	const queue = queueOf(account);
	if (queue.headTaken) {
		if (cancelSignal !== undefined) watchCancel(queue, cancelSignal);
		const itsTurn = await new Promise<boolean>((wake) =>
			queue.waiting.push({ cancelSignal, wake }),
		);
		if (!itsTurn) return;
	}
	queue.headTaken = true;
	try {
		for (;;) {
			if (cancelled()) return;
			const wait = claimSlot(account, requestsPerSecond, Date.now());
			if (wait === 0) return;
			await pause(wait, cancelSignal);
		}
	} finally {
		// The turn passes on; headTaken stays set meanwhile, so no newcomer jumps the queue.
		const next = queue.waiting.shift();
		if (next === undefined) queue.headTaken = false;
		else next.wake(true);
	}
}
