import { Credentials, getAdditionalKeys } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	ICredentialsExpressionResolveValues,
	IExecuteData,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeParameters,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowDataProxyAdditionalKeys,
	IWorkflowExecuteAdditionalData,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { ICredentialsHelper, NodeHelpers, UserError, Workflow, isExpression } from 'n8n-workflow';

import type { HarnessCredentialTypes } from './package-loader';
import { standInNodeTypes } from './stand-in-node-types';

/** Credential data per credential type name: the harness keeps one account per type. */
export type CredentialsByType = Record<string, ICredentialDataDecryptedObject>;

/** Placeholder node for resolving credential expressions outside an execution (as the CLI does). */
const STAND_IN_NODE: INode = {
	id: 'credentials-stand-in',
	name: '',
	type: 'mock',
	typeVersion: 1,
	position: [0, 0],
	parameters: {},
};

/**
 * In-memory replacement for n8n's CLI `CredentialsHelper` (packages/cli/src/credentials-helper.ts):
 * same defaults/expression handling and the same `authenticate`/`preAuthentication` semantics,
 * but the "database" is the plain credential data handed to the harness.
 */
export class HarnessCredentialsHelper extends ICredentialsHelper {
	private readonly store: Map<string, ICredentialDataDecryptedObject>;

	constructor(
		private readonly credentialTypes: HarnessCredentialTypes,
		credentials: CredentialsByType = {},
	) {
		super();
		this.store = new Map(Object.entries(credentials).map(([type, data]) => [type, { ...data }]));
	}

	getParentTypes(name: string): string[] {
		return this.credentialTypes.getParentTypes(name);
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow: Workflow,
		node: INode,
	): Promise<IHttpRequestOptions> {
		const { authenticate } = this.credentialTypes.getByName(typeName);
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions as IHttpRequestOptions);
		}
		if (authenticate?.type === 'generic') {
			requestOptions.headers ??= {};
			const target = requestOptions as unknown as Record<string, Record<string, unknown>>;
			const resolve = (value: string) => resolveWithCredentials(value, credentials, workflow, node);
			for (const [optionName, entries] of Object.entries(authenticate.properties)) {
				// Only the object-valued options (headers, qs, body, auth) carry key/value pairs.
				if (typeof entries !== 'object' || entries === null) continue;
				target[optionName] ??= {};
				for (const [key, value] of Object.entries(entries as Record<string, string>)) {
					target[optionName][resolve(key)] = resolve(value);
				}
			}
		}
		return requestOptions as IHttpRequestOptions;
	}

	/**
	 * Runs the credential's `preAuthentication` (e.g. token exchange) when its expirable property
	 * is empty, the token was rejected (401 → `credentialsExpired`), or a credential test runs.
	 */
	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property.typeOptions?.expirable === true,
		);
		if (expirableProperty === undefined || typeof credentialType.preAuthentication !== 'function') {
			return undefined;
		}

		// The CLI recognises a credential test by its temp node (see CredentialsTester).
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		const mustRefresh =
			credentials[expirableProperty.name] === '' || credentialsExpired || isTestingCredentials;
		if (!mustRefresh) return undefined;

		const output = await credentialType.preAuthentication.call(helpers, credentials);
		if (output[expirableProperty.name] === undefined || !node.credentials) return undefined;

		const updated = Object.assign(credentials, output);
		await this.updateCredentials(node.credentials[typeName], typeName, updated);
		return updated;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<Credentials> {
		const credentials = new Credentials(nodeCredentials, type);
		credentials.setData(this.storedData(nodeCredentials, type));
		return credentials;
	}

	async getDecrypted(
		additionalData: IWorkflowExecuteAdditionalData,
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		raw?: boolean,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.storedData(nodeCredentials, type);
		if (raw === true) return data;
		return this.applyDefaultsAndOverwrites(
			additionalData,
			data,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Fills in the credential type's defaults and resolves expressions in the data (CLI 1.x logic). */
	applyDefaultsAndOverwrites(
		additionalData: IWorkflowExecuteAdditionalData,
		decryptedDataOriginal: ICredentialDataDecryptedObject,
		type: string,
		mode: WorkflowExecuteMode,
		executeData?: IExecuteData,
		expressionResolveValues?: ICredentialsExpressionResolveValues,
	): ICredentialDataDecryptedObject {
		const withDefaults = NodeHelpers.getNodeParameters(
			this.getCredentialsProperties(type),
			decryptedDataOriginal as INodeParameters,
			true,
			false,
			null,
			null,
		) as ICredentialDataDecryptedObject;
		if (decryptedDataOriginal.oauthTokenData !== undefined) {
			withDefaults.oauthTokenData = decryptedDataOriginal.oauthTokenData;
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null);
		if (expressionResolveValues) {
			return resolveInExecution(
				withDefaults,
				expressionResolveValues,
				mode,
				additionalKeys,
				executeData,
			);
		}
		return resolveOutsideExecution(withDefaults, mode, additionalKeys);
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, { ...data });
	}

	async updateCredentialsOauthTokenData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		const current = this.storedData(nodeCredentials, type);
		this.store.set(type, { ...current, oauthTokenData: data.oauthTokenData });
	}

	/** Properties of the type, merged with those of the types it `extends` (own ones win). */
	getCredentialsProperties(type: string): INodeProperties[] {
		const credentialType = this.credentialTypes.getByName(type);
		if (credentialType.extends === undefined) return credentialType.properties;

		const combined: INodeProperties[] = [];
		for (const parentType of credentialType.extends) {
			if (this.credentialTypes.recognizes(parentType)) {
				NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parentType));
			}
		}
		NodeHelpers.mergeNodeProperties(combined, credentialType.properties);
		return combined;
	}

	private storedData(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): ICredentialDataDecryptedObject {
		const data = this.store.get(type);
		if (data === undefined) {
			// Same wording as the CLI's CredentialNotFoundError.
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return { ...data };
	}
}

