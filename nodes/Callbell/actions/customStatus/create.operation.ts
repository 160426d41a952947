/** Custom Status → Create: `POST /custom_statuses` with `{name, emoji?}`, output the new custom status. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest, unwrapObject } from '../../transport';
import { customStatusFields, readEmoji } from './customStatusFields';
import { CUSTOM_STATUS, requireName } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	{
		...customStatusFields.name,
		required: true,
		description: 'The status collaborators show, e.g. In a meeting',
	},
	customStatusFields.emoji,
	optionsCollection([]),
];

export const description = showOnlyFor('customStatus', 'create', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const name = requireName(
		'Name',
		this.getNodeParameter('name', itemIndex),
		"the custom status's name",
	);
	const emoji = readEmoji(this.getNodeParameter('emoji', itemIndex, ''));

	const response = await callbellApiRequest.call(
		this,
		{
			method: 'POST',
			path: apiPath(CUSTOM_STATUS.path),
			body: { name, ...(emoji !== undefined && { emoji }) },
		},
		itemIndex,
	);
	return unwrapObject.call(this, response, CUSTOM_STATUS.key, itemIndex);
}
