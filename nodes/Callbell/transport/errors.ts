/**
 * Callbell's error bodies are not documented: this turns whatever comes back (JSON with
 * `error`/`errors`/`message`, plain text, HTML, nothing) into a NodeApiError that carries
 * Callbell's own words, the HTTP status and a hint saying what to do.
 */
import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

export interface CallbellFailure {
	status: number;
	statusText?: string;
	body: unknown;
	retryAfter?: string;
}

export interface ErrorContext {
	itemIndex?: number;
	/** What a 404 means for this request, e.g. "No contact with this id exists…". */
	notFoundHint?: string;
	/** Said instead of Callbell's generic 404 message where the request knows better. */
	notFoundMessage?: string;
	/** What a 422 means for this request, shown as the error's hint. */
	unprocessableHint?: string;
	/** Whether sending the request again is harmless; false for a POST that creates or sends something. */
	idempotent?: boolean;
	/** Strings to blank out of anything shown to the user (the API token). */
	secrets: string[];
}

const MAX_MESSAGE_LENGTH = 300;

function messageFromValue(value: unknown): string | undefined {
	if (typeof value === 'string') return value.trim() || undefined;
	if (Array.isArray(value)) {
		const parts = value.map(messageFromValue).filter((part): part is string => part !== undefined);
		return parts.length > 0 ? parts.join('; ') : undefined;
	}
	if (typeof value === 'object' && value !== null) {
		const object = value as Record<string, unknown>;
		const direct = messageFromValue(object.message) ?? messageFromValue(object.error);
		if (direct) return direct;
		// Rails-style {"field": ["is invalid"]}
		const parts = Object.entries(object).map(([key, detail]) => {
			const text = messageFromValue(detail);
			return text === undefined ? undefined : `${key} ${text}`;
		});
		return messageFromValue(parts.filter((part) => part !== undefined));
	}
	return undefined;
}

function messageFromText(text: string): string | undefined {
	const trimmed = text.trim();
	if (trimmed === '') return undefined;
	try {
		return messageFromBody(JSON.parse(trimmed));
	} catch {
		// not JSON: plain text or an HTML error page from a proxy
	}
	if (/^<(!doctype|html)/i.test(trimmed)) {
		const title = /<title>([^<]*)<\/title>/i.exec(trimmed)?.[1]?.trim();
		return title || undefined;
	}
	return trimmed;
}

/** Callbell's own message from an error body of any shape, or undefined. */
export function messageFromBody(body: unknown): string | undefined {
	if (Buffer.isBuffer(body)) return messageFromText(body.toString('utf8'));
	if (typeof body === 'string') return messageFromText(body);
	if (typeof body !== 'object' || body === null) return undefined;
	const object = body as Record<string, unknown>;
	return (
		messageFromValue(object.errors) ??
		messageFromValue(object.error) ??
		messageFromValue(object.message)
	);
}

/** What to say about trying again after a request that may have reached Callbell. */
const MAY_HAVE_TAKEN_EFFECT =
	'The request may have reached Callbell and taken effect (e.g. the message sent, the ' +
	'contact created, the note added): check in Callbell before running this item again (for ' +
	"a message: the contact's conversation), or use Create or Update for contacts.";

export function hintForStatus(
	failure: CallbellFailure,
	notFoundHint?: string,
	idempotent = true,
): string {
	const { status } = failure;
	if (status === 400) return 'Callbell could not read the request. Check the values of this item.';
	if (status === 401)
		return 'Check the API token in the Callbell credential: create a new one in Callbell under Settings → API keys and paste it into the credential.';
	if (status === 403)
		return "The API token is valid but may not do this. Check your Callbell plan and the token's permissions.";
	if (status === 404)
		return notFoundHint ?? 'Callbell has no such object. Check the id you entered.';
	if (status === 422)
		return (
			'Callbell rejected a value. Every tag, custom field (and its options), collaborator ' +
			'email and team must already exist in the Callbell account (Settings → Tags, Custom ' +
			'fields, Team).'
		);
	if (status === 429) {
		const wait = failure.retryAfter ? ` Callbell asks to wait ${failure.retryAfter} s.` : '';
		return (
			`Callbell's rate limit (300 requests per second per account) was still reached: the node ` +
			`waits out up to 10 in a row, each as long as Callbell asks (up to a minute).${wait} ` +
			`Another tool or n8n instance is using the same account: lower Requests per Second in ` +
			`the Callbell credential, or run this later.`
		);
	}
	if (status >= 500) {
		return idempotent
			? 'Callbell had a problem on its side. The node already retried (Options → Retries); it is safe to try again later.'
			: `Callbell had a problem on its side. ${MAY_HAVE_TAKEN_EFFECT}`;
	}
	return 'Check the values of this item and the Callbell credential.';
}

