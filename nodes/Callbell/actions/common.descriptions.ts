/** Parameters shared by several operations: locators, Return All / Limit, contact fields, options. */
import type { INodeProperties } from 'n8n-workflow';

import {
	BSUID_EXAMPLE,
	CHANNEL_ID_EXAMPLE,
	CONTACT_ID_EXAMPLE,
	CONTACT_URL_EXAMPLE,
	CUSTOM_STATUS_ID_EXAMPLE,
	FUNNEL_ID_EXAMPLE,
	TEAM_ID_EXAMPLE,
	TEMPLATE_ID_EXAMPLE,
	USER_ID_EXAMPLE,
} from '../helpers/locators';
import { PHONE_EXAMPLE } from '../helpers/phone';
import { NOTE_MAX_LENGTH } from '../helpers/validation';
import { concurrencyOption } from './scheduling';
import {
	DEFAULT_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
} from '../transport/retry';

const UUID_REGEX = '^[0-9a-fA-F]{32}$';

/** The contact picker: from a searchable list, by id, dashboard link, phone number or BSUID. */
const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description:
		'The Callbell contact: pick it from the list, or give its ID (32 hexadecimal characters), its dashboard link, its phone number with the country code, or its WhatsApp BSUID. A phone number or BSUID costs one extra lookup request.',
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
			hint: 'The contact\'s uuid: 32 hexadecimal characters',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: UUID_REGEX,
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
			hint: 'The contact\'s link in the Callbell dashboard (not a conversation link)',
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
			hint: 'With the country code; spaces, dashes, dots, brackets and a leading + or 00 are fine. Looked up in the main WhatsApp channel unless Options → Channel says otherwise.',
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
			hint: 'The contact\'s WhatsApp business-scoped user id',
		},
	],
};

/** The Contact locator, its description opened by what the operation does with the contact. */
export function contactLocatorFor(purpose: string): INodeProperties {
	return { ...contactLocator, description: `${purpose} ${contactLocator.description}` };
}

export interface IdLocatorSpec {
	displayName: string;
	name: string;
	description: string;
	/** The picker of `methods.listSearch`; without one the locator is By ID only (the API cannot list them). */
	searchListMethod?: string;
	/** e.g. "team", for the placeholder and the error message. */
	noun: string;
	example: string;
	/** The By ID mode's check, when the id is not 32 hex characters. */
	idRegex?: string;
	idRule?: string;
}

/**
 * A picker of one of the account's objects: from a searchable list, or by its 32-hex id. Still a
 * resource locator when it is By ID only, so that an AI agent can fill it like the others.
 */
export function idLocator(spec: IdLocatorSpec): INodeProperties {
	const listMethod = spec.searchListMethod;
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'resourceLocator',
		default: { mode: listMethod === undefined ? 'id' : 'list', value: '' },
		description: spec.description,
		modes: [
			...(listMethod === undefined
				? []
				: [
						{
							displayName: 'From List',
							name: 'list',
							type: 'list' as const,
							placeholder: `Select a ${spec.noun}...`,
							typeOptions: { searchListMethod: listMethod, searchable: true },
						},
					]),
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: `e.g. ${spec.example}`,
				validation: [
					{
						type: 'regex',
						properties: {
							regex: spec.idRegex ?? UUID_REGEX,
							errorMessage: `A ${spec.noun} id is ${spec.idRule ?? '32 hexadecimal characters'}`,
						},
					},
				],
			},
		],
	};
}

/** A locator as one operation uses it: required, its description saying what the operation does with the object. */
export function requiredLocator(locator: INodeProperties, description: string): INodeProperties {
	return { ...locator, description, required: true };
}

export const teamLocator = idLocator({
	displayName: 'Team',
	name: 'teamId',
	description: 'The team to assign the contact to',
	searchListMethod: 'searchTeams',
	noun: 'team',
	example: TEAM_ID_EXAMPLE,
});

export const funnelLocator: INodeProperties = {
	...idLocator({
		displayName: 'Funnel Stage',
		name: 'funnelId',
		description: 'The funnel stage to move the conversation to (Callbell → Settings → Funnels)',
		searchListMethod: 'searchFunnels',
		noun: 'funnel stage',
		example: FUNNEL_ID_EXAMPLE,
	}),
	required: true,
};

