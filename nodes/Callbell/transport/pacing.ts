/**
 * The pace of requests to one Callbell account, shared by every execution in this n8n process so
 * that two busy workflows do not trip Callbell's limit together. Requests take evenly spaced
 * slots (no bursts) at up to the credential's requests per second.
 *
 * Several n8n processes on one account (queue mode) cannot share this: each sees only its own
 * 429s, and the account's limit is one window for all. So the pace converges on its share:
 * - A 429 means the account's window was full when it came. The requests of this process that
 *   Callbell answered in the second before were its share of that window: the pace drops to just
 *   under that share, so that N processes that all start at the full rate fall to about
 *   limit / N each at their first 429, not after eight drops of 15 %. It drops by 10 % at least
 *   (unequal paces move towards equal shares), to half the limit at most when it held more than
 *   half (one that came later and got little in catches up), and by 75 % at most at once.
 * - It then holds until enough of its own answered requests of that second have left the window
 *   to send at the new pace: sending into a full window only earns more 429s.
 * - It climbs back by time, not by answers (a slow process climbs as fast as a busy one, which is
 *   what makes two paces settle on equal shares), along a cubic curve as TCP CUBIC does: fast at
 *   first, slowly near the share it held (at a first 429 at full pace, half the limit at least),
 *   then faster again above it, and steeper once no 429 has come for a while (another process
 *   has finished), up to the credential's rate.
 * Callbell sends no rate headers, and Retry-After is always one second, too coarse for this.
 *
 * The map below is the node's only mutable state shared across runs, on purpose (the transport
 * also keeps each run's credential and its items' request settings, keyed by the run).
 */
import { createHash } from 'crypto';

/** Kept under the stated limit: Callbell counts any one-second window, and arrivals jitter. */
const MARGIN = 0.97;
const MIN_RATE = 1;
/** Callbell's window: the limit counts the requests of any one second. */
const WINDOW_MS = 1000;
/** After a 429 the pace keeps under this share of what the window held of this process… */
const SHARE_KEPT = 0.95;
/** …and drops by this factor at least, so that two unequal paces move towards equal shares. */
const MAX_RATE_KEPT = 0.9;
/** …and by 75 % at most at once: a process that has just started holds little of the window. */
const MIN_RATE_KEPT = 0.25;
/** Its own requests filled this share of the window: no other process shares the account. */
const ALONE_SHARE = 0.9;
/**
 * The cubic climb, in shares of the ceiling per second³: back to the share the window held after
 * ∛(drop / (C × ceiling)) seconds (about 2.2 s after a 10 % drop from half the limit), then
 * slowly above it, then faster (and steeper once unrefused, below): from half the limit to all of
 * it about 3 s later. Faster than that earns more 429s than it gains (pacingSimulation.ts, items
 * in flight taking turns).
 */
const CUBIC_C = 0.005;
/**
 * Past the share the window held, no 429 for this long means another process has likely
 * finished: from then on the climb is this many times steeper, so that the one left takes the
 * whole limit within seconds rather than crawling there.
 */
const UNREFUSED_FOR_S = 1.5;
const STEEPER_WHEN_UNREFUSED = 4;
/**
 * 429s arriving together are one signal: the pace drops once per this interval at most, and
 * only for requests sent at the current pace (a 429 for one sent before the last drop says
 * nothing new).
 */
const DECREASE_COOLDOWN_MS = 100;

interface AccountPace {
	ceiling: number;
	rate: number;
	nextSlotAt: number;
	lastDecreaseAt: number;
	/** How many times a 429 lowered the pace: slots taken before the last time are void. */
	timesLowered: number;
	/** The share the window held at the last 429 (the climb's plateau), and the rate it dropped to. */
	rateAtLast429: number;
	rateAfterLast429: number;
	/**
	 * When the requests Callbell answered (not 429) were sent, oldest first, from `oldest` on:
	 * the last second of them, this process's part of the account's window.
	 */
	answeredSentAt: number[];
	oldest: number;
	/** Requests holding a turn (a slot taken, or about to be), and those waiting for one, in order. */
	turnsOut: number;
	waitingForTurn: Array<() => void>;
}

