import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult } from 'n8n-workflow';
import { UserError, Workflow } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import type { CredentialsByType } from './credentials-helper';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';

/**
 * Calls a node's `listSearch` method the way the editor does (n8n-core's LoadOptionsContext for
 * the node in an otherwise empty workflow), so pickers run over real HTTP with real auth.
 */
export async function callListSearch(
	pkg: LoadedPackage,
	node: INode,
	method: string,
	credentials: CredentialsByType,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const workflow = new Workflow({
		id: 'harness-list-search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
	const nodeType = pkg.nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new UserError(`The node ${node.type} has no listSearch method "${method}"`);

	const additionalData = createAdditionalData(
		new HarnessCredentialsHelper(pkg.credentialTypes, credentials),
	);
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, `parameters.${method}`);
	return await search.call(context, filter, paginationToken);
}
