import type { IDataObject } from 'n8n-workflow';

/** The contact fields a CRM sync needs, flat, for the "Simplify Output" option. */
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
		href: contact.href ?? null,
	};
}
