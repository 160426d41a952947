/**
 * The only place that talks HTTP to Callbell. Operations speak in API paths and bodies;
 * this module adds the base URL and auth (through n8n's credential helper, so proxies and
 * credential handling stay n8n's), unwraps answers and turns failures into NodeApiErrors.
 */
import type {
	ICredentialDataDecryptedObject,
	ICredentialsDecrypted,
	IDataObject,
	IExecuteFunctions,
	IHookFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
} from 'n8n-workflow';
import { NodeOperationError, sleep, sleepWithAbort } from 'n8n-workflow';

import { requireNumberIn, requireWholeNumber } from '../helpers/validation';

import { accountKey, isStaleSlot, recordAnswered, recordRateLimited, reserveSlot, timesLowered } from './pacing';
import { createCallbellApiError, createConnectionError, createUnexpectedAnswerError, networkCode } from './errors';
import {
	DEFAULT_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
	decideRetry,
	isIdempotent,
	type AttemptOutcome,
	type RetriesMade,
} from './retry';

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
	/** What a 422 (Callbell refusing a value) means for this request, shown as the error's hint. */
	unprocessableHint?: string;
	/** A 404 is an answer, not a failure: the request then resolves to `undefined`. */
	allowNotFound?: boolean;
}

interface CallbellCredentials {
	apiToken: string;
	baseUrl: string;
	requestsPerSecond: number;
	/** The account whose pace the requests take (pacing.ts). */
	account: string;
	decrypted: ICredentialsDecrypted;
}

export const DEFAULT_REQUESTS_PER_SECOND = 300;

/** `apiPath('contacts', id)` → `/contacts/<id>`, every segment URL-encoded so an id can never
 * climb to another endpoint (`../auth/me`) or smuggle a query string (`x?y=1`). */
export function apiPath(...segments: string[]): string {
	// encodeURIComponent leaves dots alone, and a `..` segment would climb a level.
	const encode = (segment: string) =>
		/^\.+$/.test(segment) ? segment.replace(/\./g, '%2E') : encodeURIComponent(segment);
	return `/${segments.map(encode).join('/')}`;
}

/** Trailing slashes and spaces are tolerated in the credential's base URL. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/**
 * The credential as read once per node run. n8n fetches a credential from its database and
 * decrypts it on every `getCredentials` (and every authenticated request): for 10,000 items that
 * was a third of the node's CPU. Keyed by n8n's context object of the run, so it is dropped with
 * it and no two runs (or credential edits between runs) ever share an entry.
 */
const credentialsOfRun = new WeakMap<CallbellContext, Promise<CallbellCredentials>>();

function readCredentials(this: CallbellContext): Promise<CallbellCredentials> {
	let credentials = credentialsOfRun.get(this);
	if (credentials === undefined) {
		credentials = readCredentialsOnce.call(this);
		credentialsOfRun.set(this, credentials);
	}
	return credentials;
}

async function readCredentialsOnce(this: CallbellContext): Promise<CallbellCredentials> {
	const data = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(String(data.baseUrl ?? ''));
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		throw new NodeOperationError(this.getNode(), 'The Base URL in the Callbell credential is not a web address', {
			description: 'Use https://api.callbell.eu/v1 unless Callbell told you otherwise.',
		});
	}
	// Credentials saved before the field existed have none.
	const requestsPerSecond = Number(data.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
	if (!Number.isFinite(requestsPerSecond) || requestsPerSecond < 1) {
		throw new NodeOperationError(this.getNode(), 'Requests per Second in the Callbell credential must be a number from 1', {
			description: `Use ${DEFAULT_REQUESTS_PER_SECOND}, Callbell's limit, unless other tools use the same account.`,
		});
	}
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const apiToken = String(data.apiToken ?? '');
	return {
		apiToken,
		baseUrl,
		requestsPerSecond,
		account: accountKey(baseUrl, apiToken),
		// Handed to n8n's request helper, so that it does not read the credential again.
		decrypted: { id: reference?.id ?? '', name: reference?.name ?? '', type: CREDENTIAL_TYPE, data },
	};
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : (value as string | undefined);
}

