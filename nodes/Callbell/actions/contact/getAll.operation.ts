/**
 * Contact → Get Many: `GET /contacts`, filtered by Callbell (source, tags, team), one output item
 * per contact. Return All follows Callbell's cursors; Limit stops at the page that fills it.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { normalizeTags } from '../../helpers/tags';
import { teamIdFromLocator } from '../../helpers/locators';
import { contactOutput } from '../../helpers/output';
import { requireSource } from '../../helpers/validation';
import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { filtersCollection, showOnlyFor } from '../common.descriptions';
import { teamLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';
import { simplifyOption } from '../params/simplifyOutput';
import { sourceParameter } from '../params/source';
import { includeFieldTypesOption } from './contactFields';
import { TEAM } from '../accountObjects';
import { withObjectIds } from '../params/objectNames';

const properties: INodeProperties[] = [
	...returnAllOrLimit('contacts'),
	filtersCollection('Only contacts matching every filter added here', [
		{ ...sourceParameter, description: 'Only contacts from this channel type' },
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			default: '',
			placeholder: 'e.g. lead, vip',
			description:
				'Only contacts that have every one of these tags (comma-separated or a list; case-insensitive)',
		},
		{ ...teamLocator, description: 'Only contacts assigned to this team' },
	]),
	optionsCollection([includeFieldTypesOption, simplifyOption]),
];

export const description = showOnlyFor('contact', 'getAll', properties);

interface ContactFilters {
	source?: unknown;
	tags?: unknown;
	teamId?: unknown;
}

/** The filters as `GET /contacts` query parameters. */
function filterQuery(filters: ContactFilters): IDataObject {
	const qs: IDataObject = {};
	if (filters.source !== undefined) qs.source = requireSource('Source', filters.source);
	if (filters.tags !== undefined) {
		qs.tags = normalizeTags(
			filters.tags,
			'Enter at least one tag to filter by, or remove the Tags filter.',
		).join(',');
	}
	if (filters.teamId !== undefined) qs.team_uuid = teamIdFromLocator('Team', filters.teamId);
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const qs = filterQuery(
		(await withObjectIds.call(
			this,
			this.getNodeParameter('filters', itemIndex, {}) as IDataObject,
			{ teamId: TEAM },
			itemIndex,
		)) as ContactFilters,
	);
	const { includeFieldTypes, simplify } = this.getNodeParameter(
		'options',
		itemIndex,
		{},
	) as IDataObject;
	if (includeFieldTypes === true) qs.include_field_types = true;

	const contacts = await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('contacts'), listKey: 'contacts', qs },
		limit,
		itemIndex,
	);
	return contacts.map((contact) => contactOutput(contact, simplify));
}
