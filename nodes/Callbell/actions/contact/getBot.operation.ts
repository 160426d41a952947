/** Contact → Get Bot: `GET /contacts/:uuid/bot`, the bot's state for this contact. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { apiPath, callbellApiRequest, unwrapObject } from '../../transport';
import { contactLocatorFor, lookupChannelOption, optionsCollection, showOnlyFor } from '../common.descriptions';
import { contactNotFoundHint, findContactUuid, readContactTarget } from '../contactRequests';

export { contactKey as orderingKey } from '../contactRequests';

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
		{ method: 'GET', path: apiPath('contacts', uuid, 'bot'), notFoundHint: contactNotFoundHint(uuid) },
		itemIndex,
	);
	return unwrapObject.call(this, response, 'bot', itemIndex);
}
