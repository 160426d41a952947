/**
 * One queue of requests per account (nodes/Callbell/transport/turns.ts): requests go in the order
 * they came, one slot apart; a cancelled execution's requests leave the queue at once, and the
 * others keep their turn.
 */
import {
	accountKey,
	recordAnswered,
	recordRateLimited,
} from '../../../nodes/Callbell/transport/pacing';
import { waitForTurn } from '../../../nodes/Callbell/transport/turns';

let account = 0;
const freshAccount = () => accountKey(`http://127.0.0.1:${++account}/turns`, 'token');

/** Starts one wait per name; `events` records each one's turn, in order. */
function queueUp(key: string, names: string[], events: string[], signal?: AbortSignal) {
	return names.map((name) =>
		waitForTurn(key, 50, signal).then(() => {
			events.push(name);
		}),
	);
}

describe('the account queue', () => {
	it('lets requests go in the order they came, one slot apart', async () => {
		const key = freshAccount();
		const events: string[] = [];
		const sentAt: number[] = [];
		await Promise.all(
			['a', 'b', 'c', 'd'].map((name) =>
				waitForTurn(key, 50, undefined).then(() => {
					events.push(name);
					sentAt.push(Date.now());
				}),
			),
		);
		expect(events).toEqual(['a', 'b', 'c', 'd']);
		// 50/s less the margin: 20.6 ms apart, on a grid a late timer does not shift (so one gap
		// may be a millisecond short, never the three together).
		expect(sentAt[3] - sentAt[0]).toBeGreaterThanOrEqual(Math.floor((3 * 1000) / 48.5));
	});

	it('applies a lowered pace to the very next request, not after the waiting ones', async () => {
		const key = freshAccount();
		await waitForTurn(key, 50, undefined);
		// A full window of 48 answers, then a 429: the pace drops to 43.65/s and holds until no more
		// than 43 of them are in the window.
		const now = Date.now();
		for (let answer = 0; answer < 48; answer++)
			recordAnswered(key, 50, now, now - 1000 + ((answer + 1) * 1000) / 48);
		recordRateLimited(key, 50, now, now);
		const events: string[] = [];
		const started = Date.now();
		await Promise.all(queueUp(key, ['next'], events));
		// The 5th oldest answer (sent ~896 ms before) leaves the window ~104 ms from now.
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
		expect(events).toEqual(['next']);
	});

	it("lets a cancelled execution's requests leave at once; the others keep their turn", async () => {
		const key = freshAccount();
		await waitForTurn(key, 50, undefined);
		const events: string[] = [];
		const cancelled = new AbortController();
		const kept = new AbortController();
		const waits = [
			...queueUp(key, ['kept-1', 'kept-2'], events, kept.signal),
			...queueUp(key, ['gone-1', 'gone-2'], events, cancelled.signal),
			...queueUp(key, ['kept-3'], events, kept.signal),
		];
		cancelled.abort();
		await Promise.all(waits);
		// The cancelled ones returned at once, before the slots of those ahead of them came (the
		// caller sends nothing for them); the others went in their order.
		expect(events).toEqual(['gone-1', 'gone-2', 'kept-1', 'kept-2', 'kept-3']);
	});

	it('passes the turn on when the request at the head is cancelled', async () => {
		const key = freshAccount();
		await waitForTurn(key, 50, undefined);
		const events: string[] = [];
		const cancelled = new AbortController();
		const head = queueUp(key, ['head'], events, cancelled.signal);
		const next = queueUp(key, ['next'], events);
		cancelled.abort();
		await Promise.all([...head, ...next]);
		expect(events).toEqual(['head', 'next']);
		// The queue is free again: a newcomer takes its slot without waiting for anyone.
		await Promise.all(queueUp(key, ['newcomer'], events));
		expect(events).toEqual(['head', 'next', 'newcomer']);
	});
});
