/**
 * In-process n8n execution harness: runs this package's built nodes (dist/) through n8n-core's
 * real `WorkflowExecute`, with real HTTP via n8n-core's request helpers. Call `shutdownHarness()`
 * in `afterAll` of every test file that uses it.
 */
import { randomUUID } from 'node:crypto';

import type {
	ExecutionBaseError,
	IConnections,
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeCredentials,
	INodeExecutionData,
	INodeListSearchResult,
	INodePropertyOptions,
	INodeParameters,
	INodeType,
	IRunData,
} from 'n8n-workflow';

import { testCredentialOfPackage } from './credential-tester';
import { callListSearch, callLoadOptions } from './list-search';
import type { CredentialsByType } from './credentials-helper';
import { listenToLogs, shutdownN8nEnvironment } from './environment';
import type { ExecuteOptions, WorkflowDefinition } from './execute';
import { executeWorkflow, firstOutputItems } from './execute';
import type { LoadedPackage } from './package-loader';
import { defaultPackageRoot, loadPackageFromDirectory } from './package-loader';
import { TEST_ITEMS_NODE_TYPE } from './test-items-trigger';
import { TriggerUnderTest, type TriggerOptions } from './webhook';

export type { TriggerUnderTest, WebhookAnswer, WebhookDelivery, WebhookRequest } from './webhook';

export { PACKAGE_ROOT_ENV, PROJECT_ROOT } from './package-loader';
export type { LoadedPackage, WorkflowDefinition };
export { TEST_ITEMS_NODE_TYPE };

export interface CallbellCredentialData {
	apiToken: string;
	baseUrl: string;
	requestsPerSecond?: number;
}

export interface RunResult {
	/** output items of the node under test, first output (main[0]) — [] if none */
	items: INodeExecutionData[];
	/** per-node run data from the execution */
	runData: IRunData;
	/** the execution-level error (e.g. the node threw and continueOnFail is off), else undefined */
	error?: ExecutionBaseError | Error;
}

export interface RunNodeOptions {
	parameters: INodeParameters;
	/** default [{}] */
	items?: IDataObject[];
	/** default none (the node then fails on missing credentials) */
	credentials?: CallbellCredentialData;
	/** sets the node setting onError: 'continueRegularOutput' */
	continueOnFail?: boolean;
	/** default 'n8n-nodes-callbell.callbell' */
	nodeType?: string;
	/** default 1 */
	typeVersion?: number;
	/** aborting it stops the execution as n8n's Stop button does (see ExecuteOptions in execute.ts) */
	cancelSignal?: AbortSignal;
}

export interface RunWorkflowOptions {
	credentials?: CallbellCredentialData;
	/** Called as each node starts and finishes. */
	onNode?: ExecuteOptions['onNode'];
}

export interface RunWorkflowResult {
	runData: IRunData;
	error?: Error;
	lastNodeItems: INodeExecutionData[];
}

export const DEFAULT_NODE_TYPE = 'n8n-nodes-callbell.callbell';
export const DEFAULT_CREDENTIAL_TYPE = 'callbellApi';
const TRIGGER_NAME = 'Test Items';

let activePackage: Promise<LoadedPackage> | undefined;

/**
 * Selects (and loads) the package whose nodes/credentials the harness runs. Without a call, the
 * first harness call loads $N8N_HARNESS_PACKAGE_ROOT or else the project root (its built dist/).
 */
export async function loadPackage(options: { root?: string } = {}): Promise<LoadedPackage> {
	activePackage = loadPackageFromDirectory(options.root ?? defaultPackageRoot());
	return await activePackage;
}

async function currentPackage(): Promise<LoadedPackage> {
	return await (activePackage ?? loadPackage());
}

/**
 * Run one package node with the given parameters over the given input items. The items come from
 * the harness's test trigger ('test.items'), connected to the node's first input.
 */
