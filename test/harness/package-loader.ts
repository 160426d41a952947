import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

import { PackageDirectoryLoader } from 'n8n-core';
import type {
	ICredentialType,
	ICredentialTypes,
	IDataObject,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers, UserError } from 'n8n-workflow';

import { ensureN8nEnvironment } from './environment';
import { MANUAL_TRIGGER_NODE_TYPE, ManualTriggerStandIn } from './manual-trigger';
import { TEST_ITEMS_NODE_TYPE, TestItemsTrigger } from './test-items-trigger';

/** The project root: the package whose `package.json` lists the built nodes/credentials. */
export const PROJECT_ROOT = path.resolve(__dirname, '..', '..');

/** Overrides the package root for all harness calls (e.g. to load a fixture package). */
export const PACKAGE_ROOT_ENV = 'N8N_HARNESS_PACKAGE_ROOT';

export interface LoadedPackage {
	root: string;
	packageName: string;
	nodeTypes: HarnessNodeTypes;
	credentialTypes: HarnessCredentialTypes;
	/** Every node's and credential's description as n8n's loader hands them to the editor. */
	descriptions: { nodes: INodeTypeDescription[]; credentials: ICredentialType[] };
}

/**
 * Loads a community-node package with n8n-core's own `PackageDirectoryLoader` (the loader n8n
 * uses for installed community packages): reads `package.json` → `n8n.nodes` / `n8n.credentials`
 * and instantiates each class the way n8n does (class name = file name up to the first dot).
 */
export async function loadPackageFromDirectory(root: string): Promise<LoadedPackage> {
	ensureN8nEnvironment();
	assertPackageFilesExist(root);

	const loader = new PackageDirectoryLoader(root);
	await loader.loadAll();

	return {
		root: loader.directory,
		packageName: loader.packageName,
		nodeTypes: new HarnessNodeTypes(loader, {
			[TEST_ITEMS_NODE_TYPE]: new TestItemsTrigger(),
			[MANUAL_TRIGGER_NODE_TYPE]: new ManualTriggerStandIn(),
		}),
		credentialTypes: new HarnessCredentialTypes(loader),
		descriptions: loader.types,
	};
}

export function defaultPackageRoot(): string {
	return process.env[PACKAGE_ROOT_ENV] ?? PROJECT_ROOT;
}

interface N8nPackageJson {
	n8n?: { nodes?: string[]; credentials?: string[] };
}

/** Fails with an actionable message instead of n8n's "Cannot find module" when `dist/` is stale. */
function assertPackageFilesExist(root: string): void {
	const packageJson = JSON.parse(
		readFileSync(path.join(root, 'package.json'), 'utf8'),
	) as N8nPackageJson;
	const files = [...(packageJson.n8n?.nodes ?? []), ...(packageJson.n8n?.credentials ?? [])];
	const missing = files.filter((file) => !existsSync(path.resolve(root, file)));
	if (missing.length > 0) {
		throw new UserError(
			`Package files listed in ${root}/package.json are missing: ${missing.join(', ')}. ` +
				'Build the package first (npm run build).',
		);
	}
}

/**
 * `INodeTypes` over one loaded package plus the harness's own node types. Node types are
 * addressed as n8n does for community packages: `<package name>.<description.name>`.
 */
export class HarnessNodeTypes implements INodeTypes {
	constructor(
		private readonly loader: PackageDirectoryLoader,
		private readonly harnessTypes: Record<string, INodeType>,
	) {}

	getByName(nodeType: string): INodeType | IVersionedNodeType {
		const harnessType = this.harnessTypes[nodeType];
		if (harnessType !== undefined) return harnessType;
		const localName = this.toPackageLocalName(nodeType);
		const toolOf = localName.endsWith('Tool') ? localName.slice(0, -'Tool'.length) : undefined;
		if (toolOf !== undefined && !(localName in this.loader.known.nodes)) {
			return asAiTool(this.loader.getNode(toolOf).type as INodeType, nodeType);
		}
		return this.loader.getNode(localName).type;
	}

	getByNameAndVersion(nodeType: string, version?: number): INodeType {
		return NodeHelpers.getVersionedNodeType(this.getByName(nodeType), version);
	}

	getKnownTypes(): IDataObject {
		const packageTypes = Object.fromEntries(
			Object.entries(this.loader.known.nodes).map(([name, details]) => [
				`${this.loader.packageName}.${name}`,
				details,
			]),
		);
		const harnessTypes = Object.fromEntries(
			Object.entries(this.harnessTypes).map(([name, type]) => [
				name,
				{ className: type.constructor.name, sourcePath: __dirname },
			]),
		);
		return { ...packageTypes, ...harnessTypes };
	}

	private toPackageLocalName(nodeType: string): string {
		const prefix = `${this.loader.packageName}.`;
		if (!nodeType.startsWith(prefix)) {
			throw new UserError(
				`Unknown node type "${nodeType}": the harness only knows "${prefix}*", "${TEST_ITEMS_NODE_TYPE}" and "${MANUAL_TRIGGER_NODE_TYPE}"`,
			);
		}
		return nodeType.slice(prefix.length);
	}
}

/**
 * The `<name>Tool` variant n8n's CLI derives from a node with `usableAsTool` (its
 * `convertNodeToAiTool`): the same node and `execute`, its description renamed, with an AI tool
 * output and the Tool Description parameters. An AI Agent's tool call runs it through the engine
 * like any node, so `this.getNode().type` ends in `Tool`.
 */
function asAiTool(base: INodeType, nodeType: string): INodeType {
	if (!base.description.usableAsTool) {
		throw new UserError(`"${nodeType}": its node is not usable as a tool`);
	}
	const description: INodeTypeDescription = {
		...base.description,
		name: `${base.description.name}Tool`,
		displayName: `${base.description.displayName} Tool`,
		inputs: [],
		outputs: [NodeConnectionTypes.AiTool],
		usableAsTool: undefined,
		properties: [
			{
				displayName: 'Tool Description',
				name: 'descriptionType',
				type: 'options',
				noDataExpression: true,
				options: [
					{ name: 'Set Automatically', value: 'auto' },
					{ name: 'Set Manually', value: 'manual' },
				],
				default: 'auto',
			},
			{
				displayName: 'Description',
				name: 'toolDescription',
				type: 'string',
				default: base.description.description,
				required: true,
				displayOptions: { show: { descriptionType: ['manual'] } },
			},
			...base.description.properties,
		],
	};
	return Object.assign(Object.create(base) as INodeType, { description });
}

/** `ICredentialTypes` over one loaded package (mirrors n8n's CLI `CredentialTypes`). */
export class HarnessCredentialTypes implements ICredentialTypes {
	constructor(private readonly loader: PackageDirectoryLoader) {}

	recognizes(credentialType: string): boolean {
		return credentialType in this.loader.known.credentials;
	}

	getByName(credentialType: string): ICredentialType {
		return this.loader.getCredential(credentialType).type;
	}

	/** Full node type names, as the CLI's post-processed `known.credentials` hold them. */
	getSupportedNodes(credentialType: string): string[] {
		const shortNames = this.loader.known.credentials[credentialType]?.supportedNodes ?? [];
		return shortNames.map((name) => `${this.loader.packageName}.${name}`);
	}

	getParentTypes(credentialType: string): string[] {
		const parents = this.recognizes(credentialType)
			? (this.getByName(credentialType).extends ?? [])
			: [];
		return parents.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	names(): string[] {
		return Object.keys(this.loader.known.credentials);
	}
}
