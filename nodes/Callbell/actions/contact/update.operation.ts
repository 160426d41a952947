/**
 * Contact → Update: `PATCH /contacts/:uuid` with only the fields the user set.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { buildContactPatchBody, type ContactUpdateFields } from '../../helpers/fields';
import { contactIdFromLocator } from '../../helpers/locators';
import { NOTE_MAX_LENGTH } from '../../helpers/validation';
import { simplifyContact } from '../../helpers/output';
import { apiPath, callbellApiRequest, unwrapContact } from '../../transport';
import { contactLocator, showOnlyFor, teamLocator } from '../common.descriptions';

const properties: INodeProperties[] = [
	{ ...contactLocator, description: 'The contact to update' },
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'Only the fields added here are sent to Callbell; everything else stays as it is',
		options: [
			{
				displayName: 'Assigned User (Email)',
				name: 'assignedUser',
				type: 'string',
				placeholder: 'e.g. alice@example.com',
				default: '',
				description: 'Email address of the Callbell collaborator to assign the contact to',
			},
			{
				displayName: 'Bot Status',
				name: 'botStatus',
				type: 'options',
				options: [
					{ name: 'Start Bot', value: 'bot_start', description: 'Start the account\'s bot for this contact' },
					{ name: 'Stop Bot', value: 'bot_end', description: 'Stop the account\'s bot for this contact' },
				],
				default: 'bot_start',
				description: 'Start or stop the account\'s bot for this contact (a bot must be enabled in Callbell)',
			},
			{
				displayName: 'Clear Note',
				name: 'clearNote',
				type: 'boolean',
				default: true,
				description: 'Whether to erase the contact\'s note. Cannot be combined with Note.',
			},
			{
				displayName: 'Custom Fields',
				name: 'customFields',
				type: 'fixedCollection',
				placeholder: 'Add Custom Field',
				default: {},
				typeOptions: { multipleValues: true },
				description:
					'Custom field values by name. Each field must exist in Callbell (Settings → Custom fields). Checkbox fields take a list such as ["WhatsApp", "Telegram"].',
				options: [
					{
						displayName: 'Field',
						name: 'field',
						values: [
							{
								displayName: 'Name',
								name: 'name',
								type: 'string',
								default: '',
								placeholder: 'e.g. Company',
								description: 'Name of the custom field, exactly as in Callbell',
							},
							{
								displayName: 'Value',
								name: 'value',
								type: 'string',
								default: '',
								placeholder: 'e.g. Acme',
								description:
									'Text for text, email, number, date (YYYY-MM-DD) and dropdown fields; a JSON list such as ["WhatsApp"] for checkbox fields. Empty clears the field.',
							},
						],
					},
				],
			},
			{
				displayName: 'Custom Fields (JSON)',
				name: 'customFieldsJson',
				type: 'json',
				default: '{}',
				placeholder: '{"Company": "Acme", "Interests": ["WhatsApp"]}',
				description:
					'Custom field values as a JSON object of name → value, handy with expressions. Combined with Custom Fields; a name may appear only once.',
			},
			{
				displayName: 'Name',
				name: 'name',
				type: 'string',
				default: '',
				placeholder: 'e.g. Jane Doe',
				description: 'The contact\'s name',
			},
			{
				displayName: 'Note',
				name: 'note',
				type: 'string',
				typeOptions: { rows: 4 },
				default: '',
				description: `Replaces the contact's note (at most ${NOTE_MAX_LENGTH} characters). To erase the note use Clear Note instead.`,
			},
			{
				displayName: 'Tags',
				name: 'tags',
				type: 'string',
				default: '',
				placeholder: 'e.g. lead, newsletter',
				description:
					'Comma-separated tags, or a list from an expression. Replaces the contact\'s tags; each tag must exist in Callbell (Settings → Tags).',
			},
			{ ...teamLocator },
			{
				displayName: 'Unassign User',
				name: 'unassignUser',
				type: 'boolean',
				default: true,
				description: 'Whether to remove the collaborator assigned to the contact. Cannot be combined with Assigned User.',
			},
		],
	},
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [
			{
				displayName: 'Simplify Output',
				name: 'simplify',
				type: 'boolean',
				default: true,
				description:
					'Whether to return only the fields a CRM sync needs (uuid, name, phone number, source, tags, assigned user, team, custom fields, note, link) instead of the whole contact',
			},
		],
	},
];

export const description = showOnlyFor('contact', 'update', properties);

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject> {
	const contactId = contactIdFromLocator('Contact', this.getNodeParameter('contactId', itemIndex));
	const body = buildContactPatchBody(
		this.getNodeParameter('updateFields', itemIndex, {}) as ContactUpdateFields,
	);
	const { simplify } = this.getNodeParameter('options', itemIndex, {}) as { simplify?: boolean };

	const response = await callbellApiRequest.call(
		this,
		{
			method: 'PATCH',
			path: apiPath('contacts', contactId),
			body,
			notFoundHint: `No contact with the id ${contactId} exists in this Callbell account. Check the Contact field.`,
		},
		itemIndex,
	);
	const contact = unwrapContact.call(this, response, itemIndex);
	return simplify === true ? simplifyContact(contact) : contact;
}
