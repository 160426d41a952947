/** What `npm run bench` counts: CPU and memory from /proc, and the emulator's requests per contact. */
import {
	cpuMsBetween,
	median,
	parseProcStatCpuMs,
	parseRunOutput,
	parseVmHwmKb,
	requestsPerSecond,
	tallyRequests,
	wholeRunCpuMs,
} from '../../../scripts/bench/measure';
import {
	markdownTable,
	requestsPerSecondSvg,
	targetsTable,
	type BenchRow,
} from '../../../scripts/bench/report';
import { benchContactId, benchWorkflow } from '../../../scripts/bench/workload';
import type { RequestSummary } from '../../../dev/emulator';

describe('/proc', () => {
	it('reads user + system CPU from stat, whatever the process name holds', () => {
		const stat =
			'4242 (node (n8n) x) S 1 4242 4242 0 -1 4194304 100 0 0 0 250 50 0 0 20 0 11 0 123 456 789';
		expect(parseProcStatCpuMs(stat)).toBe(3000);
	});

	it('reads the peak resident memory from status, 0 for an exited process', () => {
		expect(
			parseVmHwmKb('Name:\tnode\nVmPeak:\t 999 kB\nVmHWM:\t  204800 kB\nVmRSS:\t 1000 kB\n'),
		).toBe(204800);
		expect(parseVmHwmKb('Name:\tnode\nState:\tZ (zombie)\n')).toBe(0);
	});

	it('interpolates the CPU used between two moments from the samples around them', () => {
		const samples = [
			{ at: 1000, cpuMs: 100, peakRssKb: 1 },
			{ at: 2000, cpuMs: 600, peakRssKb: 1 },
			{ at: 3000, cpuMs: 700, peakRssKb: 1 },
		];
		expect(cpuMsBetween(samples, 1500, 2500)).toBe(300);
		expect(cpuMsBetween(samples, 0, 5000)).toBe(600);
	});

	it("takes a whole run's CPU from its last sample, and a baseline as the median of its runs", () => {
		expect(
			wholeRunCpuMs([
				{ at: 1, cpuMs: 5, peakRssKb: 1 },
				{ at: 2, cpuMs: 9, peakRssKb: 1 },
			]),
		).toBe(9);
		expect(wholeRunCpuMs([])).toBe(0);
		expect(median([3, 1, 2])).toBe(2);
		expect(median([4, 1, 2, 3])).toBe(2.5);
	});
});

const patch = (n: number, status: number, receivedAt: number): RequestSummary => ({
	method: 'PATCH',
	path: `/v1/contacts/${benchContactId(n)}`,
	status,
	receivedAt,
	answeredAt: receivedAt + 50,
});

describe("the emulator's record of a run", () => {
	it('counts 429s, retries, contacts updated, twice, or not at all', () => {
		const requests = [
			patch(1, 200, 1000),
			patch(2, 429, 1001),
			patch(2, 200, 2100),
			patch(3, 200, 1002),
			patch(3, 200, 1500),
			patch(99, 200, 1003),
		];
		expect(tallyRequests(requests, 1, 4)).toEqual({
			startedAt: 1000,
			endedAt: 2150,
			requests: 6,
			rateLimited: 1,
			retries: 2,
			updated: 3,
			updatedTwice: 1,
			notUpdated: 1,
		});
	});

	it('buckets requests per second from the first one', () => {
		expect(
			requestsPerSecond([patch(1, 200, 1000), patch(2, 200, 1999), patch(3, 200, 3000)], 1000),
		).toEqual([2, 0, 1]);
	});
});

describe('n8n execute --rawOutput', () => {
	const document = JSON.stringify({ data: { resultData: { runData: { A: [] } } } }, null, 2);

	it('finds the run data among the log lines', () => {
		expect(parseRunOutput(`Loading…\n${document}\nDone\n`)?.data.resultData.runData).toEqual({
			A: [],
		});
		expect(parseRunOutput(document)).toBeDefined();
	});

	it('says so when there is none, or it was cut off', () => {
		expect(parseRunOutput('Loading…\nError\n')).toBeUndefined();
		expect(parseRunOutput(`x\n${document.slice(0, 40)}`)).toBeUndefined();
	});
});

