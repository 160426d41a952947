/** Team → Get Many: `GET /teams`, one output item per team. Limit stops at the page that fills it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';

const properties: INodeProperties[] = [...returnAllOrLimit('teams'), optionsCollection([])];

export const description = showOnlyFor('team', 'getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('teams'), listKey: 'teams' },
		limit,
		itemIndex,
	);
}
