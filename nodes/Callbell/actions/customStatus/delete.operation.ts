/** Custom Status → Delete: `DELETE /custom_statuses/:id`; collaborators showing it lose it. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { CUSTOM_STATUS, sendObjectRequest } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { customStatusLocator, readObjectId, requiredLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		customStatusLocator,
		'The custom status to delete: pick it from the list or give its ID. Collaborators showing it lose it.',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('customStatus', 'delete', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, CUSTOM_STATUS, itemIndex);

	await sendObjectRequest.call(this, CUSTOM_STATUS, id, { method: 'DELETE' }, itemIndex);
	return { deleted: true, customStatusId: id };
}
