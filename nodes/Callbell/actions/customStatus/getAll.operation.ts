/** Custom Status → Get Many: `GET /custom_statuses`, one output item per custom status. Limit stops at the page that fills it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { CUSTOM_STATUS } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';

const properties: INodeProperties[] = [
	...returnAllOrLimit('custom statuses'),
	optionsCollection([]),
];

export const description = showOnlyFor('customStatus', 'getAll', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath(CUSTOM_STATUS.path), listKey: 'customStatuses' },
		limit,
		itemIndex,
	);
}
