/** Conversation → Open: `POST /contacts/:uuid/conversation/open`; the contact comes back with `closedAt` null. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { showOnlyFor } from '../common.descriptions';
import { conversationProperties, setConversationState } from './openOrClose';

export { contactKey as orderingKey } from '../contactRequests';

export const description = showOnlyFor(
	'conversation',
	'open',
	conversationProperties('The contact whose conversation to open (an open conversation stays open).'),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setConversationState.call(this, itemIndex, 'open');
}
