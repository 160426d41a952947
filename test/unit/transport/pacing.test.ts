/**
 * The pace of requests to one account (nodes/Callbell/transport/pacing.ts): the account's key,
 * evenly spaced slots, and the rate lowered by 429s and raised again by successes (AIMD).
 */
import {
	accountKey,
	currentRate,
	isStaleSlot,
	recordAnswered,
	recordRateLimited,
	reserveSlot,
	timesLowered,
} from '../../../nodes/Callbell/transport/pacing';

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

describe('adapting to 429s (AIMD)', () => {
	it('a 429 lowers the pace by 15 %, once per burst', () => {
		const key = freshAccount();
		expect(recordRateLimited(key, 300, 10_000, 9_950)).toBeCloseTo(291 * 0.85);
		expect(recordRateLimited(key, 300, 10_050, 10_010)).toBeUndefined();
		expect(recordRateLimited(key, 300, 10_100, 10_050)).toBeCloseTo(291 * 0.85 * 0.85);
	});

	it('a 429 for a request sent before the last drop says nothing new', () => {
		const key = freshAccount();
		recordRateLimited(key, 300, 10_000, 9_950);
		expect(recordRateLimited(key, 300, 10_500, 9_990)).toBeUndefined();
		expect(currentRate(key, 300)).toBeCloseTo(291 * 0.85);
	});

	it('a 429 voids the slots handed out at the old pace: the lower pace holds at once', () => {
		const key = freshAccount();
		for (let request = 0; request < 100; request++) reserveSlot(key, 300, 0);
		expect(reserveSlot(key, 300, 0)).toBeCloseTo(100 * (1000 / 291));
		const lowered = timesLowered(key, 300);
		recordRateLimited(key, 300, 50, 40);
		expect(timesLowered(key, 300)).toBe(lowered + 1);
		// Taken again from now on, at the lower pace, instead of after the 101 slots above.
		expect(reserveSlot(key, 300, 50)).toBe(0);
		expect(reserveSlot(key, 300, 50)).toBeCloseTo(1000 / (291 * 0.85));
	});

	it('answers raise it back, never above the credential: carefully while a 429 is recent, faster after', () => {
		const key = freshAccount();
		recordRateLimited(key, 300, 0, 0);
		for (let answer = 0; answer < 100; answer++) recordAnswered(key, 300, 2_999);
		const careful = 291 * 0.85 + 100 * (291 / 2500);
		expect(currentRate(key, 300)).toBeCloseTo(careful);
		for (let answer = 0; answer < 10; answer++) recordAnswered(key, 300, 3_000);
		expect(currentRate(key, 300)).toBeCloseTo(careful + 10 * (291 / 800));
		for (let answer = 0; answer < 2000; answer++) recordAnswered(key, 300, 4_000);
		expect(currentRate(key, 300)).toBe(291);
	});

	it('never goes below one request per second', () => {
		const key = freshAccount();
		for (let burst = 0; burst < 50; burst++)
			recordRateLimited(key, 300, burst * 1000, burst * 1000);
		expect(currentRate(key, 300)).toBe(1);
	});
});
