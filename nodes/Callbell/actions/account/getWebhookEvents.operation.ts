/**
 * Account → Get Webhook Events: `GET /webhooks/events`, the deliveries to the account's webhook
 * (`event, payload, response, success, createdAt`), filtered by Callbell (`status`, and the event
 * names comma-separated as `subscriptions`), one output item per event.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CallbellInputError, quoteValue, requireOneOf } from '../../helpers/validation';
import { WEBHOOK_EVENT_OPTIONS, WEBHOOK_EVENTS } from '../../helpers/webhookEvents';
import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { filtersCollection, showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';

const DELIVERY_STATUSES = ['success', 'failed'] as const;

const properties: INodeProperties[] = [
	...returnAllOrLimit('events'),
	filtersCollection('Only events matching every filter added here', [
		{
			displayName: 'Events',
			name: 'events',
			type: 'multiOptions',
			options: [...WEBHOOK_EVENT_OPTIONS],
			default: [],
			description: 'Only deliveries of these events',
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Failed', value: 'failed', description: 'Your endpoint did not answer with a 2xx' },
				{ name: 'Success', value: 'success', description: 'Your endpoint answered with a 2xx' },
			],
			default: 'failed',
			description: 'Only deliveries that succeeded, or only those that failed',
		},
	]),
	optionsCollection([]),
];

export const description = showOnlyFor('account', 'getWebhookEvents', properties);

/** Events → their names; an expression may give a list or comma-separated text. */
function readEvents(value: unknown): string[] {
	const list = typeof value === 'string' ? value.split(',') : value;
	if (!Array.isArray(list)) {
		throw new CallbellInputError(
			'Events',
			`Events must be a list of event names, got ${quoteValue(value)}`,
		);
	}
	const events = list
		.map((event) => (typeof event === 'string' ? event.trim() : event))
		.filter((event) => event !== '');
	return events.map((event) => requireOneOf('Events', event, WEBHOOK_EVENTS));
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const filters = this.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const qs: IDataObject = {};
	if (filters.status !== undefined)
		qs.status = requireOneOf('Status', filters.status, DELIVERY_STATUSES);
	if (filters.events !== undefined) {
		const events = readEvents(filters.events);
		if (events.length > 0) qs.subscriptions = events.join(',');
	}

	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('webhooks', 'events'), listKey: 'webhook_events', qs },
		limit,
		itemIndex,
	);
}
