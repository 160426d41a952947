/** The benchmark's outputs: a Markdown table (stdout, README) and an SVG chart of requests/s. */

export interface BenchRow {
	/** Which scenario the row belongs to (a table and a chart each). */
	scenario: string;
	contender: string;
	latencyMs: number;
	/** The emulator's rate limit (requests/s), or null for none. */
	limit: number | null;
	items: number;
	wallSeconds: number;
	/** Wall time ÷ (items ÷ limit), the physical floor; null without a limit. */
	floorRatio: number | null;
	requestsPerSecond: number;
	requests: number;
	rateLimited: number;
	retries: number;
	/** Items the contender reported as failed (error items, or all unfinished ones of a failed run). */
	failed: number;
	/** Items neither updated nor reported as failed. */
	lost: number;
	updatedTwice: number;
	/** CPU while the requests ran (first request to last answer). */
	cpuSecondsPer1000: number;
	/**
	 * CPU of the whole run: the contender's process from start to exit, less the same for a
	 * baseline process that does everything but the contender's work (bench.ts says which).
	 * Absent from results measured before it existed.
	 */
	wholeRunCpuSecondsPer1000?: number;
	peakRssMb: number;
	outcome: string;
	/** Requests received per second, from the first one. */
	series: number[];
}

const fixed = (value: number, digits: number) => value.toFixed(digits);
const percent = (part: number, whole: number) =>
	whole === 0 ? '0 %' : `${fixed((100 * part) / whole, 1)} %`;

export function markdownTable(rows: BenchRow[]): string {
	const header = [
		'Contender',
		'Latency',
		'Wall',
		'× floor',
		'Requests/s',
		'429s',
		'Retries',
		'Failed',
		'Lost',
		'Updated twice',
		'CPU s / 1,000 items',
		'Whole-run CPU s / 1,000 items',
		'Peak RSS',
		'Run',
	];
	const lines = [
		`| ${header.join(' | ')} |`,
		`|${header.map((_, i) => (i === 0 || i === header.length - 1 ? ' --- ' : ' ---: ')).join('|')}|`,
	];
	for (const row of rows) {
		lines.push(
			`| ${[
				row.contender,
				`${row.latencyMs} ms`,
				`${fixed(row.wallSeconds, 1)} s`,
				row.floorRatio === null ? '–' : `${fixed(row.floorRatio, 2)} ×`,
				fixed(row.requestsPerSecond, 0),
				`${row.rateLimited} (${percent(row.rateLimited, row.requests)})`,
				String(row.retries),
				String(row.failed),
				String(row.lost),
				String(row.updatedTwice),
				fixed(row.cpuSecondsPer1000, 2),
				row.wholeRunCpuSecondsPer1000 === undefined ? '–' : fixed(row.wholeRunCpuSecondsPer1000, 2),
				`${fixed(row.peakRssMb, 0)} MB`,
				row.outcome,
			].join(' | ')} |`,
		);
	}
	return lines.join('\n');
}

/** The contenders the targets compare (issue 18), as bench.ts labels them. */
export const NODE_ALONE = 'Callbell node, defaults';
export const HTTP_BATCHED_PREFIX = 'HTTP Request node, batches of';
/** Several n8n processes or queue-mode workers on one account. */
const SHARED_ACCOUNT = /× \d+ (processes|workers)$/;

const GOAL_THROUGHPUT_OF_LIMIT = 0.95;
const GOAL_RATE_LIMITED_SHARE = 0.01;
const GOAL_ALONE_FLOOR_RATIO = 1.05;
const GOAL_PEAK_RSS_OF_HTTP = 1.1;

interface Target {
	what: string;
	goal: string;
	measured: string;
	met: boolean;
}

/**
 * The goals beside the figures measured for them: one process alone near the floor, several on
 * one account near the limit with few 429s and nothing lost or doubled, and the node's CPU and
 * memory against the HTTP Request node batched to the limit on the same run.
 */
