/**
 * What a user sees before installing: the npm page (README, links, keywords) and n8n's nodes
 * panel (package.json's n8n section, each node's codex file). Reads the build for the nodes'
 * names (`npm test` builds first).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeType, INodeTypeDescription } from 'n8n-workflow';

import { repoRoot } from '../../dev/package';

const root = repoRoot();
const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	name: string;
	keywords: string[];
	homepage: string;
	repository: { type: string; url: string };
	bugs: { url: string };
	n8n: { nodes: string[]; credentials: string[] };
};
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** `https://github.com/<owner>/<name>`, from package.json's repository. */
const repoUrl = pkg.repository.url.replace(/^git\+/, '').replace(/\.git$/, '');

/** The sources below `<folder>` whose name ends in `suffix`, as the `dist/…/*.js` paths they compile to. */
function sourcesAsDist(folder: string, suffix: string): string[] {
	const found: string[] = [];
	const walk = (dir: string): void => {
		for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
			const rel = path.posix.join(dir, entry.name);
			if (entry.isDirectory()) walk(rel);
			else if (entry.name.endsWith(suffix)) found.push(`dist/${rel.replace(/\.ts$/, '.js')}`);
		}
	};
	walk(folder);
	return found.sort();
}

async function nodeDescription(distFile: string): Promise<INodeTypeDescription> {
	const exported = Object.values(
		(await import(path.join(root, distFile))) as Record<string, new () => INodeType>,
	);
	expect(exported).toHaveLength(1);
	return new exported[0]().description;
}

describe('the npm page', () => {
	it('links to one GitHub repository: repository, homepage and bugs agree', () => {
		expect(repoUrl).toBe('https://github.com/n8n-nodes-callbell/n8n-nodes-callbell');
		expect(pkg.repository.type).toBe('git');
		expect(pkg.homepage).toBe(`${repoUrl}#readme`);
		expect(pkg.bugs.url).toBe(`${repoUrl}/issues`);
	});

	it("is found by n8n's community node search and npm's: the n8n keyword and the package name", () => {
		expect(pkg.name).toMatch(/^n8n-nodes-/);
		expect(pkg.keywords).toEqual(
			expect.arrayContaining(['n8n-community-node-package', 'callbell', 'whatsapp']),
		);
	});

	it("shows the README's images: absolute URLs of files in this repository (npmjs.com cannot resolve relative ones)", () => {
		const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)|<img[^>]*\ssrc="([^"]+)"/g)].map(
			(m) => m[1] ?? m[2],
		);
		expect(images.length).toBeGreaterThan(0);
		const raw = `${repoUrl.replace('https://github.com/', 'https://raw.githubusercontent.com/')}/main/`;
		const wrong = images.filter(
			(url) => !url.startsWith(raw) || !fs.existsSync(path.join(root, url.slice(raw.length))),
		);
		expect(wrong).toEqual([]);
	});
});

describe("n8n's nodes panel", () => {
	it("package.json's n8n section lists every node and credential there is", () => {
		expect(pkg.n8n.nodes).toEqual(sourcesAsDist('nodes', '.node.ts'));
		expect(pkg.n8n.credentials).toEqual(sourcesAsDist('credentials', '.credentials.ts'));
	});

	it.each(pkg.n8n.nodes)(
		'%s has a codex file: its name, categories, and documentation links',
		async (distFile) => {
			const description = await nodeDescription(distFile);
			const codexFile = path.join(root, distFile.replace(/^dist\//, '').replace(/\.js$/, '.json'));
			const codex = JSON.parse(fs.readFileSync(codexFile, 'utf8')) as {
				node: string;
				categories: string[];
				resources: Record<string, Array<{ url: string }>>;
			};
			expect(codex.node).toBe(`${pkg.name}.${description.name}`);
			expect(codex.categories.length).toBeGreaterThan(0);
			const docs = ['primaryDocumentation', 'credentialDocumentation'].flatMap(
				(kind) => codex.resources[kind] ?? [],
			);
			expect(codex.resources.primaryDocumentation.length).toBeGreaterThan(0);
			expect(codex.resources.credentialDocumentation.length).toBeGreaterThan(0);
			for (const { url } of docs) expect(url).toMatch(/^https:\/\//);
		},
	);
});
