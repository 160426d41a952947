import type { INodeProperties } from 'n8n-workflow';

/** Options → Simplify Output of the operations that output a contact (helpers/output.ts shapes it). */
export const simplifyOption: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: true,
	description:
		'Whether to return only the fields a CRM sync needs (uuid, name, phone number, source, ' +
		'tags, assigned user, team, custom fields, note, funnel stage, when the conversation ' +
		'closed, link) instead of the whole contact',
};

/**
 * Contact → Get Messages' Options → Simplify Output. Off by default, unlike the contact's: a Get
 * Messages saved before it existed keeps its output (newest first, every field).
 */
export const simplifyMessagesOption: INodeProperties = {
	displayName: 'Simplify Output',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return each message as { from, text, attachments, at }, oldest first (the ' +
		'conversation as it reads; from is customer, account or note), instead of every field newest first',
};
