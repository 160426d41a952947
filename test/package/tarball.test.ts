/**
 * What `npm install n8n-nodes-callbell` gets, and what n8n's scanner unpacks: the tarball of
 * `npm pack`, read back from the tarball itself. Needs the build (`npm test` builds first).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

import { formatBytes, packPackage, unpackTarball, type PackedPackage } from '../../dev/pack';
import { repoRoot } from '../../dev/package';

const root = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	n8n: { nodes: string[]; credentials: string[] };
};
const listed = [...pkg.n8n.nodes, ...pkg.n8n.credentials];

let work: string;
let packed: PackedPackage;
let unpacked: string;

beforeAll(async () => {
	work = fs.mkdtempSync(path.join(os.tmpdir(), 'callbell-tarball-test-'));
	packed = await packPackage(root, work);
	unpacked = await unpackTarball(packed.tarball, path.join(work, 'package'));
}, 120_000);

afterAll(() => {
	if (work) fs.rmSync(work, { recursive: true, force: true });
});

describe('the published package', () => {
	it('holds only the build, README.md, LICENSE.md and package.json: no tests, emulator, scripts or caches', () => {
		const outside = packed.files.filter(
			(f) => !f.startsWith('dist/') && !['README.md', 'LICENSE.md', 'package.json'].includes(f),
		);
		expect(outside).toEqual([]);
		expect(packed.files).toEqual(
			expect.arrayContaining(['README.md', 'LICENSE.md', 'package.json']),
		);
		// Only the compiled nodes and credentials: a test, script or build cache compiled into
		// dist/ would add another top-level entry.
		const inDist = new Set(
			packed.files.filter((f) => f.startsWith('dist/')).map((f) => f.split('/')[1]),
		);
		expect([...inDist].sort()).toEqual(['credentials', 'nodes']);
	});

	it("has every node and credential package.json's n8n section lists, each node with its codex file", () => {
		expect(pkg.n8n.nodes.length).toBeGreaterThan(0);
		expect(pkg.n8n.credentials.length).toBeGreaterThan(0);
		const expected = [...listed, ...pkg.n8n.nodes.map((f) => f.replace(/\.js$/, '.json'))];
		const missing = expected.filter((f) => !packed.files.includes(f));
		expect(missing).toEqual([]);
	});

	it('ships no source maps, and no .js names one: the .ts sources they would point at are not shipped', () => {
		expect(packed.files.filter((f) => f.endsWith('.map'))).toEqual([]);
		const naming = packed.files
			.filter((f) => f.endsWith('.js'))
			.filter((f) => fs.readFileSync(path.join(unpacked, f), 'utf8').includes('sourceMappingURL'));
		expect(naming).toEqual([]);
	});

	it('names no "main": n8n loads the files its n8n section lists, and a main would name a file to ship', () => {
		const shipped = JSON.parse(fs.readFileSync(path.join(unpacked, 'package.json'), 'utf8')) as {
			main?: string;
		};
		expect(shipped.main).toBeUndefined();
	});

	it('has every icon the nodes and credentials point at', () => {
		for (const file of listed) {
			const code = fs.readFileSync(path.join(unpacked, file), 'utf8');
			const icons = [...code.matchAll(/["']file:([^"']+)["']/g)].map((m) =>
				path.posix.normalize(path.posix.join(path.posix.dirname(file), m[1])),
			);
			// A light and a dark icon each.
			expect({ file, icons: icons.length }).toEqual({ file, icons: 2 });
			expect({ file, missing: icons.filter((icon) => !packed.files.includes(icon)) }).toEqual({
				file,
				missing: [],
			});
		}
	});

	it("names no console, timers or process in the nodes' and credentials' sources, not even in a text (n8n's release checks read the words)", () => {
		const sources = (folder: string): string[] =>
			fs
				.readdirSync(path.join(root, folder), { recursive: true, encoding: 'utf8' })
				.filter((file) => file.endsWith('.ts'))
				.map((file) => path.join(folder, file));
		const forbidden = /\b(console|process)\.|\b(setTimeout|setInterval|setImmediate)\s*\(/;
		const found = [...sources('nodes'), ...sources('credentials')].flatMap((file) =>
			fs
				.readFileSync(path.join(root, file), 'utf8')
				.split('\n')
				.flatMap((line, index) =>
					forbidden.test(line) ? [`${file}:${index + 1}: ${line.trim()}`] : [],
				),
		);
		expect(found).toEqual([]);
	});

	it('stays small, and says how small', () => {
		console.log(
			`npm pack: ${path.basename(packed.tarball)}, ${formatBytes(packed.size)} packed, ${formatBytes(packed.unpackedSize)} unpacked, ${packed.files.length} files`,
		);
		// Today about 130 kB and 490 kB: a stray folder (screenshots, node_modules) would show.
		expect(packed.size).toBeLessThan(400_000);
		expect(packed.unpackedSize).toBeLessThan(1_500_000);
	});
});
