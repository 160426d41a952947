/**
 * What Add Tags and Remove Tags share: read the contact's tags, compute the new list, and
 * `PATCH` it only when it differs (Callbell replaces the whole list, so the others must be sent
 * back). Reading and writing are two requests: a tag change made in between by someone else is
 * overwritten.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { contactOutput } from '../../helpers/output';
import { normalizeTags, tagsOf, type TagChange } from '../../helpers/tags';
import { createUnexpectedAnswerError } from '../../transport/errors';
import { patchContact, readContact } from '../contactRequests';
import {
	contactLocatorFor,
	lookupChannelOption,
	readContactTarget,
} from '../params/contactLocator';
import { optionsCollection } from '../params/requestOptions';
import { simplifyOption } from '../params/simplifyOutput';

export function tagChangeProperties(
	contactDescription: string,
	tagsDescription: string,
): INodeProperties[] {
	return [
		contactLocatorFor(contactDescription),
		{
			displayName: 'Tags',
			name: 'tags',
			type: 'string',
			required: true,
			default: '',
			placeholder: 'e.g. vip, newsletter',
			description: tagsDescription,
		},
		optionsCollection([lookupChannelOption, simplifyOption]),
	];
}

export async function executeTagChange(
	this: IExecuteFunctions,
	itemIndex: number,
	change: (current: string[], tags: string[]) => TagChange,
): Promise<IDataObject> {
	const target = readContactTarget.call(this, itemIndex);
	const tags = normalizeTags(this.getNodeParameter('tags', itemIndex), 'Enter at least one tag.');
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as IDataObject;

	const contact = await readContact.call(this, target, itemIndex);
	const current = tagsOf(contact);
	if (current === undefined) {
		throw createUnexpectedAnswerError(
			this.getNode(),
			'Callbell answered with a contact without its tags',
			"The contact's tags are unknown, so none were changed (sending a list would replace them all). Try again, or use Update.",
			itemIndex,
		);
	}
	const result = change(current, tags);
	if (!result.changed) return contactOutput(contact, simplify);
	const updated = await patchContact.call(
		this,
		String(contact.uuid),
		{ tags: result.tags },
		itemIndex,
	);
	return contactOutput(updated, simplify);
}
