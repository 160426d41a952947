/**
 * `npm run readme:tools`: writes the table of tool descriptions (dev/toolTable.ts) into the
 * README's "Use with AI agents" section, from the built node.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeType } from 'n8n-workflow';

import { repoRoot } from '../dev/package';
import { toolDescriptionTable, withToolTable } from '../dev/toolTable';

const root = repoRoot();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Callbell } = require(path.join(root, 'dist/nodes/Callbell/Callbell.node.js')) as {
	Callbell: new () => INodeType;
};
const readmePath = path.join(root, 'README.md');
const readme = fs.readFileSync(readmePath, 'utf8');
const updated = withToolTable(readme, toolDescriptionTable(new Callbell().description));
fs.writeFileSync(readmePath, updated);
process.stdout.write(
	updated === readme
		? 'README.md: tool descriptions already current\n'
		: 'README.md: tool descriptions updated\n',
);