export async function runNode(options: RunNodeOptions): Promise<RunResult> {
	const pkg = await currentPackage();
	const nodeType = pkg.nodeTypes.getByNameAndVersion(
		options.nodeType ?? DEFAULT_NODE_TYPE,
		options.typeVersion ?? 1,
	);
	const node = nodeUnderTest(nodeType, options);
	const trigger = testItemsNode(options.items ?? [{}]);
	const { runData, error } = await executeWorkflow(
		pkg,
		{ nodes: [trigger, node], connections: connectMain(trigger.name, node.name) },
		credentialsForAllTypes(pkg, options.credentials),
		{ cancelSignal: options.cancelSignal },
	);
	return { items: firstOutputItems(runData, node.name), runData, error };
}

/**
 * Run a workflow fixture ({nodes, connections} as exported from n8n). With `credentials`, package
 * nodes that declare credentials but reference none get a reference to them injected.
 */
export async function runWorkflow(
	workflow: WorkflowDefinition,
	options: RunWorkflowOptions = {},
): Promise<RunWorkflowResult> {
	const pkg = await currentPackage();
	const nodes = structuredClone(workflow.nodes);
	if (options.credentials) nodes.forEach((node) => attachMissingCredentials(pkg, node));

	const { runData, error, lastNodeExecuted } = await executeWorkflow(
		pkg,
		{ ...workflow, nodes },
		credentialsForAllTypes(pkg, options.credentials),
		{ onNode: options.onNode },
	);
	return { runData, error, lastNodeItems: firstOutputItems(runData, lastNodeExecuted) };
}

/** Run the credential type's test the way n8n's CredentialsTester does (see credential-tester.ts). */
export async function testCredential(
	credentials: CallbellCredentialData,
	credentialType: string = DEFAULT_CREDENTIAL_TYPE,
): Promise<{ status: 'OK' | 'Error'; message: string }> {
	const pkg = await currentPackage();
	const { status, message } = await testCredentialOfPackage(
		pkg,
		credentialType,
		toCredentialData(credentials),
	);
	return { status, message };
}

/** Calls one of the node's `listSearch` methods (a resource-locator picker) like the editor does. */
export async function searchList(options: {
	method: string;
	credentials: CallbellCredentialData;
	filter?: string;
	paginationToken?: string;
	nodeType?: string;
}): Promise<INodeListSearchResult> {
	const pkg = await currentPackage();
	const node = nodeUnderTest(
		pkg.nodeTypes.getByNameAndVersion(options.nodeType ?? DEFAULT_NODE_TYPE, 1),
		{
			parameters: {},
			credentials: options.credentials,
			nodeType: options.nodeType,
		},
	);
	return await callListSearch(
		pkg,
		node,
		options.method,
		credentialsForAllTypes(pkg, options.credentials),
		options.filter,
		options.paginationToken,
	);
}

/** Calls one of the node's `loadOptions` methods (an options parameter's list) like the editor does. */
export async function loadOptions(options: {
	method: string;
	credentials: CallbellCredentialData;
	nodeType?: string;
}): Promise<INodePropertyOptions[]> {
	const pkg = await currentPackage();
	const node = nodeUnderTest(
		pkg.nodeTypes.getByNameAndVersion(options.nodeType ?? DEFAULT_NODE_TYPE, 1),
		{
			parameters: {},
			credentials: options.credentials,
			nodeType: options.nodeType,
		},
	);
	return await callLoadOptions(
		pkg,
		node,
		options.method,
		credentialsForAllTypes(pkg, options.credentials),
	);
}

