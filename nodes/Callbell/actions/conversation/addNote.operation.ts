/** Conversation → Add Note: `POST /contacts/:uuid/conversation/note`, an internal note the contact never sees. */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../helpers/validation';
import { longTextParameter, showOnlyFor } from '../common.descriptions';
import { findContactUuid, postConversationNote } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact whose conversation gets the note.'),
	longTextParameter({
		placeholder: 'e.g. @alice the lead asked for a demo on Friday',
		description:
			'The note, shown to your team in the conversation and never sent to the contact. Write @ ' +
			"and a collaborator's name (e.g. @alice) to mention and notify them.",
	}),
	optionsCollection([lookupChannelOption]),
];

export const description = showOnlyFor('conversation', 'addNote', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const text = requireNonEmptyString(
		'Text',
		this.getNodeParameter('text', itemIndex),
		'Write the note to add.',
	);

	const uuid = await findContactUuid.call(this, target, itemIndex);
	await postConversationNote.call(this, uuid, text, itemIndex);
	return { success: true, contactUuid: uuid, text };
}
