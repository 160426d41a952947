/**
 * The trigger's webhook lifecycle under Callbell's rule of one webhook per account: subscribing
 * replaces whatever URL was registered (another workflow, another tool), and the API cannot read
 * the current registration back. So the node remembers what it registered (workflow static data)
 * and marks its own answers with a receiver id; before unsubscribing, it reads the latest
 * delivery Callbell logged since then and leaves the registration alone when another receiver
 * answered it.
 */
import { createHash } from 'crypto';
import type { IDataObject, IHookFunctions, IWebhookFunctions } from 'n8n-workflow';

import { apiPath, callbellApiRequest } from '../Callbell/transport';

/** What this node registered, kept in the workflow's static data. */
export interface Registration {
	url: string;
	events: string[];
	receiver: string;
	/** When Callbell recorded the subscription (its own clock), else when it was sent. */
	registeredAt: string;
}

const REGISTRATION_KEY = 'callbellRegistration';

/** "Listen for test event" runs in manual mode, on the test URL. */
export function isTestMode(this: IHookFunctions | IWebhookFunctions): boolean {
	return this.getMode() === 'manual';
}

/**
 * This node's mark in its answers to Callbell (`{"status":"ok","receiver":…}`): a hash of the n8n
 * instance, workflow and node ids and of test or production, so that another n8n running an
 * imported copy, or this node's own test URL, never reads as this registration. No secret in it.
 */
export function receiverMark(this: IHookFunctions | IWebhookFunctions): string {
	const node = this.getNode();
	const parts = [
		this.getInstanceId(),
		String(this.getWorkflow().id),
		node.id ?? node.name,
		isTestMode.call(this) ? 'test' : 'production',
	];
	return `n8n:${createHash('sha256').update(parts.join(':')).digest('hex').slice(0, 16)}`;
}

function storedRegistration(this: IHookFunctions): Registration | undefined {
	const stored = this.getWorkflowStaticData('node')[REGISTRATION_KEY] as Registration | undefined;
	return typeof stored?.url === 'string' ? stored : undefined;
}

/** Callbell refuses local addresses; any other 422 is about the events or the plan. */
function isLocalUrl(url: string): boolean {
	try {
		const host = new URL(url).hostname;
		return /^(localhost|.*\.localhost|127\.\d+\.\d+\.\d+|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)$/.test(
			host,
		);
	} catch {
		return false;
	}
}

/** `POST /webhooks/subscribe`: n8n's URL becomes the account's webhook (replacing any other). */
export async function subscribe(
	this: IHookFunctions,
	url: string,
	events: string[],
): Promise<Registration> {
	const response = (await callbellApiRequest.call(this, {
		method: 'POST',
		path: apiPath('webhooks', 'subscribe'),
		body: { url, subscriptions: events },
		...(isLocalUrl(url) && {
			unprocessableHint:
				`Callbell refused to send events to ${url}: it accepts only public web addresses, not ` +
				`localhost or a private network. Set n8n's WEBHOOK_URL to a public https address (e.g. a ` +
				`tunnel), or choose Registration → Manual.`,
		}),
	})) as { webhook?: { createdAt?: unknown } };
	const createdAt = response?.webhook?.createdAt;
	const registration: Registration = {
		url,
		events: [...events],
		receiver: receiverMark.call(this),
		registeredAt:
			typeof createdAt === 'string' && !Number.isNaN(Date.parse(createdAt))
				? createdAt
				: new Date().toISOString(),
	};
	this.getWorkflowStaticData('node')[REGISTRATION_KEY] = registration as unknown as IDataObject;
	return registration;
}

interface Delivery {
	response?: unknown;
	createdAt?: unknown;
}

/**
 * Who answered the latest successful delivery since the registration, as far as the answer says.
 * A delivery from before it (to whoever had the webhook then) proves nothing.
 */
async function latestReceiver(
	this: IHookFunctions,
	since: string,
): Promise<{ found: false } | { found: true; receiver?: string }> {
	const response = (await callbellApiRequest.call(this, {
		method: 'GET',
		path: apiPath('webhooks', 'events'),
		qs: { status: 'success', items: 1, page: 1 },
	})) as { webhook_events?: Delivery[] };
	const latest = response.webhook_events?.[0];
	if (
		!latest ||
		(typeof latest.createdAt === 'string' && Date.parse(latest.createdAt) < Date.parse(since))
	)
		return { found: false };
	try {
		const answer = JSON.parse(String(latest.response)) as { receiver?: unknown };
		return {
			found: true,
			receiver: typeof answer?.receiver === 'string' ? answer.receiver : undefined,
		};
	} catch {
		return { found: true };
	}
}

export type UnsubscribeOutcome =
	'unsubscribed' | 'not registered by this node' | 'taken over by another receiver';

/**
 * `DELETE /webhooks/unsubscribe`, only if the account's webhook is still this node's as far as
 * Callbell's delivery log tells: a registration this node did not make is never removed.
 */
export async function unsubscribe(this: IHookFunctions): Promise<UnsubscribeOutcome> {
	const stored = storedRegistration.call(this);
	if (!stored) return 'not registered by this node';
	const staticData = this.getWorkflowStaticData('node');
	const latest = await latestReceiver.call(this, stored.registeredAt);
	if (latest.found && latest.receiver !== stored.receiver) {
		delete staticData[REGISTRATION_KEY];
		return 'taken over by another receiver';
	}
	// Already gone (another tool unsubscribed it) is as good as unsubscribed.
	await callbellApiRequest.call(this, {
		method: 'DELETE',
		path: apiPath('webhooks', 'unsubscribe'),
		allowNotFound: true,
	});
	delete staticData[REGISTRATION_KEY];
	return 'unsubscribed';
}
