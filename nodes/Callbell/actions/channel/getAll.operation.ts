/**
 * Channel → Get Many: `GET /channels`, filtered by Callbell (`type`, `active`), one output item
 * per channel. Limit stops at the page that fills it.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireBoolean, requireSource } from '../../helpers/validation';
import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { filtersCollection, showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';
import { sourceParameter } from '../params/source';

const properties: INodeProperties[] = [
	...returnAllOrLimit('channels'),
	filtersCollection('Only channels matching every filter added here', [
		{
			displayName: 'Active',
			name: 'active',
			type: 'boolean',
			default: true,
			description: 'Whether to return only active channels (on) or only discarded ones (off)',
		},
		{
			...sourceParameter,
			displayName: 'Type',
			name: 'type',
			description: 'Only channels of this type: whatsapp, instagram, facebook or telegram',
		},
	]),
	optionsCollection([]),
];

export const description = showOnlyFor('channel', 'getAll', properties);

/** The filters as `GET /channels` query parameters. */
function filterQuery(filters: { type?: unknown; active?: unknown }): IDataObject {
	const qs: IDataObject = {};
	if (filters.type !== undefined) qs.type = requireSource('Type', filters.type);
	if (filters.active !== undefined) qs.active = requireBoolean('Active', filters.active);
	return qs;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const qs = filterQuery(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);

	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('channels'), listKey: 'channels', qs },
		limit,
		itemIndex,
	);
}
