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
import {
	simulateProcesses,
	type SimulationOutcome,
	type SimulationSetup,
} from './pacingSimulation';

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
		expect(woken).toHaveLength(52);
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
		// A second later, climbing towards half the limit (its first 429 came at full pace), the
		// window holds 130 of its requests: 123.5 would be too little a drop from 131.
		answerEvenly(key, 130, 11_100);
		const before = currentRate(key, 300);
		expect(before).toBeCloseTo(131, 0);
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
	/** A process at full pace that held `held` of the window when its first 429 came. */
	function afterA429(held = 140): string {
		const key = freshAccount();
		answerEvenly(key, held, droppedAt);
		recordRateLimited(key, 300, droppedAt, droppedAt);
		return key;
	}
	const rateAt = (key: string, seconds: number) => {
		const at = droppedAt + seconds * 1000;
		recordAnswered(key, 300, at, at - 50);
		return currentRate(key, 300);
	};

	it('fast at first, then slowly near the share it aims for, then faster above it, up to the credential', () => {
		const key = afterA429();
		expect(currentRate(key, 300)).toBeCloseTo(133);
		// At full pace it aims for half the limit (145.5) at least: back there after
		// ∛(12.5 / (0.005 × 291)) = 2.05 s.
		const [soon, plateau, above] = [0.5, 2.05, 3].map((seconds) => rateAt(key, seconds));
		expect(soon).toBeGreaterThan(138);
		expect(plateau).toBeCloseTo(145.5, 0);
		expect(above).toBeLessThan(150);
		expect(rateAt(key, 5)).toBeGreaterThan(250);
		expect(rateAt(key, 5.5)).toBe(291);
	});

	it('one that has just started (it holds little of the window) is back near half the limit within 2 s', () => {
		const key = afterA429(5);
		expect(currentRate(key, 300)).toBeCloseTo(291 * 0.25);
		// Aiming only for the 5 it held, it would be at about 105 after 2 s.
		expect(rateAt(key, 1.5)).toBeGreaterThan(125);
		expect(rateAt(key, 2)).toBeGreaterThan(135);
	});

	it('unrefused for 1.5 s past its share, four times as steep: another process has finished', () => {
		const key = afterA429();
		// Past the plateau (2.05 s) by 1.5 s: 145.5 + 1.455 × 1.5³; by 2.5 s, four times the
		// cubic's part beyond the 1.5 s: 145.5 + 1.455 × (2.5³ + 3 × (2.5³ − 1.5³)), not 168.
		expect(rateAt(key, 3.55)).toBeCloseTo(145.5 + 1.455 * 1.5 ** 3, 0);
		expect(rateAt(key, 4.55)).toBeCloseTo(
			145.5 + 1.455 * (2.5 ** 3 + 3 * (2.5 ** 3 - 1.5 ** 3)),
			0,
		);
	});

	it('after a later 429 (not at full pace) it climbs back to the share it held', () => {
		const key = afterA429();
		// 1.1 s later, at 144/s and climbing towards half the limit, the window holds 130: it drops
		// to 123.5 (130 × 0.95) and is back at 130, not 144, after ∛(6.5 / 1.455) = 1.65 s.
		answerEvenly(key, 130, droppedAt + 1100);
		expect(recordRateLimited(key, 300, droppedAt + 1100, droppedAt + 1100)).toBeCloseTo(123.5);
		expect(rateAt(key, 1.1 + 1.65)).toBeCloseTo(130, 0);
	});

	it('as fast for a process with few answers as for a busy one', () => {
		const busy = afterA429();
		const quiet = afterA429();
		for (let answer = 1; answer <= 300; answer++) rateAt(busy, answer / 300);
		expect(rateAt(quiet, 1)).toBeCloseTo(currentRate(busy, 300));
	});
});

