/**
 * User → Set Status: `PUT /users/:uuid/status` with `available` (when Availability is set) and
 * `custom_status_uuid` (the custom status chosen, or `null`: none chosen removes it). Output the
 * user's status (`custom_status, appearance`) with `userId`.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { customStatusIdFromLocator } from '../../helpers/locators';
import { resolveObjectName } from '../params/objectNames';
import { CallbellInputError, quoteValue } from '../../helpers/validation';
import { CUSTOM_STATUS, fetchObject, USER } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import {
	customStatusLocator,
	readObjectId,
	requiredLocator,
	userLocator,
} from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		userLocator,
		'The collaborator whose status to set, by their Callbell user ID (32 hexadecimal characters)',
	),
	{
		displayName: 'Availability',
		name: 'available',
		type: 'options',
		options: [
			{
				name: 'Leave Unchanged',
				value: 'unchanged',
				description: 'Only the custom status changes',
			},
			{
				name: 'Available',
				value: 'available',
				description: 'The collaborator can take conversations',
			},
			{ name: 'Away', value: 'away', description: 'The collaborator is away' },
		],
		default: 'unchanged',
		description:
			'Whether the collaborator is available or away. An expression may also give true (available) or false (away).',
	},
	{
		...customStatusLocator,
		description:
			'The custom status the collaborator shows, e.g. "📅 In a meeting". Leave empty to remove their custom status.',
	},
	optionsCollection([]),
];

export const description = showOnlyFor('user', 'setStatus', properties);

/** Availability → `available`, or undefined to leave it. */
function readAvailability(value: unknown): boolean | undefined {
	if (value === undefined || value === 'unchanged') return undefined;
	if (value === true || value === 'available' || value === 'true') return true;
	if (value === false || value === 'away' || value === 'false') return false;
	throw new CallbellInputError(
		'Availability',
		`Availability must be available, away or unchanged (or true / false), got ${quoteValue(value)}`,
	);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, USER, itemIndex);
	const available = readAvailability(this.getNodeParameter('available', itemIndex, 'unchanged'));
	const customStatusId = customStatusIdFromLocator(
		CUSTOM_STATUS.field,
		await resolveObjectName.call(
			this,
			CUSTOM_STATUS,
			this.getNodeParameter(CUSTOM_STATUS.parameter, itemIndex, ''),
			itemIndex,
		),
		false,
	);
	const body: IDataObject = {
		...(available !== undefined && { available }),
		custom_status_uuid: customStatusId ?? null,
	};

	const status = await fetchObject.call(
		this,
		USER,
		id,
		{ method: 'PUT', below: ['status'], body },
		itemIndex,
	);
	return { userId: id, ...status };
}
