import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: Record<string, CallbellOperation> = { get, getAll, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['template'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get a WhatsApp message template by ID, with its text, category and approval status',
				action: 'Get a template',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List the account's WhatsApp message templates, optionally only those of a status or category",
				action: 'Get many templates',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a template in Callbell (its text and approval stay as they are)',
				action: 'Rename a template',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...update.description,
];
