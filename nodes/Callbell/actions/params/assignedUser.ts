import type { INodeProperties } from 'n8n-workflow';

/**
 * Assigned User: a collaborator picked from the members of the account's teams (its value is
 * their email) or given By Email. Read with emailFromLocator (helpers/locators.ts).
 */
export const assignedUserLocator: INodeProperties = {
	displayName: 'Assigned User',
	name: 'assignedUser',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description:
		'The Callbell collaborator to assign the contact to: pick them from the members of your teams, or give their email address',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a collaborator...',
			typeOptions: { searchListMethod: 'searchTeamMembers', searchable: true },
		},
		{
			displayName: 'By Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. alice@example.com',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$',
						errorMessage: 'An email address, e.g. alice@example.com',
					},
				},
			],
		},
	],
};
