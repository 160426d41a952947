/**
 * The Contact locator of every contact and conversation operation (from a list, by id, link,
 * phone number or BSUID) with Options → Channel, where a phone number is looked up; how an item
 * is read into the contact it names; and the ordering keys of items that name a contact.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	BSUID_EXAMPLE,
	CONTACT_ID_EXAMPLE,
	CONTACT_URL_EXAMPLE,
	channelIdFromLocator,
	contactReferenceFromLocator,
	type ContactReference,
} from '../../helpers/locators';
import { looksLikePhoneNumber, normalizePhoneNumber, PHONE_EXAMPLE } from '../../helpers/phone';
import { CALLBELL_ID_REGEX, channelLocator } from './objectLocators';

/** The contact picker: from a searchable list, by id, dashboard link, phone number or BSUID. */
const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The Callbell contact: pick it from the list, or give its ID (32 hexadecimal ' +
		'characters), its dashboard link, its phone number with the country code, or its ' +
		'WhatsApp BSUID. A phone number or BSUID costs one extra lookup request.',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a contact...',
			typeOptions: {
				searchListMethod: 'searchContacts',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${CONTACT_ID_EXAMPLE}`,
			hint: "The contact's uuid: 32 hexadecimal characters",
			validation: [
				{
					type: 'regex',
					properties: {
						regex: CALLBELL_ID_REGEX,
						errorMessage: 'A contact id is 32 hexadecimal characters',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: `e.g. ${CONTACT_URL_EXAMPLE}`,
			hint: "The contact's link in the Callbell dashboard (not a conversation link)",
			validation: [
				{
					type: 'regex',
					properties: {
						regex: 'https?://dash\\.callbell\\.eu/contacts/[0-9a-fA-F]{32}/?(?:[?#].*)?$',
						errorMessage: 'Not a Callbell contact link (https://dash.callbell.eu/contacts/…)',
					},
				},
			],
		},
		{
			displayName: 'By Phone',
			name: 'phone',
			type: 'string',
			placeholder: `e.g. ${PHONE_EXAMPLE}`,
			hint:
				'With the country code; spaces, dashes, dots, brackets and a leading + or 00 are fine. ' +
				'Looked up in the main WhatsApp channel unless Options → Channel says otherwise.',
			validation: [
				{
					type: 'regex',
					properties: {
						// \s takes the non-breaking and thin spaces spreadsheets paste; – is an en dash.
						regex: '^\\s*\\+?[0-9\\s().\\-–/]{6,}$',
						errorMessage: 'A phone number with its country code, e.g. +39 333 123 4567',
					},
				},
			],
		},
		{
			displayName: 'By BSUID',
			name: 'bsuid',
			type: 'string',
			placeholder: `e.g. ${BSUID_EXAMPLE}`,
			hint: "The contact's WhatsApp business-scoped user id",
		},
	],
};

/** The Contact locator, its description opened by what the operation does with the contact. */
export function contactLocatorFor(purpose: string): INodeProperties {
	return { ...contactLocator, description: `${purpose} ${contactLocator.description}` };
}

/** Options → Channel of every operation with a Contact locator. */
export const lookupChannelOption: INodeProperties = {
	...channelLocator,
	description:
		"Only for a contact given By Phone: the channel to look the number up in. Leave empty for the account's main WhatsApp channel.",
};

/** What names the contact, read and checked before any request. */
export interface ContactTarget {
	reference: ContactReference;
	/** Options → Channel: where a phone number is looked up (default: the main WhatsApp channel). */
	channelId?: string;
}

/** Reads the Contact locator and Options → Channel of an item. */
export function readContactTarget(this: IExecuteFunctions, itemIndex: number): ContactTarget {
	const reference = contactReferenceFromLocator(
		'Contact',
		this.getNodeParameter('contactId', itemIndex),
	);
	const { channelId } = this.getNodeParameter('options', itemIndex, {}) as { channelId?: unknown };
	return { reference, channelId: channelIdFromLocator('Channel', channelId) };
}

/** A contact's ordering key: items naming the same contact the same way run in input order. */
function contactReferenceKey(reference: ContactReference): string {
	if (reference.by === 'id') return `id:${reference.uuid}`;
	return reference.by === 'phone' ? `phone:${reference.digits}` : `bsuid:${reference.bsuid}`;
}

/** The ordering key of an operation with a Contact locator. */
export function contactKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return contactReferenceKey(
		contactReferenceFromLocator('Contact', this.getNodeParameter('contactId', itemIndex)),
	);
}

/**
 * The ordering key of a phone number or platform id (Create's Identifier, Create or Update's
 * Phone Number, Send's To): a number by its digits, anything else as written.
 */
export function identifierKey(value: unknown): string | undefined {
	if (typeof value === 'number' || (typeof value === 'string' && looksLikePhoneNumber(value))) {
		return `phone:${normalizePhoneNumber('Phone Number', value)}`;
	}
	return typeof value === 'string' && value.trim() !== ''
		? `identifier:${value.trim()}`
		: undefined;
}
