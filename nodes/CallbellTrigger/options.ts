/** Callbell Trigger → Options: what starts a run and what its item carries. */
import type { INodeProperties } from 'n8n-workflow';

import { MAX_BURST_WINDOW_SECONDS } from './bursts';

export interface TriggerOptions {
	onlyIncoming?: boolean;
	outputPayloadOnly?: boolean;
	downloadAttachments?: boolean;
	maxAttachmentMb?: number;
	attachmentTimeoutSeconds?: number;
	burstWindowSeconds?: number;
	ignoreDuplicates?: boolean;
	skipAssigned?: boolean;
}

export const DEFAULT_MAX_ATTACHMENT_MB = 25;
export const DEFAULT_ATTACHMENT_TIMEOUT_SECONDS = 30;

export const triggerOptions: INodeProperties = {
	displayName: 'Options',
	name: 'options',
	type: 'collection',
	placeholder: 'Add Option',
	default: {},
	options: [
		{
			displayName: 'Attachment Timeout (Seconds)',
			name: 'attachmentTimeoutSeconds',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: 300 },
			default: DEFAULT_ATTACHMENT_TIMEOUT_SECONDS,
			description:
				'With Download Attachments: how long one download may take before it is given up (the ' +
				'item still starts, with the reason in attachmentErrors)',
		},
		{
			displayName: 'Burst Window (Seconds)',
			name: 'burstWindowSeconds',
			type: 'number',
			typeOptions: { minValue: 0, maxValue: MAX_BURST_WINDOW_SECONDS },
			default: 0,
			description:
				'Incoming messages from the same contact on the same channel that follow each other ' +
				'within this many seconds start one execution, once the window has passed since the ' +
				'last of them: its item has every message (messages), their texts joined (text) and ' +
				'all attachments. 0 starts one execution per message.',
		},
		{
			displayName: 'Download Attachments',
			name: 'downloadAttachments',
			type: 'boolean',
			default: false,
			description:
				'Whether each attachment of a Message Created event (image, voice note, document) is ' +
				"downloaded into the item's binary data as attachment_0, attachment_1, … (after " +
				"Callbell's delivery was answered). A download that fails or is too large is listed in " +
				'attachmentErrors and the item still starts.',
		},
		{
			displayName: 'Ignore Duplicates',
			name: 'ignoreDuplicates',
			type: 'boolean',
			default: true,
			description:
				'Whether an event this trigger already started (Callbell retries a delivery whose ' +
				'answer it did not get) starts nothing again. Remembered for 24 hours, in the memory ' +
				'of the n8n instance that received it.',
		},
		{
			displayName: 'Max Attachment Size (MB)',
			name: 'maxAttachmentMb',
			type: 'number',
			typeOptions: { minValue: 0.1, maxValue: 100, numberPrecision: 1 },
			default: DEFAULT_MAX_ATTACHMENT_MB,
			description:
				'With Download Attachments: a larger file is not downloaded (listed in attachmentErrors instead)',
		},
		{
			displayName: 'Only Incoming Messages',
			name: 'onlyIncoming',
			type: 'boolean',
			default: true,
			description:
				'Whether Message Created starts the workflow only for messages contacts send, not for ' +
				"those the account sends (including this n8n's own)",
		},
		{
			displayName: 'Output Payload Only',
			name: 'outputPayloadOnly',
			type: 'boolean',
			default: false,
			description:
				"Whether to output only the event's payload instead of { event, payload, receivedAt }",
		},
		{
			displayName: 'Skip Assigned Conversations',
			name: 'skipAssigned',
			type: 'boolean',
			default: false,
			description:
				'Whether incoming messages of a conversation a person is assigned to (its contact has ' +
				'an assigned user) start nothing, so a bot stops once somebody took over',
		},
	],
};
