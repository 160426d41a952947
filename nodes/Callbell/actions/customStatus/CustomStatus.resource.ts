import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as create from './create.operation';
import * as deleteCustomStatus from './delete.operation';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as update from './update.operation';

export const operations: Record<string, CallbellOperation> = {
	create,
	delete: deleteCustomStatus,
	get,
	getAll,
	update,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['customStatus'] } },
		options: [
			{
				name: 'Create',
				value: 'create',
				description: 'Create a custom status collaborators can show, such as "📅 In a meeting"',
				action: 'Create a custom status',
			},
			{
				name: 'Delete',
				value: 'delete',
				description: 'Delete a custom status; collaborators showing it lose it',
				action: 'Delete a custom status',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a custom status by ID',
				action: 'Get a custom status',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the account's custom statuses",
				action: 'Get many custom statuses',
			},
			{
				name: 'Update',
				value: 'update',
				description: "Change a custom status's name or emoji",
				action: 'Update a custom status',
			},
		],
		default: 'getAll',
	},
	...create.description,
	...deleteCustomStatus.description,
	...get.description,
	...getAll.description,
	...update.description,
];
