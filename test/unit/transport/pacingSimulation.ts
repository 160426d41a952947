/**
 * N n8n processes on one Callbell account, in virtual time: each with its own pace
 * (transport/pacing.ts, driven as request.ts drives it: a turn, then a slot per attempt, void
 * slots taken again in the same turn, a 429 retried after its Retry-After) and its share of the items, against one limiter
 * as the emulator's: a sliding one-second window of the requests it accepted, 429 above it.
 * Deterministic: the timers' lateness comes from a seeded generator.
 */
import {
	accountKey,
	giveTurnBack,
	isStaleSlot,
	recordAnswered,
	recordRateLimited,
	reserveSlot,
	takeTurn,
	timesLowered,
} from '../../../nodes/Callbell/transport/pacing';

export interface SimulationSetup {
	processes: number;
	/** Items over all processes, split evenly. */
	items: number;
	limit: number;
	/** The credential's requests per second (the default: Callbell's 300). */
	requestsPerSecond?: number;
	/** One way to the server and back is this long; the limiter counts a request on arrival. */
	latencyMs?: number;
	/** When each process sends its first request (default: all at 0). */
	startsAt?: number[];
	/** Items in flight per process (Options → Concurrency). */
	concurrency?: number;
	/** A timer fires up to this late (n8n is busy). */
	timerLatenessMs?: number;
	seed?: number;
}

export interface ProcessOutcome {
	items: number;
	requests: number;
	rateLimited: number;
	finishedAt: number;
}

export interface SimulationOutcome {
	/** Items updated per second from the first request to the last answer, ÷ the limit. */
	throughputOfLimit: number;
	/** Share of all requests that got a 429. */
	rateLimitedShare: number;
	requests: number;
	rateLimited: number;
	/** Items answered 200 more than once or never. */
	doubled: number;
	lost: number;
	processes: ProcessOutcome[];
	/** Requests accepted per second of the run, over all processes. */
	acceptedPerSecond: number[];
}

/** Mirrors request.ts: a request that loses slot after slot still goes out after this many. */
const MAX_RESERVATIONS = 10;
const RETRY_AFTER_MS = 1000;

class EventQueue {
	private readonly heap: Array<{ at: number; order: number; run: () => void }> = [];
	private order = 0;
	now = 0;

	at(time: number, run: () => void): void {
		const heap = this.heap;
		heap.push({ at: time, order: this.order++, run });
		for (let child = heap.length - 1; child > 0;) {
			const parent = (child - 1) >> 1;
			if (!this.before(child, parent)) break;
			[heap[child], heap[parent]] = [heap[parent], heap[child]];
			child = parent;
		}
	}

	runAll(): void {
		while (this.heap.length > 0) {
			const next = this.pop();
			this.now = next.at;
			next.run();
		}
	}

	private before(a: number, b: number): boolean {
		const [x, y] = [this.heap[a], this.heap[b]];
		return x.at < y.at || (x.at === y.at && x.order < y.order);
	}

	private pop() {
		const heap = this.heap;
		const top = heap[0];
		const last = heap.pop()!;
		if (heap.length > 0) {
			heap[0] = last;
			for (let parent = 0; ;) {
				const [left, right] = [2 * parent + 1, 2 * parent + 2];
				let smallest = parent;
				if (left < heap.length && this.before(left, smallest)) smallest = left;
				if (right < heap.length && this.before(right, smallest)) smallest = right;
				if (smallest === parent) break;
				[heap[smallest], heap[parent]] = [heap[parent], heap[smallest]];
				parent = smallest;
			}
		}
		return top;
	}
}