const paces = new Map<string, AccountPace>();

/** The account: the base URL and a hash of the token (the token itself is never kept). */
export function accountKey(baseUrl: string, apiToken: string): string {
	return `${baseUrl}#${createHash('sha256').update(apiToken).digest('hex').slice(0, 16)}`;
}

function paceOf(key: string, requestsPerSecond: number): AccountPace {
	const ceiling = Math.max(MIN_RATE, requestsPerSecond * MARGIN);
	let pace = paces.get(key);
	if (pace === undefined) {
		pace = {
			ceiling,
			rate: ceiling,
			nextSlotAt: 0,
			lastDecreaseAt: -Infinity,
			timesLowered: 0,
			rateAtLast429: ceiling,
			rateAfterLast429: ceiling,
			answeredSentAt: [],
			oldest: 0,
			turnsOut: 0,
			waitingForTurn: [],
		};
		paces.set(key, pace);
	} else if (pace.ceiling !== ceiling) {
		// The credential's rate was changed: it applies from now on.
		pace.ceiling = ceiling;
		pace.rate = ceiling;
		pace.lastDecreaseAt = -Infinity;
	}
	return pace;
}

/**
 * Slots are handed out at most about this far ahead. Items in flight (200 per execution, ten
 * executions per queue-mode worker) would otherwise take slots seconds ahead at the pace of the
 * moment, and a pace that climbs (another process has finished) would apply only once they are used.
 * Beyond it, a request waits for a turn: a promise, not a timer of its own.
 */
export const SLOT_HORIZON_MS = 500;

function turnsFor(pace: AccountPace): number {
	return Math.max(1, Math.ceil((pace.rate * SLOT_HORIZON_MS) / 1000));
}

function handOutTurns(pace: AccountPace): void {
	while (pace.waitingForTurn.length > 0 && pace.turnsOut < turnsFor(pace)) {
		pace.turnsOut++;
		pace.waitingForTurn.shift()?.();
	}
}

/**
 * A turn to take slots: true if there is one now, else `wake` is called when there is (in the
 * order asked). Each turn is given back with `giveTurnBack` once its slot has come.
 */
export function takeTurn(key: string, requestsPerSecond: number, wake: () => void): boolean {
	const pace = paceOf(key, requestsPerSecond);
	if (pace.waitingForTurn.length === 0 && pace.turnsOut < turnsFor(pace)) {
		pace.turnsOut++;
		return true;
	}
	pace.waitingForTurn.push(wake);
	return false;
}

export function giveTurnBack(key: string, requestsPerSecond: number): void {
	const pace = paceOf(key, requestsPerSecond);
	pace.turnsOut--;
	handOutTurns(pace);
}

/** Takes the account's next free slot; returns how long to wait for it (ms). */
export function reserveSlot(key: string, requestsPerSecond: number, now: number): number {
	const pace = paceOf(key, requestsPerSecond);
	const slot = Math.max(now, pace.nextSlotAt);
	pace.nextSlotAt = slot + 1000 / pace.rate;
	return slot - now;
}

/**
 * A slot whose wait ended this late is given up and a new one taken: when the event loop stalls
 * (a busy n8n, garbage collection), the timers of the slots that passed would otherwise all fire
 * together, and that burst is what trips Callbell's one-second window.
 */
export const STALE_SLOT_MS = 15;

export function isStaleSlot(slotAt: number, now: number): boolean {
	return now - slotAt > STALE_SLOT_MS;
}

/** Forgets answers that left the window before `since`; keeps the array from growing. */
function dropAnswersBefore(pace: AccountPace, since: number): void {
	const sent = pace.answeredSentAt;
	while (pace.oldest < sent.length && sent[pace.oldest] <= since) pace.oldest++;
	if (pace.oldest > 1024 && pace.oldest * 2 > sent.length) {
		sent.splice(0, pace.oldest);
		pace.oldest = 0;
	}
}

