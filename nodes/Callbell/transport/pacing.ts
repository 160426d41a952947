/**
 * The pace of requests to one Callbell account, shared by every execution in this n8n process so
 * that two busy workflows do not trip Callbell's limit together. Requests take evenly spaced
 * slots (no bursts) at up to the credential's requests per second. Several n8n processes on one
 * account (queue mode) cannot share this, so the pace also adapts as TCP does (AIMD): a 429
 * lowers it by 15 %, each success raises it a little, back up to the credential's rate.
 *
 * The map below is the node's only mutable module state, on purpose.
 */
import { createHash } from 'crypto';

/** Kept under the stated limit: Callbell counts any one-second window, and arrivals jitter. */
const MARGIN = 0.97;
const DECREASE_FACTOR = 0.85;
/** Rises from 85 % back to the ceiling in about 1.5 s of successes. */
const INCREASE_PER_SUCCESS_OF_CEILING = 1 / 2500;
const MIN_RATE = 1;
/** 429s arriving together are one signal: the pace drops once per this interval at most. */
const DECREASE_COOLDOWN_MS = 1000;

interface AccountPace {
	ceiling: number;
	rate: number;
	nextSlotAt: number;
	lastDecreaseAt: number;
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
		pace = { ceiling, rate: ceiling, nextSlotAt: 0, lastDecreaseAt: -Infinity };
		paces.set(key, pace);
	} else if (pace.ceiling !== ceiling) {
		// The credential's rate was changed: it applies from now on.
		pace.ceiling = ceiling;
		pace.rate = Math.min(pace.rate, ceiling);
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

/** A 429: slows the account down, once per burst. Returns the new rate if it changed. */
export function recordRateLimited(key: string, requestsPerSecond: number, now: number): number | undefined {
	const pace = paceOf(key, requestsPerSecond);
	if (now - pace.lastDecreaseAt < DECREASE_COOLDOWN_MS) return undefined;
	pace.lastDecreaseAt = now;
	pace.rate = Math.max(MIN_RATE, pace.rate * DECREASE_FACTOR);
	return pace.rate;
}

/** An answer that was not a 429: speeds the account up a little, up to its ceiling. */
export function recordAnswered(key: string, requestsPerSecond: number): void {
	const pace = paceOf(key, requestsPerSecond);
	pace.rate = Math.min(pace.ceiling, pace.rate + pace.ceiling * INCREASE_PER_SUCCESS_OF_CEILING);
}

/** The account's current pace in requests per second (for logs and tests). */
export function currentRate(key: string, requestsPerSecond: number): number {
	return paceOf(key, requestsPerSecond).rate;
}
