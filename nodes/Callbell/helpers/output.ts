import type { IDataObject } from 'n8n-workflow';

/** The contact fields a CRM sync needs (and the conversation's stage and state), flat, for the "Simplify Output" option. */
export function simplifyContact(contact: IDataObject): IDataObject {
	const team = contact.team as IDataObject | null | undefined;
	return {
		uuid: contact.uuid,
		name: contact.name,
		phoneNumber: contact.phoneNumber ?? null,
		source: contact.source ?? null,
		tags: contact.tags ?? [],
		assignedUser: contact.assignedUser ?? null,
		teamUuid: team?.uuid ?? null,
		teamName: team?.name ?? null,
		customFields: contact.customFields ?? {},
		note: contact.note ?? null,
		funnelId: contact.funnelId ?? null,
		closedAt: contact.closedAt ?? null,
		href: contact.href ?? null,
	};
}

/** A contact as an operation outputs it: whole, or simplified when Options → Simplify Output is on. */
export function contactOutput(contact: IDataObject, simplify: unknown): IDataObject {
	return simplify === true ? simplifyContact(contact) : contact;
}

/** Who wrote a message, by Callbell's status of it. */
const AUTHORS: Record<string, string> = { received: 'customer', sent: 'account', note: 'note' };

/**
 * A message as Get Messages' Simplify Output gives it, sized for a model or a summary: who wrote
 * it (`customer`, `account` or an internal `note`), its text, its attachments' links and when.
 */
export function simplifyMessage(message: IDataObject): IDataObject {
	const status = typeof message.status === 'string' ? message.status : '';
	return {
		from: AUTHORS[status] ?? status,
		text: message.text ?? '',
		attachments: Array.isArray(message.attachments) ? message.attachments : [],
		at: message.createdAt ?? null,
	};
}

/**
 * A refusal as an AI Agent's tool hands it to the model: the message without its
 * " [item N]" (a tool call is one item, the model never sees the others) and the hint after it,
 * so the model reads what was wrong and what to do in one text.
 */
export function toolRefusal(
	message: string,
	hint: string | null | undefined,
	itemIndex: number,
): string {
	const suffix = ` [item ${itemIndex}]`;
	const said = (message.endsWith(suffix) ? message.slice(0, -suffix.length) : message).trim();
	if (hint === undefined || hint === null || hint.trim() === '') return said;
	return `${/[.!?]$/.test(said) ? said : `${said}.`} ${hint.trim()}`;
}
