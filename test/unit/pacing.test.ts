import {
	accountKey,
	currentRate,
	recordAnswered,
	recordRateLimited,
	reserveSlot,
} from '../../nodes/Callbell/transport/pacing';

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

	it('follow a changed credential from the next request on', () => {
		const key = freshAccount();
		reserveSlot(key, 300, 0);
		expect(currentRate(key, 10)).toBeCloseTo(9.7);
	});
});

describe('adapting to 429s (AIMD)', () => {
	it('a 429 lowers the pace by 15 %, once per burst', () => {
		const key = freshAccount();
		expect(recordRateLimited(key, 300, 10_000)).toBeCloseTo(291 * 0.85);
		expect(recordRateLimited(key, 300, 10_500)).toBeUndefined();
		expect(recordRateLimited(key, 300, 11_000)).toBeCloseTo(291 * 0.85 * 0.85);
	});

	it('answers raise it back, never above the credential', () => {
		const key = freshAccount();
		recordRateLimited(key, 300, 0);
		for (let answer = 0; answer < 200; answer++) recordAnswered(key, 300);
		expect(currentRate(key, 300)).toBeCloseTo(291 * 0.85 + 200 * (291 / 2500));
		for (let answer = 0; answer < 2000; answer++) recordAnswered(key, 300);
		expect(currentRate(key, 300)).toBe(291);
	});

	it('never goes below one request per second', () => {
		const key = freshAccount();
		for (let burst = 0; burst < 50; burst++) recordRateLimited(key, 300, burst * 1000);
		expect(currentRate(key, 300)).toBe(1);
	});
});
