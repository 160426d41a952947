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