/** Retries and timeout of one item's requests: Options → Retries / Timeout, else the defaults. */
interface RequestSettings {
	retries: number;
	timeoutMs: number;
}

function isExecuteContext(context: CallbellContext): context is IExecuteFunctions {
	return typeof (context as Partial<IExecuteFunctions>).getInputData === 'function';
}

function requestSettings(this: CallbellContext, itemIndex: number | undefined): RequestSettings {
	if (itemIndex === undefined || !isExecuteContext(this)) {
		return { retries: DEFAULT_RETRIES, timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000 };
	}
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		retries: requireWholeNumber('Retries', options.retries ?? DEFAULT_RETRIES, 0, MAX_RETRIES),
		timeoutMs: requireNumberIn('Timeout', options.timeout ?? DEFAULT_TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS) * 1000,
	};
}

/** A 2xx body that was meant to be JSON but is not (axios hands over the raw text then). */
function readBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof body !== 'string' || body.trim() === '') return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
	}
}

/** A request that loses slot after slot (a machine too busy, a pace lowered again and again) still goes out after this many. */
const MAX_RESERVATIONS = 10;

/**
 * Waits for a slot or out a retry; a cancelled execution stops waiting (and so sends nothing
 * more). Each wait gets its own signal: n8n's `sleepWithAbort` leaves its listener on the signal
 * it is given, and on the execution's own signal 10,000 items would pile up tens of thousands.
 */
async function pause(ms: number, cancelSignal: AbortSignal | undefined): Promise<void> {
	// sleepWithAbort is missing from older n8n 1.x releases.
	if (cancelSignal === undefined || typeof sleepWithAbort !== 'function') return await sleep(ms);
	if (cancelSignal.aborted) return;
	const thisWait = new AbortController();
	const stopWaiting = () => thisWait.abort();
	cancelSignal.addEventListener('abort', stopWaiting, { once: true });
	try {
		await sleepWithAbort(ms, thisWait.signal);
	} catch {
		// Cancelled: the caller sees the execution's signal and sends nothing more.
	} finally {
		cancelSignal.removeEventListener('abort', stopWaiting);
	}
}

/**
 * Waits for the account's next slot. A slot is not used if it passed while the event loop was
 * busy (sent late, it would go out in a burst with others), or if a 429 lowered the pace since it
 * was taken: then a new one is taken.
 */
async function takeSlot(account: string, requestsPerSecond: number, cancelSignal: AbortSignal | undefined): Promise<void> {
	for (let reservation = 0; reservation < MAX_RESERVATIONS; reservation++) {
		const reservedAt = Date.now();
		const loweredBefore = timesLowered(account, requestsPerSecond);
		const wait = reserveSlot(account, requestsPerSecond, reservedAt);
		if (wait > 0) await pause(wait, cancelSignal);
		if (cancelSignal?.aborted === true) return;
		const stale = isStaleSlot(reservedAt + wait, Date.now());
		if (!stale && timesLowered(account, requestsPerSecond) === loweredBefore) return;
	}
}

/**
 * Sends one request and returns Callbell's parsed answer; throws NodeApiError on failure.
 * A 429, a 5xx, a timeout or a broken connection is retried inside the node when that is safe
 * (see retry.ts): idempotent requests are, a POST that may have reached Callbell never is.
 */
