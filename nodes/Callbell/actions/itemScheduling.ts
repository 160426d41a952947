/**
 * What the router needs to run items side by side: how many at once, and which items act on the
 * same contact (those must keep their input order, so that the last update wins).
 */
import type { IExecuteFunctions } from 'n8n-workflow';

import { contactReferenceFromLocator } from '../helpers/locators';
import { looksLikePhoneNumber, normalizePhoneNumber } from '../helpers/phone';
import { requireWholeNumber } from '../helpers/validation';

/**
 * Enough in flight to reach Callbell's 300 requests/s when answers take 250 ms (75 needed) plus
 * n8n's own time per item under load; measured with `npm run bench`, 100 fell short at 250 ms.
 */
export const DEFAULT_CONCURRENCY = 200;
export const MAX_CONCURRENCY = 500;

/** Options → Concurrency, read once per run from the first item. */
export function readConcurrency(this: IExecuteFunctions): number {
	const { concurrency } = this.getNodeParameter('options', 0, {}) as { concurrency?: unknown };
	return requireWholeNumber('Concurrency', concurrency ?? DEFAULT_CONCURRENCY, 1, MAX_CONCURRENCY);
}

/**
 * The contact an item acts on, as far as its parameters tell before any request: its id, its
 * phone number (By Phone, Create or Update, a WhatsApp Create, a message's To) or its BSUID. Undefined when the
 * item names no contact, or names it badly (the operation then reports that).
 */
export function sameContactKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	try {
		// n8n throws for an absent parameter unless the fallback is defined: null stands for "absent".
		const locator = this.getNodeParameter('contactId', itemIndex, null);
		if (locator !== null) {
			const reference = contactReferenceFromLocator('Contact', locator);
			if (reference.by === 'id') return `id:${reference.uuid}`;
			return reference.by === 'phone' ? `phone:${reference.digits}` : `bsuid:${reference.bsuid}`;
		}
		const phone =
			this.getNodeParameter('phoneNumber', itemIndex, null) ??
			this.getNodeParameter('identifier', itemIndex, null) ??
			this.getNodeParameter('to', itemIndex, null);
		if (typeof phone === 'number' || (typeof phone === 'string' && looksLikePhoneNumber(phone))) {
			return `phone:${normalizePhoneNumber('Phone Number', phone)}`;
		}
		if (typeof phone === 'string' && phone.trim() !== '') return `identifier:${phone.trim()}`;
		// Message → Send to a BSUID.
		const { bsuid } = this.getNodeParameter('additionalFields', itemIndex, {}) as { bsuid?: unknown };
		return typeof bsuid === 'string' && bsuid.trim() !== '' ? `bsuid:${bsuid.trim()}` : undefined;
	} catch {
		return undefined;
	}
}
