import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError, jsonParse } from 'n8n-workflow';

/** Node type of the harness's start node; not part of the package under test. */
export const TEST_ITEMS_NODE_TYPE = 'test.items';

/**
 * Test-only start node: emits the `items` parameter (JSON string or array of objects) as items.
 * It runs as the workflow's start node (the engine feeds it one empty seed item), so every
 * emitted item is paired to that seed item, like the items of n8n's Manual Trigger.
 */
export class TestItemsTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Test Items',
		name: TEST_ITEMS_NODE_TYPE,
		group: ['trigger'],
		version: 1,
		description: 'Emits fixed items (test harness only)',
		defaults: { name: 'Test Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [
			{
				displayName: 'Items',
				name: 'items',
				type: 'json',
				default: '[{}]',
			},
		],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const items = toObjects(this.getNodeParameter('items', 0));
		if (items === undefined) {
			throw new NodeOperationError(this.getNode(), 'Parameter "items" must be an array of objects');
		}
		return [items.map((json) => ({ json, pairedItem: { item: 0 } }))];
	}
}

function toObjects(value: unknown): IDataObject[] | undefined {
	const parsed = typeof value === 'string' ? jsonParse<unknown>(value) : value;
	if (!Array.isArray(parsed)) return undefined;
	return parsed.every(isPlainObject) ? parsed : undefined;
}

function isPlainObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
