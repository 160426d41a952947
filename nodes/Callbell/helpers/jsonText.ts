/** Values typed as JSON into a text field: a list such as `["a", "b"]`, an object. Pure. */
import type { IDataObject } from 'n8n-workflow';

import { CallbellInputError, quoteValue } from './validation';

/** A JSON array written as text, e.g. `["a","b"]` typed into a field. */
export function looksLikeJsonArray(text: string): boolean {
	const trimmed = text.trim();
	return trimmed.startsWith('[') && trimmed.endsWith(']');
}

export const NOT_JSON = Symbol('not JSON');

export function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return NOT_JSON;
	}
}

export function parseJsonArrayText(field: string, text: string): unknown[] {
	const parsed = parseJson(text);
	if (Array.isArray(parsed)) return parsed;
	throw new CallbellInputError(
		field,
		`${field} looks like a JSON array but is not valid JSON: ${quoteValue(text)}`,
		'Write a list as ["first", "second"] with double quotes, or as plain text.',
	);
}

/** A JSON object (not null, not a list), e.g. a webhook payload or a contact in an answer. */
export function isJsonObject(value: unknown): value is IDataObject {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}
