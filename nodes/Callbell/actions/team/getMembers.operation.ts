/**
 * Team → Get Members: `GET /teams/:uuid/members`, filtered by Callbell (`status`: available or
 * away), one output item per member (`email, name, available, lastUpdatedAt, userCustomStatus?`).
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireOneOf } from '../../helpers/validation';
import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { objectNotFoundHint, TEAM } from '../accountObjects';
import { filtersCollection, showOnlyFor } from '../common.descriptions';
import { readObjectId, requiredLocator, teamLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';

const MEMBER_STATUSES = ['available', 'away'] as const;

const properties: INodeProperties[] = [
	requiredLocator(
		teamLocator,
		'The team whose members to list: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	...returnAllOrLimit('members'),
	filtersCollection('Only members matching every filter added here', [
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Available', value: 'available', description: 'Members who are available to chat' },
				{ name: 'Away', value: 'away', description: 'Members who are away' },
			],
			default: 'available',
			description: 'Only members who are available, or only those who are away',
		},
	]),
	optionsCollection([]),
];

export const description = showOnlyFor('team', 'getMembers', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const { status } = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject =
		status === undefined ? {} : { status: requireOneOf('Status', status, MEMBER_STATUSES) };
	const id = await readObjectId.call(this, TEAM, itemIndex);

	return await callbellApiRequestAllItems.call(
		this,
		{
			path: apiPath(TEAM.path, id, 'members'),
			listKey: 'users',
			qs,
			notFoundHint: objectNotFoundHint(TEAM, id),
		},
		limit,
		itemIndex,
	);
}