export const channelLocator = idLocator({
	displayName: 'Channel',
	name: 'channelId',
	description: 'The channel: one of the account\'s WhatsApp numbers, Instagram or Facebook pages or Telegram bots',
	searchListMethod: 'searchChannels',
	noun: 'channel',
	example: CHANNEL_ID_EXAMPLE,
});

/** Options → Channel of every operation with a Contact locator. */
export const lookupChannelOption: INodeProperties = {
	...channelLocator,
	description:
		'Only for a contact given By Phone: the channel to look the number up in. Leave empty for the account\'s main WhatsApp channel.',
};

/** Where a new contact is created. */
export const createChannelOption: INodeProperties = {
	...channelLocator,
	description: 'The channel to create the contact in. Leave empty for the account\'s main channel of the source.',
};

export const templateLocator = idLocator({
	displayName: 'Template',
	name: 'templateId',
	description: 'A WhatsApp message template of the account',
	searchListMethod: 'searchTemplates',
	noun: 'template',
	example: TEMPLATE_ID_EXAMPLE,
});

export const customStatusLocator = idLocator({
	displayName: 'Custom Status',
	name: 'customStatusId',
	description: 'A custom status collaborators can show, such as "📅 In a meeting" (Callbell → Settings → Custom statuses)',
	searchListMethod: 'searchCustomStatuses',
	noun: 'custom status',
	example: CUSTOM_STATUS_ID_EXAMPLE,
	idRegex: '^\\s*([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*$',
	idRule: '32 hexadecimal characters or a UUID with dashes',
});

/** Callbell cannot list users with their uuid (team members come without one): By ID only. */
export const userLocator = idLocator({
	displayName: 'User',
	name: 'userId',
	description: 'A collaborator of the account, by their Callbell user id (32 hexadecimal characters)',
	noun: 'user',
	example: USER_ID_EXAMPLE,
});

/** Message → Send: the channel a message goes out from. */
export const sendChannelOption: INodeProperties = {
	...channelLocator,
	description:
		'The channel to send from, when the account has several of the Channel Type. Leave empty for the account\'s main channel of that type.',
};

/** A channel type, as Callbell names them in `source`. */
export const sourceParameter: INodeProperties = {
	displayName: 'Source',
	name: 'source',
	type: 'options',
	options: [
		{ name: 'Facebook Messenger', value: 'facebook' },
		{ name: 'Instagram', value: 'instagram' },
		{ name: 'Telegram', value: 'telegram' },
		{ name: 'WhatsApp', value: 'whatsapp' },
	],
	default: 'whatsapp',
	description: 'The channel type: whatsapp, instagram, facebook or telegram',
};

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the fields a CRM sync needs (uuid, name, phone number, source, tags, assigned user, team, custom fields, note, funnel stage, when the conversation closed, link) instead of the whole contact',
};

export const includeFieldTypesOption: INodeProperties = {
	displayName: 'Include Custom Field Types',
	name: 'includeFieldTypes',
	type: 'boolean',
	default: false,
	description:
		'Whether to add customFieldsMetadata: every custom field of the account with its type and, for dropdowns and checkboxes, its options',
};

/** How every operation's requests run side by side, are retried and timed out (see router.ts, transport/retry.ts). */
const requestOptions: INodeProperties[] = [
	concurrencyOption,
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_RETRIES, numberPrecision: 0 },
		default: DEFAULT_RETRIES,
		description:
			'How many times a request is sent again after a Callbell error (5xx), a timeout or a dropped connection, waiting between tries. Only requests that are safe to repeat are: a message, create, note or bot change that may have reached Callbell is never sent twice. Callbell\'s rate limit (429) is waited out apart from this, up to 10 times.',
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
		default: DEFAULT_TIMEOUT_SECONDS,
		description: 'How long to wait for Callbell\'s answer to one request before giving up on it (or retrying it)',
	},
];

/** The "Options" collection: the operation's own options and the request options, sorted by name as the panel shows them. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

/** A required, multi-line text such as a message or a note. */
export function longTextParameter(spec: Pick<INodeProperties, 'placeholder' | 'description'>): INodeProperties {
	return { displayName: 'Text', name: 'text', type: 'string', typeOptions: { rows: 4 }, required: true, default: '', ...spec };
}