export function redact(text: string, secrets: string[]): string {
	return secrets
		.filter((secret) => secret.length > 0)
		.reduce((redacted, secret) => redacted.split(secret).join('***'), text);
}

/** n8n's convention for naming the item in a message. */
export function itemSuffix(itemIndex: number | undefined): string {
	return itemIndex === undefined ? '' : ` [item ${itemIndex}]`;
}

function shorten(text: string): string {
	return text.length > MAX_MESSAGE_LENGTH ? `${text.slice(0, MAX_MESSAGE_LENGTH - 3)}...` : text;
}

export function createCallbellApiError(
	node: INode,
	failure: CallbellFailure,
	context: ErrorContext,
): NodeApiError {
	const callbellMessage =
		(failure.status === 404 ? context.notFoundMessage : undefined) ??
		messageFromBody(failure.body) ??
		failure.statusText ??
		`HTTP status ${failure.status}`;
	const message = redact(
		`${shorten(`Callbell answered ${failure.status}: ${callbellMessage}`)}${itemSuffix(context.itemIndex)}`,
		context.secrets,
	);
	// Only plain data goes into the error: the request (and its Authorization header) never does.
	const errorResponse: JsonObject = {
		httpCode: String(failure.status),
		message,
		body: redact(
			typeof failure.body === 'string' ? failure.body : JSON.stringify(failure.body ?? null),
			context.secrets,
		),
	};
	return new NodeApiError(node, errorResponse, {
		message,
		description:
			failure.status === 422 && context.unprocessableHint !== undefined
				? context.unprocessableHint
				: hintForStatus(failure, context.notFoundHint, context.idempotent),
		httpCode: String(failure.status),
		itemIndex: context.itemIndex,
	});
}

/**
 * The network error code of a request that got no answer (ECONNREFUSED, ECONNRESET,
 * ECONNABORTED…): axios puts it in `code`, undici in `cause.code`, and n8n's request helper
 * wraps it into an error whose `httpCode` holds it.
 */
export function networkCode(error: unknown): string | undefined {
	const failure = error as
		{ code?: unknown; httpCode?: unknown; cause?: { code?: unknown } } | undefined;
	const candidates = [failure?.code, failure?.cause?.code, failure?.httpCode];
	return candidates.find(
		(code): code is string => typeof code === 'string' && /^[A-Z][A-Z_]+$/.test(code),
	);
}

const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ECONNABORTED: 'no answer within the timeout',
	ETIMEDOUT: 'no answer within the timeout',
	ESOCKETTIMEDOUT: 'no answer within the timeout',
	EPIPE: 'connection closed while sending',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	EHOSTUNREACH: 'host unreachable',
	ENETUNREACH: 'network unreachable',
	CERT_HAS_EXPIRED: 'its TLS certificate has expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'its TLS certificate is self-signed',
};

/** A request that got no HTTP answer at all (refused, reset, DNS, timeout). */
export function createConnectionError(
	node: INode,
	error: unknown,
	baseUrl: string,
	context: ErrorContext,
): NodeApiError {
	const code = networkCode(error);
	// In words: n8n replaces a whole message that contains a raw code such as ECONNREFUSED.
	const reason = (code !== undefined && NETWORK_REASONS[code]) || 'no answer';
	const message = redact(
		`Could not reach Callbell at ${baseUrl} (${reason})${itemSuffix(context.itemIndex)}`,
		context.secrets,
	);
	return new NodeApiError(node, { message } as JsonObject, {
		message,
		description: `Check the Base URL in the Callbell credential and that this n8n can reach it (proxy, firewall). ${
			context.idempotent === false && code !== 'ECONNREFUSED'
				? MAY_HAVE_TAKEN_EFFECT
				: 'It is safe to try again.'
		}`,
		itemIndex: context.itemIndex,
	});
}

/** A 2xx answer that is not what the endpoint documents (no contact, no list…). */
export function createUnexpectedAnswerError(
	node: INode,
	message: string,
	description: string,
	itemIndex?: number,
): NodeApiError {
	const shown = `${message}${itemSuffix(itemIndex)}`;
	return new NodeApiError(node, { message: shown }, { message: shown, description, itemIndex });
}
