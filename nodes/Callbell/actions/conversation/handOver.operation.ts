/**
 * Conversation → Hand Over: in one call, `PATCH /contacts/:uuid` with the team, the collaborator
 * and `bot_status: bot_end`, then, only once that went through, `POST
 * /contacts/:uuid/conversation/note` with the note for the team (sent once, never retried). With
 * only a note, the contact is read instead of patched. What to send and what was done are
 * decided in helpers/handOver.ts.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import {
	handedOver,
	handOverPatchBody,
	handOverRefusedHint,
	noteFailedHint,
	planHandOver,
	type HandedOver,
	type HandOverPlan,
} from '../../helpers/handOver';
import { contactOutput } from '../../helpers/output';
import { TEAM } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import {
	findContactUuid,
	patchContact,
	postConversationNote,
	readContact,
} from '../contactRequests';
import { assignedUserLocator } from '../params/assignedUser';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
	type ContactTarget,
} from '../params/contactLocator';
import { BY_NAME_TOO, readObjectId, teamLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';

export { contactKey as orderingKey } from '../params/contactLocator';

const properties: INodeProperties[] = [
	contactLocatorFor('The contact whose conversation to hand over.'),
	{
		...teamLocator,
		description: `The team to hand the conversation over to. Leave empty to keep the contact's team. ${BY_NAME_TOO}`,
	},
	{
		...assignedUserLocator,
		description:
			'The collaborator to hand the conversation over to: their email address as in Callbell ' +
			'(e.g. alice@example.com), or picked from the members of your teams. Leave empty to keep ' +
			'the assigned collaborator.',
	},
	{
		displayName: 'Stop Bot',
		name: 'stopBot',
		type: 'boolean',
		default: true,
		description:
			"Whether to stop the account's bot for this contact (bot_status bot_end), so that it no " +
			'longer answers once a person takes over. Set to false when the account has no bot.',
	},
	{
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		placeholder: 'e.g. Wants a refund for order 1042, already sent the receipt',
		description:
			'A note for the team in the conversation, e.g. a summary of what the customer needs; ' +
			'never sent to the contact. Posted once, after the assignment. Write @ and a ' +
			"collaborator's name (e.g. @alice) to mention them. Leave empty for no note.",
	},
	optionsCollection([lookupChannelOption, simplifyOption]),
];

export const description = showOnlyFor('conversation', 'handOver', properties);

/** The contact as the PATCH leaves it, or as it is when there is nothing to patch (a note only). */
async function assign(
	this: IExecuteFunctions,
	target: ContactTarget,
	plan: HandOverPlan,
	body: IDataObject | undefined,
	itemIndex: number,
): Promise<IDataObject> {
	if (body === undefined) return await readContact.call(this, target, itemIndex);
	const uuid = await findContactUuid.call(this, target, itemIndex);
	return await patchContact.call(this, uuid, body, itemIndex, handOverRefusedHint(plan));
}

/**
 * The note's failure, its hint saying that the hand-over itself is done: so that it is not done
 * again for the note's sake, and the note not added twice.
 */
function noteFailure(
	this: IExecuteFunctions,
	error: unknown,
	done: HandedOver,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	const nodeError =
		error instanceof NodeApiError || error instanceof NodeOperationError
			? error
			: new NodeOperationError(this.getNode(), error as Error, { itemIndex });
	nodeError.description = noteFailedHint(done, nodeError.description);
	return nodeError;
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const plan = planHandOver({
		team: this.getNodeParameter(TEAM.parameter, itemIndex, ''),
		assignedUser: this.getNodeParameter('assignedUser', itemIndex, ''),
		stopBot: this.getNodeParameter('stopBot', itemIndex, true),
		note: this.getNodeParameter('note', itemIndex, ''),
	});
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const teamId = plan.team ? await readObjectId.call(this, TEAM, itemIndex) : undefined;
	const body = handOverPatchBody(plan, teamId);

	const contact = await assign.call(this, target, plan, body, itemIndex);
	if (plan.note !== undefined) {
		try {
			await postConversationNote.call(this, String(contact.uuid), plan.note, itemIndex);
		} catch (error) {
			throw noteFailure.call(this, error, handedOver(plan, teamId, contact, false), itemIndex);
		}
	}
	return {
		contact: contactOutput(contact, simplify),
		handedOver: handedOver(plan, teamId, contact, plan.note !== undefined),
	};
}
