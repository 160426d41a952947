/**
 * The trigger's webhook lifecycle under Callbell's rule of one webhook per account: subscribing
 * replaces whatever URL was registered (another workflow, another tool), and the API cannot read
 * the current registration back. So the node remembers what it registered (workflow static data)
 * and marks its own answers with a receiver id; before unsubscribing, it reads the latest
 * delivery Callbell logged and leaves the registration alone when another receiver answered it.
 */
import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { callbellApiRequest } from '../Callbell/transport';

/** What this node registered, kept in the workflow's static data. */
export interface Registration {
	url: string;
	events: string[];
	receiver: string;
	registeredAt: string;
}

const REGISTRATION_KEY = 'callbellRegistration';

/**
 * This workflow's and node's mark in its answers to Callbell (`{"status":"ok","receiver":…}`),
 * stable across activations and free of secrets: a hash of the workflow and node ids.
 */
export function receiverMark(this: IHookFunctions | IWebhookFunctions): string {
	const node = this.getNode();
	const hash = createHash('sha256').update(`${String(this.getWorkflow().id)}:${node.id ?? node.name}`).digest('hex');
	return `n8n:${hash.slice(0, 16)}`;
}

export function storedRegistration(this: IHookFunctions): Registration | undefined {
	const stored = this.getWorkflowStaticData('node')[REGISTRATION_KEY] as Registration | undefined;
	return typeof stored?.url === 'string' ? stored : undefined;
}

function sameEvents(a: string[], b: string[]): boolean {
	return a.length === b.length && [...a].sort().join(',') === [...b].sort().join(',');
}

/** Registered by this node, for this URL and these events, and not unsubscribed since. */
export function isRegistered(this: IHookFunctions, url: string, events: string[]): boolean {
	const stored = storedRegistration.call(this);
	return stored !== undefined && stored.url === url && sameEvents(stored.events, events);
}

/** `POST /webhooks/subscribe`: n8n's URL becomes the account's webhook (replacing any other). */
export async function subscribe(this: IHookFunctions, url: string, events: string[]): Promise<Registration> {
	await callbellApiRequest.call(this, {
		method: 'POST',
		path: '/webhooks/subscribe',
		body: { url, subscriptions: events },
		unprocessableHint: `Callbell refused to send events to ${url}. It accepts only public web addresses (not localhost): set n8n's WEBHOOK_URL to a public https address (e.g. a tunnel), or choose Registration → Manual.`,
	});
	const registration: Registration = {
		url,
		events: [...events],
		receiver: receiverMark.call(this),
		registeredAt: new Date().toISOString(),
	};
	this.getWorkflowStaticData('node')[REGISTRATION_KEY] = registration as unknown as IDataObject;
	return registration;
}

/** The receiver that answered Callbell's latest successful delivery, as far as its answer says. */
async function latestReceiver(this: IHookFunctions): Promise<{ found: false } | { found: true; receiver?: string }> {
	const response = (await callbellApiRequest.call(this, {
		method: 'GET',
		path: '/webhooks/events',
		qs: { status: 'success', items: 1, page: 1 },
	})) as { webhook_events?: Array<{ response?: unknown }> };
	const latest = response.webhook_events?.[0];
	if (!latest) return { found: false };
	try {
		const answer = JSON.parse(String(latest.response)) as { receiver?: unknown };
		return { found: true, receiver: typeof answer?.receiver === 'string' ? answer.receiver : undefined };
	} catch {
		return { found: true };
	}
}

export type UnsubscribeOutcome = 'unsubscribed' | 'not registered by this node' | 'taken over by another receiver';

/**
 * `DELETE /webhooks/unsubscribe`, only if the account's webhook is still this node's as far as
 * Callbell's delivery log tells: a registration this node did not make is never removed.
 */
export async function unsubscribe(this: IHookFunctions): Promise<UnsubscribeOutcome> {
	const stored = storedRegistration.call(this);
	if (!stored) return 'not registered by this node';
	const staticData = this.getWorkflowStaticData('node');
	const latest = await latestReceiver.call(this);
	if (latest.found && latest.receiver !== stored.receiver) {
		delete staticData[REGISTRATION_KEY];
		return 'taken over by another receiver';
	}
	// Already gone (another tool unsubscribed it) is as good as unsubscribed.
	await callbellApiRequest.call(this, { method: 'DELETE', path: '/webhooks/unsubscribe', allowNotFound: true });
	delete staticData[REGISTRATION_KEY];
	return 'unsubscribed';
}
