/**
 * `npm run release:check -- v<version>` (the release workflow passes its tag): fails unless the
 * tag may publish (see scripts/lib/release.ts). In GitHub Actions it also writes the npm
 * dist-tag to the step's outputs (`dist-tag`).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import { PACKAGE_NAME, repoRoot } from '../dev/package';
import { checkRelease } from './lib/release';

const tag = process.argv[2] ?? process.env.GITHUB_REF_NAME;
if (!tag) {
	process.stderr.write('Usage: npm run release:check -- v<version> (or set GITHUB_REF_NAME)\n');
	process.exit(2);
}
const root = repoRoot();
const { version } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
	version: string;
};
const { problems, distTag } = checkRelease(
	tag,
	version,
	fs.readFileSync(path.join(root, 'CHANGELOG.md'), 'utf8'),
);
if (problems.length > 0) {
	for (const problem of problems) process.stderr.write(`✗ ${problem}\n`);
	process.exit(1);
}
process.stdout.write(`✓ ${tag} may publish ${PACKAGE_NAME}@${version} (npm dist-tag ${distTag})\n`);
if (process.env.GITHUB_OUTPUT)
	fs.appendFileSync(process.env.GITHUB_OUTPUT, `dist-tag=${distTag}\n`);
