/** Searchable pickers for resource locators (contacts, teams, team members, channels, funnel stages, templates, custom statuses). */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { apiPath, callbellApiRequest } from '../transport';
import { callbellApiRequestAllItems, nextPageOf, type ListMeta } from '../transport/pagination';

/**
 * Callbell lists carry `meta.next` (cursor) or `meta.page`/`meta.pages`; either becomes n8n's
 * token, read as the transport's pagination reads it. A list without meta is one page here.
 */
export function nextPageToken(meta: ListMeta | undefined): string | undefined {
	const next = nextPageOf(meta, 1, false);
	if (next === undefined) return undefined;
	return 'after' in next ? `after:${next.after}` : `page:${next.page}`;
}

/** n8n hands back our own token: `after:<cursor>` or `page:<n>`. */
export function pageQuery(paginationToken?: string): IDataObject {
	if (paginationToken?.startsWith('after:'))
		return { after: paginationToken.slice('after:'.length) };
	if (paginationToken?.startsWith('page:'))
		return { page: Number(paginationToken.slice('page:'.length)) };
	return { page: 1 };
}

function matches(filter: string | undefined, texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

interface ListPicker {
	/** List endpoint, e.g. `/contacts`. */
	path: string;
	/** Key of the list in Callbell's answer, e.g. `contacts`. */
	listKey: string;
	/** Entries the picker offers at all (default: every entry). */
	offers?(entry: IDataObject): boolean;
	/** The texts a search matches against. */
	searchableTexts(entry: IDataObject): unknown[];
	toSearchItem(entry: IDataObject): INodeListSearchItems;
}

/**
 * One page of a Callbell list as picker entries. Callbell cannot search by name, so the page
 * is filtered here; n8n asks for the next page with the returned token.
 */
async function searchList(
	this: ILoadOptionsFunctions,
	picker: ListPicker,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = (await callbellApiRequest.call(this, {
		method: 'GET',
		path: picker.path,
		qs: pageQuery(paginationToken),
	})) as IDataObject & { meta?: ListMeta };
	const entries = (response[picker.listKey] as IDataObject[] | undefined) ?? [];
	return {
		results: entries
			.filter(
				(entry) =>
					(picker.offers?.(entry) ?? true) && matches(filter, picker.searchableTexts(entry)),
			)
			.map((entry) => picker.toSearchItem(entry)),
		paginationToken: nextPageToken(response.meta),
	};
}

const contactPicker: ListPicker = {
	path: apiPath('contacts'),
	listKey: 'contacts',
	searchableTexts: (contact) => [contact.name, contact.phoneNumber, contact.uuid],
	toSearchItem: (contact) => ({
		name: `${contact.name ?? contact.uuid}${contact.phoneNumber ? ` (${contact.phoneNumber})` : ''}`,
		value: contact.uuid as string,
		url: contact.href as string | undefined,
	}),
};

const teamPicker: ListPicker = {
	path: apiPath('teams'),
	listKey: 'teams',
	searchableTexts: (team) => [team.name, team.uuid],
	toSearchItem: (team) => ({ name: String(team.name ?? team.uuid), value: team.uuid as string }),
};

const channelPicker: ListPicker = {
	path: apiPath('channels'),
	listKey: 'channels',
	searchableTexts: (channel) => [channel.title, channel.type, channel.uuid],
	toSearchItem: (channel) => ({
		name: `${String(channel.title ?? channel.uuid)} (${String(channel.type ?? 'channel')}${channel.main === true ? ', main' : ''})`,
		value: channel.uuid as string,
	}),
};

/** "🌱 New leads": the emoji, when there is one, before the name (or the id). */
function withEmoji(emoji: unknown, name: unknown): string {
	return [emoji, name].filter((part) => typeof part === 'string' && part !== '').join(' ');
}

const funnelPicker: ListPicker = {
	path: apiPath('funnels'),
	listKey: 'funnels',
	searchableTexts: (funnel) => [funnel.name, funnel.uuid],
	toSearchItem: (funnel) => ({
		name: withEmoji(funnel.emoji, funnel.name ?? funnel.uuid),
		value: funnel.uuid as string,
	}),
};

/** Every template, whatever its status: the name says its category and status (only approved ones can be sent). */
const templatePicker: ListPicker = {
	path: apiPath('templates'),
	listKey: 'templates',
	searchableTexts: (template) => [
		template.title,
		template.category,
		template.status,
		template.uuid,
	],
	toSearchItem: (template) => {
		const facts = [template.category, template.status].filter(
			(fact) => typeof fact === 'string' && fact !== '',
		);
		return {
			name: `${String(template.title ?? template.uuid)}${facts.length > 0 ? ` (${facts.join(', ')})` : ''}`,
			value: template.uuid as string,
		};
	},
};

const customStatusPicker: ListPicker = {
	path: apiPath('custom_statuses'),
	listKey: 'customStatuses',
	searchableTexts: (status) => [status.name, status.id],
	toSearchItem: (status) => ({
		name: withEmoji(status.emoji, status.name ?? status.id),
		value: String(status.id),
	}),
};

/** Templates a message can be sent with: only approved ones, as WhatsApp refuses the others. */
const approvedTemplatePicker: ListPicker = {
	...templatePicker,
	offers: (template) => String(template.status).toLowerCase() === 'approved',
};

export async function searchApprovedTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, approvedTemplatePicker, filter, paginationToken);
}

/**
 * The account's collaborators, for Assigned User. Callbell lists no users, only each team's
 * members, so every team's members are read and gathered by email (a collaborator in several
 * teams shows once). Accounts have few teams: the whole list is one picker page.
 */
export async function searchTeamMembers(
	this: ILoadOptionsFunctions,
	filter?: string,
): Promise<INodeListSearchResult> {
	const teams = await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('teams'), listKey: 'teams' },
		undefined,
	);
	const byEmail = new Map<string, IDataObject>();
	for (const team of teams) {
		const members = await callbellApiRequestAllItems.call(
			this,
			{ path: apiPath('teams', String(team.uuid), 'members'), listKey: 'users' },
			undefined,
		);
		for (const member of members) {
			if (typeof member.email === 'string' && !byEmail.has(member.email))
				byEmail.set(member.email, member);
		}
	}
	const results = [...byEmail.values()]
		.filter((member) => matches(filter, [member.name, member.email]))
		.map((member) => ({
			name: member.name ? `${String(member.name)} (${String(member.email)})` : String(member.email),
			value: member.email as string,
		}))
		.sort((a, b) => a.name.localeCompare(b.name));
	return { results };
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, contactPicker, filter, paginationToken);
}

export async function searchTeams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, teamPicker, filter, paginationToken);
}

export async function searchChannels(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, channelPicker, filter, paginationToken);
}

export async function searchFunnels(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, funnelPicker, filter, paginationToken);
}

export async function searchTemplates(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, templatePicker, filter, paginationToken);
}

export async function searchCustomStatuses(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	return await searchList.call(this, customStatusPicker, filter, paginationToken);
}
