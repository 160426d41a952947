/** The account's one webhook: subscribe (replaces), unsubscribe, delivery log. Deliveries: ../deliveries.ts. */
import {
	isHttpUrl,
	notFound,
	paginate,
	route,
	unprocessable,
	type Route,
	type RouteRequest,
} from '../http';
import { now } from '../state';

export const WEBHOOK_EVENTS = [
	'message_created',
	'message_status_updated',
	'contact_created',
	'contact_updated',
	'contact_deleted',
	'conversation_opened',
	'conversation_closed',
	'agent_status_updated',
	'agent_session_updated',
	'team_membership_updated',
];

function isLocalUrl(url: string): boolean {
	const host = new URL(url).hostname;
	return (
		host === 'localhost' ||
		host.endsWith('.localhost') ||
		host.startsWith('127.') ||
		host === '[::1]'
	);
}

function subscribe({ state, body, options }: RouteRequest) {
	const problems: string[] = [];
	if (!isHttpUrl(body.url)) problems.push('url must be a web address');
	else if (!options.allowLocalWebhookUrls && isLocalUrl(body.url))
		problems.push('Webhook URLs on localhost are not allowed');
	const subscriptions = body.subscriptions;
	if (!Array.isArray(subscriptions) || subscriptions.length === 0)
		problems.push('subscriptions must be a non-empty list of events');
	else
		for (const event of subscriptions)
			if (!WEBHOOK_EVENTS.includes(event)) problems.push(`Unknown event "${String(event)}"`);
	if (problems.length > 0) throw unprocessable(problems);
	state.webhook = {
		url: body.url as string,
		subscriptions: [...(subscriptions as string[])],
		enabled: true,
		createdAt: now(),
	};
	return { body: { webhook: { ...state.webhook } } };
}

function unsubscribe({ state }: RouteRequest) {
	if (!state.webhook) throw notFound('Webhook');
	state.webhook = null;
	return { body: { status: 'ok' } };
}

function listEvents({ state, query, options }: RouteRequest) {
	const wanted = (query.subscriptions ?? '').split(',').filter(Boolean);
	const events = state.webhookEvents.filter(
		(event) =>
			(!query.status || (query.status === 'success') === event.success) &&
			(wanted.length === 0 || wanted.includes(event.event)),
	);
	const perPage = query.items === undefined ? options.pageSize : Number(query.items);
	const { entries, meta } = paginate(
		[...events].reverse(),
		query,
		perPage > 0 ? perPage : options.pageSize,
	);
	return { body: { webhook_events: entries, meta } };
}

export const webhookRoutes: Route[] = [
	route('POST', '/webhooks/subscribe', subscribe),
	route('DELETE', '/webhooks/unsubscribe', unsubscribe),
	route('GET', '/webhooks/events', listEvents),
];
