/**
 * The pace of requests to one Callbell account, shared by every execution in this n8n process so
 * that two busy workflows do not trip Callbell's limit together. Requests take evenly spaced
 * slots (no bursts) at up to the credential's requests per second. Several n8n processes on one
 * account (queue mode) cannot share this, so the pace also adapts as TCP does (AIMD): a 429
 * lowers it by 15 %, each success raises it a little (faster once no 429 came for 3 s), back up
 * to the credential's rate.
 *
 * The map below is the node's only mutable state shared across runs, on purpose (the transport
 * also keeps each run's credential and its items' request settings, keyed by the run).
 */
import { createHash } from 'crypto';

/** Kept under the stated limit: Callbell counts any one-second window, and arrivals jitter. */
const MARGIN = 0.97;
const DECREASE_FACTOR = 0.85;
/**
 * Rises by this share of the ceiling per answer: carefully while a 429 is recent (another process
 * shares the account and the limit is near), faster once none came for a while (it has gone).
 */
const CAREFUL_INCREASE_OF_CEILING = 1 / 2500;
const FAST_INCREASE_OF_CEILING = 1 / 800;
const CAREFUL_FOR_MS = 3000;
const MIN_RATE = 1;
/**
 * 429s arriving together are one signal: the pace drops once per this interval at most, and
 * only for requests sent at the current pace (a 429 for one sent before the last drop says
 * nothing new). Short, so that two processes starting together settle within about a second.
 */
const DECREASE_COOLDOWN_MS = 100;

interface AccountPace {
	ceiling: number;
	rate: number;
	nextSlotAt: number;
	lastDecreaseAt: number;
	/** How many times a 429 lowered the pace: slots taken before the last time are void. */
	timesLowered: number;
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
		pace = { ceiling, rate: ceiling, nextSlotAt: 0, lastDecreaseAt: -Infinity, timesLowered: 0 };
		paces.set(key, pace);
	} else if (pace.ceiling !== ceiling) {
		// The credential's rate was changed: it applies from now on.
		pace.ceiling = ceiling;
		pace.rate = ceiling;
	}
	return pace;
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

/** A 429 for a request sent at `sentAt`: slows the account down, once per burst. Returns the new rate if it changed. */
export function recordRateLimited(
	key: string,
	requestsPerSecond: number,
	now: number,
	sentAt: number,
): number | undefined {
	const pace = paceOf(key, requestsPerSecond);
	if (sentAt < pace.lastDecreaseAt || now - pace.lastDecreaseAt < DECREASE_COOLDOWN_MS)
		return undefined;
	pace.lastDecreaseAt = now;
	pace.rate = Math.max(MIN_RATE, pace.rate * DECREASE_FACTOR);
	// Slots already handed out run up to a second ahead at the old pace: they are void (see
	// timesLowered), so the lower pace holds from now on, not once they are used up.
	pace.timesLowered++;
	pace.nextSlotAt = now;
	return pace.rate;
}

/** Changes when a 429 lowers the pace: a slot taken before that must be taken again. */
export function timesLowered(key: string, requestsPerSecond: number): number {
	return paceOf(key, requestsPerSecond).timesLowered;
}

/** An answer that was not a 429: speeds the account up a little, up to its ceiling. */
export function recordAnswered(key: string, requestsPerSecond: number, now: number): void {
	const pace = paceOf(key, requestsPerSecond);
	const share =
		now - pace.lastDecreaseAt < CAREFUL_FOR_MS
			? CAREFUL_INCREASE_OF_CEILING
			: FAST_INCREASE_OF_CEILING;
	pace.rate = Math.min(pace.ceiling, pace.rate + pace.ceiling * share);
}

/** The account's current pace in requests per second (for logs and tests). */
export function currentRate(key: string, requestsPerSecond: number): number {
	return paceOf(key, requestsPerSecond).rate;
}
