import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as getAll from './getAll.operation';

export const operations: Record<string, CallbellOperation> = { getAll };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['funnel'] } },
		options: [
			{
				name: 'Get Many',
				value: 'getAll',
				description:
					"List the account's funnel stages (uuid, name, emoji, position), to move conversations between them",
				action: 'Get many funnel stages',
			},
		],
		default: 'getAll',
	},
	...getAll.description,
];
