/**
 * The pace of requests to one account (nodes/Callbell/transport/pacing.ts): the account's key,
 * evenly spaced slots taken in turns, the pace lowered by a 429 to this process's share of the account's window
 * and climbing back with time; then N processes on one account, simulated in virtual time.
 */
import {
	accountKey,
	currentRate,
	giveTurnBack,
	isStaleSlot,
	recordAnswered,
	recordRateLimited,
	reserveSlot,
	SLOT_HORIZON_MS,
	takeTurn,
	timesLowered,
} from '../../../nodes/Callbell/transport/pacing';
import { simulateProcesses } from './pacingSimulation';

let account = 0;
/** A fresh account per test: the pace is shared module state, as it is in n8n. */
const freshAccount = () => accountKey(`http://127.0.0.1:${++account}/v1`, 'token');

describe('the account key', () => {
	it('names the base URL and a hash of the token, never the token', () => {
		const key = accountKey('https://api.callbell.eu/v1', 'cb_SECRET');
		expect(key).toMatch(/^https:\/\/api\.callbell\.eu\/v1#[0-9a-f]{16}$/);
		expect(key).not.toContain('cb_SECRET');
		expect(accountKey('https://api.callbell.eu/v1', 'other')).not.toBe(key);
	});
});

describe('slots', () => {
	it('are evenly spaced just under the requests per second, without a burst', () => {
		const key = freshAccount();
		const waits = Array.from({ length: 4 }, () => reserveSlot(key, 100, 1000));
		const spacing = 1000 / (100 * 0.97);
		waits.forEach((wait, index) => expect(wait).toBeCloseTo(index * spacing, 9));
	});

	it('are not saved up while the account is idle', () => {
		const key = freshAccount();
		reserveSlot(key, 100, 0);
		expect(reserveSlot(key, 100, 60_000)).toBe(0);
		expect(reserveSlot(key, 100, 60_000)).toBeCloseTo(1000 / 97);
	});

	it('that passed while the event loop was busy are given up rather than burst together', () => {
		expect(isStaleSlot(1000, 1010)).toBe(false);
		expect(isStaleSlot(1000, 1015)).toBe(false);
		expect(isStaleSlot(1000, 1016)).toBe(true);
	});

	it('follow a changed credential from the next request on', () => {
		const key = freshAccount();
		reserveSlot(key, 300, 0);
		expect(currentRate(key, 10)).toBeCloseTo(9.7);
		// Raised again: at once, not climbing back answer by answer.
		expect(currentRate(key, 300)).toBeCloseTo(291);
	});
});

describe('turns: slots are handed out at most half a second ahead', () => {
	/** Asks for `count` turns; returns which were woken, in order, and how many were had at once. */
	function ask(key: string, count: number) {
		const woken: number[] = [];
		let atOnce = 0;
		for (let request = 0; request < count; request++) {
			if (takeTurn(key, 300, () => woken.push(request))) atOnce++;
		}
		return { woken, atOnce };
	}

	it('as many at once as the pace sends in that time; the others wait, woken in order as turns come back', () => {
		const key = freshAccount();
		expect(SLOT_HORIZON_MS).toBe(500);
		const { woken, atOnce } = ask(key, 200);
		expect(atOnce).toBe(146); // 291/s × 0.5 s
		expect(woken).toEqual([]);
		giveTurnBack(key, 300);
		giveTurnBack(key, 300);
		expect(woken).toEqual([146, 147]);
	});

	it('a pace that climbs hands out more at once, so the climb applies within half a second', () => {
		const key = freshAccount();
		answerEvenly(key, 100, 10_000);
		recordRateLimited(key, 300, 10_000, 10_000); // down to 95/s: 48 turns
		const { woken, atOnce } = ask(key, 100);
		expect(atOnce).toBe(48);
		// Seconds later the pace has climbed: the waiting requests get turns without one given back.
		recordAnswered(key, 300, 20_000, 19_950);
		expect(currentRate(key, 300)).toBeGreaterThan(200);
		expect(woken.length).toBeGreaterThan(50);
		expect(woken.slice(0, 3)).toEqual([48, 49, 50]);
	});

	it('a pace that drops hands out none until enough turns are given back', () => {
		const key = freshAccount();
		const { woken } = ask(key, 150);
		answerEvenly(key, 140, 10_000);
		recordRateLimited(key, 300, 10_000, 10_000); // 133/s: 67 turns, 146 are out
		for (let back = 0; back < 79; back++) giveTurnBack(key, 300);
		expect(woken).toEqual([]);
		giveTurnBack(key, 300);
		expect(woken).toEqual([146]);
	});
});

/** `count` answers for requests sent evenly over the second before `at`. */
function answerEvenly(key: string, count: number, at: number): void {
	for (let answer = 0; answer < count; answer++)
		recordAnswered(key, 300, at, at - 1000 + ((answer + 1) * 1000) / count);
}

describe("a 429: the account's window is full", () => {
	it('drops the pace to just under what the window held of this process', () => {
		const key = freshAccount();
		// Three processes started together at the full rate: a third of the window is this one's.
		answerEvenly(key, 100, 10_000);
		expect(recordRateLimited(key, 300, 10_000, 10_000)).toBeCloseTo(100 * 0.95);
	});

	it('drops by 10 % at least, so that unequal paces move towards equal shares', () => {
		const key = freshAccount();
		answerEvenly(key, 100, 10_000);
		recordRateLimited(key, 300, 10_000, 10_000);
		// A second later, back at 100/s, the window again holds 100 of its requests: 95 would be
		// too little a drop.
		answerEvenly(key, 100, 11_100);
		const before = currentRate(key, 300);
		expect(before).toBeCloseTo(100, 0);
		expect(recordRateLimited(key, 300, 11_100, 11_100)).toBeCloseTo(before * 0.9);
	});

	it('yields to half the limit when it held more than half: another process is being refused', () => {
		const key = freshAccount();
		answerEvenly(key, 220, 10_000);
		expect(recordRateLimited(key, 300, 10_000, 10_000)).toBeCloseTo(145.5 * 0.95);
	});

	it('holding nearly all of the window it is alone (the 429 was jitter): drops by 10 % only', () => {
		const key = freshAccount();
		answerEvenly(key, 285, 10_000);
		expect(recordRateLimited(key, 300, 10_000, 10_000)).toBeCloseTo(291 * 0.9);
	});

	it('drops by 75 % at most at once: a process that just started holds little of the window', () => {
		const key = freshAccount();
		answerEvenly(key, 5, 10_000);
		expect(recordRateLimited(key, 300, 10_000, 10_000)).toBeCloseTo(291 * 0.25);
	});

	it('counts once per burst, and not for a request sent before the last drop', () => {
		const key = freshAccount();
		answerEvenly(key, 140, 10_000);
		const lowered = recordRateLimited(key, 300, 10_000, 9_950);
		expect(recordRateLimited(key, 300, 10_050, 10_010)).toBeUndefined();
		expect(recordRateLimited(key, 300, 10_500, 9_990)).toBeUndefined();
		expect(currentRate(key, 300)).toBe(lowered);
	});

	it('voids the slots handed out at the old pace and holds until its share has room', () => {
		const key = freshAccount();
		for (let request = 0; request < 100; request++) reserveSlot(key, 300, 10_000);
		answerEvenly(key, 100, 10_000);
		const lowered = timesLowered(key, 300);
		recordRateLimited(key, 300, 10_000, 10_000);
		expect(timesLowered(key, 300)).toBe(lowered + 1);
		// 100 of its requests are in the window and 95 may be: the 5th oldest, sent at 9_050, must
		// leave it first. Not after the 100 slots above.
		expect(reserveSlot(key, 300, 10_000)).toBeCloseTo(50);
		expect(reserveSlot(key, 300, 10_000)).toBeCloseTo(50 + 1000 / 95);
	});

	it('never goes below one request per second', () => {
		const key = freshAccount();
		for (let burst = 0; burst < 50; burst++)
			recordRateLimited(key, 300, burst * 1000, burst * 1000);
		expect(currentRate(key, 300)).toBe(1);
	});
});

describe('climbing back, by time (not by answers), along a cubic curve', () => {
	const droppedAt = 10_000;
	/** A process that held 140 of the window (two processes) and dropped to 133. */
	function afterA429(): string {
		const key = freshAccount();
		answerEvenly(key, 140, droppedAt);
		recordRateLimited(key, 300, droppedAt, droppedAt);
		return key;
	}
	const rateAt = (key: string, seconds: number) => {
		const at = droppedAt + seconds * 1000;
		recordAnswered(key, 300, at, at - 50);
		return currentRate(key, 300);
	};

	it('fast at first, then slowly near the share it held, then faster above it, up to the credential', () => {
		const key = afterA429();
		expect(currentRate(key, 300)).toBeCloseTo(133);
		// Back to 140 after ∛(7 / (0.005 × 291)) = 1.69 s.
		const [soon, plateau, above, later] = [0.5, 1.69, 3, 6].map((seconds) => rateAt(key, seconds));
		expect(soon).toBeGreaterThan(137);
		expect(plateau).toBeCloseTo(140, 0);
		expect(above).toBeLessThan(150);
		expect(later).toBeGreaterThan(250);
		expect(rateAt(key, 8)).toBe(291);
	});

	it('as fast for a process with few answers as for a busy one', () => {
		const busy = afterA429();
		const quiet = afterA429();
		for (let answer = 1; answer <= 300; answer++) rateAt(busy, answer / 300);
		expect(rateAt(quiet, 1)).toBeCloseTo(currentRate(busy, 300));
	});
});

describe('several n8n processes on one account (simulated, 10,000 items, 300/s, 50 ms)', () => {
	const simulate = (processes: number, startsAt?: number[]) =>
		simulateProcesses({ processes, items: 10_000, limit: 300, startsAt });

	it('one process alone is never refused and keeps 97 % of the limit', () => {
		const alone = simulate(1);
		expect(alone.rateLimited).toBe(0);
		expect(alone.throughputOfLimit).toBeGreaterThan(0.96);
	});

	it.each([
		[2, [0, 0]],
		[4, [0, 0, 0, 0]],
	])(
		'%i processes started together share the limit: ≥ 90 %% of it, ≤ 1.3 %% refused',
		(processes, startsAt) => {
			const run = simulate(processes, startsAt);
			expect(run.lost).toBe(0);
			expect(run.doubled).toBe(0);
			expect(run.throughputOfLimit).toBeGreaterThan(0.9);
			expect(run.rateLimitedShare).toBeLessThan(0.013);
			// After the first second, every second stays under the limit and near it.
			const settled = run.acceptedPerSecond.slice(1, 25);
			expect(Math.min(...settled)).toBeGreaterThan(240);
			expect(Math.max(...settled)).toBeLessThanOrEqual(300);
		},
	);

	it('with 2,000 items in flight (a queue-mode worker) as well as with 200: a climb applies at once', () => {
		// Slots taken seconds ahead at a low pace would hold a late starter there long after the
		// others have made room: turns keep them within half a second.
		const startsAt = [0, 300, 900, 1500];
		const run = simulateProcesses({
			processes: 4,
			items: 10_000,
			limit: 300,
			startsAt,
			concurrency: 2000,
		});
		expect(run.lost).toBe(0);
		expect(run.doubled).toBe(0);
		expect(run.throughputOfLimit).toBeGreaterThan(0.9);
		expect(run.rateLimitedShare).toBeLessThan(0.016);
	});

	it('4 processes starting over 1.5 s: a fifth of the refusals the old AIMD got', () => {
		const run = simulate(4, [0, 300, 900, 1500]);
		expect(run.lost).toBe(0);
		expect(run.doubled).toBe(0);
		expect(run.rateLimitedShare).toBeLessThan(0.02);
		expect(run.throughputOfLimit).toBeGreaterThan(0.85);
	});
});
