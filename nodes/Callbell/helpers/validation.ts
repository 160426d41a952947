/**
 * Pure input checks. They never touch n8n or the network: a failed check throws a
 * `CallbellInputError` naming the field, and the router turns it into a
 * `NodeOperationError` for the right item before any request is sent.
 */

export class CallbellInputError extends Error {
	constructor(
		/** The field as the user sees it in the node panel, e.g. "Assigned User". */
		readonly field: string,
		message: string,
		/** What the user should do about it. */
		readonly hint?: string,
	) {
		super(message);
		this.name = 'CallbellInputError';
	}
}

const UUID_PATTERN = /^[0-9a-f]{32}$/i;
// Deliberately simple: one @, no spaces, a dot in the domain. Callbell does the real check.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const NOTE_MAX_LENGTH = 1000;

export function isCallbellUuid(value: string): boolean {
	return UUID_PATTERN.test(value);
}

/** Shows a user's value inside an error message without flooding it. */
export function quoteValue(value: unknown): string {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	const shown = text === undefined ? String(value) : text;
	return `"${shown.length > 100 ? `${shown.slice(0, 97)}...` : shown}"`;
}

const HYPHENATED_UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text is an id in one of the forms Callbell uses (32 hex, or a UUID with dashes). */
export function isCallbellId(text: string): boolean {
	return isCallbellUuid(text) || HYPHENATED_UUID_PATTERN.test(text);
}

/**
 * A custom status id: Callbell names it `id`, not `uuid`, and its own example sends one as a
 * hyphenated UUID (`0d6041a2-8b88-…`), so both that form and 32 hex characters are taken, as given.
 */
export function requireCustomStatusId(field: string, value: unknown, example: string): string {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	if (HYPHENATED_UUID_PATTERN.test(trimmed)) return trimmed;
	return requireUuid(field, value, example);
}

/**
 * Checks a 32-hex Callbell id and returns it trimmed and lower-cased. `hint`, when the field
 * takes more than an id (a contact's phone number, a team's name), says what else it takes.
 */
export function requireUuid(field: string, value: unknown, example: string, hint?: string): string {
	if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
		throw new CallbellInputError(
			field,
			`${field} is empty`,
			hint ?? `Enter a Callbell id: 32 hexadecimal characters, e.g. ${example}.`,
		);
	}
	const trimmed = typeof value === 'string' ? value.trim() : '';
	if (!isCallbellUuid(trimmed)) {
		throw new CallbellInputError(
			field,
			`${field} must be a Callbell id of 32 hexadecimal characters, got ${quoteValue(value)}`,
			hint ?? `A Callbell id looks like ${example}.`,
		);
	}
	return trimmed.toLowerCase();
}

export function requireEmail(field: string, value: unknown): string {
	const trimmed = typeof value === 'string' ? value.trim() : '';
	if (!EMAIL_PATTERN.test(trimmed)) {
		throw new CallbellInputError(
			field,
			`${field} must be an email address, got ${quoteValue(value)}`,
			'Enter the email address of a collaborator of your Callbell account, e.g. alice@example.com.',
		);
	}
	return trimmed;
}

export function requireNonEmptyString(field: string, value: unknown, hint: string): string {
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new CallbellInputError(field, `${field} must be text, got ${quoteValue(value)}`, hint);
	}
	const trimmed = String(value).trim();
	if (trimmed === '') throw new CallbellInputError(field, `${field} is empty`, hint);
	return trimmed;
}

/** Counts characters as people (and Callbell) do: an emoji is one character, not two. */
export function characterCount(text: string): number {
	return Array.from(text).length;
}

export function requireOneOf<T extends string>(
	field: string,
	value: unknown,
	allowed: readonly T[],
): T {
	if (typeof value === 'string' && (allowed as readonly string[]).includes(value))
		return value as T;
	throw new CallbellInputError(
		field,
		`${field} must be one of ${allowed.join(', ')}, got ${quoteValue(value)}`,
	);
}

/** The channel types Callbell names; others (Callbell adds networks) are passed on as written. */
export const SOURCES = ['whatsapp', 'instagram', 'facebook', 'telegram'] as const;

/** A channel type such as `whatsapp`: one lower-case word. */
export function requireSource(field: string, value: unknown): string {
	const source = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (!/^[a-z][a-z_]*$/.test(source)) {
		throw new CallbellInputError(
			field,
			`${field} must be a channel type such as ${SOURCES.join(', ')}, got ${quoteValue(value)}`,
		);
	}
	return source;
}

/** A whole number from `min` to `max`, e.g. Options → Retries. */
export function requireWholeNumber(
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
		throw new CallbellInputError(
			field,
			`${field} must be a whole number from ${min} to ${max}, got ${quoteValue(value)}`,
		);
	}
	return value;
}

/** A number from `min` to `max`, e.g. Options → Timeout in seconds. */
export function requireNumberIn(field: string, value: unknown, min: number, max: number): number {
	if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
		throw new CallbellInputError(
			field,
			`${field} must be a number from ${min} to ${max}, got ${quoteValue(value)}`,
		);
	}
	return value;
}

/** A yes/no value: a boolean, or the text "true" / "false" an expression may give. */
export function requireBoolean(field: string, value: unknown): boolean {
	if (typeof value === 'boolean') return value;
	if (value === 'true' || value === 'false') return value === 'true';
	throw new CallbellInputError(field, `${field} must be true or false, got ${quoteValue(value)}`);
}

/**
 * An update with nothing in it is refused before any request: it would change nothing. The one
 * check of every update (contacts, custom statuses); `refusal` says it as its panel names things.
 */
export function requireSomethingToUpdate<T extends object>(
	body: T,
	refusal: { message: string; hint: string },
): T {
	if (Object.keys(body).length === 0)
		throw new CallbellInputError('Update Fields', refusal.message, refusal.hint);
	return body;
}
