import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as update from './update.operation';

export const operations: Record<string, CallbellOperation> = { update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['contact'] } },
		options: [
			{
				name: 'Update',
				value: 'update',
				description: 'Update a contact\'s name, tags, custom fields, assignee, team, bot or note',
				action: 'Update a contact',
			},
		],
		default: 'update',
	},
	...update.description,
];
