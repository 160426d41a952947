/** Custom Status → Get: `GET /custom_statuses/:id`, output the custom status (`id, name, emoji, createdAt, updatedAt`). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { CUSTOM_STATUS, fetchObject } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { customStatusLocator, readObjectId, requiredLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		customStatusLocator,
		'The custom status to get: pick it from the list or give its ID',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('customStatus', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, CUSTOM_STATUS, itemIndex);
	return await fetchObject.call(this, CUSTOM_STATUS, id, { method: 'GET' }, itemIndex);
}
