import type {
	IBinaryKeyData,
	IDataObject,
	IHookFunctions,
	INodeType,
	INodeTypeDescription,
	IWebhookFunctions,
	IWebhookResponseData,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { isJsonObject } from '../Callbell/helpers/jsonText';
import { WEBHOOK_EVENT_OPTIONS } from '../Callbell/helpers/webhookEvents';
import { CREDENTIAL_TYPE } from '../Callbell/transport';
import { downloadAttachments } from './attachments';
import {
	MAX_BURST_WINDOW_SECONDS,
	attachmentUrls,
	awaitBurst,
	burstPayload,
	joinBurst,
	releaseBursts,
	senderKey,
	type BurstMessage,
} from './bursts';
import { eventIdentity } from './eventIdentity';
import {
	DEFAULT_ATTACHMENT_TIMEOUT_SECONDS,
	DEFAULT_MAX_ATTACHMENT_MB,
	triggerOptions,
	type TriggerOptions,
} from './options';
import { isRepeatedEvent } from './recentEvents';
import { isTestMode, receiverMark, subscribe, unsubscribe } from './registration';
import { SIGNATURE_HEADER, verifySignature } from './signature';

type Registration = 'automatic' | 'manual';

/** A number option within its bounds, its default when it is not a number (an expression gone wrong). */
function bounded(value: unknown, fallback: number, min: number, max: number): number {
	const number = Number(value ?? fallback);
	return Number.isFinite(number) ? Math.min(Math.max(number, min), max) : fallback;
}

/** This trigger, in test or production: whose bursts and remembered events are whose. */
function triggerKey(this: IHookFunctions | IWebhookFunctions): string {
	const mode = isTestMode.call(this) ? 'test' : 'production';
	return `${String(this.getWorkflow().id)}\u0000${this.getNode().name}\u0000${mode}`;
}

export class CallbellTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Callbell Trigger',
		name: 'callbellTrigger',
		icon: { light: 'file:../Callbell/callbell.svg', dark: 'file:../Callbell/callbell.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{ $parameter["events"].join(", ") }}',
		description:
			'Starts the workflow when Callbell sends an event: a WhatsApp, Instagram, Messenger or ' +
			'Telegram message arrives, a contact is created or changed, a conversation opens or ' +
			'closes',
		defaults: { name: 'Callbell Trigger' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'callbellApi', required: true }],
		webhooks: [
			{ name: 'default', httpMethod: 'POST', responseMode: 'onReceived', path: 'webhook' },
		],
		properties: [
			{
				displayName:
					'Callbell keeps one webhook per account: activating this workflow replaces the webhook ' +
					'any other workflow or tool registered. Listening for a test event does too, until the ' +
					'test ends: deactivate and activate the active workflow afterwards. To start several ' +
					'workflows from Callbell events, use one Callbell Trigger and route with a Switch node ' +
					'on "event", or call other workflows with Execute Workflow.',
				name: 'oneWebhookNotice',
				type: 'notice',
				default: '',
			},
			{
				displayName: 'Registration',
				name: 'registration',
				type: 'options',
				noDataExpression: true,
				options: [
					{
						name: 'Automatic',
						value: 'automatic',
						description:
							"Subscribe n8n's URL in Callbell on activation and unsubscribe it on deactivation (only if it is still this workflow's)",
					},
					{
						name: 'Manual',
						value: 'manual',
						description:
							'Register nothing: paste the webhook URL shown above into Callbell yourself (Settings → Integrations → Webhooks)',
					},
				],
				default: 'automatic',
			},
			{
				displayName:
					'Copy the Production URL above into Callbell (Settings → Integrations → Webhooks) and choose the same events there. The node registers nothing.',
				name: 'manualNotice',
				type: 'notice',
				default: '',
				displayOptions: { show: { registration: ['manual'] } },
			},
			{
				displayName: 'Events',
				name: 'events',
				type: 'multiOptions',
				required: true,
				options: WEBHOOK_EVENT_OPTIONS.map((event) =>
					event.value === 'message_created'
						? { ...event, description: `${event.description} (see Only Incoming Messages)` }
						: event,
				),
				default: ['message_created'],
				description:
					'The events that start the workflow. Others that Callbell sends are acknowledged and ignored.',
			},
			triggerOptions,
		],
	};

	webhookMethods = {
		default: {
			/**
			 * Callbell cannot say which URL it sends to, so an activation (or n8n starting) always
			 * subscribes again: the same URL is harmless, and a webhook a test or Callbell disabled
			 * meanwhile is back. Manual registration has nothing to create.
			 */
			async checkExists(this: IHookFunctions): Promise<boolean> {
				return (this.getNodeParameter('registration', 'automatic') as Registration) === 'manual';
			},
			async create(this: IHookFunctions): Promise<boolean> {
				const url = this.getNodeWebhookUrl('default') as string;
				await subscribe.call(this, url, this.getNodeParameter('events', []) as string[]);
				this.logger.info(
					isTestMode.call(this)
						? `Callbell Trigger: the test URL ${url} replaces the Callbell account's webhook until the ` +
								`test ends; an active workflow on this account receives nothing meanwhile (deactivate ` +
								`and activate it afterwards)`
						: `Callbell Trigger: ${url} is now the Callbell account's webhook, replacing any other`,
				);
				return true;
			},
			async delete(this: IHookFunctions): Promise<boolean> {
				// A burst still waiting starts now rather than being dropped with the webhook.
				releaseBursts(triggerKey.call(this));
				if ((this.getNodeParameter('registration', 'automatic') as Registration) === 'manual')
					return true;
				try {
					const outcome = await unsubscribe.call(this);
					if (outcome === 'taken over by another receiver') {
						this.logger.info(
							"Callbell Trigger: the account's webhook was left alone: Callbell's latest delivery was " +
								'answered by another receiver, so another workflow or tool registered it since',
						);
					}
					return true;
				} catch (error) {
					// The registration stays remembered, so that deactivating again can still remove it.
					this.logger.warn(
						`Callbell Trigger: could not unsubscribe the account's webhook: ${(error as Error).message}`,
					);
					return false;
				}
			},
		},
	};

	async webhook(this: IWebhookFunctions): Promise<IWebhookResponseData> {
		const request = this.getRequestObject();
		const receiver = receiverMark.call(this);
		// The node answers itself, at once: n8n would otherwise answer a started workflow with its
		// own text, Callbell's log must show this receiver's mark (see registration.ts), and
		// downloads and bursts happen after Callbell has its answer.
		const respond = (status: number, body: IDataObject) =>
			this.getResponseObject()
				.status(status)
				.json({ ...body, receiver });
		const refuse = (status: number, message: string): IWebhookResponseData => {
			respond(status, { status: 'error', message });
			return { noWebhookResponse: true };
		};
		const acknowledge = (extra: IDataObject = {}): IWebhookResponseData => {
			respond(200, { status: 'ok', ...extra });
			return { noWebhookResponse: true };
		};

		// The bytes Callbell sent (n8n keeps them): a signature over re-serialised JSON would not match.
		const rawBody = (request as { rawBody?: unknown }).rawBody;
		const { webhookSecret } = await this.getCredentials<{ webhookSecret?: string }>(
			CREDENTIAL_TYPE,
		);
		if (typeof webhookSecret === 'string' && webhookSecret.trim() !== '') {
			const check = Buffer.isBuffer(rawBody)
				? verifySignature(
						webhookSecret.trim(),
						request.headers[SIGNATURE_HEADER],
						rawBody,
						Math.floor(Date.now() / 1000),
					)
				: { valid: false as const, reason: 'no raw body from n8n to check the signature against' };
			if (!check.valid) {
				this.logger.warn(`Callbell Trigger: refused a request with ${check.reason}`);
				return refuse(401, 'Invalid signature');
			}
		}

		let body: unknown;
		if (Buffer.isBuffer(rawBody)) {
			try {
				body = rawBody.length === 0 ? undefined : JSON.parse(rawBody.toString('utf8'));
			} catch {
				return refuse(400, 'The body is not JSON');
			}
		} else {
			body = request.body;
		}
		if (typeof body !== 'object' || body === null || Array.isArray(body))
			return refuse(400, 'The body is not a JSON object');
		const { event, payload } = body as { event?: unknown; payload?: unknown };
		// Callbell's periodic connection check carries no event: answer it, start nothing.
		if (event === undefined) return acknowledge();
		if (typeof event !== 'string' || event === '') return refuse(400, 'The event is not a name');

		const events = this.getNodeParameter('events', []) as string[];
		if (!events.includes(event)) return acknowledge({ ignored: event });
		const options = this.getNodeParameter('options', {}) as TriggerOptions;
		// An item is an object: a payload that is not one is kept under `payload`.
		const payloadObject = isJsonObject(payload) ? payload : undefined;
		const isMessage = event === 'message_created';
		if (isMessage && options.onlyIncoming !== false && payloadObject?.status !== 'received')
			return acknowledge({ ignored: 'outgoing message' });
		const contact = payloadObject?.contact as IDataObject | undefined;
		if (isMessage && options.skipAssigned === true && contact?.assignedUser)
			return acknowledge({ ignored: 'assigned conversation' });
		const trigger = triggerKey.call(this);
		if (
			options.ignoreDuplicates !== false &&
			isRepeatedEvent(trigger, eventIdentity(event, payload), Date.now())
		)
			return acknowledge({ ignored: 'duplicate' });
		respond(200, { status: 'ok' });

		const receivedAt = new Date().toISOString();
		let messages: BurstMessage[] | undefined;
		const burstWindowMs =
			bounded(options.burstWindowSeconds, 0, 0, MAX_BURST_WINDOW_SECONDS) * 1000;
		const sender = payloadObject && senderKey(payloadObject);
		if (isMessage && burstWindowMs > 0 && payloadObject && sender !== undefined) {
			const burst = joinBurst(trigger, sender, { payload: payloadObject, receivedAt }, Date.now());
			// Joined a burst another delivery opened: that one starts the execution.
			if (burst === undefined) return { noWebhookResponse: true };
			messages = await awaitBurst(burst, burstWindowMs);
		}

		const itemPayload: IDataObject | undefined =
			messages !== undefined ? burstPayload(messages) : payloadObject;
		let binary: IBinaryKeyData | undefined;
		let attachmentErrors: IDataObject[] = [];
		if (isMessage && options.downloadAttachments === true && itemPayload !== undefined) {
			const urls = attachmentUrls(itemPayload);
			if (urls.length > 0) {
				const downloaded = await downloadAttachments.call(this, urls, {
					maxBytes:
						bounded(options.maxAttachmentMb, DEFAULT_MAX_ATTACHMENT_MB, 0.1, 100) * 1024 * 1024,
					timeoutMs:
						bounded(options.attachmentTimeoutSeconds, DEFAULT_ATTACHMENT_TIMEOUT_SECONDS, 1, 300) *
						1000,
				});
				binary = downloaded.binary;
				attachmentErrors = downloaded.errors;
			}
		}

		const errors = attachmentErrors.length > 0 ? { attachmentErrors } : {};
		const json: IDataObject =
			options.outputPayloadOnly === true
				? { ...(itemPayload ?? { payload: payload ?? null }), ...errors }
				: {
						event,
						payload: itemPayload ?? payload ?? null,
						receivedAt: messages?.[0].receivedAt ?? receivedAt,
						...errors,
					};
		return {
			noWebhookResponse: true,
			workflowData: [[{ json, ...(binary && Object.keys(binary).length > 0 && { binary }) }]],
		};
	}
}
