import { CredentialTestContext, ExecuteContext, RoutingNode } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	ICredentialTestFunction,
	ICredentialTestRequest,
	ICredentialTestRequestData,
	IExecuteData,
	INode,
	INodeCredentialTestResult,
	INodeExecutionData,
	INodeType,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { NodeHelpers, Workflow, createRunExecutionData } from 'n8n-workflow';

import { createAdditionalData } from './additional-data';
import { HarnessCredentialsHelper } from './credentials-helper';
import type { LoadedPackage } from './package-loader';
import { standInNodeTypes } from './stand-in-node-types';

type CredentialTest = ICredentialTestFunction | ICredentialTestRequestData;
type TestRules = ICredentialTestRequest['rules'];

/** The CLI tests `test`-on-credential requests through a copy of the No-Op node. */
const NO_OP_STAND_IN: INodeType = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		description: 'No Operation',
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

const TEST_CREDENTIAL_DETAILS = { id: 'harness-credential', name: 'Harness credential' };

/**
 * Tests credential data like n8n 1.x's `CredentialsTester.testCredentials`
 * (packages/cli/src/services/credentials-tester.service.ts): finds the test (credential `test`, or a
 * node's `testedBy` request/function), applies defaults and expressions to the data, sends the test
 * request through n8n-core's `RoutingNode` (so `authenticate`/`preAuthentication` and the request
 * helper are the real ones) and evaluates `rules` on the answer or on the HTTP error.
 */
export async function testCredentialOfPackage(
	pkg: LoadedPackage,
	credentialType: string,
	data: ICredentialDataDecryptedObject,
): Promise<INodeCredentialTestResult> {
	const credentialTest = findCredentialTest(pkg, credentialType);
	if (credentialTest === undefined) {
		return { status: 'Error', message: 'No testing function found for this credential.' };
	}

	const credentialsHelper = new HarnessCredentialsHelper(pkg.credentialTypes, {
		[credentialType]: data,
	});
	const additionalData = createAdditionalData(credentialsHelper);

	let credentialsDecrypted: ICredentialsDecrypted;
	try {
		credentialsDecrypted = {
			...TEST_CREDENTIAL_DETAILS,
			type: credentialType,
			data: credentialsHelper.applyDefaultsAndOverwrites(
				additionalData,
				data,
				credentialType,
				'internal',
			),
		};
	} catch (error) {
		return { status: 'Error', message: errorMessage(error) };
	}

	if (typeof credentialTest === 'function') {
		return await credentialTest.call(new CredentialTestContext(), credentialsDecrypted);
	}
	return await runTestRequest(credentialTest, credentialsDecrypted, additionalData);
}

/** Same lookup order as the CLI: the credential's own `test`, then `testedBy` of supporting nodes. */
function findCredentialTest(
	pkg: LoadedPackage,
	credentialType: string,
): CredentialTest | undefined {
	const { test } = pkg.credentialTypes.getByName(credentialType);
	if (test) return { testRequest: test };

	for (const nodeTypeName of pkg.credentialTypes.getSupportedNodes(credentialType)) {
		for (const nodeType of allVersions(pkg.nodeTypes.getByName(nodeTypeName))) {
			const description = nodeType.description.credentials?.find(
				({ name }) => name === credentialType,
			);
			const testedBy = description?.testedBy;
			if (testedBy === undefined) continue;
			if (typeof testedBy !== 'string') return { nodeType, testRequest: testedBy };
			const testFunction = nodeType.methods?.credentialTest?.[testedBy];
			if (testFunction) return testFunction;
		}
	}
	return undefined;
}

/** Newest version first, as the CLI searches versioned nodes for test functions. */
function allVersions(nodeType: ReturnType<LoadedPackage['nodeTypes']['getByName']>): INodeType[] {
	if (!('nodeVersions' in nodeType)) return [nodeType];
	return Object.keys(nodeType.nodeVersions)
		.map(Number)
		.sort((a, b) => b - a)
		.map((version) => NodeHelpers.getVersionedNodeType(nodeType, version));
}

