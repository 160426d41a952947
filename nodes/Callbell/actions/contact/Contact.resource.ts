import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as addTags from './addTags.operation';
import * as create from './create.operation';
import * as deleteContact from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getBot from './getBot.operation';
import * as getMessages from './getMessages.operation';
import * as removeTags from './removeTags.operation';
import * as setBotStatus from './setBotStatus.operation';
import * as update from './update.operation';
import * as upsert from './upsert.operation';

export const operations: Record<string, CallbellOperation> = {
	addTags,
	create,
	delete: deleteContact,
	get,
	getAll,
	getBot,
	getMessages,
	removeTags,
	setBotStatus,
	update,
	upsert,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Add Tags',
				value: 'addTags',
				description: 'Add tags to a contact, keeping the tags it has',
				action: 'Add tags to a contact',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create a contact from a phone number or platform ID',
				action: 'Create a contact',
			},
			{
				name: 'Create or Update',
				value: 'upsert',
				description: 'Create a new record, or update the current one if it already exists (upsert)',
				action: 'Create or update a contact by phone number',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a contact permanently',
				action: 'Delete a contact',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a contact by ID, link, phone number or BSUID',
				action: 'Find a contact by phone number or ID',
			},
			{
				name: 'Get Bot',
				value: 'getBot',
				description: "Get the state of the account's bot for a contact",
				action: 'Get whether the bot is talking to a contact',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: 'List contacts, filtered by source, tags or team',
				action: 'Get many contacts by tag or team',
			},
			{
				name: 'Get Messages',
				value: 'getMessages',
				description: "List a contact's messages, newest first",
				action: 'Get the latest messages of a contact',
			},
			{
				name: 'Remove Tags',
				value: 'removeTags',
				description: 'Remove tags from a contact, keeping its other tags',
				action: 'Remove tags from a contact',
			},
			{
				name: 'Set Bot Status',
				value: 'setBotStatus',
				description: "Start or stop the account's bot for a contact",
				action: 'Start or stop the bot for a contact',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Update a contact's name, tags, custom fields, assignee, team, bot or note",
				action: 'Update the fields and tags of a contact',
			},
		],
		default: 'update',
	},
	...addTags.description,
	...create.description,
	...deleteContact.description,
	...get.description,
	...getAll.description,
	...getBot.description,
	...getMessages.description,
	...removeTags.description,
	...setBotStatus.description,
	...update.description,
	...upsert.description,
];
