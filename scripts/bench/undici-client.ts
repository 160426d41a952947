/**
 * The benchmark's floor for a Node client: the same Contact → Update PATCHes sent with a bare
 * undici Pool, no n8n around it. Run as its own process (so its CPU and memory are its own):
 *
 *   node .tools/scripts/bench/undici-client.js '<json UndiciClientConfig>'
 *
 * Paced like the node (evenly spaced slots under the limit), a 429 waits out Retry-After and is
 * sent again. Prints one JSON line: UndiciClientResult.
 */
import { Pool } from 'undici';

import { benchContactId, benchContactName } from './workload';

export interface UndiciClientConfig {
	baseUrl: string;
	token: string;
	first: number;
	count: number;
	/** Requests per second to pace at; 0 = as fast as the connections allow. */
	requestsPerSecond: number;
	connections: number;
}

export interface UndiciClientResult {
	updated: number;
	failed: number;
	rateLimited: number;
}

/** The same margin as the node's pace: Callbell counts any one-second window. */
const PACE_MARGIN = 0.97;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function main(): Promise<void> {
	const config = JSON.parse(process.argv[2] ?? '{}') as UndiciClientConfig;
	const base = new URL(config.baseUrl);
	const pool = new Pool(base.origin, { connections: config.connections, pipelining: 1 });
	const spacingMs =
		config.requestsPerSecond > 0 ? 1000 / (config.requestsPerSecond * PACE_MARGIN) : 0;
	let nextSlotAt = 0;
	const takeSlot = async () => {
		if (spacingMs === 0) return;
		const now = performance.now();
		const slot = Math.max(now, nextSlotAt);
		nextSlotAt = slot + spacingMs;
		if (slot > now) await sleep(slot - now);
	};
	const result: UndiciClientResult = { updated: 0, failed: 0, rateLimited: 0 };

	const update = async (n: number) => {
		for (;;) {
			await takeSlot();
			const response = await pool.request({
				method: 'PATCH',
				path: `${base.pathname}/contacts/${benchContactId(n)}`,
				headers: { authorization: `Bearer ${config.token}`, 'content-type': 'application/json' },
				body: JSON.stringify({ name: benchContactName(n) }),
			});
			const text = await response.body.text();
			if (response.statusCode === 429) {
				result.rateLimited++;
				await sleep(Number(response.headers['retry-after'] ?? 1) * 1000);
				continue;
			}
			if (response.statusCode === 200 && text.includes('"uuid"')) result.updated++;
			else result.failed++;
			return;
		}
	};

	let nextIndex = 0;
	const worker = async () => {
		while (nextIndex < config.count) await update(config.first + nextIndex++);
	};
	await Promise.all(Array.from({ length: Math.min(config.connections, config.count) }, worker));
	await pool.close();
	process.stdout.write(`${JSON.stringify(result)}\n`);
}

void main();
