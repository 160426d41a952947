import { LoadOptionsContext } from 'n8n-core';
import type { INode, INodeListSearchResult, INodePropertyOptions } from 'n8n-workflow';
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
	const search = pkg.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).methods
		?.listSearch?.[method];
	if (!search) throw new UserError(`The node ${node.type} has no listSearch method "${method}"`);
	return await search.call(
		loadOptionsContext(pkg, node, method, credentials),
		filter,
		paginationToken,
	);
}

/** Calls a node's `loadOptions` method (an options parameter's list) the way the editor does. */
export async function callLoadOptions(
	pkg: LoadedPackage,
	node: INode,
	method: string,
	credentials: CredentialsByType,
): Promise<INodePropertyOptions[]> {
	const load = pkg.nodeTypes.getByNameAndVersion(node.type, node.typeVersion).methods
		?.loadOptions?.[method];
	if (!load) throw new UserError(`The node ${node.type} has no loadOptions method "${method}"`);
	return await load.call(loadOptionsContext(pkg, node, method, credentials));
}

/** n8n-core's LoadOptionsContext for the node in an otherwise empty workflow. */
function loadOptionsContext(
	pkg: LoadedPackage,
	node: INode,
	method: string,
	credentials: CredentialsByType,
): LoadOptionsContext {
	const workflow = new Workflow({
		id: 'harness-list-search',
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: pkg.nodeTypes,
	});
	const additionalData = createAdditionalData(
		new HarnessCredentialsHelper(pkg.credentialTypes, credentials),
	);
	additionalData.currentNodeParameters = node.parameters;
	return new LoadOptionsContext(workflow, node, additionalData, `parameters.${method}`);
}
