/** Contact → Get Bot: `GET /contacts/:uuid/bot`, the bot's state for this contact. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest, unwrapObject } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { contactNotFoundHint, findContactUuid } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact whose bot state to get (status in_progress, started or ended).'),
	optionsCollection([lookupChannelOption]),
];

export const description = showOnlyFor('contact', 'getBot', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);

	const uuid = await findContactUuid.call(this, target, itemIndex);
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'GET',
			path: apiPath('contacts', uuid, 'bot'),
			notFoundHint: contactNotFoundHint(uuid),
		},
		itemIndex,
	);
	return unwrapObject.call(this, response, 'bot', itemIndex);
}
