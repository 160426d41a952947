/**
 * Keeping to Callbell's rate limit (transport/pacing.ts), through n8n's real engine against an
 * emulator that enforces it (429 + Retry-After above it): every request takes a slot of the
 * account's pace, shared by all executions in the process; a 429 lowers the pace and answers
 * raise it back. Behaviour only: the benchmark (npm run bench) measures speed.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { recordDebugLogs, shutdownHarness, type RunResult } from '../harness';
import { runOperation } from '../stories';
import { RENAME_EACH } from './renaming';

afterAll(async () => {
	await shutdownHarness();
});

/** A fresh account (own port, so its own pace) with `contacts` generated contacts. */
async function account(rateLimitPerSecond: number, contacts: number): Promise<CallbellEmulator> {
	return await startEmulator({ rateLimitPerSecond, extraContacts: contacts, latencyMs: 5 });
}

function renameAll(
	emulator: CallbellEmulator,
	uuids: string[],
	requestsPerSecond?: number,
): Promise<RunResult> {
	const items: IDataObject[] = uuids.map((id) => ({ id, name: `Synced ${id.slice(-4)}` }));
	return runOperation(emulator, 'contact', 'update', {
		parameters: RENAME_EACH,
		items,
		requestsPerSecond,
	});
}

const generated = (emulator: CallbellEmulator) =>
	emulator.state.contacts
		.filter((contact) => contact.uuid.startsWith('cc'))
		.map((contact) => contact.uuid);
const count429 = (emulator: CallbellEmulator) =>
	emulator.requests.filter((request) => request.status === 429).length;
const successfulPatches = (emulator: CallbellEmulator) =>
	emulator.requests
		.filter((request) => request.method === 'PATCH' && request.status === 200)
		.map((request) => request.path);

it('two executions on one credential keep under the limit together', async () => {
	const emulator = await account(40, 80);
	try {
		const uuids = generated(emulator);
		const [first, second] = await Promise.all([
			renameAll(emulator, uuids.slice(0, 40), 40),
			renameAll(emulator, uuids.slice(40), 40),
		]);

		expect(first.error).toBeUndefined();
		expect(second.error).toBeUndefined();
		expect(first.items).toHaveLength(40);
		expect(second.items).toHaveLength(40);
		// Unshared, each would pace at the full limit and half the requests would be refused. Shared,
		// at most an odd one is, when timers fire late and two slots arrive close together.
		expect(count429(emulator)).toBeLessThanOrEqual(2);
		expect(successfulPatches(emulator)).toHaveLength(80);
	} finally {
		await emulator.close();
	}
});

it('a credential that promises more than the account allows: 429s lower the pace, every item still lands once', async () => {
	const emulator = await account(30, 90);
	const logs = recordDebugLogs();
	try {
		const uuids = generated(emulator);
		const result = await renameAll(emulator, uuids, 300);

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.uuid)).toEqual(uuids);
		expect(count429(emulator)).toBeGreaterThan(0);
		// Each contact updated exactly once: a 429 is refused, not applied.
		expect(successfulPatches(emulator).sort()).toEqual(
			uuids.map((uuid) => `/v1/contacts/${uuid}`).sort(),
		);
		expect(
			logs.lines.some((line) =>
				/^Callbell: 429 from the account, pace lowered to \d+ requests\/s$/.test(line),
			),
		).toBe(true);
	} finally {
		logs.stop();
		await emulator.close();
	}
});

it('a stalled event loop does not turn into a burst: slots that passed meanwhile are given up', async () => {
	const stallMs = 300;
	let answered = 0;
	let stallEndedAt = 0;
	// After the 10th answer, the process is busy for 300 ms (the engine, the emulator and this
	// test share one event loop), as n8n can be: about 29 of the 100/s slots pass meanwhile.
	const stallAfterTenAnswers = () => {
		if (++answered !== 10) return;
		const end = Date.now() + stallMs;
		while (Date.now() < end) {
			// busy, as a long synchronous task would be
		}
		stallEndedAt = Date.now();
	};
	const emulator = await startEmulator({
		rateLimitPerSecond: 1000,
		extraContacts: 100,
		latencyMs: 5,
		log: stallAfterTenAnswers,
	});
	try {
		const result = await renameAll(emulator, generated(emulator), 100);

		expect(result.error).toBeUndefined();
		expect(successfulPatches(emulator)).toHaveLength(100);
		// In as long again after the stall, the pace allows about 30. Sending the ~29 slots that
		// passed as well would make it about 60. Counted over 300 ms, not in the
		// densest 50 ms, so that the machine's load (which bunches arrivals) does not count.
		const afterStall = emulator.requests.filter(
			(request) =>
				request.receivedAt >= stallEndedAt && request.receivedAt < stallEndedAt + stallMs,
		);
		expect(stallEndedAt).toBeGreaterThan(0);
		// Paced, the run goes on after the stall (a burst would have sent everything at once).
		expect(afterStall.length).toBeGreaterThanOrEqual(15);
		expect(afterStall.length).toBeLessThanOrEqual(40);
	} finally {
		await emulator.close();
	}
});

it("a credential saved before Requests per Second existed paces at Callbell's 300", async () => {
	const emulator = await account(300, 30);
	try {
		const result = await renameAll(emulator, generated(emulator));
		expect(result.error).toBeUndefined();
		expect(count429(emulator)).toBe(0);
	} finally {
		await emulator.close();
	}
});
