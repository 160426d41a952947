/**
 * What the operations on the account's objects (channels, teams, templates, custom statuses,
 * users) share: what each kind is called and where it lives in the API, its requests with a 404
 * said plainly, the object unwrapped from Callbell's answer, and the fields of an update. Its
 * locator is read by readObjectId (params/objectLocators.ts).
 */
import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';

import {
	CHANNEL_ID_EXAMPLE,
	CUSTOM_STATUS_ID_EXAMPLE,
	customStatusIdFromLocator,
	FUNNEL_ID_EXAMPLE,
	TEAM_ID_EXAMPLE,
	TEMPLATE_ID_EXAMPLE,
	USER_ID_EXAMPLE,
} from '../helpers/locators';
import { requireNonEmptyString } from '../helpers/validation';
import { apiPath, callbellApiRequest, unwrapObject } from '../transport';

/** One kind of the account's objects, as its operations name it. */
export interface AccountObject {
	/** The locator's field as the panel shows it, e.g. "Channel". */
	field: string;
	/** The locator parameter, e.g. `channelId`. */
	parameter: string;
	/** e.g. "channel", in messages. */
	noun: string;
	/** The collection's path segment, e.g. `channels`. */
	path: string;
	/** The key of one object in Callbell's answers, e.g. `channel`. */
	key: string;
	example: string;
	/** How its id is read, when not a 32-hex uuid. */
	readId?(field: string, locator: unknown): string;
	/** Where an object given by its name is looked up (params/objectNames.ts); none: by id only. */
	names?: ObjectNames;
}

/** How the account's list of one kind names its objects. */
export interface ObjectNames {
	/** The list in `GET /<path>`'s answer, e.g. `teams`. */
	listKey: string;
	/** The entry's name, e.g. `name` (a channel's and a template's is `title`). */
	nameKey: string;
	/** The entry's id (a custom status's is `id`). */
	idKey: string;
	/** e.g. "teams", in messages. */
	plural: string;
}

export const CHANNEL: AccountObject = {
	field: 'Channel',
	parameter: 'channelId',
	noun: 'channel',
	path: 'channels',
	key: 'channel',
	example: CHANNEL_ID_EXAMPLE,
	names: { listKey: 'channels', nameKey: 'title', idKey: 'uuid', plural: 'channels' },
};

export const TEAM: AccountObject = {
	field: 'Team',
	parameter: 'teamId',
	noun: 'team',
	path: 'teams',
	key: 'team',
	example: TEAM_ID_EXAMPLE,
	names: { listKey: 'teams', nameKey: 'name', idKey: 'uuid', plural: 'teams' },
};

/** Funnel stages are only listed (`GET /funnels`) and set on a conversation. */
export const FUNNEL: AccountObject = {
	field: 'Funnel Stage',
	parameter: 'funnelId',
	noun: 'funnel stage',
	path: 'funnels',
	key: 'funnel',
	example: FUNNEL_ID_EXAMPLE,
	names: { listKey: 'funnels', nameKey: 'name', idKey: 'uuid', plural: 'funnel stages' },
};

export const TEMPLATE: AccountObject = {
	field: 'Template',
	parameter: 'templateId',
	noun: 'template',
	path: 'templates',
	key: 'template',
	example: TEMPLATE_ID_EXAMPLE,
	names: { listKey: 'templates', nameKey: 'title', idKey: 'uuid', plural: 'templates' },
};

export const CUSTOM_STATUS: AccountObject = {
	field: 'Custom Status',
	parameter: 'customStatusId',
	noun: 'custom status',
	path: 'custom_statuses',
	key: 'customStatus',
	example: CUSTOM_STATUS_ID_EXAMPLE,
	readId: (field, locator) => customStatusIdFromLocator(field, locator, true) as string,
	names: { listKey: 'customStatuses', nameKey: 'name', idKey: 'id', plural: 'custom statuses' },
};

export const USER: AccountObject = {
	field: 'User',
	parameter: 'userId',
	noun: 'user',
	path: 'users',
	key: 'user_status',
	example: USER_ID_EXAMPLE,
};

export function objectNotFoundHint(object: AccountObject, id: string): string {
	return `No ${object.noun} with the id ${id} exists in this Callbell account. Check the ${object.field} field.`;
}

interface ObjectRequest {
	method: IHttpRequestMethods;
	/** Path segments below the object, e.g. `['members']`. */
	below?: string[];
	body?: IDataObject;
}

/** A request about one object (`/<path>/<id>/…`), a 404 said as "no such <noun>"; Callbell's answer as it came. */
export async function sendObjectRequest(
	this: IExecuteFunctions,
	object: AccountObject,
	id: string,
	request: ObjectRequest,
	itemIndex: number,
): Promise<unknown> {
	return await callbellApiRequest.call(
		this,
		{
			method: request.method,
			path: apiPath(object.path, id, ...(request.below ?? [])),
			body: request.body,
			notFoundHint: objectNotFoundHint(object, id),
		},
		itemIndex,
	);
}

/**
 * `<method> /<path>/<id>` and the object Callbell answers with (as it is after a GET, PATCH or
 * PUT), e.g. the channel of `{channel: {...}}`.
 */
export async function fetchObject(
	this: IExecuteFunctions,
	object: AccountObject,
	id: string,
	request: ObjectRequest,
	itemIndex: number,
): Promise<IDataObject> {
	const response = await sendObjectRequest.call(this, object, id, request, itemIndex);
	return unwrapObject.call(this, response, object.key, itemIndex);
}

/** A name or title: text, not blank; trimmed. `what` completes the hint, e.g. "the channel's new title". */
export function requireName(field: string, value: unknown, what: string): string {
	return requireNonEmptyString(field, value, `Enter ${what}.`);
}
