/**
 * Template → Update: `PATCH /templates/:uuid` with `{title}`, output the renamed template.
 * Callbell documents this answer under the key `templates`, not `template`: either is read.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { unwrapObject } from '../../transport';
import { sendObjectRequest, requireName, TEMPLATE } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { readObjectId, requiredLocator, templateLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		templateLocator,
		'The template to rename: pick it from the list or give its ID (32 hexadecimal characters)',
	),
	{
		displayName: 'Title',
		name: 'title',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'e.g. Welcome',
		description:
			"The template's new title in Callbell. Only the title changes: its text, category and WhatsApp approval stay.",
	},
	optionsCollection([]),
];

export const description = showOnlyFor('template', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const title = requireName(
		'Title',
		this.getNodeParameter('title', itemIndex),
		"the template's new title",
	);
	const id = await readObjectId.call(this, TEMPLATE, itemIndex);

	const response = (await sendObjectRequest.call(
		this,
		TEMPLATE,
		id,
		{ method: 'PATCH', body: { title } },
		itemIndex,
	)) as IDataObject;
	const answerKey = response?.templates !== undefined ? 'templates' : TEMPLATE.key;
	return unwrapObject.call(this, response, answerKey, itemIndex);
}
