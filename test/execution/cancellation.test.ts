/**
 * Stopping an execution (n8n's Stop button), through n8n's real engine against the emulator:
 * Callbell answered 429 with Retry-After 5, the node is waiting it out, the user stops the
 * execution. The wait ends at once, and nothing more is sent: not the retry, not the next item
 * (transport/request.ts ends its waits, actions/router.ts starts no more items).
 */
import { setTimeout as sleep } from 'node:timers/promises';

import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { runOperation, useDebugLogs, useEmulator } from '../stories';
import { RENAME_EACH } from './renaming';

const JANE = IDS.contacts.jane;
const MARIA = IDS.contacts.maria;
const RETRY_AFTER_SECONDS = 5;
/** Well under the Retry-After: a behaviour bound, not a benchmark. */
const STOPS_WITHIN_MS = 3000;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const logs = useDebugLogs();

/** Callbell refuses the next PATCH of Jane: try again in 5 seconds. */
function rateLimitJane(): void {
	emulator.injectFault({
		method: 'PATCH',
		path: `/v1/contacts/${JANE}`,
		status: 429,
		headers: { 'Retry-After': String(RETRY_AFTER_SECONDS) },
		body: { message: 'Too Many Requests' },
	});
}

/** Updates each item's contact (`id`) to its `name`, one item at a time (Options → Concurrency 1). */
function updateNames(
	items: IDataObject[],
	continueOnFail: boolean,
	cancelSignal: AbortSignal,
): Promise<RunResult> {
	return runOperation(emulator, 'contact', 'update', {
		parameters: RENAME_EACH,
		options: { concurrency: 1 },
		items,
		continueOnFail,
		cancelSignal,
	});
}

/** Resolves once the node has logged its decision to wait out the 429 (logged just before the wait). */
async function waitingOutThe429(): Promise<void> {
	const decision = `retry 1 of 10 in ${RETRY_AFTER_SECONDS * 1000} ms (429, Retry-After ${RETRY_AFTER_SECONDS})`;
	const deadline = Date.now() + 5000;
	while (!logs.lines().some((line) => line.endsWith(decision))) {
		if (Date.now() > deadline) throw new Error(`The node never logged "${decision}"`);
		await sleep(10);
	}
}

/** Starts the run, stops it while the node waits out the 429; the run's result and how long it took to end. */
async function stopDuringTheWait(
	items: IDataObject[],
	continueOnFail: boolean,
): Promise<{ result: RunResult; stoppedInMs: number }> {
	rateLimitJane();
	const stop = new AbortController();
	const running = updateNames(items, continueOnFail, stop.signal);
	await waitingOutThe429();
	const stoppedAt = Date.now();
	stop.abort();
	const result = await running;
	return { result, stoppedInMs: Date.now() - stoppedAt };
}

const nameOf = (uuid: string) =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)?.name;

/** Every request Callbell received so far, as "METHOD /path status". */
async function requestsAfterAWhile(): Promise<string[]> {
	// Had the run gone on in the background, the retry or the next item would arrive meanwhile.
	await sleep(200);
	return emulator.requests.map((request) => `${request.method} ${request.path} ${request.status}`);
}

it('one item: the wait ends at once and the PATCH is not sent again', async () => {
	const { result, stoppedInMs } = await stopDuringTheWait([{ id: JANE, name: 'Jane R.' }], false);

	expect(stoppedInMs).toBeLessThan(STOPS_WITHIN_MS);
	expect(result.error?.message).toBe(
		`The execution was canceled before PATCH /contacts/${JANE} was sent`,
	);
	expect(result.items).toEqual([]);
	expect(await requestsAfterAWhile()).toEqual([`PATCH /v1/contacts/${JANE} 429`]);
	expect(nameOf(JANE)).toBe('Jane Doe');
});

