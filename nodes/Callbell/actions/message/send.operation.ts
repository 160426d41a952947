/**
 * Message → Send: `POST /messages/send` (text, image, document, audio, video, or a WhatsApp
 * template). Every combination is checked before sending (helpers/sendBody.ts), and the request
 * is sent at most once: the transport never repeats a POST that may have reached Callbell.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TEMPLATE_ID_EXAMPLE } from '../../helpers/locators';
import {
	MEDIA_TYPES,
	MEDIA_URL_EXAMPLE,
	METADATA_KEY_MAX_LENGTH,
	METADATA_MAX_KEYS,
	METADATA_VALUE_MAX_LENGTH,
	buildSendBody,
	type SendAdditionalFields,
} from '../../helpers/sendBody';
import { PHONE_EXAMPLE } from '../../helpers/phone';
import { apiPath, callbellApiRequest, unwrapObject } from '../../transport';
import { additionalFieldsCollection, longTextParameter, showOnlyFor } from '../common.descriptions';
import { assignedUserLocator } from '../params/assignedUser';
import { botStatusParameter } from '../params/botStatus';
import { identifierKey } from '../params/contactLocator';
import { idLocator, sendChannelOption, teamLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { sourceParameter } from '../params/source';

const showFor = (...messageType: string[]) => ({ show: { messageType } });

const properties: INodeProperties[] = [
	{
		displayName: 'To',
		name: 'to',
		type: 'string',
		default: '',
		placeholder: `e.g. ${PHONE_EXAMPLE}`,
		description:
			'The recipient. For WhatsApp: the phone number with its country code (spaces, dashes, ' +
			'brackets, a leading + or 00 are fine; sent as + and the digits). For Instagram, ' +
			"Messenger and Telegram: the contact's ID on that platform. Leave empty only when " +
			'Additional Fields → BSUID names the recipient. Callbell creates the contact if it does ' +
			'not exist yet.',
	},
	{
		...sourceParameter,
		displayName: 'Channel Type',
		name: 'from',
		description:
			'The kind of channel to send through: whatsapp, instagram, facebook (Messenger) or telegram',
	},
	{
		displayName: 'Message Type',
		name: 'messageType',
		type: 'options',
		noDataExpression: true,
		options: [
			{ name: 'Audio', value: 'audio', description: 'An audio file from a link' },
			{
				name: 'Document',
				value: 'document',
				description: 'A file (e.g. a PDF invoice) from a link, with an optional caption',
			},
			{
				name: 'Image',
				value: 'image',
				description: 'An image from a link, with an optional caption',
			},
			{
				name: 'Template (WhatsApp)',
				value: 'template',
				description:
					'An approved WhatsApp template: the only message WhatsApp lets you send to someone who has not written in the last 24 hours',
			},
			{ name: 'Text', value: 'text', description: 'A text message' },
			{
				name: 'Video',
				value: 'video',
				description: 'A video from a link, with an optional caption',
			},
		],
		default: 'text',
	},
	{
		...longTextParameter({
			placeholder: 'e.g. Hi {{ $json.firstName }}, your order has shipped!',
			description: 'The message to send, as written (line breaks and emoji included)',
		}),
		displayOptions: showFor('text'),
	},
	{
		displayName: 'Media URL',
		name: 'mediaUrl',
		type: 'string',
		required: true,
		default: '',
		displayOptions: showFor(...MEDIA_TYPES),
		placeholder: `e.g. ${MEDIA_URL_EXAMPLE}`,
		description: 'A public http(s) link to the file; Callbell downloads it when sending',
	},
	{
		displayName: 'Caption',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		displayOptions: showFor('image', 'document', 'video'),
		description: 'Text shown with the file (optional)',
	},
	{
		...idLocator({
			displayName: 'Template',
			name: 'templateId',
			description:
				'The approved WhatsApp template to send (Callbell → Settings → Templates). The list shows only approved templates, with their category.',
			searchListMethod: 'searchApprovedTemplates',
			noun: 'template',
			example: TEMPLATE_ID_EXAMPLE,
		}),
		required: true,
		displayOptions: showFor('template'),
	},
	{
		displayName: 'Template Values',
		name: 'templateValues',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
		default: [],
		displayOptions: showFor('template'),
		placeholder: 'e.g. {{ $json.firstName }}',
		description:
			'One value per variable of the template, in order: the first replaces {{1}}, the second {{2}}, and so on. None for a template without variables.',
	},
	{
		displayName: 'Contact Opted In',
		name: 'optIn',
		type: 'boolean',
		default: false,
		displayOptions: showFor('template'),
		description:
			'Whether this contact agreed to receive WhatsApp messages from you. WhatsApp allows a ' +
			'business to start a conversation only with people who opted in, and Callbell requires ' +
			'this confirmation (optin_contact) with every template: the node refuses to send a ' +
			'template without it.',
	},
	additionalFieldsCollection([
		{
			...assignedUserLocator,
			description:
				'Email address of the Callbell collaborator to assign the contact to as the message is sent',
		},
		{
			...botStatusParameter,
			description: "Start or stop the account's bot for this contact as the message is sent",
		},
		{
			displayName: 'BSUID',
			name: 'bsuid',
			type: 'string',
			default: '',
			placeholder: 'e.g. US.13491208655302741918',
			description:
				"WhatsApp only: the contact's business-scoped user ID, instead of a phone number in To (leave To empty)",
		},
		sendChannelOption,
		{
			displayName: 'Metadata',
			name: 'metadata',
			type: 'fixedCollection',
			placeholder: 'Add Metadata',
			default: {},
			typeOptions: { multipleValues: true },
			description:
				`Your own keys and values stored with the message and returned in its status and webhook ` +
				`events, e.g. the CRM deal ID. At most ${METADATA_MAX_KEYS} keys of up to ` +
				`${METADATA_KEY_MAX_LENGTH} characters, values up to ${METADATA_VALUE_MAX_LENGTH}. Never ` +
				`put secrets here.`,
			options: [
				{
					displayName: 'Entry',
					name: 'entry',
					values: [
						{
							displayName: 'Key',
							name: 'key',
							type: 'string',
							default: '',
							placeholder: 'e.g. deal_id',
						},
						{
							displayName: 'Value',
							name: 'value',
							type: 'string',
							default: '',
							placeholder: 'e.g. {{ $json.dealId }}',
						},
					],
				},
			],
		},
		{
			displayName: 'Return Contact',
			name: 'returnContact',
			type: 'boolean',
			default: true,
			description: 'Whether to add the recipient contact to the output (contact)',
		},
		{
			displayName: 'Return Conversation',
			name: 'returnConversation',
			type: 'boolean',
			default: true,
			description:
				'Whether to add the conversation the message went into to the output (conversation)',
		},
		{ ...teamLocator, description: 'The team to assign the contact to as the message is sent' },
	]),
	optionsCollection([]),
];

export const description = showOnlyFor('message', 'send', properties);

/** Messages to the same recipient (its number, platform id or BSUID) go out in input order. */
export function orderingKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const to = identifierKey(this.getNodeParameter('to', itemIndex, ''));
	if (to !== undefined) return to;
	const { bsuid } = this.getNodeParameter('additionalFields', itemIndex, {}) as { bsuid?: unknown };
	return typeof bsuid === 'string' && bsuid.trim() !== '' ? `bsuid:${bsuid.trim()}` : undefined;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageType = this.getNodeParameter('messageType', itemIndex);
	const isTemplate = messageType === 'template';
	// Audio has no caption: a Text left over from another type is not sent with it.
	const hasText = !isTemplate && messageType !== 'audio';
	const body = buildSendBody({
		to: this.getNodeParameter('to', itemIndex, ''),
		from: this.getNodeParameter('from', itemIndex),
		messageType,
		text: hasText ? this.getNodeParameter('text', itemIndex, '') : undefined,
		mediaUrl: this.getNodeParameter('mediaUrl', itemIndex, ''),
		templateId: isTemplate ? this.getNodeParameter('templateId', itemIndex) : undefined,
		templateValues: isTemplate ? this.getNodeParameter('templateValues', itemIndex, []) : undefined,
		optIn: isTemplate ? this.getNodeParameter('optIn', itemIndex, false) : undefined,
		additionalFields: this.getNodeParameter(
			'additionalFields',
			itemIndex,
			{},
		) as SendAdditionalFields,
	});

	const response = await callbellApiRequest.call(
		this,
		{ method: 'POST', path: apiPath('messages', 'send'), body },
		itemIndex,
	);
	return unwrapObject.call(this, response, 'message', itemIndex);
}
