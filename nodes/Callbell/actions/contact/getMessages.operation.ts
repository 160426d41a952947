/**
 * Contact → Get Messages: `GET /contacts/:uuid/messages`, newest first, one output item per
 * message; simplified, the same latest messages in the order they were written.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { simplifyMessage } from '../../helpers/output';
import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { contactNotFoundHint, findContactUuid } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';
import { simplifyMessagesOption } from '../params/simplifyOutput';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor(
		'The contact whose messages to get (newest first: sent, received and internal notes).',
	),
	...returnAllOrLimit('messages'),
	optionsCollection([lookupChannelOption, simplifyMessagesOption]),
];

export const description = showOnlyFor('contact', 'getMessages', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const target = readContactTarget.call(this, itemIndex);
	const limit = readLimit.call(this, itemIndex);

	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const uuid = await findContactUuid.call(this, target, itemIndex);
	const newestFirst = await callbellApiRequestAllItems.call(
		this,
		{
			path: apiPath('contacts', uuid, 'messages'),
			listKey: 'messages',
			notFoundHint: contactNotFoundHint(uuid),
		},
		limit,
		itemIndex,
	);
	return simplify === true ? newestFirst.reverse().map(simplifyMessage) : newestFirst;
}