export async function callbellApiRequest<T = IDataObject>(
	this: CallbellContext,
	request: CallbellRequest,
	itemIndex?: number,
): Promise<T> {
	const { apiToken, baseUrl, requestsPerSecond, account, decrypted } = await readCredentials.call(this);
	const { retries, timeoutMs } = requestSettings.call(this, itemIndex);
	const cancelSignal = isExecuteContext(this) ? this.getExecutionCancelSignal?.() : undefined;
	const errorContext = {
		itemIndex,
		notFoundHint: request.notFoundHint,
		notFoundMessage: request.notFoundMessage,
		unprocessableHint: request.unprocessableHint,
		idempotent: isIdempotent(request.method),
		// The webhook signing secret has no business in any request, but is blanked out all the same.
		secrets: [apiToken, String(decrypted.data?.webhookSecret ?? '')],
	};
	const options: IHttpRequestOptions = {
		method: request.method,
		url: `${baseUrl}${request.path}`,
		headers: { Accept: 'application/json', 'Content-Type': 'application/json' },
		qs: request.qs,
		body: request.body,
		json: true,
		timeout: timeoutMs,
		returnFullResponse: true,
		// Status errors are read here, so Callbell's message and the hint reach the user.
		ignoreHttpStatusErrors: true,
	};
	const described = `${request.method} ${request.path}`;

	const made: RetriesMade = { rateLimited: 0, failures: 0 };
	for (;;) {
		// Every request takes the account's next slot: lookups, pages and retries too.
		await takeSlot(account, requestsPerSecond, cancelSignal);
		// Stopped before or while waiting for the slot (or out a retry): nothing more is sent.
		if (cancelSignal?.aborted === true) {
			throw new NodeOperationError(this.getNode(), `The execution was canceled before ${described} was sent`, { itemIndex });
		}
		let outcome: AttemptOutcome;
		let failure: () => Error;
		try {
			const sentAt = Date.now();
			const response = (await this.helpers.httpRequestWithAuthentication.call(
				this,
				CREDENTIAL_TYPE,
				options,
				{ credentialsDecrypted: decrypted },
			)) as IN8nHttpFullResponse;
			const { statusCode } = response;
			if (statusCode === 429) {
				const lowered = recordRateLimited(account, requestsPerSecond, Date.now(), sentAt);
				if (lowered !== undefined) {
					this.logger.debug(`Callbell: 429 from the account, pace lowered to ${Math.round(lowered)} requests/s`, { itemIndex });
				}
			} else {
				recordAnswered(account, requestsPerSecond, Date.now());
			}
			if (statusCode === 404 && request.allowNotFound === true) return undefined as T;
			// A DELETE whose earlier attempt got no readable answer, now not found: that attempt deleted it.
			if (statusCode === 404 && request.method === 'DELETE' && made.failures > 0) {
				this.logger.debug(`Callbell ${described}: 404 after a retry, so an earlier attempt already deleted it`, { itemIndex });
				return undefined as T;
			}
			if (statusCode >= 200 && statusCode < 300) {
				const body = readBody(response.body);
				if (body.ok) return body.value as T;
				outcome = { kind: 'unreadable' };
				failure = () =>
					createUnexpectedAnswerError(
						this.getNode(),
						`Callbell's answer to ${described} could not be read`,
						errorContext.idempotent
							? 'The answer was cut off or was not JSON. It is safe to try again.'
							: 'The request reached Callbell but its answer was cut off: check in Callbell whether it took effect before running this item again.',
						itemIndex,
					);
			} else {
				const retryAfter = headerValue(response.headers, 'retry-after');
				outcome = { kind: 'status', status: statusCode, retryAfter };
				failure = () =>
					createCallbellApiError(
						this.getNode(),
						{ status: statusCode, statusText: response.statusMessage, body: response.body, retryAfter },
						errorContext,
					);
			}
		} catch (error) {
			outcome = { kind: 'network', code: networkCode(error) };
			// Never rethrow n8n's own error: it carries the request config, Authorization header included.
			failure = () => createConnectionError(this.getNode(), error, baseUrl, errorContext);
		}

		const decision = decideRetry(request.method, outcome, made, retries, Date.now(), Math.random());
		this.logger.debug(
			`Callbell ${described}: ${decision.retry ? `retry ${decision.retryNumber} of ${decision.of} in ${decision.waitMs} ms` : 'not retried'} (${decision.reason})`,
			{ itemIndex },
		);
		if (!decision.retry) throw failure();
		if (outcome.kind === 'status' && outcome.status === 429) made.rateLimited++;
		else made.failures++;
		await pause(decision.waitMs, cancelSignal);
	}
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
