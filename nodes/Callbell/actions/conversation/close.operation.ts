/** Conversation → Close: `POST /contacts/:uuid/conversation/close`; the contact comes back with `closedAt` set. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { conversationProperties, setConversationState } from './openOrClose';
import { showOnlyFor } from '../common.descriptions';

export { contactKey as orderingKey } from '../params/contactLocator';

export const description = showOnlyFor(
	'conversation',
	'close',
	conversationProperties('The contact whose conversation to close.'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setConversationState.call(this, itemIndex, 'close');
}