async function runTestRequest(
	{ nodeType = NO_OP_STAND_IN, testRequest }: ICredentialTestRequestData,
	credentialsDecrypted: ICredentialsDecrypted,
	additionalData: IWorkflowExecuteAdditionalData,
): Promise<INodeCredentialTestResult> {
	const testNodeType = declarativeTestNodeType(nodeType, credentialsDecrypted.type, testRequest);
	const node = temporaryNode(testNodeType, credentialsDecrypted);
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: standInNodeTypes({ [node.type]: testNodeType }),
	});
	const executeData: IExecuteData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		createRunExecutionData(),
		0,
		[],
		{ main: [[{ json: {} }]] },
		executeData,
		[],
	);

	let response: INodeExecutionData[][] | undefined;
	try {
		response = await new RoutingNode(context, testNodeType, credentialsDecrypted).runNode();
	} catch (error) {
		return resultFromRequestError(error, testRequest.rules);
	}
	return resultFromResponse(response, testRequest.rules);
}

/** A declarative copy of the node whose only property routes the test request. */
function declarativeTestNodeType(
	nodeType: INodeType,
	credentialType: string,
	testRequest: ICredentialTestRequest,
): INodeType {
	return {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
}

function temporaryNode(nodeType: INodeType, credentials: ICredentialsDecrypted): INode {
	const { name, version } = nodeType.description;
	return {
		id: 'temp',
		name: 'Temp-Node',
		type: name,
		typeVersion: Array.isArray(version) ? version[version.length - 1] : version,
		position: [0, 0],
		parameters: {},
		credentials: { [credentials.type]: { id: credentials.id, name: credentials.name } },
	};
}

interface RequestErrorCause {
	code?: string;
	response?: { status: number; statusText?: string };
}

/** The CLI's catch block: `responseCode` rules, then any non-2xx, then network error codes. */
function resultFromRequestError(error: unknown, rules: TestRules): INodeCredentialTestResult {
	const cause = (error as { cause?: RequestErrorCause } | undefined)?.cause;
	const response = cause?.response;
	if (response) {
		const matchingRule = rules?.find(
			(rule) => rule.type === 'responseCode' && rule.properties.value === response.status,
		);
		if (matchingRule) return { status: 'Error', message: matchingRule.properties.message };
		if (response.status < 199 || response.status > 299) {
			return {
				status: 'Error',
				message: response.statusText || `Received HTTP status code: ${response.status}`,
			};
		}
	} else if (cause?.code) {
		return { status: 'Error', message: cause.code };
	}
	return { status: 'Error', message: errorMessage(error) };
}

/** `responseSuccessBody` rules flag a 2xx answer whose body has `key` equal to `value`. */
function resultFromResponse(
	response: INodeExecutionData[][] | undefined,
	rules: TestRules,
): INodeCredentialTestResult {
	const body = response?.[0]?.[0]?.json;
	for (const rule of rules ?? []) {
		if (
			rule.type === 'responseSuccessBody' &&
			valueAtPath(body, rule.properties.key) === rule.properties.value
		) {
			return { status: 'Error', message: rule.properties.message };
		}
	}
	return { status: 'OK', message: 'Connection successful!' };
}

/** Minimal lodash `get`: dotted keys with optional `[index]` segments. */
function valueAtPath(value: unknown, keyPath: string): unknown {
	return keyPath
		.split(/[.[\]]/)
		.filter((segment) => segment !== '')
		.reduce<unknown>(
			(current, segment) =>
				typeof current === 'object' && current !== null
					? (current as Record<string, unknown>)[segment]
					: undefined,
			value,
		);
}

function errorMessage(error: unknown): string {
	return error instanceof Error ? error.message : String(error);
}
