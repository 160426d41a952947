/** Conversation → Close: `POST /contacts/:uuid/conversation/close`; the contact comes back with `closedAt` set. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { showOnlyFor } from '../common.descriptions';
import { conversationProperties, setConversationState } from './openOrClose';

export { contactKey as orderingKey } from '../contactRequests';

export const description = showOnlyFor(
	'conversation',
	'close',
	conversationProperties('The contact whose conversation to close.'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setConversationState.call(this, itemIndex, 'close');
}
