/**
 * Reads resource-locator values (list / ID / URL modes) into Callbell ids. Pure: the operation
 * passes in what `getNodeParameter` returned.
 */
import { CallbellInputError, isCallbellUuid, quoteValue, requireUuid } from './validation';

export const CONTACT_ID_EXAMPLE = '414a6d692bd645ed803f2e7ce360d4c8';
export const TEAM_ID_EXAMPLE = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
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

/**
 * A contact locator in any mode → the contact's uuid. A plain string (an AI agent's answer or an
 * expression replacing the whole locator) is read as a link when it looks like one, else as an id.
 */
export function contactIdFromLocator(field: string, locator: unknown): string {
	if (typeof locator === 'string') {
		return /^https?:\/\//i.test(locator.trim())
			? contactIdFromUrl(field, locator)
			: requireUuid(field, locator, CONTACT_ID_EXAMPLE);
	}
	if (typeof locator !== 'object' || locator === null) {
		throw new CallbellInputError(field, `${field} is empty`, `Enter the contact's id, e.g. ${CONTACT_ID_EXAMPLE}.`);
	}
	const { mode, value } = locator as ResourceLocatorValue;
	return mode === 'url'
		? contactIdFromUrl(field, value)
		: requireUuid(field, value, CONTACT_ID_EXAMPLE);
}

/** A team locator (From List / By ID) → the team's uuid. An AI agent or expression may send the id itself. */
export function teamIdFromLocator(field: string, locator: unknown): string {
	const value =
		typeof locator === 'object' && locator !== null ? (locator as ResourceLocatorValue).value : locator;
	return requireUuid(field, value, TEAM_ID_EXAMPLE);
}
