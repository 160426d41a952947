/** Message → Get Status: `GET /messages/status/:uuid`: enqueued, sent, delivered, read, failed, mismatch or deleted. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest, unwrapObject } from '../../transport';
import { MESSAGE_NOT_FOUND_HINT, messageIdParameter, readMessageId } from './messageId';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	{
		...messageIdParameter,
		description: `${messageIdParameter.description}. Its status tells whether the message was delivered, read, or failed to send`,
	},
	optionsCollection([]),
];

export const description = showOnlyFor('message', 'getStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const uuid = readMessageId.call(this, itemIndex);
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'GET',
			path: apiPath('messages', 'status', uuid),
			notFoundHint: MESSAGE_NOT_FOUND_HINT,
		},
		itemIndex,
	);
	return unwrapObject.call(this, response, 'message', itemIndex);
}
