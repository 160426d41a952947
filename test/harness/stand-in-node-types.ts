import type { IDataObject, INodeType, INodeTypes, IVersionedNodeType } from 'n8n-workflow';
import { NodeHelpers, UnexpectedError } from 'n8n-workflow';

/**
 * `INodeTypes` over a fixed set of in-memory node types, like the CLI's `mockNodeTypes` used for
 * the throw-away workflows it builds to resolve credential expressions and to test credentials.
 * Always knows the type 'mock' (a node type without properties).
 */
export function standInNodeTypes(types: Record<string, INodeType>): INodeTypes {
	const known: Record<string, INodeType> = {
		mock: { description: { properties: [] } } as unknown as INodeType,
		...types,
	};
	return {
		getKnownTypes: (): IDataObject => ({}),
		getByName: (nodeType: string): INodeType | IVersionedNodeType => lookup(known, nodeType),
		getByNameAndVersion: (nodeType: string, version?: number): INodeType =>
			NodeHelpers.getVersionedNodeType(lookup(known, nodeType), version),
	};
}

function lookup(known: Record<string, INodeType>, nodeType: string): INodeType {
	const type = known[nodeType];
	if (type === undefined)
		throw new UnexpectedError('Unrecognized node type', { tags: { nodeType } });
	return type;
}