export function targets(rows: BenchRow[]): Target[] {
	const found: Target[] = [];
	for (const row of rows) {
		if (row.limit === null || row.floorRatio === null) continue;
		if (row.contender === NODE_ALONE) {
			found.push({
				what: `${row.contender}, ${row.latencyMs} ms: wall time`,
				goal: `≤ ${fixed(GOAL_ALONE_FLOOR_RATIO, 2)} × the floor`,
				measured: `${fixed(row.floorRatio, 2)} ×`,
				met: row.floorRatio <= GOAL_ALONE_FLOOR_RATIO,
			});
			const http = rows.find(
				(other) =>
					other.scenario === row.scenario && other.contender.startsWith(HTTP_BATCHED_PREFIX),
			);
			if (
				http?.wholeRunCpuSecondsPer1000 !== undefined &&
				row.wholeRunCpuSecondsPer1000 !== undefined
			) {
				found.push({
					what: `${row.contender}, ${row.latencyMs} ms: whole-run CPU per 1,000 items`,
					goal: `≤ the HTTP Request node's (${fixed(http.wholeRunCpuSecondsPer1000, 2)} s)`,
					measured: `${fixed(row.wholeRunCpuSecondsPer1000, 2)} s`,
					met: row.wholeRunCpuSecondsPer1000 <= http.wholeRunCpuSecondsPer1000,
				});
			}
			if (http !== undefined) {
				found.push({
					what: `${row.contender}, ${row.latencyMs} ms: peak RSS`,
					goal: `≤ ${fixed(http.peakRssMb * GOAL_PEAK_RSS_OF_HTTP, 0)} MB (the HTTP Request node's + 10 %)`,
					measured: `${fixed(row.peakRssMb, 0)} MB`,
					met: row.peakRssMb <= http.peakRssMb * GOAL_PEAK_RSS_OF_HTTP,
				});
			}
		} else if (SHARED_ACCOUNT.test(row.contender)) {
			const ofLimit = 1 / row.floorRatio;
			const rateLimitedShare = row.requests === 0 ? 0 : row.rateLimited / row.requests;
			found.push(
				{
					what: `${row.contender}: combined throughput`,
					goal: `≥ ${fixed(GOAL_THROUGHPUT_OF_LIMIT, 2)} × the limit`,
					measured: `${fixed(ofLimit, 2)} ×`,
					met: ofLimit >= GOAL_THROUGHPUT_OF_LIMIT,
				},
				{
					what: `${row.contender}: 429s`,
					goal: `≤ ${fixed(100 * GOAL_RATE_LIMITED_SHARE, 0)} % of requests`,
					measured: percent(row.rateLimited, row.requests),
					met: rateLimitedShare <= GOAL_RATE_LIMITED_SHARE,
				},
				{
					what: `${row.contender}: lost / doubled`,
					goal: '0 / 0',
					measured: `${row.lost} / ${row.updatedTwice}`,
					met: row.lost === 0 && row.updatedTwice === 0,
				},
			);
		}
	}
	return found;
}

/** The targets as a Markdown table, or nothing when no row has one. */
export function targetsTable(rows: BenchRow[]): string {
	const found = targets(rows);
	if (found.length === 0) return '';
	return [
		'| Target | Goal | Measured | Met |',
		'| --- | --- | ---: | --- |',
		...found.map(
			({ what, goal, measured, met }) =>
				`| ${what} | ${goal} | ${measured} | ${met ? 'yes' : '**no**'} |`,
		),
	].join('\n');
}

const COLORS = ['#e4572e', '#17bebb', '#4c6ef5', '#ffa600', '#76b041', '#9c36b5', '#868e96'];

const escapeXml = (text: string) =>
	text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Requests per second over time, one line per contender, the limit dashed. */
