/** What the trigger's engine tests share: the node under test, a message Callbell sends, a signer. */
import { createHmac } from 'node:crypto';

import type { INodeParameters } from 'n8n-workflow';

import { TEST_TOKEN } from '../../dev/emulator/seed';
import { triggerUnderTest, type TriggerUnderTest, type WebhookRequest } from '../harness';

export const TRIGGER = 'n8n-nodes-callbell.callbellTrigger';
export const SECRET = 'whsec_4f8a1c2e9b7d4e6f';

/** A Callbell Trigger in a workflow of its own (Message Created and Contact Created by default). */
export function callbellTrigger(
	parameters: INodeParameters = {},
	credentials: { webhookSecret?: string; baseUrl?: string; workflowId?: string } = {},
): Promise<TriggerUnderTest> {
	return triggerUnderTest({
		nodeType: TRIGGER,
		parameters: { events: ['message_created', 'contact_created'], ...parameters },
		// Receiving sends nothing to Callbell unless it downloads an attachment from its host.
		credentials: {
			apiToken: TEST_TOKEN,
			baseUrl: credentials.baseUrl ?? 'http://127.0.0.1:9/v1',
			...(credentials.webhookSecret !== undefined && { webhookSecret: credentials.webhookSecret }),
		},
		webhookBaseUrl: 'https://n8n.example.com/webhook',
		...(credentials.workflowId !== undefined && { workflowId: credentials.workflowId }),
	});
}

export const JANE = {
	uuid: '414a6d692bd645ed803f2e7ce360d4c8',
	name: 'Jane Doe',
	assignedUser: null,
};

export const incoming = {
	to: 'whatsapp',
	from: '+391234567890',
	text: 'Hi, is the demo still on?',
	attachments: [] as string[],
	status: 'received',
	channel: 'whatsapp',
	contact: JANE,
	createdAt: '2026-11-25T10:00:00Z',
};

/** Jane's `message_created`, with these fields changed. */
export const messageFromJane = (fields: Record<string, unknown> = {}) => ({
	event: 'message_created',
	payload: { ...incoming, ...fields },
});

/** A request as Callbell signs it: `t=<t>,v1=<HMAC-SHA256 of "<t>.<body>">`. */
export function signed(
	body: string,
	options: { secret?: string; t?: number; alter?: (body: string) => string } = {},
): WebhookRequest {
	const t = options.t ?? Math.floor(Date.now() / 1000);
	const v1 = createHmac('sha256', options.secret ?? SECRET)
		.update(`${t}.${body}`)
		.digest('hex');
	return {
		body: options.alter ? options.alter(body) : body,
		headers: { 'X-Callbell-Signature': `t=${t},v1=${v1}` },
	};
}
