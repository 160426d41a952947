import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as get from './get.operation';
import * as getAll from './getAll.operation';
import * as getMembers from './getMembers.operation';
import * as update from './update.operation';

export const operations: Record<string, CallbellOperation> = { get, getAll, getMembers, update };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['team'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description: 'Get a team by ID, with how many members it has',
				action: 'Get a team',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the account's teams",
				action: 'Get many teams',
			},
			{
				name: 'Get Members',
				value: 'getMembers',
				description:
					"List a team's members (collaborators) with whether they are available or away",
				action: 'Get the members of a team',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a team',
				action: 'Rename a team',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...getMembers.description,
	...update.description,
];