export function requestsPerSecondSvg(
	title: string,
	rows: BenchRow[],
	limit: number | null,
): string {
	const width = 1060;
	const height = 420;
	const left = 60;
	const right = 390;
	const top = 40;
	const bottom = 50;
	const plotWidth = width - left - right;
	const plotHeight = height - top - bottom;
	const maxSeconds = Math.max(1, ...rows.map((row) => row.series.length));
	const peak = Math.max(limit ?? 0, ...rows.flatMap((row) => row.series));
	// A burst of thousands (the HTTP Request node's defaults) would flatten every other line: the
	// chart stops at twice the limit and says where a line went above it.
	const yMax =
		Math.ceil((Math.min(peak, limit === null ? peak : 2 * limit) * 1.1) / 100) * 100 || 100;
	const x = (second: number) => left + (second / maxSeconds) * plotWidth;
	const y = (rate: number) => top + plotHeight - (rate / yMax) * plotHeight;
	const parts: string[] = [
		`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="12">`,
		`<rect width="${width}" height="${height}" fill="#ffffff"/>`,
		`<text x="${left}" y="24" font-size="15" font-weight="600">${escapeXml(title)}</text>`,
	];
	const yStep = yMax / 5;
	for (let rate = 0; rate <= yMax; rate += yStep) {
		parts.push(
			`<line x1="${left}" x2="${left + plotWidth}" y1="${y(rate)}" y2="${y(rate)}" stroke="#e9ecef"/>`,
		);
		parts.push(
			`<text x="${left - 8}" y="${y(rate) + 4}" text-anchor="end" fill="#495057">${Math.round(rate)}</text>`,
		);
	}
	const xStep = Math.max(1, Math.ceil(maxSeconds / 10 / 5) * 5);
	for (let second = 0; second <= maxSeconds; second += xStep) {
		parts.push(
			`<text x="${x(second)}" y="${top + plotHeight + 18}" text-anchor="middle" fill="#495057">${second}</text>`,
		);
	}
	parts.push(
		`<text x="${left + plotWidth / 2}" y="${height - 10}" text-anchor="middle" fill="#495057">seconds since the first request</text>`,
	);
	parts.push(
		`<text x="16" y="${top + plotHeight / 2}" transform="rotate(-90 16 ${top + plotHeight / 2})" text-anchor="middle" fill="#495057">requests received per second</text>`,
	);
	parts.push(
		`<line x1="${left}" x2="${left}" y1="${top}" y2="${top + plotHeight}" stroke="#adb5bd"/>`,
	);
	parts.push(
		`<line x1="${left}" x2="${left + plotWidth}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="#adb5bd"/>`,
	);
	if (limit !== null) {
		parts.push(
			`<line x1="${left}" x2="${left + plotWidth}" y1="${y(limit)}" y2="${y(limit)}" stroke="#212529" stroke-dasharray="6 4"/>`,
		);
		parts.push(
			`<text x="${left + plotWidth - 4}" y="${y(limit) - 6}" text-anchor="end" fill="#212529">limit ${limit}/s</text>`,
		);
	}
	rows.forEach((row, index) => {
		const color = COLORS[index % COLORS.length];
		const points = row.series
			.map((rate, second) => `${fixed(x(second + 0.5), 1)},${fixed(y(Math.min(rate, yMax)), 1)}`)
			.join(' ');
		const rowPeak = Math.max(0, ...row.series);
		parts.push(`<polyline fill="none" stroke="${color}" stroke-width="2" points="${points}"/>`);
		const legendY = top + 10 + index * 22;
		parts.push(
			`<line x1="${width - right + 20}" x2="${width - right + 40}" y1="${legendY}" y2="${legendY}" stroke="${color}" stroke-width="3"/>`,
		);
		const label = rowPeak > yMax ? `${row.contender} (peak ${rowPeak}/s)` : row.contender;
		parts.push(`<text x="${width - right + 46}" y="${legendY + 4}">${escapeXml(label)}</text>`);
	});
	parts.push('</svg>');
	return `${parts.join('\n')}\n`;
}
