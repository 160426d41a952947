/** When the engine tests' global setup rebuilds dist/ (test/harness/build-is-current.ts). */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

import { staleBuildReason } from '../../harness/build-is-current';

let root: string;

function write(file: string, secondsAgo: number, content = ''): void {
	const absolute = path.join(root, file);
	mkdirSync(path.dirname(absolute), { recursive: true });
	writeFileSync(absolute, content);
	const when = Date.now() / 1000 - secondsAgo;
	utimesSync(absolute, when, when);
}

beforeEach(() => {
	root = mkdtempSync(path.join(tmpdir(), 'build-is-current-'));
	write('nodes/Callbell/Callbell.node.ts', 60);
	write('nodes/Callbell/Callbell.node.json', 60);
	write('nodes/Callbell/callbell.svg', 60);
	write('credentials/CallbellApi.credentials.ts', 60);
	write('dist/nodes/Callbell/Callbell.node.js', 30);
	write('dist/nodes/Callbell/Callbell.node.json', 60);
	write('dist/nodes/Callbell/callbell.svg', 60);
	write('dist/credentials/CallbellApi.credentials.js', 30);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

it('a build newer than every source is current', () => {
	expect(staleBuildReason(root)).toBeUndefined();
});

it('a source edited after the build makes it stale', () => {
	write('nodes/Callbell/Callbell.node.ts', 1);
	expect(staleBuildReason(root)).toBe(
		`${path.join('nodes', 'Callbell', 'Callbell.node.ts')} changed after the last build`,
	);
});

it('an icon or codex file changed since it was copied makes it stale, whatever its time', () => {
	write('nodes/Callbell/Callbell.node.json', 90, '{"node": "n8n-nodes-callbell.callbell"}');
	expect(staleBuildReason(root)).toBe(
		`${path.join('nodes', 'Callbell', 'Callbell.node.json')} changed after the last build`,
	);
});

it('a new source without output makes it stale', () => {
	write('nodes/Callbell/actions/router.ts', 90);
	expect(staleBuildReason(root)).toBe(
		`${path.join('dist', 'nodes', 'Callbell', 'actions', 'router.js')} is missing`,
	);
});

it('an output whose source was renamed away makes it stale', () => {
	write('dist/nodes/Callbell/actions/lists.js', 30);
	expect(staleBuildReason(root)).toBe(
		`${path.join('dist', 'nodes', 'Callbell', 'actions', 'lists.js')} has no source any more`,
	);
});
