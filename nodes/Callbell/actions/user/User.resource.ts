import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as clearStatus from './clearStatus.operation';
import * as setStatus from './setStatus.operation';

export const operations: Record<string, CallbellOperation> = { clearStatus, setStatus };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['user'] } },
		options: [
			{
				name: 'Clear Status',
				value: 'clearStatus',
				description: "Remove a collaborator's custom status",
				action: 'Clear the custom status of a user',
			},
			{
				name: 'Set Status',
				value: 'setStatus',
				description: 'Set whether a collaborator is available or away, and their custom status',
				action: 'Set the availability and custom status of a user',
			},
		],
		default: 'setStatus',
	},
	...clearStatus.description,
	...setStatus.description,
];
