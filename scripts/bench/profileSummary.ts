/**
 * Where a process's CPU went, from a V8 CPU profile (`node --cpu-prof`, e.g. `npm run bench --
 * --cpu-prof <folder>`): the share of each owner (n8n's engine, the node's own code, the HTTP
 * stack, GC, ...) and the top frames by self time, as Markdown.
 *
 *   node .tools/scripts/bench/profileSummary.js <file.cpuprofile> [--top <n>] [--title <text>]
 *
 * Zero dependencies; everything but the command line is pure, and unit-tested.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The parts of a `.cpuprofile` read here (Chrome DevTools' Profile format). */
export interface CpuProfile {
	nodes: Array<{
		id: number;
		callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
		children?: number[];
	}>;
	startTime: number;
	endTime: number;
	/** The node sampled, one per sample. */
	samples: number[];
	/** Microseconds since the previous sample, one per sample. */
	timeDeltas: number[];
}

/** Who owns a frame, by its script's path; first match wins. */
const OWNERS: Array<{ owner: string; test: (url: string, name: string) => boolean }> = [
	{ owner: 'GC', test: (_, name) => name === '(garbage collector)' },
	{ owner: 'idle', test: (_, name) => name === '(idle)' },
	{ owner: 'V8 / native (program)', test: (_, name) => name === '(program)' || name === '(root)' },
	{
		owner: 'the Callbell node (dist/nodes, dist/credentials)',
		test: (url) => /\/dist\/(nodes|credentials)\//.test(url) && !url.includes('/node_modules/'),
	},
	{
		owner: 'n8n-workflow (expressions, data proxy)',
		test: (url) => url.includes('/node_modules/n8n-workflow/'),
	},
	{
		owner: 'n8n-core (execution engine, request helpers)',
		test: (url) => url.includes('/node_modules/n8n-core/'),
	},
	{
		owner: 'n8n-nodes-base (Code, HTTP Request nodes)',
		test: (url) => url.includes('/node_modules/n8n-nodes-base/'),
	},
	{ owner: 'n8n CLI and @n8n packages', test: (url) => /\/node_modules\/(n8n|@n8n)\//.test(url) },
	{
		owner: 'axios and its helpers',
		test: (url) => /\/node_modules\/(axios|follow-redirects|form-data|proxy-from-env)\//.test(url),
	},
	{
		owner: 'undici',
		test: (url) =>
			url.includes('/node_modules/undici/') || url.startsWith('node:internal/deps/undici'),
	},
	{
		owner: 'Node: http, net, streams',
		test: (url) =>
			/^node:(_http|http|https|net|stream|internal\/(streams|http|net|stream_base|js_stream))/.test(
				url,
			),
	},
	{ owner: 'Node: other built-ins', test: (url) => url.startsWith('node:') },
	{
		owner: 'other dependencies (lodash, luxon, typeorm, sqlite, ...)',
		test: (url) => url.includes('/node_modules/'),
	},
	{ owner: 'native and V8 built-ins (no script)', test: (url) => url === '' },
];

export function ownerOf(url: string, functionName: string): string {
	return OWNERS.find(({ test }) => test(url, functionName))?.owner ?? 'other scripts';
}

export interface FrameTime {
	functionName: string;
	/** The script, shortened to what follows its last node_modules/ (or the repository's dist/). */
	location: string;
	owner: string;
	selfMs: number;
}

export interface ProfileSummary {
	/** Sampled time in total (the profile's span). */
	totalMs: number;
	/** Self time per owner, largest first. */
	owners: Array<{ owner: string; selfMs: number }>;
	/** Self time per frame (function and script line), largest first. */
	frames: FrameTime[];
	/** Time with a frame of each group on the stack (inclusive), by group name. */
	inclusive: Array<{ group: string; ms: number }>;
}

export function shortLocation(url: string, line: number): string {
	if (url === '') return '';
	const file = url.replace(/^file:\/\//, '');
	const modules = file.lastIndexOf('/node_modules/');
	const dist = file.lastIndexOf('/dist/nodes/');
	const short =
		modules >= 0
			? file.slice(modules + '/node_modules/'.length)
			: dist >= 0
				? file.slice(dist + 1)
				: file;
	return `${short}:${line + 1}`;
}

/** Groups whose inclusive time is summed: a name and a test of a frame's script. */
export const DEFAULT_INCLUSIVE_GROUPS: Array<{ group: string; test: (url: string) => boolean }> = [
	{
		group: "the Callbell node's code and all it calls",
		test: (url) => /\/dist\/nodes\/Callbell\//.test(url) && !url.includes('/node_modules/'),
	},
	{
		group: "the HTTP Request node's code and all it calls",
		test: (url) => url.includes('/n8n-nodes-base/dist/nodes/HttpRequest/'),
	},
	{
		group: "n8n's getNodeParameter (expressions resolved) and all it calls",
		test: (url) =>
			url.includes('/n8n-core/dist/execution-engine/node-execution-context/node-execution-context'),
	},
];

export function summarizeProfile(
	profile: CpuProfile,
	groups = DEFAULT_INCLUSIVE_GROUPS,
): ProfileSummary {
	const byId = new Map(profile.nodes.map((node) => [node.id, node]));
	const parentOf = new Map<number, number>();
	for (const node of profile.nodes)
		for (const child of node.children ?? []) parentOf.set(child, node.id);

	const selfUs = new Map<number, number>();
	profile.samples.forEach((id, index) => {
		selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0));
	});

	const frames = new Map<string, FrameTime>();
	const owners = new Map<string, number>();
	const inclusiveUs = new Map<string, number>(groups.map(({ group }) => [group, 0]));
	for (const [id, us] of selfUs) {
		const { functionName, url, lineNumber } = byId.get(id)?.callFrame ?? {
			functionName: '?',
			url: '',
			lineNumber: 0,
		};
		const owner = ownerOf(url, functionName);
		owners.set(owner, (owners.get(owner) ?? 0) + us);
		const location = shortLocation(url, lineNumber);
		const key = `${functionName}@${location}`;
		const frame = frames.get(key) ?? {
			functionName: functionName || '(anonymous)',
			location,
			owner,
			selfMs: 0,
		};
		frame.selfMs += us / 1000;
		frames.set(key, frame);
		// A group counts once per sample, however many of its frames are on the stack.
		const onStack = new Set<string>();
		for (let at: number | undefined = id; at !== undefined; at = parentOf.get(at)) {
			const frameUrl = byId.get(at)?.callFrame.url ?? '';
			for (const { group, test } of groups) if (test(frameUrl)) onStack.add(group);
		}
		for (const group of onStack) inclusiveUs.set(group, (inclusiveUs.get(group) ?? 0) + us);
	}
	const totalUs = [...selfUs.values()].reduce((sum, us) => sum + us, 0);
	return {
		totalMs: totalUs / 1000,
		owners: [...owners]
			.map(([owner, us]) => ({ owner, selfMs: us / 1000 }))
			.sort((a, b) => b.selfMs - a.selfMs),
		frames: [...frames.values()].sort((a, b) => b.selfMs - a.selfMs),
		inclusive: [...inclusiveUs].map(([group, us]) => ({ group, ms: us / 1000 })),
	};
}

