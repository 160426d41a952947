/** Contact → Set Bot Status: `POST /contacts/:uuid/bot` starts or stops the account's bot for the contact. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { BOT_STATUSES, type BotStatus } from '../../helpers/contactBody';
import { requireOneOf } from '../../helpers/validation';
import { apiPath, callbellApiRequest, unwrapObject } from '../../transport';
import { showOnlyFor } from '../common.descriptions';
import { contactNotFoundHint, findContactUuid } from '../contactRequests';
import { botStatusParameter } from '../params/botStatus';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact to start or stop the bot for.'),
	{ ...botStatusParameter, displayName: 'Status', name: 'status', required: true },
	optionsCollection([lookupChannelOption]),
];

export const description = showOnlyFor('contact', 'setBotStatus', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const status = requireOneOf<BotStatus>(
		'Status',
		this.getNodeParameter('status', itemIndex),
		BOT_STATUSES,
	);

	const uuid = await findContactUuid.call(this, target, itemIndex);
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'POST',
			path: apiPath('contacts', uuid, 'bot'),
			body: { status },
			notFoundHint: contactNotFoundHint(uuid),
		},
		itemIndex,
	);
	return unwrapObject.call(this, response, 'bot', itemIndex);
}
