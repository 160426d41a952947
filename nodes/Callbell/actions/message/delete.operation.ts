/** Message → Delete: `DELETE /messages/:uuid`. Removes the text and attachments in Callbell only. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest } from '../../transport';
import { MESSAGE_NOT_FOUND_HINT, messageIdParameter, readMessageId } from './messageId';
import { showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	{
		...messageIdParameter,
		description:
			`${messageIdParameter.description}. Deleting removes its text and attachments in ` +
			`Callbell only: the contact keeps the message on their phone (WhatsApp, Instagram, ` +
			`Messenger or Telegram)`,
	},
	optionsCollection([]),
];

export const description = showOnlyFor('message', 'delete', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const uuid = readMessageId.call(this, itemIndex);
	await callbellApiRequest.call(
		this,
		{ method: 'DELETE', path: apiPath('messages', uuid), notFoundHint: MESSAGE_NOT_FOUND_HINT },
		itemIndex,
	);
	return { uuid, deleted: true };
}