const share = (ms: number, totalMs: number) =>
	totalMs === 0 ? '0.0 %' : `${((100 * ms) / totalMs).toFixed(1)} %`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const cell = (text: string) => text.replace(/\|/g, '\\|');

export function summaryMarkdown(title: string, summary: ProfileSummary, top = 25): string {
	const { totalMs } = summary;
	const lines = [
		`### ${title}`,
		'',
		`${seconds(totalMs)} sampled (idle included).`,
		'',
		'| Owner (self time) | Time | Share |',
		'| --- | ---: | ---: |',
		...summary.owners.map(
			({ owner, selfMs }) => `| ${owner} | ${seconds(selfMs)} | ${share(selfMs, totalMs)} |`,
		),
		'',
		'| On the stack (inclusive) | Time | Share |',
		'| --- | ---: | ---: |',
		...summary.inclusive
			.filter(({ ms }) => ms > 0)
			.map(({ group, ms }) => `| ${group} | ${seconds(ms)} | ${share(ms, totalMs)} |`),
		'',
		`| Top ${top} frames by self time | Script | Owner | Self | Share |`,
		'| --- | --- | --- | ---: | ---: |',
		...summary.frames
			.slice(0, top)
			.map(
				(frame) =>
					`| \`${cell(frame.functionName)}\` | ${cell(frame.location)} | ${frame.owner} | ${seconds(frame.selfMs)} | ${share(frame.selfMs, totalMs)} |`,
			),
	];
	return `${lines.join('\n')}\n`;
}

function main(argv: string[]): void {
	const files: string[] = [];
	let top = 25;
	let title: string | undefined;
	for (let index = 0; index < argv.length; index++) {
		if (argv[index] === '--top') top = Number(argv[++index]);
		else if (argv[index] === '--title') title = argv[++index];
		else files.push(argv[index]);
	}
	if (files.length === 0 || !Number.isInteger(top) || top < 1) {
		console.error(
			'Usage: node .tools/scripts/bench/profileSummary.js <file.cpuprofile>... [--top <n>] [--title <text>]',
		);
		process.exit(2);
	}
	for (const file of files) {
		const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile;
		process.stdout.write(
			`${summaryMarkdown(title ?? path.basename(file), summarizeProfile(profile), top)}\n`,
		);
	}
}

if (require.main === module) main(process.argv.slice(2));
