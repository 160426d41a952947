/**
 * Message → Send: `POST /messages/send` (text, image, document, audio, video, or a WhatsApp
 * template). Every combination is checked before sending (helpers/sendBody.ts), and the request
 * is sent at most once: the transport never repeats a POST that may have reached Callbell.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { TEMPLATE_ID_EXAMPLE } from '../../helpers/locators';
import {
	WINDOW_CLOSED_CHOICES,
	WINDOW_HOURS,
	decideWindowedSend,
	messagingWindow,
	settlesWindow,
	type MessagingWindow,
	type WindowClosedChoice,
} from '../../helpers/messagingWindow';
import {
	FREE_FORM_TYPES,
	MEDIA_TYPES,
	MEDIA_URL_EXAMPLE,
	METADATA_KEY_MAX_LENGTH,
	METADATA_MAX_KEYS,
	METADATA_VALUE_MAX_LENGTH,
	buildSendBody,
	windowTemplateBody,
	type SendAdditionalFields,
} from '../../helpers/sendBody';
import { isJsonObject } from '../../helpers/jsonText';
import { contactOutput } from '../../helpers/output';
import { PHONE_EXAMPLE } from '../../helpers/phone';
import { requireOneOf } from '../../helpers/validation';
import {
	apiPath,
	callbellApiRequest,
	callbellApiRequestAllItems,
	unwrapObject,
} from '../../transport';
import { CHANNEL, TEAM, TEMPLATE, type AccountObject } from '../accountObjects';
import { additionalFieldsCollection, longTextParameter, showOnlyFor } from '../common.descriptions';
import { findContact, type LookupTarget } from '../contactRequests';
import { assignedUserLocator } from '../params/assignedUser';
import { botStatusParameter } from '../params/botStatus';
import { identifierKey } from '../params/contactLocator';
import {
	BY_NAME_TOO,
	idLocator,
	readObjectId,
	sendChannelOption,
	teamLocator,
} from '../params/objectLocators';
import { withObjectIds } from '../params/objectNames';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';
import { sourceParameter } from '../params/source';

const showFor = (...messageType: string[]) => ({ show: { messageType } });

/**
 * Node version 1.1 checks WhatsApp's 24-hour window before a free-form send (Window Closed,
 * default: fail the item) and says what it sent (`sentAs`). A saved version 1 node sends as
 * asked and outputs what it always has (docs/releasing.md).
 */
const WINDOW_VERSION = 1.1;

/** Shown from node version 1.1 for a free-form WhatsApp send, where the window applies. */
const showForWindow = (show: Record<string, string[]> = {}) => ({
	show: {
		'@version': [{ _cnd: { gte: WINDOW_VERSION } }],
		from: ['whatsapp'],
		messageType: [...FREE_FORM_TYPES],
		...show,
	},
});

const APPROVED_TEMPLATE = {
	searchListMethod: 'searchApprovedTemplates',
	noun: 'template',
	example: TEMPLATE_ID_EXAMPLE,
};

const optInDescription =
	'Whether this contact agreed to receive WhatsApp messages from you. WhatsApp allows a ' +
	'business to start a conversation only with people who opted in, and Callbell requires ' +
	'this confirmation (optin_contact) with every template: the node refuses to send a ' +
	'template without it.';

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
			...APPROVED_TEMPLATE,
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
		description: optInDescription,
	},
	{
		displayName: 'Window Closed',
		name: 'windowClosed',
		type: 'options',
		options: [
			{
				name: 'Fail the Item',
				value: 'error',
				description:
					'Send nothing and fail the item with a hint, e.g. for a workflow to send a template instead',
			},
			{
				name: 'Send Anyway',
				value: 'send',
				description: 'No look-up: send as asked (WhatsApp may refuse it later: a failed status)',
			},
			{
				name: 'Send Template',
				value: 'template',
				description: 'Send the Window Template below instead',
			},
		],
		default: 'error',
		displayOptions: showForWindow(),
		description:
			`WhatsApp delivers text and media only within ${WINDOW_HOURS} hours of the customer's last ` +
			'message. Before sending, the node looks up the contact (by To or BSUID) and its latest ' +
			'message to you (no contact, or none from them: closed). When it is closed: error (fail ' +
			'the item, nothing sent), template (send the Window Template instead) or send (no ' +
			'look-up, send as asked).',
	},
	{
		...idLocator({
			displayName: 'Window Template',
			name: 'windowTemplateId',
			description:
				'The approved WhatsApp template to send instead when the 24-hour window is closed (Callbell → Settings → Templates)',
			...APPROVED_TEMPLATE,
		}),
		required: true,
		displayOptions: showForWindow({ windowClosed: ['template'] }),
	},
	{
		displayName: 'Window Template Values',
		name: 'windowTemplateValues',
		type: 'string',
		typeOptions: { multipleValues: true, multipleValueButtonText: 'Add Value' },
		default: [],
		displayOptions: showForWindow({ windowClosed: ['template'] }),
		placeholder: 'e.g. {{ $json.firstName }}',
		description:
			'One value per variable of the Window Template, in order: the first replaces {{1}}, the second {{2}}, and so on. None for a template without variables.',
	},
	{
		displayName: 'Contact Opted In',
		name: 'optIn',
		type: 'boolean',
		default: false,
		displayOptions: showForWindow({ windowClosed: ['template'] }),
		description:
			'Whether this contact agreed to receive WhatsApp messages from you: Callbell requires this ' +
			'confirmation (optin_contact) with every template, so the node refuses a send with a ' +
			'Window Template without it, whether the window is open or not',
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
		{
			...teamLocator,
			description: `The team to assign the contact to as the message is sent. ${BY_NAME_TOO}`,
		},
	]),
	optionsCollection([
		{
			...simplifyOption,
			description:
				'Whether the contact in the output (Additional Fields → Return Contact) is only the ' +
				'fields a CRM sync or an AI agent needs (uuid, name, phone number, source, tags, ' +
				'assigned user, team, custom fields, note, funnel stage, when the conversation closed, ' +
				'link) instead of the whole contact',
		},
	]),
];

