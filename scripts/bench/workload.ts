/**
 * The benchmark's one workload for every contender: N Contact → Update items, each renaming one
 * of the emulator's generated contacts (`--contacts N`), and the n8n workflows that run it.
 */
import type { WorkflowImport } from '../../dev/n8n/cli';
import { CREDENTIAL_TYPE, NODE_TYPE } from '../../dev/package';

/** The emulator's generated contact number `n` (1-based), as dev/emulator/seed.ts names it. */
export function benchContactId(n: number): string {
	return `cc${n.toString(16).padStart(30, '0')}`;
}

export function benchContactName(n: number): string {
	return `Bench contact ${n}`;
}

/** `baseline`: the same workflow with a No Operation node instead, for the whole-run CPU's baseline. */
export type N8nContender =
	'callbell' | 'httpDefaults' | 'httpRetryOnFail' | 'httpBatching' | 'baseline';

export interface BenchWorkflowOptions {
	id: string;
	contender: N8nContender;
	first: number;
	count: number;
	credential: { id: string; name: string };
	/** For the HTTP Request node, which is given the URL and token directly. */
	baseUrl: string;
	token: string;
}

/** Callbell's limit, which the tuned HTTP Request batching is set to. */
export const CALLBELL_REQUESTS_PER_SECOND = 300;

const ITEMS_NODE = 'Contacts to update';
export const CONTENDER_NODE = 'Update contact';

/** Manual trigger → a Code node that makes the items → the contender's node. */
export function benchWorkflow(options: BenchWorkflowOptions): WorkflowImport {
	const itemsCode = [
		`const first = ${options.first};`,
		`return Array.from({ length: ${options.count} }, (_, i) => ({ json: {`,
		`\tid: 'cc' + (first + i).toString(16).padStart(30, '0'),`,
		`\tname: 'Bench contact ' + (first + i),`,
		'} }));',
	].join('\n');
	return {
		id: options.id,
		name: `Benchmark: ${options.contender}`,
		active: false,
		nodes: [
			{
				id: 'b0000000-0000-4000-8000-000000000001',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'b0000000-0000-4000-8000-000000000002',
				name: ITEMS_NODE,
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: itemsCode },
			},
			{
				id: 'b0000000-0000-4000-8000-000000000003',
				name: CONTENDER_NODE,
				position: [440, 0],
				...contenderNode(options),
			},
		],
		connections: {
			Start: { main: [[{ node: ITEMS_NODE, type: 'main', index: 0 }]] },
			[ITEMS_NODE]: { main: [[{ node: CONTENDER_NODE, type: 'main', index: 0 }]] },
		},
		settings: { executionOrder: 'v1' },
	} as WorkflowImport;
}

function contenderNode(options: BenchWorkflowOptions): Record<string, unknown> {
	if (options.contender === 'baseline') {
		return { type: 'n8n-nodes-base.noOp', typeVersion: 1, parameters: {} };
	}
	if (options.contender === 'callbell') {
		return {
			type: NODE_TYPE,
			typeVersion: 1,
			credentials: { [CREDENTIAL_TYPE]: options.credential },
			// Default settings: no Options touched.
			parameters: {
				resource: 'contact',
				operation: 'update',
				contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
				updateFields: { name: '={{ $json.name }}' },
			},
		};
	}
	const batching =
		options.contender === 'httpBatching'
			? { batching: { batch: { batchSize: CALLBELL_REQUESTS_PER_SECOND, batchInterval: 1000 } } }
			: {};
	return {
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		...(options.contender === 'httpRetryOnFail' && { retryOnFail: true }),
		parameters: {
			method: 'PATCH',
			url: `=${options.baseUrl}/contacts/{{ $json.id }}`,
			sendHeaders: true,
			headerParameters: {
				parameters: [{ name: 'Authorization', value: `Bearer ${options.token}` }],
			},
			sendBody: true,
			specifyBody: 'json',
			jsonBody: '={{ JSON.stringify({ name: $json.name }) }}',
			options: batching,
		},
	};
}
