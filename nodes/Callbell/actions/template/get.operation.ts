/** Template → Get: `GET /templates/:uuid`, output the template (`uuid, title, templateType, category, status, text, createdAt`). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { fetchObject, TEMPLATE } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { readObjectId, requiredLocator, templateLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		templateLocator,
		'The template to get: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('template', 'get', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, TEMPLATE, itemIndex);
	return await fetchObject.call(this, TEMPLATE, id, { method: 'GET' }, itemIndex);
}
