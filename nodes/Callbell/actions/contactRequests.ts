/**
 * Requests about one contact that several operations share. The contact an operation acts on:
 * By ID (or list, or link) it is the uuid itself; By Phone and By BSUID cost one lookup request,
 * whose answer is the contact.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ContactReference } from '../helpers/locators';
import { apiPath, callbellApiRequest, unwrapContact, type CallbellRequest } from '../transport';
import type { ContactTarget } from './params/contactLocator';

function describeReference(reference: ContactReference): string {
	if (reference.by === 'phone') return `the phone number +${reference.digits}`;
	if (reference.by === 'bsuid') return `the BSUID ${reference.bsuid}`;
	return `the id ${reference.uuid}`;
}

function channelName(channelId: string | undefined): string {
	return channelId === undefined ? 'the main WhatsApp channel' : `channel ${channelId}`;
}

export type LookupTarget = ContactTarget & { reference: Exclude<ContactReference, { by: 'id' }> };

/** `GET /contacts/phone/:digits` (in a channel) or `GET /contacts/bsuid/:bsuid`, with their 404s said plainly. */
function lookupRequest({ reference, channelId }: LookupTarget, qs: IDataObject): CallbellRequest {
	if (reference.by === 'bsuid') {
		return {
			method: 'GET',
			path: apiPath('contacts', 'bsuid', reference.bsuid),
			qs,
			notFoundMessage: `No contact with the BSUID ${reference.bsuid}`,
			notFoundHint:
				'Check the BSUID: it is the WhatsApp business-scoped user id Callbell shows for the contact.',
		};
	}
	return {
		method: 'GET',
		path: apiPath('contacts', 'phone', reference.digits),
		qs: { ...qs, ...(channelId !== undefined && { channel_uuid: channelId }) },
		notFoundMessage: `No contact with the phone number +${reference.digits} in this channel`,
		// Callbell answers 404 for an unknown channel too, and its body does not say which.
		notFoundHint:
			`Callbell has no contact with ${describeReference(reference)} in ` +
			`${channelName(channelId)}${channelId === undefined ? '' : ', or no such channel'}. ` +
			`Check the number and its country code, or choose the channel under Options → Channel.`,
	};
}

async function lookUpContact(
	this: IExecuteFunctions,
	target: LookupTarget,
	itemIndex: number,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const response = await callbellApiRequest.call(this, lookupRequest(target, qs), itemIndex);
	return unwrapContact.call(this, response, itemIndex);
}

/**
 * The contact with this phone number (in the channel) or BSUID, or `undefined` when Callbell has
 * none: one lookup, whose 404 is an answer, not a failure.
 */
export async function findContact(
	this: IExecuteFunctions,
	target: LookupTarget,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	const response = await callbellApiRequest.call(
		this,
		{ ...lookupRequest(target, {}), allowNotFound: true },
		itemIndex,
	);
	return response === undefined ? undefined : unwrapContact.call(this, response, itemIndex);
}

/** The contact with this phone number in the channel, or `undefined` when Callbell has none. */
export async function findContactByPhone(
	this: IExecuteFunctions,
	digits: string,
	channelId: string | undefined,
	itemIndex: number,
): Promise<IDataObject | undefined> {
	return await findContact.call(this, { reference: { by: 'phone', digits }, channelId }, itemIndex);
}

/** The contact's uuid, looked up first when the item names it by phone or BSUID. */
export async function findContactUuid(
	this: IExecuteFunctions,
	target: ContactTarget,
	itemIndex: number,
): Promise<string> {
	const { reference } = target;
	if (reference.by === 'id') return reference.uuid;
	const contact = await lookUpContact.call(this, { ...target, reference }, itemIndex);
	return String(contact.uuid);
}

/** `GET /contacts/:uuid`, or the lookup's answer when there was one: the contact as it is now. */
export async function readContact(
	this: IExecuteFunctions,
	target: ContactTarget,
	itemIndex: number,
	qs: IDataObject = {},
): Promise<IDataObject> {
	const { reference } = target;
	if (reference.by !== 'id')
		return await lookUpContact.call(this, { ...target, reference }, itemIndex, qs);
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'GET',
			path: apiPath('contacts', reference.uuid),
			qs,
			notFoundHint: contactNotFoundHint(reference.uuid),
		},
		itemIndex,
	);
	return unwrapContact.call(this, response, itemIndex);
}

export function contactNotFoundHint(uuid: string): string {
	return `No contact with the id ${uuid} exists in this Callbell account. Check the Contact field.`;
}

/**
 * `PATCH /contacts/:uuid` with a body already checked; answers the updated contact.
 * `unprocessableHint` says what Callbell's 422 means for the fields this operation sends.
 */
export async function patchContact(
	this: IExecuteFunctions,
	uuid: string,
	body: IDataObject,
	itemIndex: number,
	unprocessableHint?: string,
): Promise<IDataObject> {
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'PATCH',
			path: apiPath('contacts', uuid),
			body,
			notFoundHint: contactNotFoundHint(uuid),
			unprocessableHint,
		},
		itemIndex,
	);
	return unwrapContact.call(this, response, itemIndex);
}

/**
 * `POST /contacts`. Not idempotent: Callbell creates a contact per request, so this is sent at
 * most once per item and never retried once it may have reached Callbell.
 */
export async function postContact(
	this: IExecuteFunctions,
	body: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await callbellApiRequest.call(
		this,
		{ method: 'POST', path: apiPath('contacts'), body },
		itemIndex,
	);
	return unwrapContact.call(this, response, itemIndex);
}

/**
 * `POST /contacts/:uuid/conversation/note`: an internal note the contact never sees. Sent once:
 * a POST that may have reached Callbell is never retried (transport/retry.ts).
 */
export async function postConversationNote(
	this: IExecuteFunctions,
	uuid: string,
	text: string,
	itemIndex: number,
): Promise<void> {
	await callbellApiRequest.call(
		this,
		{
			method: 'POST',
			path: apiPath('contacts', uuid, 'conversation', 'note'),
			body: { text },
			notFoundHint: contactNotFoundHint(uuid),
		},
		itemIndex,
	);
}
