/**
 * Funnel → Get Many: `GET /funnels`, one output item per funnel stage (`uuid, name, emoji,
 * position, createdAt`). Callbell answers every stage at once, without pages.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';

const properties: INodeProperties[] = [...returnAllOrLimit('funnel stages'), optionsCollection([])];

export const description = showOnlyFor('funnel', 'getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('funnels'), listKey: 'funnels' },
		limit,
		itemIndex,
	);
}
