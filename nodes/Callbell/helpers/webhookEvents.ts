/**
 * The events Callbell delivers to the account's webhook, with what each means: the Callbell
 * Trigger's Events and Account → Get Webhook Events' filter list the same ones.
 */
import type { INodePropertyOptions } from 'n8n-workflow';

export const WEBHOOK_EVENT_OPTIONS = [
	{
		name: 'Agent Session Updated',
		value: 'agent_session_updated',
		description: 'A collaborator logged in or out (or was logged out by Callbell)',
	},
	{
		name: 'Agent Status Updated',
		value: 'agent_status_updated',
		description: 'A collaborator became available or away, or changed their custom status',
	},
	{
		name: 'Contact Created',
		value: 'contact_created',
		description: 'A new contact, e.g. someone wrote to you for the first time',
	},
	{
		name: 'Contact Deleted',
		value: 'contact_deleted',
		description: 'A contact was deleted (the payload has its uuid and when)',
	},
	{
		name: 'Contact Updated',
		value: 'contact_updated',
		description: 'A contact changed: name, tags, custom fields, assignment, team…',
	},
	{
		name: 'Conversation Closed',
		value: 'conversation_closed',
		description: 'A conversation was closed (with its closing reason when given)',
	},
	{
		name: 'Conversation Opened',
		value: 'conversation_opened',
		description: 'A conversation was opened or reopened',
	},
	{
		name: 'Message Created',
		value: 'message_created',
		description: 'A message arrived from a contact, or was sent from the account',
	},
	{
		name: 'Message Status Updated',
		value: 'message_status_updated',
		description: 'A message the account sent was delivered, read, or failed',
	},
	{
		name: 'Team Membership Updated',
		value: 'team_membership_updated',
		description: 'A collaborator was added to or removed from a team',
	},
] as const satisfies readonly INodePropertyOptions[];

export type WebhookEvent = (typeof WEBHOOK_EVENT_OPTIONS)[number]['value'];

export const WEBHOOK_EVENTS: readonly WebhookEvent[] = WEBHOOK_EVENT_OPTIONS.map(
	(event) => event.value,
);