describe('several n8n processes on one account (simulated, 10,000 items, 300/s, 50 ms)', () => {
	/** Four runs (timer lateness drawn from seeds 1 to 4): one run alone is as much luck as design. */
	const SEEDS = [1, 2, 3, 4];
	const simulate = (
		processes: number,
		startsAt?: number[],
		setup: Partial<SimulationSetup> = {},
		seeds = SEEDS,
	): SimulationOutcome[] =>
		seeds.map((seed) =>
			simulateProcesses({ processes, items: 10_000, limit: 300, startsAt, seed, ...setup }),
		);
	const mean = (runs: SimulationOutcome[], of: (run: SimulationOutcome) => number) =>
		runs.reduce((sum, run) => sum + of(run), 0) / runs.length;
	const throughput = (runs: SimulationOutcome[]) => mean(runs, (run) => run.throughputOfLimit);
	const refused = (runs: SimulationOutcome[]) => mean(runs, (run) => run.rateLimitedShare);
	const expectNothingLostOrDoubled = (runs: SimulationOutcome[]) => {
		for (const run of runs) expect([run.lost, run.doubled]).toEqual([0, 0]);
	};

	it('one process alone is never refused and keeps 97 % of the limit', () => {
		const alone = simulate(1);
		expect(mean(alone, (run) => run.rateLimited)).toBe(0);
		expect(throughput(alone)).toBeGreaterThan(0.96);
	});

	it.each([
		[2, [0, 0]],
		[4, [0, 0, 0, 0]],
	])(
		'%i processes started together share the limit: ≥ 92 %% of it, ≤ 1.5 %% refused',
		(processes, startsAt) => {
			const runs = simulate(processes, startsAt);
			expectNothingLostOrDoubled(runs);
			expect(throughput(runs)).toBeGreaterThan(0.92);
			expect(refused(runs)).toBeLessThan(0.015);
			// After the first second, every second stays under the limit and near it.
			for (const run of runs) {
				const settled = run.acceptedPerSecond.slice(1, 25);
				expect(Math.min(...settled)).toBeGreaterThan(240);
				expect(Math.max(...settled)).toBeLessThanOrEqual(300);
			}
		},
	);

	it('a second process starting half a second later catches up: ≥ 90 % of the limit', () => {
		// It holds little of the window at its first 429 and aims for half the limit: aiming only
		// for what it held, the two got 87 %.
		const runs = simulate(2, [0, 500]);
		expectNothingLostOrDoubled(runs);
		expect(throughput(runs)).toBeGreaterThan(0.9);
		expect(refused(runs)).toBeLessThan(0.01);
	});

	it('with 2,000 items in flight (a queue-mode worker) as well as with 200: a climb applies at once', () => {
		// Slots taken seconds ahead at a low pace would hold a late starter there long after the
		// others have made room: turns keep them within half a second.
		const runs = simulate(4, [0, 300, 900, 1500], { concurrency: 2000 });
		expectNothingLostOrDoubled(runs);
		expect(throughput(runs)).toBeGreaterThan(0.9);
		expect(refused(runs)).toBeLessThan(0.017);
	});

	it('over a long sync (100,000 items), the start and the end weigh little: ≥ 95 % of the limit, ≤ 1 % refused', () => {
		// What 10,000 items lose is lost while the paces find their shares and once some have
		// finished, about a second each; the seconds in between run at the limit.
		for (const [processes, startsAt] of [
			[2, [0, 500]],
			[4, [0, 300, 900, 1500]],
		] as const) {
			// Two seeds: each run is ten times as long.
			const runs = simulate(processes, [...startsAt], { items: 100_000 }, [1, 2]);
			expectNothingLostOrDoubled(runs);
			expect(throughput(runs)).toBeGreaterThan(0.95);
			expect(refused(runs)).toBeLessThan(0.01);
		}
	});

	it('4 processes starting over 1.5 s: a fifth of the refusals the old AIMD got', () => {
		const runs = simulate(4, [0, 300, 900, 1500]);
		expectNothingLostOrDoubled(runs);
		expect(refused(runs)).toBeLessThan(0.02);
		expect(throughput(runs)).toBeGreaterThan(0.85);
	});
});
