/**
 * The only place that talks HTTP to Callbell. Operations speak in API paths and bodies;
 * this module adds the base URL and auth (through n8n's credential helper, so proxies and
 * credential handling stay n8n's), unwraps answers and turns failures into NodeApiErrors.
 */
import type {
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createCallbellApiError, createConnectionError, createUnexpectedAnswerError } from './errors';

export const CREDENTIAL_TYPE = 'callbellApi';

export type CallbellContext = IExecuteFunctions | ILoadOptionsFunctions | IHookFunctions;

export interface CallbellRequest {
	method: IHttpRequestMethods;
	/** Path below the base URL, built with `apiPath` so ids are URL-encoded. */
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** What a 404 means for this request, shown as the error's hint. */
	notFoundHint?: string;
	/** What a 404 means, said as the error message instead of Callbell's generic one. */
	notFoundMessage?: string;
	/** A 404 is an answer, not a failure: the request then resolves to `undefined`. */
	allowNotFound?: boolean;
}

interface CallbellCredentials {
	apiToken: string;
	baseUrl: string;
}

/** `apiPath('contacts', id)` → `/contacts/<id>`, every segment URL-encoded so an id can never
 * climb to another endpoint (`../auth/me`) or smuggle a query string (`x?y=1`). */
export function apiPath(...segments: string[]): string {
	return `/${segments.map((segment) => encodeURIComponent(segment)).join('/')}`;
}

/** Trailing slashes and spaces are tolerated in the credential's base URL. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

async function readCredentials(this: CallbellContext): Promise<CallbellCredentials> {
	const credentials = await this.getCredentials<CallbellCredentials>(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(String(credentials.baseUrl ?? ''));
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), 'The Base URL in the Callbell credential is not a web address', {
			description: 'Use https://api.callbell.eu/v1 unless Callbell told you otherwise.',
		});
	}
	return { apiToken: String(credentials.apiToken ?? ''), baseUrl };
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : (value as string | undefined);
}

/** Sends one request and returns Callbell's parsed answer; throws NodeApiError on failure. */
export async function callbellApiRequest<T = IDataObject>(
	this: CallbellContext,
	request: CallbellRequest,
	itemIndex?: number,
): Promise<T> {
	const { apiToken, baseUrl } = await readCredentials.call(this);
	const errorContext = {
		itemIndex,
		notFoundHint: request.notFoundHint,
		notFoundMessage: request.notFoundMessage,
		secrets: [apiToken],
	};
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		qs: request.qs,
		body: request.body,
		json: true,
		returnFullResponse: true,
		// Status errors are read here, so Callbell's message and the hint reach the user.
		ignoreHttpStatusErrors: true,
	};

	let response: IN8nHttpFullResponse;
	try {
		response = (await this.helpers.httpRequestWithAuthentication.call(
			this,
			CREDENTIAL_TYPE,
			options,
		)) as IN8nHttpFullResponse;
	} catch (error) {
		// Never rethrow n8n's own error: it carries the request config, Authorization header included.
		throw createConnectionError(this.getNode(), error, baseUrl, errorContext);
	}

	if (response.statusCode === 404 && request.allowNotFound === true) return undefined as T;
	if (response.statusCode < 200 || response.statusCode >= 300) {
		throw createCallbellApiError(
			this.getNode(),
			{
				status: response.statusCode,
				statusText: response.statusMessage,
				body: response.body,
				retryAfter: headerValue(response.headers, 'retry-after'),
			},
			errorContext,
		);
	}
	return response.body as T;
}

/**
 * The object under `key` in Callbell's answer, e.g. `bot` in `{bot: {...}}`. Single-object
 * answers are documented both as `{key: {...}}` and `{key: [{...}]}` (seen for contacts);
 * either way the object itself is returned.
 */
export function unwrapObject(
	this: CallbellContext,
	response: unknown,
	key: string,
	itemIndex?: number,
): IDataObject {
	const wrapped = (response as Record<string, unknown> | undefined)?.[key];
	const object = Array.isArray(wrapped) ? wrapped[0] : wrapped;
	if (typeof object !== 'object' || object === null || Array.isArray(object)) {
		throw createUnexpectedAnswerError(
			this.getNode(),
			`Callbell answered without a ${key}`,
			`The request went through but the answer had no "${key}". Check the ${key} in Callbell.`,
			itemIndex,
		);
	}
	return object as IDataObject;
}

/** The contact in a single-contact answer; operations act on its `uuid`, so one without is refused. */
export function unwrapContact(this: CallbellContext, response: unknown, itemIndex?: number): IDataObject {
	const contact = unwrapObject.call(this, response, 'contact', itemIndex);
	if (typeof contact.uuid !== 'string' || contact.uuid === '') {
		throw createUnexpectedAnswerError(
			this.getNode(),
			'Callbell answered with a contact that has no uuid',
			'The request went through but the contact in the answer had no "uuid". Check the contact in Callbell.',
			itemIndex,
		);
	}
	return contact;
}