/** The "Additional Fields" collection of an operation that creates or sends something. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return { displayName: 'Additional Fields', name: 'additionalFields', type: 'collection', placeholder: 'Add Field', default: {}, options };
}

/** The "Filters" collection of a list operation; `description` says what it keeps. */
export function filtersCollection(description: string, options: INodeProperties[]): INodeProperties {
	return { displayName: 'Filters', name: 'filters', type: 'collection', placeholder: 'Add Filter', default: {}, description, options };
}

/** Return All, and Limit (default 50) when it is off. */
export function returnAllOrLimit(noun: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: `Only the pages needed for this many ${noun} are requested`,
		},
	];
}

/** The contact's fields as Create, Update and Create or Update offer them; keys are the public names. */
export const contactFields = {
	assignedUser: {
		displayName: 'Assigned User',
		name: 'assignedUser',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		description: 'The Callbell collaborator to assign the contact to: pick them from the members of your teams, or give their email address',
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				placeholder: 'Select a collaborator...',
				typeOptions: { searchListMethod: 'searchTeamMembers', searchable: true },
			},
			{
				displayName: 'By Email',
				name: 'email',
				type: 'string',
				placeholder: 'e.g. alice@example.com',
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$', errorMessage: 'An email address, e.g. alice@example.com' },
					},
				],
			},
		],
	},
	botStatus: {
		displayName: 'Bot Status',
		name: 'botStatus',
		type: 'options',
		options: [
			{ name: 'Start Bot', value: 'bot_start', description: 'Start the account\'s bot for this contact' },
			{ name: 'Stop Bot', value: 'bot_end', description: 'Stop the account\'s bot for this contact' },
		],
		default: 'bot_start',
		description: 'Start or stop the account\'s bot for this contact (a bot must be enabled in Callbell)',
	},
	clearNote: {
		displayName: 'Clear Note',
		name: 'clearNote',
		type: 'boolean',
		default: true,
		description: 'Whether to erase the contact\'s note. Cannot be combined with Note.',
	},
	customFields: {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		default: {},
		typeOptions: { multipleValues: true },
		description:
			'Custom field values by name. Each field must exist in Callbell (Settings → Custom fields). Checkbox fields take a list such as ["WhatsApp", "Telegram"].',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCustomFields' },
						default: '',
						description: 'The custom field, from the account\'s fields (each shown with its type and options); its name works as its ID. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Acme',
						description:
							'Text for text, email, number, date (YYYY-MM-DD) and dropdown fields; a JSON list such as ["WhatsApp"] for checkbox fields. Empty clears the field.',
					},
				],
			},
		],
	},
	customFieldsJson: {
		displayName: 'Custom Fields (JSON)',
		name: 'customFieldsJson',
		type: 'json',
		default: '{}',
		placeholder: '{"Company": "Acme", "Interests": ["WhatsApp"]}',
		description:
			'Custom field values as a JSON object of name → value, handy with expressions. Combined with Custom Fields; a name may appear only once.',
	},
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane Doe',
		description: 'The contact\'s name',
	},
	note: {
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `The contact's note (at most ${NOTE_MAX_LENGTH} characters); replaces the note it has. To erase the note use Clear Note instead.`,
	},
	tags: {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. lead, newsletter',
		description:
			'Comma-separated tags, or a list from an expression. Replaces all the contact\'s tags (to keep the others, use Add Tags or Remove Tags); each tag must exist in Callbell (Settings → Tags).',
	},
	teamId: teamLocator,
	unassignUser: {
		displayName: 'Unassign User',
		name: 'unassignUser',
		type: 'boolean',
		default: true,
		description: 'Whether to remove the collaborator assigned to the contact. Cannot be combined with Assigned User.',
	},
} satisfies Record<string, INodeProperties>;

/** Update Fields, as Update and Create or Update offer them. */
export const updateFieldsCollection: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Only the fields added here are sent to Callbell; everything else stays as it is',
	options: [
		contactFields.assignedUser,
		contactFields.botStatus,
		contactFields.clearNote,
		contactFields.customFields,
		contactFields.customFieldsJson,
		contactFields.name,
		contactFields.note,
		contactFields.tags,
		contactFields.teamId,
		contactFields.unassignUser,
	],
};

/** Shows `properties` only for one resource + operation (the router layout's convention). */
export function showOnlyFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}
