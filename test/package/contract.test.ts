/**
 * The public names of the nodes and the credential (test/compat/contract.ts) against
 * test/compat/contract.json, the list as released. A name there that is gone or has another
 * type would break saved workflows and AI agents: only a new node version may do that (see
 * docs/releasing.md). A name that is new must be added to the list in the same change:
 * `CALLBELL_CONTRACT_ADD=1 npx jest test/package/contract` writes it, and refuses while a
 * released name is missing or changed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

import { contractLines, contractOf, type Contract } from '../compat/contract';
import { loadPackage, PROJECT_ROOT, shutdownHarness } from '../harness';

const CONTRACT_FILE = path.join(PROJECT_ROOT, 'test', 'compat', 'contract.json');

const released = contractLines(JSON.parse(readFileSync(CONTRACT_FILE, 'utf8')) as Contract);
let current: Contract;
let currentLines: Map<string, string>;

beforeAll(async () => {
	const pkg = await loadPackage();
	current = contractOf(pkg.packageName, pkg.descriptions);
	currentLines = contractLines(current);
});
afterAll(async () => await shutdownHarness());

it('every released name is still there, with the same type', () => {
	const gone = [...released.keys()].filter((name) => !currentLines.has(name));
	const changed = [...released]
		.filter(([name, kind]) => currentLines.has(name) && currentLines.get(name) !== kind)
		.map(([name, kind]) => `${name}: ${kind} → ${currentLines.get(name)}`);
	expect({ gone, changed }).toEqual({ gone: [], changed: [] });
});

it('every public name is in the list (a new one is added with CALLBELL_CONTRACT_ADD=1)', () => {
	const added = [...currentLines.keys()].filter((name) => !released.has(name));
	if (process.env.CALLBELL_CONTRACT_ADD === '1' && added.length > 0) {
		writeFileSync(CONTRACT_FILE, `${JSON.stringify(current, null, '\t')}\n`);
		return;
	}
	expect(added).toEqual([]);
});

it('names the two nodes and the credential n8n knows this package by', () => {
	const nodeTypes = [...released.keys()].flatMap(
		(name) => /^node (\S+) version /.exec(name)?.[1] ?? [],
	);
	expect([
		...new Set(nodeTypes),
		...[...released.keys()].filter((name) => /^credential \S+$/.test(name)),
	]).toEqual([
		'n8n-nodes-callbell.callbell',
		'n8n-nodes-callbell.callbellTrigger',
		'credential callbellApi',
	]);
});