/**
 * A 429 for a request sent at `sentAt`: lowers the pace to this process's share of the full
 * window, once per burst, and holds until that share has room. Returns the new rate if it changed.
 */
export function recordRateLimited(
	key: string,
	requestsPerSecond: number,
	now: number,
	sentAt: number,
): number | undefined {
	const pace = paceOf(key, requestsPerSecond);
	if (sentAt < pace.lastDecreaseAt || now - pace.lastDecreaseAt < DECREASE_COOLDOWN_MS)
		return undefined;
	// What Callbell's window held of this process when it refused the request.
	dropAnswersBefore(pace, sentAt - WINDOW_MS);
	const inWindow = pace.answeredSentAt.length - pace.oldest;
	// Holding more than half a full window, this process has the larger part: it yields to half,
	// so that one that came later is not stuck with the little it got in. Holding nearly all of
	// it, it is alone and the 429 was the arrivals' jitter: it keeps its share (a 10 % drop).
	const share =
		inWindow >= pace.ceiling * ALONE_SHARE ? inWindow : Math.min(inWindow, pace.ceiling / 2);
	const rate = Math.max(
		MIN_RATE,
		pace.rate * MIN_RATE_KEPT,
		Math.min(pace.rate * MAX_RATE_KEPT, share * SHARE_KEPT),
	);
	// At full pace it had not found its share yet: what it held says how long it had been sending
	// (one that has just started holds little), so it aims for half the limit at least (the share
	// with one other), climbing there fast on the concave part of the curve.
	const aim = pace.rate >= pace.ceiling ? Math.max(share, pace.ceiling / 2) : share;
	pace.rateAtLast429 = Math.max(rate, Math.min(pace.rate, aim));
	pace.rateAfterLast429 = rate;
	pace.rate = rate;
	pace.lastDecreaseAt = now;
	// Slots already handed out run up to a second ahead at the old pace: they are void (see
	// timesLowered), so the lower pace holds from now on, not once they are used up. The next
	// slot waits until no more than `rate` of this process's answered requests are in the window.
	pace.timesLowered++;
	const mustLeave = inWindow - Math.floor(rate);
	pace.nextSlotAt =
		mustLeave > 0
			? Math.max(now, pace.answeredSentAt[pace.oldest + mustLeave - 1] + WINDOW_MS)
			: now;
	return rate;
}

/** Changes when a 429 lowers the pace: a slot taken before that must be taken again. */
export function timesLowered(key: string, requestsPerSecond: number): number {
	return paceOf(key, requestsPerSecond).timesLowered;
}

/** The cubic climb `seconds` after the last 429 (TCP CUBIC's window curve, in requests/s). */
function cubicRate(pace: AccountPace, seconds: number): number {
	const scale = CUBIC_C * pace.ceiling;
	const plateauAfter = Math.cbrt((pace.rateAtLast429 - pace.rateAfterLast429) / scale);
	const pastPlateau = seconds - plateauAfter;
	const unrefused = Math.max(0, pastPlateau ** 3 - UNREFUSED_FOR_S ** 3);
	return pace.rateAtLast429 + scale * (pastPlateau ** 3 + (STEEPER_WHEN_UNREFUSED - 1) * unrefused);
}

/** An answer that was not a 429, for a request sent at `sentAt`: the pace climbs back. */
export function recordAnswered(
	key: string,
	requestsPerSecond: number,
	now: number,
	sentAt: number,
): void {
	const pace = paceOf(key, requestsPerSecond);
	pace.answeredSentAt.push(sentAt);
	dropAnswersBefore(pace, now - 2 * WINDOW_MS);
	if (pace.rate < pace.ceiling) {
		const climbed = cubicRate(pace, (now - pace.lastDecreaseAt) / 1000);
		pace.rate = Math.min(pace.ceiling, Math.max(pace.rate, climbed));
		handOutTurns(pace);
	}
}

/** The account's current pace in requests per second (for logs and tests). */
export function currentRate(key: string, requestsPerSecond: number): number {
	return paceOf(key, requestsPerSecond).rate;
}
