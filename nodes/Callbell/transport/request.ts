/**
 * The only place that talks HTTP to Callbell: one request at the account's pace, its retries
 * when they are safe (retry.ts), its failure turned into a NodeApiError (errors.ts). Operations
 * speak in API paths and bodies; the base URL and auth come from the run's credential, through
 * n8n's credential helper, so proxies and credential handling stay n8n's. Reads no node parameter:
 * an item's Retries and Timeout are handed over by the router (setItemRequestSettings).
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
import { NodeOperationError, sleep, sleepWithAbort } from 'n8n-workflow';

import { readBody } from './answers';
import { CREDENTIAL_TYPE, readCredentials } from './credentials';
import {
	createCallbellApiError,
	createConnectionError,
	createUnexpectedAnswerError,
	networkCode,
} from './errors';
import {
	isStaleSlot,
	recordAnswered,
	recordRateLimited,
	reserveSlot,
	takeTurn,
	giveTurnBack,
	timesLowered,
} from './pacing';
import {
	DEFAULT_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	decideRetry,
	isIdempotent,
	type AttemptOutcome,
	type RetriesMade,
} from './retry';

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

/** `apiPath('contacts', id)` → `/contacts/<id>`, every segment URL-encoded so an id can never
 * climb to another endpoint (`../auth/me`) or smuggle a query string (`x?y=1`). */
export function apiPath(...segments: string[]): string {
	// encodeURIComponent leaves dots alone, and a `..` segment would climb a level.
	const encode = (segment: string) =>
		/^\.+$/.test(segment) ? segment.replace(/\./g, '%2E') : encodeURIComponent(segment);
	return `/${segments.map(encode).join('/')}`;
}

function headerValue(headers: IN8nHttpFullResponse['headers'], name: string): string | undefined {
	const value = headers?.[name] ?? headers?.[name.toLowerCase()];
	return Array.isArray(value) ? value[0] : (value as string | undefined);
}

/** How many times an item's requests are retried and how long each may take. */
export interface RequestSettings {
	retries: number;
	timeoutMs: number;
}

const DEFAULT_REQUEST_SETTINGS: RequestSettings = {
	retries: DEFAULT_RETRIES,
	timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
};

/**
 * Each item's settings while it runs, as the router hands them over, keyed by n8n's context of
 * the run like its credential (credentials.ts): dropped with it, never shared between runs.
 * Requests of no item (pickers, the trigger) take the defaults.
 */
const settingsOfRun = new WeakMap<CallbellContext, Map<number, RequestSettings>>();

/** The router's hand-over, before the item's operation runs. */
export function setItemRequestSettings(
	this: IExecuteFunctions,
	itemIndex: number,
	settings: RequestSettings,
): void {
	let settingsOfItem = settingsOfRun.get(this);
	if (settingsOfItem === undefined) {
		settingsOfItem = new Map();
		settingsOfRun.set(this, settingsOfItem);
	}
	settingsOfItem.set(itemIndex, settings);
}

/** Once the item is done. */
export function clearItemRequestSettings(this: IExecuteFunctions, itemIndex: number): void {
	settingsOfRun.get(this)?.delete(itemIndex);
}

function settingsFor(context: CallbellContext, itemIndex: number | undefined): RequestSettings {
	return (
		(itemIndex === undefined ? undefined : settingsOfRun.get(context)?.get(itemIndex)) ??
		DEFAULT_REQUEST_SETTINGS
	);
}

function isExecuteContext(context: CallbellContext): context is IExecuteFunctions {
	return typeof (context as Partial<IExecuteFunctions>).getInputData === 'function';
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
 * Waits for a turn, then for the account's next slot. A slot is not used if it passed while the
 * event loop was busy (sent late, it would go out in a burst with others), or if a 429 lowered the
 * pace since it was taken: then a new one is taken, in the same turn.
 */
async function takeSlot(
	account: string,
	requestsPerSecond: number,
	cancelSignal: AbortSignal | undefined,
): Promise<void> {
	const cancelled = () => cancelSignal?.aborted === true;
	if (cancelled()) return;
	let wake = () => {};
	const turn = new Promise<void>((resolve) => (wake = resolve));
	// Waiting for a turn needs no listener of its own: the turns are held by requests waiting out
	// their slots, whose waits end at once on cancellation and hand the turns on, each to a
	// request that then sees the cancellation and hands it on in turn.
	if (!takeTurn(account, requestsPerSecond, wake)) await turn;
	try {
		for (let reservation = 0; reservation < MAX_RESERVATIONS; reservation++) {
			// Cancelled while waiting for the turn: no slot is taken (it would be a gap in the pace).
			if (cancelled()) return;
			const reservedAt = Date.now();
			const loweredBefore = timesLowered(account, requestsPerSecond);
			const wait = reserveSlot(account, requestsPerSecond, reservedAt);
			if (wait > 0) await pause(wait, cancelSignal);
			if (cancelled()) return;
			const stale = isStaleSlot(reservedAt + wait, Date.now());
			if (!stale && timesLowered(account, requestsPerSecond) === loweredBefore) return;
		}
	} finally {
		giveTurnBack(account, requestsPerSecond);
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
	const { apiToken, baseUrl, requestsPerSecond, account, decrypted } =
		await readCredentials.call(this);
	const { retries, timeoutMs } = settingsFor(this, itemIndex);
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
			throw new NodeOperationError(
				this.getNode(),
				`The execution was canceled before ${described} was sent`,
				{ itemIndex },
			);
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
					this.logger.debug(
						`Callbell: 429 from the account, pace lowered to ${Math.round(lowered)} requests/s`,
						{ itemIndex },
					);
				}
			} else {
				recordAnswered(account, requestsPerSecond, Date.now(), sentAt);
			}
			if (statusCode === 404 && request.allowNotFound === true) return undefined as T;
			// A DELETE whose earlier attempt got no readable answer, now not found: that attempt deleted it.
			if (statusCode === 404 && request.method === 'DELETE' && made.failures > 0) {
				this.logger.debug(
					`Callbell ${described}: 404 after a retry, so an earlier attempt already deleted it`,
					{ itemIndex },
				);
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
						{
							status: statusCode,
							statusText: response.statusMessage,
							body: response.body,
							retryAfter,
						},
						errorContext,
					);
			}
		} catch (error) {
			outcome = { kind: 'network', code: networkCode(error) };
			// Never rethrow n8n's own error: it carries the request config, Authorization header included.
			failure = () => createConnectionError(this.getNode(), error, baseUrl, errorContext);
		}

		const decision = decideRetry(request.method, outcome, made, retries, Date.now(), Math.random());
		const next = decision.retry
			? `retry ${decision.retryNumber} of ${decision.of} in ${decision.waitMs} ms`
			: 'not retried';
		this.logger.debug(`Callbell ${described}: ${next} (${decision.reason})`, { itemIndex });
		if (!decision.retry) throw failure();
		if (outcome.kind === 'status' && outcome.status === 429) made.rateLimited++;
		else made.failures++;
		await pause(decision.waitMs, cancelSignal);
	}
}
