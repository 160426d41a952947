/** User → Clear Status: `DELETE /users/:uuid/status`, which unassigns the user's custom status (Callbell answers nothing). */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { objectRequest, readObjectId, USER } from '../accountObjects';
import { optionsCollection, requiredLocator, showOnlyFor, userLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	requiredLocator(
		userLocator,
		'The collaborator whose custom status to remove, by their Callbell user ID (32 hexadecimal characters). Whether they are available or away does not change.',
	),
	optionsCollection([]),
];

export const description = showOnlyFor('user', 'clearStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const id = readObjectId.call(this, USER, itemIndex);

	await objectRequest.call(this, USER, id, { method: 'DELETE', below: ['status'] }, itemIndex);
	return { success: true, userId: id, customStatus: null };
}
