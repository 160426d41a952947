/**
 * When a failed request is sent again, and after how long. Pure: the transport describes what
 * happened, this decides. The rule that matters most: a request that creates or sends something
 * (POST) is never sent again once it may have reached Callbell; a duplicated WhatsApp message or
 * contact is worse than an error item.
 */
import type { IHttpRequestMethods } from 'n8n-workflow';

export const DEFAULT_RETRIES = 3;
/**
 * 429s have their own, larger budget: Callbell did nothing and says when to come back, and a
 * bulk sync sharing the account with another process meets several in a row while the paces
 * settle. Options → Retries counts the other failures.
 */
export const RATE_LIMITED_RETRIES = 10;
export const MAX_RETRIES = 10;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 300;
const BACKOFF_BASE_MS = 500;
const BACKOFF_CAP_MS = 30_000;
/** A Retry-After further away than this is not waited for: the item fails with Callbell's answer. */
export const RETRY_AFTER_CAP_MS = 60_000;

/** What became of one attempt, as far as retrying is concerned. */
export type AttemptOutcome =
	| { kind: 'status'; status: number; retryAfter?: string }
	/** No answer: `code` is the network error (ECONNREFUSED, ECONNRESET, ETIMEDOUT…). */
	| { kind: 'network'; code?: string }
	/** A 2xx answer whose body could not be read (truncated JSON…). */
	| { kind: 'unreadable' };

export interface RetryDecision {
	retry: boolean;
	waitMs: number;
	/** Why, for the debug log. */
	reason: string;
	/** Which retry of how many this is (429s and other failures are counted apart). */
	retryNumber?: number;
	of?: number;
}

/** Retries already made for one request, by kind. */
export interface RetriesMade {
	rateLimited: number;
	failures: number;
}

const IDEMPOTENT: ReadonlySet<string> = new Set([
	'GET',
	'HEAD',
	'OPTIONS',
	'PUT',
	'PATCH',
	'DELETE',
]);

/** Connection errors that happen before a single byte of the request left this machine. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNREFUSED',
	'EHOSTUNREACH',
	'ENETUNREACH',
	'EAI_AGAIN',
]);
/** Connection errors after which the request may or may not have reached Callbell. */
const MAYBE_SENT_CODES: ReadonlySet<string> = new Set([
	'ECONNRESET',
	'ETIMEDOUT',
	'ECONNABORTED',
	'EPIPE',
	'ESOCKETTIMEDOUT',
	'UND_ERR_SOCKET',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

export function isIdempotent(method: IHttpRequestMethods | string): boolean {
	return IDEMPOTENT.has(method.toUpperCase());
}

/** `Retry-After` as seconds or as an HTTP date → milliseconds from `now`; undefined if unreadable. */
export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const text = value.trim();
	if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
	const date = Date.parse(text);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff with full jitter: a random wait up to base × 2^attempt, capped. */
export function backoffMs(attempt: number, random: number): number {
	const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** attempt);
	return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

/**
 * @param made the retries this request already had, by kind.
 * @param retries Options → Retries: for failures; 429s have RATE_LIMITED_RETRIES.
 * @param random a number in [0, 1) for the jitter.
 */
export function decideRetry(
	method: IHttpRequestMethods | string,
	outcome: AttemptOutcome,
	made: RetriesMade,
	retries: number,
	now: number,
	random: number,
): RetryDecision {
	const noRetry = (reason: string): RetryDecision => ({ retry: false, waitMs: 0, reason });
	const idempotent = isIdempotent(method);

	if (outcome.kind === 'status' && outcome.status === 429) {
		if (made.rateLimited >= RATE_LIMITED_RETRIES)
			return noRetry(`still 429 after ${RATE_LIMITED_RETRIES} retries`);
		const retry = (waitMs: number, reason: string): RetryDecision => ({
			retry: true,
			waitMs,
			reason,
			retryNumber: made.rateLimited + 1,
			of: RATE_LIMITED_RETRIES,
		});
		// Refused by the rate limit: Callbell did nothing, so even a POST may go again.
		const asked = parseRetryAfter(outcome.retryAfter, now);
		if (asked !== undefined && asked > RETRY_AFTER_CAP_MS) {
			return noRetry(
				`Retry-After asks for ${Math.round(asked / 1000)} s, more than the ${RETRY_AFTER_CAP_MS / 1000} s the node waits`,
			);
		}
		return asked !== undefined
			? retry(asked, `429, Retry-After ${outcome.retryAfter}`)
			: retry(backoffMs(made.rateLimited, random), '429 without Retry-After, backing off');
	}

	if (made.failures >= retries) return noRetry(`no retries left (${retries} allowed)`);
	const retry = (reason: string): RetryDecision => ({
		retry: true,
		waitMs: backoffMs(made.failures, random),
		reason,
		retryNumber: made.failures + 1,
		of: retries,
	});

	if (outcome.kind === 'status') {
		if (outcome.status >= 500) {
			return idempotent
				? retry(`${outcome.status}, an idempotent ${method}`)
				: noRetry(
						`${outcome.status} on a ${method} that may have reached Callbell: never sent twice`,
					);
		}
		return noRetry(`${outcome.status} is an answer, not a hiccup`);
	}

	if (outcome.kind === 'unreadable') {
		return idempotent
			? retry(`an unreadable answer to an idempotent ${method}`)
			: noRetry(`an unreadable answer to a ${method} that reached Callbell: never sent twice`);
	}

	const code = outcome.code ?? 'no answer';
	if (NOT_SENT_CODES.has(code)) return retry(`${code}: nothing was sent`);
	if (MAYBE_SENT_CODES.has(code) || outcome.code === undefined) {
		return idempotent
			? retry(`${code} on an idempotent ${method}`)
			: noRetry(`${code} on a ${method} that may have reached Callbell: never sent twice`);
	}
	return noRetry(`${code} is not a passing network problem`);
}
