/**
 * The pickers of the account's objects (team, funnel stage, channel, template, custom status,
 * user): from a searchable list, or by id, and how an operation reads the one it acts on.
 */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import {
	CHANNEL_ID_EXAMPLE,
	CUSTOM_STATUS_ID_EXAMPLE,
	FUNNEL_ID_EXAMPLE,
	TEAM_ID_EXAMPLE,
	TEMPLATE_ID_EXAMPLE,
	USER_ID_EXAMPLE,
	idFromLocator,
} from '../../helpers/locators';
import type { AccountObject } from '../accountObjects';
import { resolveObjectName } from './objectNames';

/** A Callbell id in a locator's By ID mode: 32 hexadecimal characters. */
export const CALLBELL_ID_REGEX = '^[0-9a-fA-F]{32}$';

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

/** What a listed object's locator also takes (params/objectNames.ts), for a model and a user. */
export const BY_NAME_TOO =
	'From an AI agent or an expression it also takes the exact name as shown in Callbell.';

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
		description:
			listMethod === undefined ? spec.description : `${spec.description}. ${BY_NAME_TOO}`,
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
							regex: spec.idRegex ?? CALLBELL_ID_REGEX,
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
	const listed = locator.modes?.some((mode) => mode.name === 'list') === true;
	return {
		...locator,
		description: listed ? `${description} ${BY_NAME_TOO}` : description,
		required: true,
	};
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
	description:
		"The channel: one of the account's WhatsApp numbers, Instagram or Facebook pages or Telegram bots",
	searchListMethod: 'searchChannels',
	noun: 'channel',
	example: CHANNEL_ID_EXAMPLE,
});

/** Where a new contact is created. */
export const createChannelOption: INodeProperties = {
	...channelLocator,
	description: `The channel to create the contact in. Leave empty for the account's main channel of the source. ${BY_NAME_TOO}`,
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
	description:
		'A custom status collaborators can show, such as "📅 In a meeting" (Callbell → Settings → Custom statuses)',
	searchListMethod: 'searchCustomStatuses',
	noun: 'custom status',
	example: CUSTOM_STATUS_ID_EXAMPLE,
	idRegex:
		'^\\s*([0-9a-fA-F]{32}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})\\s*$',
	idRule: '32 hexadecimal characters or a UUID with dashes',
});

/** Callbell cannot list users with their uuid (team members come without one): By ID only. */
export const userLocator = idLocator({
	displayName: 'User',
	name: 'userId',
	description:
		'A collaborator of the account, by their Callbell user id (32 hexadecimal characters)',
	noun: 'user',
	example: USER_ID_EXAMPLE,
});

/** Message → Send: the channel a message goes out from. */
export const sendChannelOption: INodeProperties = {
	...channelLocator,
	description:
		"The channel to send from, when the account has several of the Channel Type. Leave empty for the account's main channel of that type. " +
		BY_NAME_TOO,
};

/**
 * The id of the object an item acts on, from its locator: checked before any request, or, for a
 * name, looked up in the account's list (params/objectNames.ts).
 */
export async function readObjectId(
	this: IExecuteFunctions,
	object: AccountObject,
	itemIndex: number,
): Promise<string> {
	const locator = await resolveObjectName.call(
		this,
		object,
		this.getNodeParameter(object.parameter, itemIndex),
		itemIndex,
	);
	return (
		object.readId?.(object.field, locator) ?? idFromLocator(object.field, locator, object.example)
	);
}
