/**
 * Contact → Create or Update: looks the phone number up; a contact found is updated (`PATCH`,
 * only when there is something to change), else one is created (`POST /contacts`). The output
 * says which with `created`.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	buildContactFieldsBody,
	createBodyFromFields,
	type ContactUpdateFields,
} from '../../helpers/contactBody';
import { channelIdFromLocator } from '../../helpers/locators';
import { contactOutput } from '../../helpers/output';
import { normalizePhoneNumber, PHONE_EXAMPLE } from '../../helpers/phone';
import { CallbellInputError, requireSource } from '../../helpers/validation';
import { showOnlyFor } from '../common.descriptions';
import { findContactByPhone, patchContact, postContact } from '../contactRequests';
import { identifierKey } from '../params/contactLocator';
import { createChannelOption } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';
import { sourceParameter } from '../params/source';
import { updateFieldsCollection } from './contactFields';
import { TEAM } from '../accountObjects';
import { withObjectIds } from '../params/objectNames';

const properties: INodeProperties[] = [
	{
		displayName: 'Phone Number',
		name: 'phoneNumber',
		type: 'string',
		required: true,
		default: '',
		placeholder: `e.g. ${PHONE_EXAMPLE}`,
		description:
			"The contact's phone number with its country code, as your CRM stores it: spaces, " +
			'dashes, dots, brackets and a leading + or 00 are fine. Looked up in the main WhatsApp ' +
			'channel unless Options → Channel says otherwise.',
	},
	{
		...updateFieldsCollection,
		description:
			'The fields to set, on the contact found or on the new one. Name is required when the contact has to be created. Only the fields added here are sent.',
	},
	optionsCollection([
		{
			...createChannelOption,
			description:
				"The channel to look the number up in and to create the contact in. Leave empty for the account's main WhatsApp channel.",
		},
		simplifyOption,
		{
			...sourceParameter,
			description: 'The channel type of a contact that has to be created (default whatsapp)',
		},
	]),
];

export const description = showOnlyFor('contact', 'upsert', properties);

/** Items with the same phone number run in input order, so that two of them cannot both create it. */
export function orderingKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return identifierKey(this.getNodeParameter('phoneNumber', itemIndex));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const digits = normalizePhoneNumber(
		'Phone Number',
		this.getNodeParameter('phoneNumber', itemIndex),
	);
	const fields = buildContactFieldsBody(
		(await withObjectIds.call(
			this,
			this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject,
			{ teamId: TEAM },
			itemIndex,
		)) as ContactUpdateFields,
	);
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const channelId = channelIdFromLocator('Channel', options.channelId);
	const source = requireSource('Source', options.source ?? 'whatsapp');

	const found = await findContactByPhone.call(this, digits, channelId, itemIndex);
	if (found !== undefined) {
		// Nothing to change is not an error here: the contact is already as wanted.
		const contact =
			Object.keys(fields).length === 0
				? found
				: await patchContact.call(this, String(found.uuid), fields, itemIndex);
		return { ...contactOutput(contact, options.simplify), created: false };
	}

	if (fields.name === undefined) {
		throw new CallbellInputError(
			'Name',
			`No contact has the phone number +${digits}, and Callbell needs a Name to create one`,
			'Add Name under Update Fields (e.g. {{ $json.fullName }}) so that a new contact can be created.',
		);
	}
	const created = await postContact.call(
		this,
		{
			identifier: `+${digits}`,
			source,
			...createBodyFromFields(fields),
			...(channelId !== undefined && { channel_uuid: channelId }),
		},
		itemIndex,
	);
	return { ...contactOutput(created, options.simplify), created: true };
}
