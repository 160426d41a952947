/**
 * Webhook deliveries as Callbell makes them: a real POST of `{event, payload}` to the subscribed
 * URL, signed with the account's webhook secret when there is one, retried when the answer is not
 * a 2xx, and logged in the account's webhook events. Node built-ins only.
 */
import { createHmac } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';

import { now, type EmulatorState } from './state';

export const SIGNATURE_HEADER = 'X-Callbell-Signature';

export interface DeliveryResult {
	/** The receiver's status; 0 when there was no answer (or nothing was sent). */
	status: number;
	/** The receiver's body as text, or why there was no answer. */
	body: string;
}

export interface DeliverySettings {
	/** `whsec_…`, or null: deliveries carry no signature. Changes apply to the next attempt. */
	secret: string | null;
	/** Further attempts after one that did not get a 2xx. */
	retries: number;
	retryDelayMs: number;
	log?: (line: string) => void;
}

export interface WebhookDeliveries {
	settings: DeliverySettings;
	/** Delivers a subscribed event (with retries) and logs its outcome; resolves with the last attempt's answer. */
	deliver(state: EmulatorState, event: string, payload: object): Promise<DeliveryResult>;
	/**
	 * Callbell's retry of a delivery whose answer it did not get: the last event delivered, its
	 * very bytes, signed again (a new `t`), to the subscribed URL; logged like any attempt.
	 * Undefined when nothing was delivered yet or no webhook is subscribed.
	 */
	redeliverLast(state: EmulatorState): Promise<DeliveryResult> | undefined;
	/** Forgets the last delivered event (the emulator is reset). */
	forgetLast(): void;
	/** Callbell's periodic connection check: a POST of `{}`, no event, no retry, not logged as an event. */
	check(url: string): Promise<DeliveryResult>;
	/** Resolves when every delivery started so far has finished, retries included. */
	settled(): Promise<void>;
	/** Aborts attempts under way and skips pending retries (their outcome is still logged): the emulator is closing. */
	stop(): void;
}

const NOT_SUBSCRIBED: DeliveryResult = { status: 0, body: 'not subscribed' };

/** The `X-Callbell-Signature` value: HMAC-SHA256 keyed with the whole secret over `<t>.<raw body>`. */
export function signWebhookBody(secret: string, rawBody: string, unixSeconds: number): string {
	const v1 = createHmac('sha256', secret).update(`${unixSeconds}.${rawBody}`).digest('hex');
	return `t=${unixSeconds},v1=${v1}`;
}

/** A secret as Callbell generates them: `whsec_` and more, no spaces. */
export function isWebhookSecret(value: unknown): value is string {
	return typeof value === 'string' && /^whsec_\S+$/.test(value);
}

const isSuccess = (status: number) => status >= 200 && status < 300;
const ATTEMPT_TIMEOUT_MS = 10_000;

export function createWebhookDeliveries(settings: DeliverySettings): WebhookDeliveries {
	const pending = new Set<Promise<unknown>>();
	const stopping = new AbortController();
	let lastDelivered: { event: string; payload: object; rawBody: string } | undefined;

	function track<T>(promise: Promise<T>): Promise<T> {
		pending.add(promise);
		const forget = () => pending.delete(promise);
		promise.then(forget, forget);
		return promise;
	}

	/** One attempt, signed at the moment it is sent (a retry gets a new `t`). Never rejects. */
	async function post(
		url: string,
		rawBody: string,
		label: string,
		retryNote: (status: number) => string,
	): Promise<DeliveryResult> {
		const started = Date.now();
		const headers: Record<string, string> = { 'content-type': 'application/json' };
		if (settings.secret)
			headers[SIGNATURE_HEADER] = signWebhookBody(
				settings.secret,
				rawBody,
				Math.floor(started / 1000),
			);
		let result: DeliveryResult;
		try {
			const signal = AbortSignal.any([AbortSignal.timeout(ATTEMPT_TIMEOUT_MS), stopping.signal]);
			const response = await fetch(url, { method: 'POST', headers, body: rawBody, signal });
			result = { status: response.status, body: await response.text() };
		} catch (error) {
			result = { status: 0, body: (error as Error).message };
		}
		const outcome = result.status === 0 ? `no answer: ${result.body}` : String(result.status);
		settings.log?.(
			`↪ webhook ${label} → ${outcome} (${Date.now() - started} ms)${retryNote(result.status)}`,
		);
		return result;
	}

	async function deliverWithRetries(
		state: EmulatorState,
		url: string,
		event: string,
		payload: object,
	): Promise<DeliveryResult> {
		const createdAt = now();
		const rawBody = JSON.stringify({ event, payload });
		// Remembered as it goes out: a retry is most needed while the receiver has not answered.
		lastDelivered = { event, payload, rawBody };
		const { retries, retryDelayMs } = settings;
		let result: DeliveryResult = NOT_SUBSCRIBED;
		for (let attempt = 0; attempt <= retries; attempt++) {
			const willRetry = (status: number) => !isSuccess(status) && attempt < retries;
			result = await post(url, rawBody, event, (status) =>
				willRetry(status) ? `, retry ${attempt + 1} of ${retries} in ${retryDelayMs} ms` : '',
			);
			if (!willRetry(result.status)) break;
			await sleep(retryDelayMs, undefined, { signal: stopping.signal }).catch(() => undefined);
			if (stopping.signal.aborted) break;
		}
		logEvent(state, event, payload, result, createdAt);
		return result;
	}

	function logEvent(
		state: EmulatorState,
		event: string,
		payload: object,
		result: DeliveryResult,
		createdAt: string,
	): void {
		state.webhookEvents.push({
			event,
			payload,
			response: result.body,
			success: isSuccess(result.status),
			createdAt,
		});
	}

	async function redeliver(
		state: EmulatorState,
		url: string,
		{ event, payload, rawBody }: NonNullable<typeof lastDelivered>,
	): Promise<DeliveryResult> {
		const createdAt = now();
		const result = await post(url, rawBody, `${event} (re-delivery)`, () => '');
		logEvent(state, event, payload, result, createdAt);
		return result;
	}

	return {
		settings,
		deliver: (state, event, payload) => {
			const webhook = state.webhook;
			if (!webhook || !webhook.enabled || !webhook.subscriptions.includes(event))
				return Promise.resolve(NOT_SUBSCRIBED);
			return track(deliverWithRetries(state, webhook.url, event, payload));
		},
		redeliverLast: (state) => {
			const webhook = state.webhook;
			if (!lastDelivered || !webhook || !webhook.enabled) return undefined;
			return track(redeliver(state, webhook.url, lastDelivered));
		},
		forgetLast: () => {
			lastDelivered = undefined;
		},
		check: (url) => track(post(url, '{}', 'check', () => '')),
		settled: async () => {
			await Promise.all([...pending]);
		},
		stop: () => stopping.abort(new Error('the emulator was closed')),
	};
}
