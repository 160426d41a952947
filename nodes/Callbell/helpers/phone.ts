/**
 * Phone numbers as CRMs store them (`+39 333 123 4567`, `0039 333…`, `(555) 010-9999`,
 * `39-333-1234567`) → the digits with the country code that Callbell looks numbers up by.
 */
import { CallbellInputError, quoteValue } from './validation';

const PHONE_MIN_DIGITS = 6;
const PHONE_MAX_DIGITS = 15;
export const PHONE_EXAMPLE = '+39 333 123 4567';

// Spaces (non-breaking and thin ones too, as spreadsheets paste them), dashes, dots, slashes, brackets.
const SEPARATORS = /[\s\u00a0\u2009\u202f\-–./()]/g;

/** The number's digits with the country code, e.g. `+39 333 123 4567` → `393331234567`. */
export function normalizePhoneNumber(field: string, value: unknown): string {
	const hint = `Enter the number with its country code, e.g. ${PHONE_EXAMPLE} or 0039 333 123 4567.`;
	if (typeof value !== 'string' && typeof value !== 'number') {
		throw new CallbellInputError(
			field,
			`${field} must be a phone number, got ${quoteValue(value)}`,
			hint,
		);
	}
	const text = String(value).trim();
	if (text === '') throw new CallbellInputError(field, `${field} is empty`, hint);

	// `+44 (0)20 …`: the bracketed trunk 0 is dialled only inside the country, never after its code.
	const international = /^(\+|00)/.test(text);
	let digits = (international ? text.replace(/\(\s*0\s*\)/g, '') : text).replace(SEPARATORS, '');
	if (digits.startsWith('+')) digits = digits.slice(1);
	else if (digits.startsWith('00')) digits = digits.slice(2);
	if (!/^\d+$/.test(digits)) {
		throw new CallbellInputError(
			field,
			`${field} must be a phone number, got ${quoteValue(value)}`,
			hint,
		);
	}
	if (digits.length < PHONE_MIN_DIGITS || digits.length > PHONE_MAX_DIGITS) {
		throw new CallbellInputError(
			field,
			`${field} must have ${PHONE_MIN_DIGITS} to ${PHONE_MAX_DIGITS} digits with the country code, got ${quoteValue(value)} (${digits.length} digits)`,
			hint,
		);
	}
	return digits;
}

/**
 * Whether a plain string (an AI agent's answer, an expression) is meant as a phone number rather
 * than a contact id: digits and separators only, and not 32 characters like an id.
 */
export function looksLikePhoneNumber(text: string): boolean {
	const trimmed = text.trim();
	const digits = trimmed.replace(SEPARATORS, '').replace(/^\+/, '');
	return /^\d+$/.test(digits) && (trimmed.startsWith('+') || digits.length < 32);
}
