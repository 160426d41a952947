/** User → Clear Status: `DELETE /users/:uuid/status`, which unassigns the user's custom status (Callbell answers nothing). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { sendObjectRequest, USER } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { readObjectId, requiredLocator, userLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		userLocator,
		'The collaborator whose custom status to remove, by their Callbell user ID (32 ' +
			'hexadecimal characters). Whether they are available or away does not change.',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('user', 'clearStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = await readObjectId.call(this, USER, itemIndex);

	await sendObjectRequest.call(this, USER, id, { method: 'DELETE', below: ['status'] }, itemIndex);
	return { success: true, userId: id, customStatus: null };
}