function resolveWithCredentials(
	value: string,
	credentials: ICredentialDataDecryptedObject,
	workflow: Workflow,
	node: INode,
): string {
	if (!isExpression(value)) return value;
	const resolved = workflow.expression.getSimpleParameterValue(
		node,
		value,
		'internal',
		{ $credentials: credentials },
		undefined,
		'',
	);
	return resolved ? resolved.toString() : '';
}

function resolveInExecution(
	data: ICredentialDataDecryptedObject,
	{
		workflow,
		runExecutionData,
		runIndex,
		itemIndex,
		node,
		connectionInputData,
	}: ICredentialsExpressionResolveValues,
	mode: WorkflowExecuteMode,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
	executeData?: IExecuteData,
): ICredentialDataDecryptedObject {
	try {
		return workflow.expression.getParameterValue(
			data as INodeParameters,
			runExecutionData,
			runIndex,
			itemIndex,
			node.name,
			connectionInputData,
			mode,
			additionalKeys,
			executeData,
			false,
			data,
		) as ICredentialDataDecryptedObject;
	} catch (error) {
		if (error instanceof Error) error.message += ' [Error resolving credentials]';
		throw error;
	}
}

function resolveOutsideExecution(
	data: ICredentialDataDecryptedObject,
	mode: WorkflowExecuteMode,
	additionalKeys: IWorkflowDataProxyAdditionalKeys,
): ICredentialDataDecryptedObject {
	const workflow = new Workflow({
		nodes: [STAND_IN_NODE],
		connections: {},
		active: false,
		nodeTypes: standInNodeTypes({}),
	});
	return workflow.expression.getComplexParameterValue(
		STAND_IN_NODE,
		data as INodeParameters,
		mode,
		additionalKeys,
		undefined,
		undefined,
		data,
	) as ICredentialDataDecryptedObject;
}
