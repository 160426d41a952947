/** Reading a V8 CPU profile into where the time went: by owner, by frame, and on the stack. */
import {
	ownerOf,
	shortLocation,
	summarizeProfile,
	summaryMarkdown,
	type CpuProfile,
} from '../../../scripts/bench/profileSummary';

const frame = (id: number, functionName: string, url: string, children: number[] = []) => ({
	id,
	callFrame: { functionName, url, lineNumber: id },
	children,
});

// root → router (the node) → getNodeParameter (n8n-core) → resolve (n8n-workflow); and GC.
const profile: CpuProfile = {
	nodes: [
		frame(1, '(root)', '', [2, 5]),
		frame(2, 'router', 'file:///repo/dist/nodes/Callbell/actions/router.js', [3]),
		frame(
			3,
			'_getNodeParameter',
			'file:///n8n/node_modules/n8n-core/dist/execution-engine/node-execution-context/node-execution-context.js',
			[4],
		),
		frame(4, 'resolve', 'file:///n8n/node_modules/n8n-workflow/dist/expression.js'),
		frame(5, '(garbage collector)', ''),
	],
	startTime: 0,
	endTime: 10_000,
	samples: [2, 3, 4, 4, 5],
	timeDeltas: [1000, 1000, 2000, 2000, 5000],
};

describe('a CPU profile', () => {
	it('names the owner of a frame by its script', () => {
		expect(ownerOf('file:///r/dist/nodes/Callbell/x.js', 'f')).toMatch(/Callbell node/);
		expect(ownerOf('file:///n/node_modules/n8n-workflow/dist/a.js', 'f')).toMatch(/n8n-workflow/);
		expect(ownerOf('file:///n/node_modules/axios/lib/a.js', 'f')).toMatch(/axios/);
		expect(ownerOf('node:_http_client', 'f')).toMatch(/http/);
		expect(ownerOf('', '(garbage collector)')).toBe('GC');
	});

	it('shortens a script to its package path and line', () => {
		expect(shortLocation('file:///a/node_modules/b/node_modules/c/x.js', 4)).toBe('c/x.js:5');
		expect(shortLocation('file:///repo/dist/nodes/Callbell/r.js', 0)).toBe(
			'dist/nodes/Callbell/r.js:1',
		);
	});

	it('sums self time by owner and frame, and inclusive time once per sample', () => {
		const summary = summarizeProfile(profile);
		expect(summary.totalMs).toBe(11);
		expect(summary.owners[0]).toEqual({ owner: 'GC', selfMs: 5 });
		expect(summary.owners.find(({ owner }) => owner.includes('n8n-workflow'))?.selfMs).toBe(4);
		expect(summary.frames[1]).toMatchObject({ functionName: 'resolve', selfMs: 4 });
		expect(summary.inclusive).toEqual([
			{ group: "the Callbell node's code and all it calls", ms: 6 },
			{ group: "the HTTP Request node's code and all it calls", ms: 0 },
			{ group: "n8n's getNodeParameter (expressions resolved) and all it calls", ms: 5 },
		]);
	});

	it('prints Markdown tables with shares of the sampled time', () => {
		const markdown = summaryMarkdown('Callbell', summarizeProfile(profile), 2);
		expect(markdown).toContain('| GC | 0.01 s | 45.5 % |');
		expect(markdown).toContain("| the Callbell node's code and all it calls | 0.01 s | 54.5 % |");
		expect(markdown).toContain('| `resolve` | n8n-workflow/dist/expression.js:5 |');
		expect(markdown).not.toContain('HTTP Request node');
	});
});
