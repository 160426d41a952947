import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as deleteMessage from './delete.operation';
import * as getStatus from './getStatus.operation';
import * as send from './send.operation';

export const operations: Record<string, CallbellOperation> = {
	delete: deleteMessage,
	getStatus,
	send,
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['message'] } },
		options: [
			{
				name: 'Delete',
				value: 'delete',
				description:
					"Remove a message's text and attachments in Callbell (the contact keeps it on their phone)",
				action: 'Delete a message',
			},
			{
				name: 'Get Status',
				value: 'getStatus',
				description: 'Get whether a sent message was delivered, read or failed',
				action: 'Get the delivery status of a message',
			},
			{
				name: 'Send',
				value: 'send',
				description:
					'Send a text, image, document, audio, video or WhatsApp template message to a contact',
				action: 'Send a message or template to a contact',
			},
		],
		default: 'send',
	},
	...send.description,
	...getStatus.description,
	...deleteMessage.description,
];