/** A small seeded generator (mulberry32): the same run every time. */
function seededRandom(seed: number): () => number {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

let simulations = 0;

export function simulateProcesses(setup: SimulationSetup): SimulationOutcome {
	const {
		processes,
		items,
		limit,
		requestsPerSecond = 300,
		latencyMs = 50,
		concurrency = 200,
		timerLatenessMs = 2,
		seed = 1,
	} = setup;
	const queue = new EventQueue();
	const random = seededRandom(seed);
	const late = () => random() * timerLatenessMs;
	const acceptedAt: number[] = [];
	let windowStart = 0;
	const acceptedPerItem = new Map<string, number>();
	const run = ++simulations;

	const outcomes: ProcessOutcome[] = [];
	for (let proc = 0; proc < processes; proc++) {
		// A pace of its own: another n8n process, the same account.
		const key = accountKey(`http://simulation-${run}/process-${proc}`, 'token');
		const outcome: ProcessOutcome = { items: 0, requests: 0, rateLimited: 0, finishedAt: 0 };
		outcomes.push(outcome);
		const first = Math.floor((items * proc) / processes);
		const end = Math.floor((items * (proc + 1)) / processes);
		let nextItem = first;

		const startNext = () => {
			if (nextItem < end) attempt(`item-${nextItem++}`);
		};
		/** A turn first (or wait for one), then slot after slot until one is not void. */
		const attempt = (item: string) => {
			if (takeTurn(key, requestsPerSecond, () => reserve(item))) reserve(item);
		};
		const reserve = (item: string, reservations = 0) => {
			const reservedAt = queue.now;
			const loweredBefore = timesLowered(key, requestsPerSecond);
			const wait = reserveSlot(key, requestsPerSecond, reservedAt);
			queue.at(reservedAt + wait + late(), () => {
				const void_ =
					isStaleSlot(reservedAt + wait, queue.now) ||
					timesLowered(key, requestsPerSecond) !== loweredBefore;
				if (void_ && reservations + 1 < MAX_RESERVATIONS) return reserve(item, reservations + 1);
				giveTurnBack(key, requestsPerSecond);
				send(item);
			});
		};
		const send = (item: string) => {
			const sentAt = queue.now;
			outcome.requests++;
			queue.at(sentAt + latencyMs, () => {
				const now = queue.now;
				while (windowStart < acceptedAt.length && now - acceptedAt[windowStart] >= 1000)
					windowStart++;
				if (acceptedAt.length - windowStart >= limit) {
					outcome.rateLimited++;
					recordRateLimited(key, requestsPerSecond, now, sentAt);
					queue.at(now + RETRY_AFTER_MS, () => attempt(item));
					return;
				}
				acceptedAt.push(now);
				acceptedPerItem.set(item, (acceptedPerItem.get(item) ?? 0) + 1);
				recordAnswered(key, requestsPerSecond, now, sentAt);
				outcome.items++;
				outcome.finishedAt = now;
				startNext();
			});
		};
		queue.at(setup.startsAt?.[proc] ?? 0, () => {
			for (let slot = 0; slot < concurrency; slot++) startNext();
		});
	}
	queue.runAll();

	const startedAt = Math.min(...(setup.startsAt ?? [0]));
	const endedAt = Math.max(...outcomes.map((outcome) => outcome.finishedAt));
	const requests = outcomes.reduce((sum, outcome) => sum + outcome.requests, 0);
	const rateLimited = outcomes.reduce((sum, outcome) => sum + outcome.rateLimited, 0);
	const updated = outcomes.reduce((sum, outcome) => sum + outcome.items, 0);
	const acceptedPerSecond: number[] = [];
	for (const at of acceptedAt) {
		const second = Math.floor((at - startedAt) / 1000);
		acceptedPerSecond[second] = (acceptedPerSecond[second] ?? 0) + 1;
	}
	return {
		throughputOfLimit: updated / ((endedAt - startedAt) / 1000) / limit,
		rateLimitedShare: rateLimited / requests,
		requests,
		rateLimited,
		doubled: [...acceptedPerItem.values()].filter((times) => times > 1).length,
		lost: items - acceptedPerItem.size,
		processes: outcomes,
		acceptedPerSecond: Array.from(acceptedPerSecond, (count) => count ?? 0),
	};
}
