/** Parameters shared by several operations. */
import type { INodeProperties } from 'n8n-workflow';

import { CONTACT_ID_EXAMPLE, CONTACT_URL_EXAMPLE } from '../helpers/locators';

const UUID_REGEX = '^[0-9a-fA-F]{32}$';

/** The contact picker: from a searchable list, by id, or by its dashboard link. */
export const contactLocator: INodeProperties = {
	displayName: 'Contact',
	name: 'contactId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	required: true,
	description: 'The Callbell contact to work on',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a contact...',
			typeOptions: {
				searchListMethod: 'searchContacts',
				searchable: true,
				searchFilterRequired: false,
			},
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: `e.g. ${CONTACT_ID_EXAMPLE}`,
			hint: 'The contact\'s uuid: 32 hexadecimal characters',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: UUID_REGEX,
						errorMessage: 'A contact id is 32 hexadecimal characters',
					},
				},
			],
		},
		{
			displayName: 'By URL',
			name: 'url',
			type: 'string',
			placeholder: `e.g. ${CONTACT_URL_EXAMPLE}`,
			hint: 'The contact\'s link in the Callbell dashboard (not a conversation link)',
			validation: [
				{
					type: 'regex',
					properties: {
						regex: 'https?://dash\\.callbell\\.eu/contacts/[0-9a-fA-F]{32}/?(?:[?#].*)?$',
						errorMessage: 'Not a Callbell contact link (https://dash.callbell.eu/contacts/…)',
					},
				},
			],
		},
	],
};

/** A team picker, usable inside collections. */
export const teamLocator: INodeProperties = {
	displayName: 'Team',
	name: 'teamId',
	type: 'resourceLocator',
	default: { mode: 'list', value: '' },
	description: 'The team to assign the contact to',
	modes: [
		{
			displayName: 'From List',
			name: 'list',
			type: 'list',
			placeholder: 'Select a team...',
			typeOptions: { searchListMethod: 'searchTeams', searchable: true },
		},
		{
			displayName: 'By ID',
			name: 'id',
			type: 'string',
			placeholder: 'e.g. a1b2c3d4e5f60718293a4b5c6d7e8f90',
			validation: [
				{
					type: 'regex',
					properties: { regex: UUID_REGEX, errorMessage: 'A team id is 32 hexadecimal characters' },
				},
			],
		},
	],
};

/** Shows `properties` only for one resource + operation (the router layout's convention). */
export function showOnlyFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}
