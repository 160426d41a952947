/**
 * The release path: a `v*` tag publishes from GitHub Actions with provenance, only when the tag is
 * the version and the CHANGELOG has it; CI runs what `.ci/run` runs. (The workflows' syntax is
 * checked by `npm run verify:workflows`; these stories check what they must keep doing.)
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { repoRoot } from '../../dev/package';
import { checkRelease } from '../../scripts/lib/release';

const root = repoRoot();
const read = (file: string): string => fs.readFileSync(path.join(root, file), 'utf8');

const changelog = (version: string): string =>
	`# Changelog\n\n## [Unreleased]\n\n## [${version}] - 2026-06-01\n\n### Added\n- Something.\n`;

describe('a v* tag', () => {
	it('publishes when it is v + the version and CHANGELOG.md has the dated section', () => {
		expect(checkRelease('v1.2.3', '1.2.3', changelog('1.2.3'))).toEqual({
			problems: [],
			distTag: 'latest',
		});
	});

	it('is refused when package.json still has another version', () => {
		const { problems } = checkRelease('v0.2.0', '0.1.0', changelog('0.1.0'));
		expect(problems).toEqual([expect.stringContaining('the tag "v0.2.0" is not "v0.1.0"')]);
	});

	it('is refused when the CHANGELOG entries are still under Unreleased, or the section has no date', () => {
		expect(checkRelease('v1.0.0', '1.0.0', '## [Unreleased]\n### Added\n- x\n').problems).toEqual([
			expect.stringContaining('CHANGELOG.md has no section "## [1.0.0] - YYYY-MM-DD"'),
		]);
		expect(checkRelease('v1.0.0', '1.0.0', '## [1.0.0]\n').problems).toHaveLength(1);
		// 1.0.0 must not be taken for 1x0x0.
		expect(checkRelease('v1.0.0', '1.0.0', '## [1x0x0] - 2026-06-01\n').problems).toHaveLength(1);
	});

	it('publishes a prerelease under the npm dist-tag next, so that n8n keeps installing the last stable one', () => {
		expect(checkRelease('v2.0.0-beta.1', '2.0.0-beta.1', changelog('2.0.0-beta.1'))).toEqual({
			problems: [],
			distTag: 'next',
		});
	});

	it('is refused for a version that is not semver', () => {
		expect(checkRelease('v1.2', '1.2', changelog('1.2')).problems).toEqual([
			expect.stringContaining('is not semver'),
		]);
	});
});

describe('the GitHub workflows', () => {
	const release = read('.github/workflows/release.yml');
	const ci = read('.github/workflows/ci.yml');

	it('release: on a v* tag, with the OIDC token, checks, tests and installs through n8n before npm publish --provenance --access public', () => {
		expect(release).toMatch(/^on:\n\s+push:\n\s+tags: \['v\*'\]$/m);
		expect(release).toMatch(/^\s+id-token: write$/m);
		const order = [
			'npm ci',
			'npm run release:check -- "$GITHUB_REF_NAME"',
			'npm run lint',
			'npm run typecheck',
			'npm run verify:n8n',
			'npm test',
			'npm run test:e2e -- test/e2e/install.test.ts',
			'npm publish --provenance --access public',
		];
		const at = order.map((step) => release.indexOf(`run: ${step}`));
		expect(at.every((i) => i >= 0)).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
	});

	it('CI: .ci/run itself on Node 20 with n8n 1.x, and the n8n 2.x end-to-end tests on Node 24, each n8n install cached', () => {
		expect(ci).toContain('run: bash .ci/run');
		expect(ci).toMatch(
			/node-version: 20\n[\s\S]*run: bash \.ci\/run\n\s+env:\n\s+CALLBELL_E2E_N8N: '1'/,
		);
		expect(ci).toMatch(
			/node-version: 24\n[\s\S]*run: npm run test:e2e\n\s+env:\n\s+CALLBELL_E2E_N8N: '2'/,
		);
		expect(
			ci.match(
				/key: n8n-e2e-\d-node\d+-\$\{\{ runner.os \}\}-\$\{\{ hashFiles\('dev\/n8n\/versions.ts'\) \}\}/g,
			),
		).toHaveLength(2);
	});

	it('.ci/run validates them and runs the scanner before the tests', () => {
		const run = read('.ci/run');
		const at = [
			'npm run typecheck',
			'npm run verify:n8n',
			'npm run verify:workflows',
			'npm test',
		].map((step) => run.indexOf(`\n${step}`));
		expect(at.every((i) => i >= 0)).toBe(true);
		expect([...at].sort((a, b) => a - b)).toEqual(at);
	});
});