describe('the report', () => {
	const row: BenchRow = {
		scenario: '50 ms',
		contender: 'Callbell node, defaults',
		latencyMs: 50,
		limit: 300,
		items: 300,
		wallSeconds: 1.05,
		floorRatio: 1.05,
		requestsPerSecond: 290,
		requests: 301,
		rateLimited: 1,
		retries: 1,
		failed: 0,
		lost: 0,
		updatedTwice: 0,
		cpuSecondsPer1000: 2.5,
		wholeRunCpuSecondsPer1000: 2.75,
		peakRssMb: 300,
		outcome: 'ok',
		series: [290, 11],
	};

	it('is a Markdown table with the ratio to the floor, the share of 429s and both CPU figures', () => {
		expect(markdownTable([row]).split('\n')[2]).toBe(
			'| Callbell node, defaults | 50 ms | 1.1 s | 1.05 × | 290 | 1 (0.3 %) | 1 | 0 | 0 | 0 | 2.50 | 2.75 | 300 MB | ok |',
		);
	});

	it('shows no whole-run CPU for results measured before it existed', () => {
		const earlier = { ...row, wholeRunCpuSecondsPer1000: undefined };
		expect(markdownTable([earlier]).split('\n')[2]).toContain('| 2.50 | – | 300 MB |');
	});

	it('charts each contender and the limit', () => {
		const svg = requestsPerSecondSvg('Contact → Update <10k>', [row], 300);
		expect(svg).toContain('<polyline');
		expect(svg).toContain('limit 300/s');
		expect(svg).toContain('Contact → Update &lt;10k&gt;');
	});

	it('stops at twice the limit, naming the peak of a line that goes above it', () => {
		const svg = requestsPerSecondSvg(
			'burst',
			[{ ...row, contender: 'burst', series: [5000, 10] }],
			300,
		);
		expect(svg).toContain('burst (peak 5000/s)');
		expect(svg).toContain('>700<');
	});
});

describe('the targets', () => {
	const base: BenchRow = {
		scenario: '50 ms',
		contender: 'Callbell node, defaults',
		latencyMs: 50,
		limit: 300,
		items: 10000,
		wallSeconds: 34.8,
		floorRatio: 1.04,
		requestsPerSecond: 288,
		requests: 10002,
		rateLimited: 2,
		retries: 2,
		failed: 0,
		lost: 0,
		updatedTwice: 0,
		cpuSecondsPer1000: 3,
		wholeRunCpuSecondsPer1000: 3.5,
		peakRssMb: 800,
		outcome: 'ok',
		series: [],
	};
	const http: BenchRow = {
		...base,
		contender: 'HTTP Request node, batches of 300/1 s',
		floorRatio: 1.22,
		wholeRunCpuSecondsPer1000: 3.4,
		peakRssMb: 760,
	};
	const workers: BenchRow = {
		...base,
		scenario: 'queue',
		contender: 'Callbell node, queue mode × 4 workers',
		floorRatio: 1.25,
		requests: 10200,
		rateLimited: 200,
		updatedTwice: 1,
	};

	it('puts each goal beside its figure and says which are not met', () => {
		expect(targetsTable([base, http, workers]).split('\n')).toEqual([
			'| Target | Goal | Measured | Met |',
			'| --- | --- | ---: | --- |',
			'| Callbell node, defaults, 50 ms: wall time | ≤ 1.05 × the floor | 1.04 × | yes |',
			"| Callbell node, defaults, 50 ms: whole-run CPU per 1,000 items | ≤ the HTTP Request node's (3.40 s) | 3.50 s | **no** |",
			"| Callbell node, defaults, 50 ms: peak RSS | ≤ 836 MB (the HTTP Request node's + 10 %) | 800 MB | yes |",
			'| Callbell node, queue mode × 4 workers: combined throughput | ≥ 0.95 × the limit | 0.80 × | **no** |',
			'| Callbell node, queue mode × 4 workers: 429s | ≤ 1 % of requests | 2.0 % | **no** |',
			'| Callbell node, queue mode × 4 workers: lost / doubled | 0 / 0 | 0 / 1 | **no** |',
		]);
	});

	it('has nothing to say about runs without a limit or without the contenders it compares', () => {
		expect(targetsTable([{ ...base, limit: null, floorRatio: null }])).toBe('');
		expect(targetsTable([{ ...base, contender: 'undici Pool, paced' }])).toBe('');
	});
});

describe('the workload', () => {
	it("makes the same contact ids in n8n's Code node as the emulator generates", () => {
		const workflow = benchWorkflow({
			id: 'x',
			contender: 'callbell',
			first: 3,
			count: 2,
			credential: { id: 'c', name: 'c' },
			baseUrl: 'http://127.0.0.1/v1',
			token: 't',
		});
		const code = (workflow.nodes[1].parameters as { jsCode: string }).jsCode;
		const items = new Function(code)() as Array<{ json: { id: string; name: string } }>;
		expect(items.map((item) => item.json.id)).toEqual([benchContactId(3), benchContactId(4)]);
	});
});
