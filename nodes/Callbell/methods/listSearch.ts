/** Searchable pickers for resource locators (contacts, teams). */
import type {
	IDataObject,
	ILoadOptionsFunctions,
	INodeListSearchItems,
	INodeListSearchResult,
} from 'n8n-workflow';

import { callbellApiRequest } from '../transport';

interface ListMeta {
	page?: number;
	pages?: number;
	next?: string | null;
}

/** Callbell lists carry `meta.next` (cursor) or `meta.page`/`meta.pages`; both become n8n's token. */
export function nextPageToken(meta: ListMeta | undefined): string | undefined {
	if (meta?.next) return `after:${meta.next}`;
	if (meta?.page !== undefined && meta.pages !== undefined && meta.page < meta.pages) {
		return `page:${meta.page + 1}`;
	}
	return undefined;
}

/** n8n hands back our own token: `after:<cursor>` or `page:<n>`. */
export function pageQuery(paginationToken?: string): IDataObject {
	if (paginationToken?.startsWith('after:')) return { after: paginationToken.slice('after:'.length) };
	if (paginationToken?.startsWith('page:')) return { page: Number(paginationToken.slice('page:'.length)) };
	return { page: 1 };
}

function matches(filter: string | undefined, ...texts: unknown[]): boolean {
	if (!filter) return true;
	const needle = filter.toLowerCase();
	return texts.some((text) => typeof text === 'string' && text.toLowerCase().includes(needle));
}

export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = (await callbellApiRequest.call(this, {
		method: 'GET',
		path: '/contacts',
		qs: pageQuery(paginationToken),
	})) as { contacts?: IDataObject[]; meta?: ListMeta };
	// Callbell cannot search by name: the page is filtered here.
	const results: INodeListSearchItems[] = (response.contacts ?? [])
		.filter((contact) => matches(filter, contact.name, contact.phoneNumber, contact.uuid))
		.map((contact) => ({
			name: `${contact.name ?? contact.uuid}${contact.phoneNumber ? ` (${contact.phoneNumber})` : ''}`,
			value: contact.uuid as string,
			url: contact.href as string | undefined,
		}));
	return { results, paginationToken: nextPageToken(response.meta) };
}

export async function searchTeams(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const response = (await callbellApiRequest.call(this, {
		method: 'GET',
		path: '/teams',
		qs: pageQuery(paginationToken),
	})) as { teams?: IDataObject[]; meta?: ListMeta };
	const results: INodeListSearchItems[] = (response.teams ?? [])
		.filter((team) => matches(filter, team.name, team.uuid))
		.map((team) => ({ name: String(team.name ?? team.uuid), value: team.uuid as string }));
	return { results, paginationToken: nextPageToken(response.meta) };
}
