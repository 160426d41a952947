/** Callbell's answers as the operations need them: the body read, the object unwrapped from its key. */
import type { IDataObject } from 'n8n-workflow';

import { createUnexpectedAnswerError } from './errors';
import type { CallbellContext } from './request';

/** A 2xx body that was meant to be JSON but is not (axios hands over the raw text then). */
export function readBody(body: unknown): { ok: true; value: unknown } | { ok: false } {
	if (typeof body !== 'string' || body.trim() === '') return { ok: true, value: body };
	try {
		return { ok: true, value: JSON.parse(body) };
	} catch {
		return { ok: false };
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
export function unwrapContact(
	this: CallbellContext,
	response: unknown,
	itemIndex?: number,
): IDataObject {
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
