/** Contact → Get Messages: `GET /contacts/:uuid/messages`, newest first, one output item per message. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath } from '../../transport';
import { callbellApiRequestAllItems } from '../../transport/pagination';
import {
	contactLocatorFor,
	lookupChannelOption,
	optionsCollection,
	returnAllOrLimit,
	showOnlyFor,
} from '../common.descriptions';
import { contactNotFoundHint, findContactUuid, readContactTarget } from '../contactRequests';
import { readLimit } from '../lists';

export { contactKey as orderingKey } from '../contactRequests';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact whose messages to get (newest first: sent, received and internal notes).'),
	...returnAllOrLimit('messages'),
	optionsCollection([lookupChannelOption]),
];

export const description = showOnlyFor('contact', 'getMessages', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const target = readContactTarget.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);

	const uuid = await findContactUuid.call(this, target, itemIndex);
	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('contacts', uuid, 'messages'), listKey: 'messages', notFoundHint: contactNotFoundHint(uuid) },
		limit,
		itemIndex,
	);
}