export const description = showOnlyFor('message', 'send', properties);

/** Messages to the same recipient (its number, platform id or BSUID) go out in input order. */
export function orderingKey(this: IExecuteFunctions, itemIndex: number): string | undefined {
	const to = identifierKey(this.getNodeParameter('to', itemIndex, ''));
	if (to !== undefined) return to;
	const { bsuid } = this.getNodeParameter('additionalFields', itemIndex, {}) as { bsuid?: unknown };
	return typeof bsuid === 'string' && bsuid.trim() !== '' ? `bsuid:${bsuid.trim()}` : undefined;
}

/** Window Template, a locator of its own beside Template. */
const WINDOW_TEMPLATE: AccountObject = {
	...TEMPLATE,
	field: 'Window Template',
	parameter: 'windowTemplateId',
};

/** Window Closed of this item: `send` (as asked, no look-up) for a version 1 node. */
function readWindowClosed(this: IExecuteFunctions, itemIndex: number): WindowClosedChoice {
	if (this.getNode().typeVersion < WINDOW_VERSION) return 'send';
	return requireOneOf(
		'Window Closed',
		this.getNodeParameter('windowClosed', itemIndex, 'error'),
		WINDOW_CLOSED_CHOICES,
	);
}

/**
 * WhatsApp's window for this send's recipient: the contact by its number (in the send's channel)
 * or BSUID, then its messages newest first, read only as far as the customer's latest message or
 * the first message older than any window. Only GETs, paced and retried like any.
 */
async function lookUpWindow(
	this: IExecuteFunctions,
	body: IDataObject,
	now: number,
	itemIndex: number,
): Promise<MessagingWindow> {
	const reference: LookupTarget['reference'] =
		typeof body.bsuid === 'string'
			? { by: 'bsuid', bsuid: body.bsuid }
			: { by: 'phone', digits: String(body.to).replace(/^\+/, '') };
	const channelId = typeof body.channel_uuid === 'string' ? body.channel_uuid : undefined;
	const contact = await findContact.call(this, { reference, channelId }, itemIndex);
	if (contact === undefined) return messagingWindow(undefined, now);
	const [settling] = await callbellApiRequestAllItems.call(
		this,
		{
			path: apiPath('contacts', String(contact.uuid), 'messages'),
			listKey: 'messages',
			filter: (message) => settlesWindow(message, now),
		},
		1,
		itemIndex,
	);
	return messagingWindow(settling, now);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const messageType = this.getNodeParameter('messageType', itemIndex);
	const isTemplate = messageType === 'template';
	// Audio has no caption: a Text left over from another type is not sent with it.
	const hasText = !isTemplate && messageType !== 'audio';
	const windowClosed = isTemplate ? 'send' : readWindowClosed.call(this, itemIndex);
	// Names (from an AI agent or an expression) read as ids: one cached look-up each, before any send.
	const additionalFields = (await withObjectIds.call(
		this,
		this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject,
		{ teamId: TEAM, channelId: CHANNEL },
		itemIndex,
	)) as SendAdditionalFields;
	const body = buildSendBody({
		to: this.getNodeParameter('to', itemIndex, ''),
		from: this.getNodeParameter('from', itemIndex),
		messageType,
		text: hasText ? this.getNodeParameter('text', itemIndex, '') : undefined,
		mediaUrl: this.getNodeParameter('mediaUrl', itemIndex, ''),
		templateId: isTemplate ? await readObjectId.call(this, TEMPLATE, itemIndex) : undefined,
		templateValues: isTemplate ? this.getNodeParameter('templateValues', itemIndex, []) : undefined,
		optIn: isTemplate ? this.getNodeParameter('optIn', itemIndex, false) : undefined,
		additionalFields,
	});

	let sent = body;
	// Templates and other channels are delivered whenever: only a free-form WhatsApp send asks.
	if (body.from === 'whatsapp' && windowClosed !== 'send') {
		// Checked before the look-up: a closed window must not be the first to find it wrong.
		const fallback =
			windowClosed === 'template'
				? windowTemplateBody(body, {
						templateId: await readObjectId.call(this, WINDOW_TEMPLATE, itemIndex),
						templateValues: this.getNodeParameter('windowTemplateValues', itemIndex, []),
						optIn: this.getNodeParameter('optIn', itemIndex, false),
					})
				: undefined;
		const now = Date.now();
		const window = await lookUpWindow.call(this, body, now, itemIndex);
		const recipient = typeof body.to === 'string' ? body.to : `BSUID ${String(body.bsuid)}`;
		const decision = decideWindowedSend(windowClosed, window, recipient, now);
		if (decision === 'template' && fallback !== undefined) sent = fallback;
	}

	const response = await callbellApiRequest.call(
		this,
		{ method: 'POST', path: apiPath('messages', 'send'), body: sent },
		itemIndex,
	);
	const unwrapped = unwrapObject.call(this, response, 'message', itemIndex);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const message =
		simplify === true && isJsonObject(unwrapped.contact)
			? { ...unwrapped, contact: contactOutput(unwrapped.contact, true) }
			: unwrapped;
	if (this.getNode().typeVersion < WINDOW_VERSION) return message;
	return { ...message, sentAs: sent === body ? messageType : 'template' };
}
