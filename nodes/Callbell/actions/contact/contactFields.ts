/** The fields only contact operations use: a contact's fields as Create, Update and Create or Update set them. */
import type { INodeProperties } from 'n8n-workflow';

import { NOTE_MAX_LENGTH } from '../../helpers/validation';
import { assignedUserLocator } from '../params/assignedUser';
import { botStatusParameter } from '../params/botStatus';
import { teamLocator } from '../params/objectLocators';

export const includeFieldTypesOption: INodeProperties = {
	displayName: 'Include Custom Field Types',
	name: 'includeFieldTypes',
	type: 'boolean',
	default: false,
	description:
		'Whether to add customFieldsMetadata: every custom field of the account with its type and, for dropdowns and checkboxes, its options',
};

/** The contact's fields as Create, Update and Create or Update offer them; keys are the public names. */
export const contactFields = {
	assignedUser: assignedUserLocator,
	botStatus: botStatusParameter,
	clearNote: {
		displayName: 'Clear Note',
		name: 'clearNote',
		type: 'boolean',
		default: true,
		description: "Whether to erase the contact's note. Cannot be combined with Note.",
	},
	customFields: {
		displayName: 'Custom Fields',
		name: 'customFields',
		type: 'fixedCollection',
		placeholder: 'Add Custom Field',
		default: {},
		typeOptions: { multipleValues: true },
		description:
			'Custom field values by name. Each field must exist in Callbell (Settings → Custom ' +
			'fields). Checkbox fields take a list such as ["WhatsApp", "Telegram"].',
		options: [
			{
				displayName: 'Field',
				name: 'field',
				values: [
					{
						displayName: 'Name or ID',
						name: 'name',
						type: 'options',
						typeOptions: { loadOptionsMethod: 'getCustomFields' },
						default: '',
						// One literal, as n8n's lint rules read it, continued after a backslash (no line break in the text).
						description:
							'The custom field, from the account\'s fields (each shown with its type and options); its name works as its ID. \
Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
					},
					{
						displayName: 'Value',
						name: 'value',
						type: 'string',
						default: '',
						placeholder: 'e.g. Acme',
						description:
							'Text for text, email, number, date (YYYY-MM-DD) and dropdown fields; a JSON list such ' +
							'as ["WhatsApp"] for checkbox fields. Empty clears the field.',
					},
				],
			},
		],
	},
	customFieldsJson: {
		displayName: 'Custom Fields (JSON)',
		name: 'customFieldsJson',
		type: 'json',
		default: '{}',
		placeholder: '{"Company": "Acme", "Interests": ["WhatsApp"]}',
		description:
			'Custom field values as a JSON object of name → value, handy with expressions. Combined with Custom Fields; a name may appear only once.',
	},
	name: {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		placeholder: 'e.g. Jane Doe',
		description: "The contact's name",
	},
	note: {
		displayName: 'Note',
		name: 'note',
		type: 'string',
		typeOptions: { rows: 4 },
		default: '',
		description: `The contact's note (at most ${NOTE_MAX_LENGTH} characters); replaces the note it has. To erase the note use Clear Note instead.`,
	},
	tags: {
		displayName: 'Tags',
		name: 'tags',
		type: 'string',
		default: '',
		placeholder: 'e.g. lead, newsletter',
		description:
			"Comma-separated tags, or a list from an expression. Replaces all the contact's tags (to " +
			'keep the others, use Add Tags or Remove Tags); each tag must exist in Callbell ' +
			'(Settings → Tags).',
	},
	teamId: teamLocator,
	unassignUser: {
		displayName: 'Unassign User',
		name: 'unassignUser',
		type: 'boolean',
		default: true,
		description:
			'Whether to remove the collaborator assigned to the contact. Cannot be combined with Assigned User.',
	},
} satisfies Record<string, INodeProperties>;

/** Update Fields, as Update and Create or Update offer them. */
export const updateFieldsCollection: INodeProperties = {
	displayName: 'Update Fields',
	name: 'updateFields',
	type: 'collection',
	placeholder: 'Add Field',
	default: {},
	description: 'Only the fields added here are sent to Callbell; everything else stays as it is',
	options: [
		contactFields.assignedUser,
		contactFields.botStatus,
		contactFields.clearNote,
		contactFields.customFields,
		contactFields.customFieldsJson,
		contactFields.name,
		contactFields.note,
		contactFields.tags,
		contactFields.teamId,
		contactFields.unassignUser,
	],
};