describe('two items, Concurrency 1: the second item is never sent', () => {
	const items = [
		{ id: JANE, name: 'Jane R.' },
		{ id: MARIA, name: 'Maria R.' },
	];

	it('continue-on-fail off: the first item reports the cancellation and stops the node', async () => {
		const { result, stoppedInMs } = await stopDuringTheWait(items, false);

		expect(stoppedInMs).toBeLessThan(STOPS_WITHIN_MS);
		expect(result.error?.message).toBe(
			`The execution was canceled before PATCH /contacts/${JANE} was sent`,
		);
		expect(result.items).toEqual([]);
		expect(await requestsAfterAWhile()).toEqual([`PATCH /v1/contacts/${JANE} 429`]);
	});

	it('continue-on-fail on: the cancellation, not the failed item, keeps the second item from starting', async () => {
		const { result, stoppedInMs } = await stopDuringTheWait(items, true);

		expect(stoppedInMs).toBeLessThan(STOPS_WITHIN_MS);
		expect(result.error?.message).toBe('The execution was canceled');
		// The node threw; with On Error → Continue, n8n passes the node's input through as its output.
		expect(result.items.map((item) => item.json)).toEqual(items);
		expect(await requestsAfterAWhile()).toEqual([`PATCH /v1/contacts/${JANE} 429`]);
		expect([nameOf(JANE), nameOf(MARIA)]).toEqual(['Jane Doe', 'Maria Rossi']);
	});
});

/**
 * Renames the items at one request per second (the first goes at once, the others wait) and
 * stops the run once the first request was sent; the run's result and how long it took to end.
 */
async function stopAfterTheFirstRequest(
	items: IDataObject[],
): Promise<{ result: RunResult; stoppedInMs: number }> {
	const stop = new AbortController();
	const running = runOperation(emulator, 'contact', 'update', {
		parameters: RENAME_EACH,
		items,
		continueOnFail: true,
		cancelSignal: stop.signal,
		requestsPerSecond: 1,
	});
	while (emulator.requests.length === 0) await sleep(10);
	const stoppedAt = Date.now();
	stop.abort();
	const result = await running;
	return { result, stoppedInMs: Date.now() - stoppedAt };
}

it('items waiting for a slot of the pace are not sent once the execution is stopped', async () => {
	// One request per second: Jane's goes at once, Maria's and John's wait for their slots.
	const { result, stoppedInMs } = await stopAfterTheFirstRequest([
		{ id: JANE, name: 'Jane R.' },
		{ id: MARIA, name: 'Maria R.' },
		{ id: IDS.contacts.john, name: 'John R.' },
	]);

	expect(stoppedInMs).toBeLessThan(STOPS_WITHIN_MS);
	expect(result.error?.message).toMatch(/^The execution was canceled/);
	expect(await requestsAfterAWhile()).toEqual([`PATCH /v1/contacts/${JANE} 200`]);
	expect([nameOf(MARIA), nameOf(IDS.contacts.john)]).toEqual(['Maria Rossi', 'John Smith']);
});

it('items queued for a turn of the pace (more than it sends in half a second) are let go at once', async () => {
	// One request per second hands out one turn at a time: Jane's request is sent, then one item
	// waits for its slot and 28 wait for a turn. Waiting for their slots they would take half a
	// minute to give up; stopped, the one waiting out its slot hands the turn on, and each item
	// that gets it sees the stop.
	const unknownContact = (index: number) => `c0ffee${String(index).padStart(26, '0')}`;
	const { result, stoppedInMs } = await stopAfterTheFirstRequest([
		{ id: JANE, name: 'Jane R.' },
		...Array.from({ length: 29 }, (_, index) => ({ id: unknownContact(index), name: 'Nobody' })),
	]);

	expect(stoppedInMs).toBeLessThan(STOPS_WITHIN_MS);
	expect(result.error?.message).toMatch(/^The execution was canceled/);
	expect(await requestsAfterAWhile()).toEqual([`PATCH /v1/contacts/${JANE} 200`]);
});
