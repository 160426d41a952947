/**
 * Reads resource-locator values (list / ID / URL modes) into Callbell ids. Pure: the operation
 * passes in what `getNodeParameter` returned.
 */
import { looksLikePhoneNumber, normalizePhoneNumber, PHONE_EXAMPLE } from './phone';
import {
	CallbellInputError,
	isCallbellUuid,
	quoteValue,
	requireCustomStatusId,
	requireEmail,
	requireNonEmptyString,
	requireUuid,
} from './validation';

export const CONTACT_ID_EXAMPLE = '414a6d692bd645ed803f2e7ce360d4c8';
export const TEAM_ID_EXAMPLE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
export const CHANNEL_ID_EXAMPLE = 'c0ffee00c0ffee00c0ffee00c0ffee01';
export const FUNNEL_ID_EXAMPLE = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f001';
export const TEMPLATE_ID_EXAMPLE = 'd00dfeedd00dfeedd00dfeedd00dfee1';
export const MESSAGE_ID_EXAMPLE = '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e01';
export const CUSTOM_STATUS_ID_EXAMPLE = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
export const USER_ID_EXAMPLE = 'e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1e1';
export const DASHBOARD_HOST = 'dash.callbell.eu';
export const CONTACT_URL_EXAMPLE = `https://${DASHBOARD_HOST}/contacts/${CONTACT_ID_EXAMPLE}`;

export interface ResourceLocatorValue {
	mode?: unknown;
	value?: unknown;
}

function parseUrl(text: string): URL | undefined {
	try {
		return new URL(text);
	} catch {
		return undefined;
	}
}

/** `https://dash.callbell.eu/contacts/<uuid>` (query, hash and a trailing slash tolerated) → uuid. */
export function contactIdFromUrl(field: string, value: unknown): string {
	const hint = `Open the contact in Callbell and copy its link, e.g. ${CONTACT_URL_EXAMPLE}.`;
	const text = typeof value === 'string' ? value.trim() : '';
	if (text === '') throw new CallbellInputError(field, `${field} is empty`, hint);

	const url = parseUrl(text);
	if (!url || !/^https?:$/.test(url.protocol) || url.hostname !== DASHBOARD_HOST) {
		throw new CallbellInputError(
			field,
			`${field} must be a Callbell contact link (https://${DASHBOARD_HOST}/contacts/…), got ${quoteValue(value)}`,
			hint,
		);
	}
	const segments = url.pathname.split('/').filter((segment) => segment !== '');
	if (segments[0] === 'chat' || segments[0] === 'conversations') {
		throw new CallbellInputError(
			field,
			`${field} is a conversation link, not a contact link: ${quoteValue(value)}`,
			`Conversation links do not name the contact. ${hint}`,
		);
	}
	if (segments.length !== 2 || segments[0] !== 'contacts' || !isCallbellUuid(segments[1])) {
		throw new CallbellInputError(
			field,
			`${field} must be a Callbell contact link (https://${DASHBOARD_HOST}/contacts/…), got ${quoteValue(value)}`,
			hint,
		);
	}
	return segments[1].toLowerCase();
}

/** How an operation names its contact: Callbell's uuid, or what Callbell can look it up by. */
export type ContactReference =
	{ by: 'id'; uuid: string } | { by: 'phone'; digits: string } | { by: 'bsuid'; bsuid: string };

export const BSUID_EXAMPLE = 'US.13491208655302741918';

/** A WhatsApp business-scoped user id, checked. */
export function requireBsuid(field: string, value: unknown): string {
	const bsuid = requireNonEmptyString(
		field,
		value,
		`Enter the contact's WhatsApp business-scoped user id (BSUID), e.g. ${BSUID_EXAMPLE}.`,
	);
	if (/\s/.test(bsuid)) {
		throw new CallbellInputError(
			field,
			`${field} must be a BSUID without spaces, got ${quoteValue(value)}`,
		);
	}
	if (!/^[A-Za-z0-9][A-Za-z0-9._:-]*$/.test(bsuid)) {
		throw new CallbellInputError(
			field,
			`${field} must be a BSUID of letters, digits, dots, colons, dashes and underscores, got ${quoteValue(value)}`,
			`A BSUID looks like ${BSUID_EXAMPLE}.`,
		);
	}
	return bsuid;
}

/** Every way a contact can be named, for refusals of a contact that is none of them. */
const CONTACT_FORMS_HINT =
	`Give the contact's phone number with its country code (e.g. ${PHONE_EXAMPLE}), its Callbell ` +
	`link, its WhatsApp BSUID (e.g. ${BSUID_EXAMPLE}) or its id (32 hexadecimal characters, e.g. ${CONTACT_ID_EXAMPLE}).`;

/** A BSUID as WhatsApp issues them: the country, a dot, then letters and digits. */
const BSUID_PATTERN = /^[A-Z]{2}\.[0-9A-Za-z]+$/;

