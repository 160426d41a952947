/**
 * Contact → Create: `POST /contacts`. Not idempotent, so sent at most once per item (see
 * `postContact`).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	buildContactFieldsBody,
	contactIdentifier,
	createBodyFromFields,
	type ContactUpdateFields,
} from '../../helpers/contactBody';
import { channelIdFromLocator } from '../../helpers/locators';
import { contactOutput } from '../../helpers/output';
import { requireNonEmptyString, requireSource } from '../../helpers/validation';
import { additionalFieldsCollection, showOnlyFor } from '../common.descriptions';
import { postContact } from '../contactRequests';
import { identifierKey } from '../params/contactLocator';
import { createChannelOption } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';
import { sourceParameter } from '../params/source';
import { contactFields } from './contactFields';
import { CHANNEL, TEAM } from '../accountObjects';
import { withObjectIds } from '../params/objectNames';

const properties: INodeProperties[] = [
	{
		displayName: 'Identifier',
		name: 'identifier',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. +39 333 123 4567',
		description:
			'For WhatsApp: the phone number with its country code (spaces, dashes, brackets, a ' +
			"leading + or 00 are fine; sent as + and the digits). For other sources: the contact's " +
			'ID on that platform.',
	},
	{ ...sourceParameter, description: 'The channel type the contact writes from' },
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Jane Doe',
		description: "The contact's name (Callbell requires one)",
	},
	additionalFieldsCollection([
		contactFields.assignedUser,
		contactFields.botStatus,
		createChannelOption,
		contactFields.customFields,
		contactFields.customFieldsJson,
		contactFields.note,
		{
			...contactFields.tags,
			description:
				'Comma-separated tags, or a list from an expression; each tag must exist in Callbell (Settings → Tags)',
		},
		contactFields.teamId,
	]),
	optionsCollection([simplifyOption]),
];

export const description = showOnlyFor('contact', 'create', properties);

export function orderingKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	return identifierKey(this.getNodeParameter('identifier', itemIndex));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const source = requireSource('Source', this.getNodeParameter('source', itemIndex));
	const identifier = contactIdentifier(source, this.getNodeParameter('identifier', itemIndex));
	const name = requireNonEmptyString(
		'Name',
		this.getNodeParameter('name', itemIndex),
		'Callbell needs a name to create a contact.',
	);
	const { channelId, ...fields } = (await withObjectIds.call(
		this,
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		{ teamId: TEAM, channelId: CHANNEL },
		itemIndex,
	)) as ContactUpdateFields & { channelId?: unknown };
	const channelUuid = channelIdFromLocator('Channel', channelId);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const body: IDataObject = {
		identifier,
		source,
		name,
		...createBodyFromFields(buildContactFieldsBody(fields)),
		...(channelUuid !== undefined && { channel_uuid: channelUuid }),
	};
	return contactOutput(await postContact.call(this, body, itemIndex), simplify);
}
