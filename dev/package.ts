/**
 * The package this tooling works on: its npm name (the `name` of package.json; `repoRoot`
 * finds the repository by it, so the two cannot drift apart unnoticed), the node and
 * credential types n8n knows it by, and where its repository is.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const PACKAGE_NAME = 'n8n-nodes-callbell';
export const NODE_TYPE = `${PACKAGE_NAME}.callbell`;
export const TRIGGER_TYPE = `${PACKAGE_NAME}.callbellTrigger`;
/** The node as an AI agent's tool: n8n makes it of every node that is `usableAsTool`. */
export const TOOL_TYPE = `${PACKAGE_NAME}.callbellTool`;
export const CREDENTIAL_TYPE = 'callbellApi';

/** The repository root: the nearest folder upwards whose package.json is this package. */
export function repoRoot(start = __dirname): string {
	let dir = start;
	for (;;) {
		const pkg = path.join(dir, 'package.json');
		if (fs.existsSync(pkg)) {
			try {
				if ((JSON.parse(fs.readFileSync(pkg, 'utf8')) as { name?: string }).name === PACKAGE_NAME)
					return dir;
			} catch {
				// not ours
			}
		}
		const parent = path.dirname(dir);
		if (parent === dir)
			throw new Error(`Cannot find the ${PACKAGE_NAME} repository above ${start}`);
		dir = parent;
	}
}
