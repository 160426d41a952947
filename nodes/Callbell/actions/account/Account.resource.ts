import type { INodeProperties } from 'n8n-workflow';

import type { CallbellOperation } from '../node.type';
import * as getPlan from './getPlan.operation';
import * as getWebhookEvents from './getWebhookEvents.operation';

export const operations: Record<string, CallbellOperation> = { getPlan, getWebhookEvents };

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['account'] } },
		options: [
			{
				name: 'Get Plan',
				value: 'getPlan',
				description:
					"Get the account's Callbell plan: included channels, licenses, active users and teams",
				action: 'Get the plan and licenses of the account',
			},
			{
				name: 'Get Webhook Events',
				value: 'getWebhookEvents',
				description:
					"List the events Callbell delivered to the account's webhook, newest first, with whether each delivery succeeded",
				action: 'Get the webhook deliveries of the account',
			},
		],
		default: 'getPlan',
	},
	...getPlan.description,
	...getWebhookEvents.description,
];