/**
 * A plain string (an AI agent's answer, an expression replacing the whole locator, or a value in
 * From List / By ID mode that is not an id): a link when it looks like one, a BSUID when it has
 * WhatsApp's form, a phone number when it is one (a uuid has 32 characters, a phone number at
 * most 15 digits), else an id.
 */
function contactReferenceFromText(field: string, text: string): ContactReference {
	const trimmed = text.trim();
	if (/^https?:\/\//i.test(trimmed)) return { by: 'id', uuid: contactIdFromUrl(field, text) };
	if (BSUID_PATTERN.test(trimmed)) return { by: 'bsuid', bsuid: trimmed };
	if (looksLikePhoneNumber(text)) return { by: 'phone', digits: normalizePhoneNumber(field, text) };
	if (trimmed.includes('@')) {
		throw new CallbellInputError(
			field,
			`${field} is an email address (${quoteValue(text)}), and Callbell cannot find a contact by email`,
			CONTACT_FORMS_HINT,
		);
	}
	if (trimmed !== '' && !isCallbellUuid(trimmed)) {
		throw new CallbellInputError(
			field,
			`${field} ${quoteValue(text)} is not a phone number, a contact link, a BSUID or a contact id`,
			CONTACT_FORMS_HINT,
		);
	}
	return { by: 'id', uuid: requireUuid(field, text, CONTACT_ID_EXAMPLE, CONTACT_FORMS_HINT) };
}

/** A contact locator in any mode (From List, By ID, By URL, By Phone, By BSUID) → what names the contact. */
export function contactReferenceFromLocator(field: string, locator: unknown): ContactReference {
	if (typeof locator === 'string') return contactReferenceFromText(field, locator);
	// An expression that resolves to a bare phone number.
	if (typeof locator === 'number') return contactReferenceFromText(field, String(locator));
	if (typeof locator !== 'object' || locator === null) {
		throw new CallbellInputError(field, `${field} is empty`, CONTACT_FORMS_HINT);
	}
	const { mode, value } = locator as ResourceLocatorValue;
	switch (mode) {
		case 'url':
			return { by: 'id', uuid: contactIdFromUrl(field, value) };
		case 'phone':
			return { by: 'phone', digits: normalizePhoneNumber(field, value) };
		case 'bsuid':
			return { by: 'bsuid', bsuid: requireBsuid(field, value) };
		default:
			// From List or By ID, filled by an AI agent with what it knows (a phone number, a link) or
			// by an expression: read the text for what it is.
			if (typeof value === 'string' && !isCallbellUuid(value.trim()))
				return contactReferenceFromText(field, value);
			if (typeof value === 'number') return contactReferenceFromText(field, String(value));
			return { by: 'id', uuid: requireUuid(field, value, CONTACT_ID_EXAMPLE, CONTACT_FORMS_HINT) };
	}
}

/** The value of a From List / By ID locator; an AI agent or expression may send the value itself. */
function locatorValue(locator: unknown): unknown {
	return typeof locator === 'object' && locator !== null
		? (locator as ResourceLocatorValue).value
		: locator;
}

/** Whether nothing is chosen in a locator: no value, or only spaces (an optional field left empty). */
export function isEmptyLocator(locator: unknown): boolean {
	const value = locatorValue(locator);
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Any From List / By ID locator of a 32-hex Callbell id (team, channel, funnel, template, custom status, user). */
export function idFromLocator(field: string, locator: unknown, example: string): string {
	return requireUuid(field, locatorValue(locator), example);
}

/** An optional locator (e.g. under Options): nothing chosen → undefined. */
function optionalIdFromLocator(
	field: string,
	locator: unknown,
	example: string,
): string | undefined {
	return isEmptyLocator(locator) ? undefined : requireUuid(field, locatorValue(locator), example);
}

/** A custom status picked, or given By ID (32 hex or a hyphenated UUID); nothing chosen → undefined. */
export function customStatusIdFromLocator(
	field: string,
	locator: unknown,
	required: boolean,
): string | undefined {
	if (!required && isEmptyLocator(locator)) return undefined;
	return requireCustomStatusId(field, locatorValue(locator), CUSTOM_STATUS_ID_EXAMPLE);
}

export function teamIdFromLocator(field: string, locator: unknown): string {
	return idFromLocator(field, locator, TEAM_ID_EXAMPLE);
}

/** Options → Channel: where to look a phone number up, or where to create a contact. */
export function channelIdFromLocator(field: string, locator: unknown): string | undefined {
	return optionalIdFromLocator(field, locator, CHANNEL_ID_EXAMPLE);
}

/** Assigned User: a collaborator picked from the list (its value is the email) or By Email; a plain email from an agent or a saved workflow too. */
export function emailFromLocator(field: string, locator: unknown): string {
	return requireEmail(field, locatorValue(locator));
}
