/**
 * What the benchmark measures, and how: the emulator's record of every request (what Callbell
 * would have seen), and the contender process's CPU and peak memory read from Linux's /proc.
 * Everything here except the sampler is pure, and unit-tested.
 */
import * as fs from 'node:fs';

import type { RequestSummary } from '../../dev/emulator';
import type { N8nRun } from '../../dev/n8n/executeOutput';
import { benchContactId } from './workload';

/** Linux's USER_HZ: /proc counts CPU time in 1/100 s on every architecture Node runs on. */
const CLOCK_TICKS_PER_SECOND = 100;

export interface ProcessSample {
	at: number;
	/** User + system CPU time so far. */
	cpuMs: number;
	/** Peak resident memory so far (VmHWM). */
	peakRssKb: number;
}

/** utime and stime of /proc/<pid>/stat (fields 14 and 15; the name in brackets may hold spaces). */
export function parseProcStatCpuMs(stat: string): number {
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

export function parseVmHwmKb(status: string): number {
	const match = /^VmHWM:\s+(\d+) kB/m.exec(status);
	return match ? Number(match[1]) : 0;
}

/** Reads a process's CPU time and peak memory every `intervalMs` until it exits or `stop()`. */
export class ProcessSampler {
	readonly samples: ProcessSample[] = [];
	private readonly timer: NodeJS.Timeout;

	constructor(
		private readonly pid: number,
		intervalMs = 50,
	) {
		this.timer = setInterval(() => this.sample(), intervalMs);
		this.sample();
	}

	private sample(): void {
		try {
			const stat = fs.readFileSync(`/proc/${this.pid}/stat`, 'utf8');
			const peakRssKb = parseVmHwmKb(fs.readFileSync(`/proc/${this.pid}/status`, 'utf8'));
			// An exited process not yet reaped (a zombie) has no memory left to report, but its
			// CPU time is final: kept, with the peak seen before.
			const peakBefore = this.samples[this.samples.length - 1]?.peakRssKb ?? 0;
			if (peakRssKb > 0 || peakBefore > 0) {
				this.samples.push({
					at: Date.now(),
					cpuMs: parseProcStatCpuMs(stat),
					peakRssKb: Math.max(peakRssKb, peakBefore),
				});
			}
		} catch {
			// The process has exited: the last sample stands.
		}
	}

	stop(): ProcessSample[] {
		clearInterval(this.timer);
		return this.samples;
	}
}

/**
 * CPU time of the whole process, from its start to its last sample (at most one sampling
 * interval before it exited, or its final figure when caught as a zombie).
 */
export function wholeRunCpuMs(samples: ProcessSample[]): number {
	return samples[samples.length - 1]?.cpuMs ?? 0;
}

/** The middle value (the mean of the two middle ones for an even count); 0 for none. */
export function median(values: number[]): number {
	if (values.length === 0) return 0;
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** CPU time used between two moments, interpolated between the samples around them. */
export function cpuMsBetween(samples: ProcessSample[], from: number, to: number): number {
	return cpuMsAt(samples, to) - cpuMsAt(samples, from);
}

function cpuMsAt(samples: ProcessSample[], at: number): number {
	if (samples.length === 0) return 0;
	if (at <= samples[0].at) return samples[0].cpuMs;
	for (let index = 1; index < samples.length; index++) {
		const after = samples[index];
		if (after.at >= at) {
			const before = samples[index - 1];
			const share = after.at === before.at ? 1 : (at - before.at) / (after.at - before.at);
			return before.cpuMs + share * (after.cpuMs - before.cpuMs);
		}
	}
	return samples[samples.length - 1].cpuMs;
}

export interface RequestTally {
	/** First request received → last answer sent, as the emulator saw them. */
	startedAt: number;
	endedAt: number;
	requests: number;
	rateLimited: number;
	/** Requests beyond the first for the same contact. */
	retries: number;
	/** Contacts of the workload with at least one successful PATCH. */
	updated: number;
	/** Contacts of the workload with more than one successful PATCH. */
	updatedTwice: number;
	notUpdated: number;
}

/** Tallies the emulator's requests for the workload's contacts `first` … `first + count - 1`. */
export function tallyRequests(
	requests: RequestSummary[],
	first: number,
	count: number,
): RequestTally {
	const successes = new Map<string, number>();
	const attempted = new Set<string>();
	let rateLimited = 0;
	let patches = 0;
	for (const request of requests) {
		if (request.status === 429) rateLimited++;
		if (request.method !== 'PATCH') continue;
		patches++;
		attempted.add(request.path);
		if (request.status === 200) successes.set(request.path, (successes.get(request.path) ?? 0) + 1);
	}
	let updated = 0;
	let updatedTwice = 0;
	for (let n = first; n < first + count; n++) {
		const times = successes.get(`/v1/contacts/${benchContactId(n)}`) ?? 0;
		if (times > 0) updated++;
		if (times > 1) updatedTwice++;
	}
	let startedAt = Infinity;
	let endedAt = 0;
	for (const request of requests) {
		startedAt = Math.min(startedAt, request.receivedAt);
		endedAt = Math.max(endedAt, request.answeredAt || request.receivedAt);
	}
	return {
		startedAt: requests.length > 0 ? startedAt : 0,
		endedAt,
		requests: requests.length,
		rateLimited,
		retries: patches - attempted.size,
		updated,
		updatedTwice,
		notUpdated: count - updated,
	};
}

/** Requests received in each whole second from `startedAt` (for the chart). */
export function requestsPerSecond(requests: RequestSummary[], startedAt: number): number[] {
	const buckets: number[] = [];
	for (const request of requests) {
		const second = Math.floor((request.receivedAt - startedAt) / 1000);
		while (buckets.length <= second) buckets.push(0);
		buckets[second]++;
	}
	return buckets;
}

/**
 * The run data `n8n execute --rawOutput` prints among its log lines: one JSON document whose
 * own braces start their lines. Undefined when there is none, or it was cut off.
 */
export function parseRunOutput(stdout: string): N8nRun | undefined {
	const start = stdout.startsWith('{\n') ? 0 : stdout.indexOf('\n{\n') + 1;
	const end = stdout.lastIndexOf('\n}');
	if ((start === 0 && !stdout.startsWith('{\n')) || end < start) return undefined;
	try {
		return JSON.parse(stdout.slice(start, end + 2)) as N8nRun;
	} catch {
		return undefined;
	}
}
