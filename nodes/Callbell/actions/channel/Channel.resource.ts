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
		displayOptions: { show: { resource: ['channel'] } },
		options: [
			{
				name: 'Get',
				value: 'get',
				description:
					'Get a channel (a WhatsApp number, Instagram or Facebook page, Telegram bot) by ID',
				action: 'Get a channel',
			},
			{
				name: 'Get Many',
				value: 'getAll',
				description: "List the account's channels, filtered by type or whether they are active",
				action: 'Get many channels',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Rename a channel',
				action: 'Rename a channel',
			},
		],
		default: 'getAll',
	},
	...get.description,
	...getAll.description,
	...update.description,
];