/** A trigger node of this package with these parameters, ready to activate and receive requests (webhook.ts). */
export async function triggerUnderTest(
	options: TriggerOptions & {
		nodeType: string;
		parameters: INodeParameters;
		credentials: CallbellCredentialData & { webhookSecret?: string };
		/** The node's identity as a saved workflow has it; default: a new id and webhook id. */
		saved?: Pick<INode, 'id' | 'name' | 'webhookId'>;
	},
): Promise<TriggerUnderTest> {
	const pkg = await currentPackage();
	const nodeType = pkg.nodeTypes.getByNameAndVersion(options.nodeType, 1);
	const node: INode = {
		...nodeUnderTest(nodeType, {
			parameters: options.parameters,
			credentials: options.credentials,
			nodeType: options.nodeType,
		}),
		webhookId: randomUUID(),
		...options.saved,
	};
	const data = {
		...toCredentialData(options.credentials),
		...(options.credentials.webhookSecret !== undefined && {
			webhookSecret: options.credentials.webhookSecret,
		}),
	};
	const credentials = Object.fromEntries(pkg.credentialTypes.names().map((type) => [type, data]));
	return new TriggerUnderTest(pkg, node, credentials, options);
}

/** Stops n8n-core's background timers and removes the harness's temp folder; call in afterAll. */
export async function shutdownHarness(): Promise<void> {
	activePackage = undefined;
	await shutdownN8nEnvironment();
}

function nodeUnderTest(nodeType: INodeType, options: RunNodeOptions): INode {
	const { description } = nodeType;
	return {
		id: randomUUID(),
		name: description.defaults.name ?? description.displayName,
		type: options.nodeType ?? DEFAULT_NODE_TYPE,
		typeVersion: options.typeVersion ?? 1,
		position: [250, 0],
		parameters: options.parameters,
		...(options.continueOnFail && { onError: 'continueRegularOutput' }),
		...(options.credentials && { credentials: credentialReferences(nodeType) }),
	};
}

function testItemsNode(items: IDataObject[]): INode {
	return {
		id: randomUUID(),
		name: TRIGGER_NAME,
		type: TEST_ITEMS_NODE_TYPE,
		typeVersion: 1,
		position: [0, 0],
		// A JSON string, as n8n stores a 'json' parameter edited in the UI.
		parameters: { items: JSON.stringify(items) },
	};
}

function connectMain(from: string, to: string): IConnections {
	return { [from]: { main: [[{ node: to, type: 'main', index: 0 }]] } };
}

/** References to every credential type the node declares (what selecting an account in the UI stores). */
function credentialReferences(nodeType: INodeType): INodeCredentials {
	const declared = nodeType.description.credentials ?? [];
	return Object.fromEntries(
		declared.map(({ name }) => [name, { id: `harness-${name}`, name: `${name} (test harness)` }]),
	);
}

function attachMissingCredentials(pkg: LoadedPackage, node: INode): void {
	if (node.credentials !== undefined || node.type === TEST_ITEMS_NODE_TYPE) return;
	const references = credentialReferences(
		pkg.nodeTypes.getByNameAndVersion(node.type, node.typeVersion),
	);
	if (Object.keys(references).length > 0) node.credentials = references;
}

/** The same account for every credential type of the package (the harness holds one per type). */
function credentialsForAllTypes(
	pkg: LoadedPackage,
	credentials: CallbellCredentialData | undefined,
): CredentialsByType {
	if (credentials === undefined) return {};
	const data = toCredentialData(credentials);
	return Object.fromEntries(pkg.credentialTypes.names().map((type) => [type, data]));
}

function toCredentialData(credentials: CallbellCredentialData): ICredentialDataDecryptedObject {
	return { ...credentials };
}

/** Records the debug messages nodes log through `this.logger`, until `stop()`. */
export function recordDebugLogs(): { lines: string[]; stop(): void } {
	return recordLogs('debug');
}

/** Records what is logged at `level` (e.g. a trigger's warnings) until `stop()`. */
export function recordLogs(level: string): { lines: string[]; stop(): void } {
	const lines: string[] = [];
	const stop = listenToLogs((logged, message) => {
		if (logged === level) lines.push(message);
	});
	return { lines, stop };
}
