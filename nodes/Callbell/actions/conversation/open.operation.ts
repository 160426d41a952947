/** Conversation → Open: `POST /contacts/:uuid/conversation/open`; the contact comes back with `closedAt` null. */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { conversationProperties, setConversationState } from './openOrClose';
import { showOnlyFor } from '../common.descriptions';

export { contactKey as orderingKey } from '../params/contactLocator';

export const description = showOnlyFor(
	'conversation',
	'open',
	conversationProperties(
		'The contact whose conversation to open (an open conversation stays open).',
	),
);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	return await setConversationState.call(this, itemIndex, 'open');
}
