/**
 * Custom Status → Update: `PUT /custom_statuses/:id` with `{name, emoji}`, output the custom
 * status. A PUT takes the whole status (Callbell needs the name in it): when only one of Name and
 * Emoji is given, the status is read first (`GET /custom_statuses/:id`) and the other field is sent
 * as it is, so that nothing the user did not ask to change changes.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CallbellInputError, requireSomethingToUpdate } from '../../helpers/validation';
import { customStatusFields, readEmoji } from './customStatusFields';
import { CUSTOM_STATUS, fetchObject, requireName } from '../accountObjects';
import { showOnlyFor } from '../common.descriptions';
import { customStatusLocator, readObjectId, requiredLocator } from '../params/objectLocators';
import { optionsCollection } from '../params/requestOptions';

const properties: INodeProperties[] = [
	requiredLocator(
		customStatusLocator,
		'The custom status to change: pick it from the list or give its ID',
	),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here change; the other keeps its value',
		options: [
			customStatusFields.emoji,
			{ ...customStatusFields.name, description: "The status's new name" },
		],
	},
	optionsCollection([]),
];

export const description = showOnlyFor('customStatus', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: IDataObject = {};
	if (fields.name !== undefined)
		changes.name = requireName('Name', fields.name, "the custom status's new name");
	if (fields.emoji !== undefined) {
		const emoji = readEmoji(fields.emoji);
		if (emoji === undefined) {
			throw new CallbellInputError(
				'Emoji',
				'Emoji is empty',
				'Enter the new emoji, e.g. 📅, or remove the Emoji field.',
			);
		}
		changes.emoji = emoji;
	}
	requireSomethingToUpdate(changes, {
		message: 'Nothing to update',
		hint: 'Add at least one of Name, Emoji under Update Fields.',
	});
	const id = await readObjectId.call(this, CUSTOM_STATUS, itemIndex);

	const current =
		changes.name !== undefined && changes.emoji !== undefined
			? {}
			: await fetchObject.call(this, CUSTOM_STATUS, id, { method: 'GET' }, itemIndex);
	const body: IDataObject = { name: changes.name ?? current.name };
	const emoji = changes.emoji ?? current.emoji;
	if (typeof emoji === 'string' && emoji !== '') body.emoji = emoji;

	return await fetchObject.call(this, CUSTOM_STATUS, id, { method: 'PUT', body }, itemIndex);
}
