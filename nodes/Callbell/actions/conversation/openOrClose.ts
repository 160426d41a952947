/** What Open and Close share: `POST /contacts/:uuid/conversation/<open|close>`, answering the contact. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactOutput } from '../../helpers/output';
import { apiPath, callbellApiRequest, unwrapContact } from '../../transport';
import { contactNotFoundHint, findContactUuid } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';

export function conversationProperties(purpose: string): INodeProperties[] {
	return [contactLocatorFor(purpose), optionsCollection([lookupChannelOption, simplifyOption])];
}

export async function setConversationState(
	this: IExecuteFunctions,
	itemIndex: number,
	action: 'open' | 'close',
): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const uuid = await findContactUuid.call(this, target, itemIndex);
	const response = await callbellApiRequest.call(
		this,
		{
			method: 'POST',
			path: apiPath('contacts', uuid, 'conversation', action),
			notFoundHint: contactNotFoundHint(uuid),
		},
		itemIndex,
	);
	return contactOutput(unwrapContact.call(this, response, itemIndex), simplify);
}
