/**
 * Retries (nodes/Callbell/transport/retry.ts): Retry-After read as seconds or a date, the backoff
 * between attempts, and which failures are sent again.
 */
import {
	backoffMs,
	decideRetry,
	parseRetryAfter,
	RATE_LIMITED_RETRIES,
	type RetriesMade,
} from '../../../nodes/Callbell/transport/retry';

const NOW = Date.parse('2026-11-25T12:00:00Z');

describe('Retry-After', () => {
	it.each<[string | undefined, number | undefined]>([
		['2', 2000],
		['0', 0],
		['1.5', 1500],
		['Wed, 25 Nov 2026 12:00:03 GMT', 3000],
		['Wed, 25 Nov 2026 11:59:00 GMT', 0],
		['soon', undefined],
		['', undefined],
		[undefined, undefined],
	])('%j → %j ms', (value, expected) => {
		expect(parseRetryAfter(value, NOW)).toBe(expected);
	});
});

describe('backoff', () => {
	it('doubles per attempt with jitter in the upper half, capped at 30 s', () => {
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, 0))).toEqual([250, 500, 1000, 2000]);
		expect([0, 1, 2, 3].map((attempt) => backoffMs(attempt, 0.999))).toEqual([
			500, 1000, 1999, 3998,
		]);
		expect(backoffMs(20, 0.5)).toBe(22500);
	});
});

describe('which failures are sent again', () => {
	const decide = (
		method: string,
		outcome: Parameters<typeof decideRetry>[1],
		made: RetriesMade = { rateLimited: 0, failures: 0 },
	) => decideRetry(method, outcome, made, 3, NOW, 0);

	it.each<[string, Parameters<typeof decideRetry>[1], boolean]>([
		['GET', { kind: 'status', status: 500 }, true],
		['PATCH', { kind: 'status', status: 503 }, true],
		['PUT', { kind: 'status', status: 502 }, true],
		['DELETE', { kind: 'network', code: 'ECONNRESET' }, true],
		['GET', { kind: 'network', code: 'ECONNABORTED' }, true],
		['GET', { kind: 'unreadable' }, true],
		['POST', { kind: 'status', status: 500 }, false],
		['POST', { kind: 'network', code: 'ECONNRESET' }, false],
		['POST', { kind: 'network', code: 'ECONNABORTED' }, false],
		['POST', { kind: 'network' }, false],
		['POST', { kind: 'unreadable' }, false],
		['POST', { kind: 'network', code: 'ECONNREFUSED' }, true],
		['POST', { kind: 'status', status: 429 }, true],
		['GET', { kind: 'network', code: 'ENOTFOUND' }, false],
		['PATCH', { kind: 'status', status: 422 }, false],
		['GET', { kind: 'status', status: 404 }, false],
		['GET', { kind: 'status', status: 401 }, false],
	])('%s after %j: %s', (method, outcome, retry) => {
		expect(decide(method, outcome).retry).toBe(retry);
	});

	it('429 waits as Retry-After says, up to a minute', () => {
		expect(decide('POST', { kind: 'status', status: 429, retryAfter: '2' })).toEqual({
			retry: true,
			waitMs: 2000,
			reason: '429, Retry-After 2',
			retryNumber: 1,
			of: RATE_LIMITED_RETRIES,
		});
		expect(decide('GET', { kind: 'status', status: 429, retryAfter: '61' }).retry).toBe(false);
	});

	it('stops when the retries are used up', () => {
		expect(decide('GET', { kind: 'status', status: 500 }, { rateLimited: 0, failures: 3 })).toEqual(
			{
				retry: false,
				waitMs: 0,
				reason: 'no retries left (3 allowed)',
			},
		);
	});

	it('counts 429s apart from failures, with a budget of their own: 429s in a row while paces settle do not fail an item', () => {
		const afterFailures = { rateLimited: 0, failures: 3 };
		expect(
			decide('PATCH', { kind: 'status', status: 429, retryAfter: '1' }, afterFailures),
		).toMatchObject({ retry: true, retryNumber: 1, of: 10 });
		expect(
			decide('PATCH', { kind: 'status', status: 503 }, { rateLimited: 9, failures: 1 }),
		).toMatchObject({ retry: true, retryNumber: 2, of: 3 });
		expect(
			decide(
				'PATCH',
				{ kind: 'status', status: 429, retryAfter: '1' },
				{ rateLimited: 10, failures: 0 },
			),
		).toEqual({
			retry: false,
			waitMs: 0,
			reason: 'still 429 after 10 retries',
		});
	});
});
