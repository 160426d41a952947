/**
 * Return All / Limit over Callbell's lists. `GET /contacts` answers cursors (`meta.next`, sent
 * back as `after` with the same filters); the other lists answer page numbers (`meta.page`,
 * `meta.pages`). Cursors are followed when present, else pages; a list without `meta` is read
 * page by page until a page brings nothing new. Every page goes through `callbellApiRequest`.
 */
import type { IDataObject } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { createUnexpectedAnswerError, itemSuffix } from './errors';
import { callbellApiRequest, type CallbellContext } from './request';

/** Callbell refuses numbered pages past this one (`400 Pagination limit exceeded`). */
const MAX_PAGE = 500;

export interface ListRequest {
	/** List endpoint, e.g. `/contacts`. */
	path: string;
	/** Key of the list in the answer, e.g. `contacts`. */
	listKey: string;
	/** Filters, sent with every page. */
	qs?: IDataObject;
	notFoundHint?: string;
	notFoundMessage?: string;
	/**
	 * Keeps only the entries it accepts, for filters Callbell cannot apply itself. Pages are still
	 * read in full, but Limit counts accepted entries only: reading stops once it has `limit` of them.
	 */
	filter?: (entry: IDataObject) => boolean;
}

export interface ListMeta {
	page?: unknown;
	pages?: unknown;
	next?: unknown;
}

type NextPage = { after: string } | { page: number } | undefined;

/** Where the next batch is, judged from one answer. */
export function nextPageOf(
	meta: ListMeta | undefined,
	currentPage: number,
	brokeNewGround: boolean,
	followingCursors = false,
): NextPage {
	if (typeof meta?.next === 'string' && meta.next !== '') return { after: meta.next };
	// A cursor walk ends where the cursors end, whatever page numbers come along.
	if (followingCursors) return undefined;
	if (typeof meta?.page === 'number' && typeof meta.pages === 'number') {
		return meta.page < meta.pages ? { page: meta.page + 1 } : undefined;
	}
	// No meta at all: keep asking for pages while they bring entries not seen before.
	if (meta === undefined && brokeNewGround) return { page: currentPage + 1 };
	return undefined;
}

/** An entry's identity, so that an entry Callbell repeats across pages is output once. */
function identityOf(entry: IDataObject): string | undefined {
	const id = entry.uuid ?? entry.id;
	return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

/**
 * Every entry of a list, or the first `limit` ones: stops asking as soon as it has `limit`
 * entries, so no page is fetched that would not be output. With `request.filter`, only the
 * entries it accepts are returned and counted.
 */
export async function callbellApiRequestAllItems(
	this: CallbellContext,
	request: ListRequest,
	limit: number | undefined,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const entries: IDataObject[] = [];
	const seenEntries = new Set<string>();
	const seenCursors = new Set<string>();
	let query: IDataObject = { ...request.qs };
	let currentPage = 1;

	for (;;) {
		const response = (await callbellApiRequest.call(
			this,
			{
				method: 'GET',
				path: request.path,
				qs: query,
				notFoundHint: request.notFoundHint,
				notFoundMessage: request.notFoundMessage,
			},
			itemIndex,
		)) as IDataObject;
		const batch = response?.[request.listKey];
		if (!Array.isArray(batch)) {
			throw createUnexpectedAnswerError(
				this.getNode(),
				`Callbell answered without a list of ${request.listKey}`,
				`The request went through but the answer had no "${request.listKey}" list.`,
				itemIndex,
			);
		}

		let brokeNewGround = false;
		for (const entry of batch as IDataObject[]) {
			const identity = identityOf(entry);
			if (identity !== undefined) {
				if (seenEntries.has(identity)) continue;
				seenEntries.add(identity);
			}
			brokeNewGround = true;
			if (request.filter !== undefined && !request.filter(entry)) continue;
			entries.push(entry);
			if (limit !== undefined && entries.length >= limit) return entries;
		}

		const next = nextPageOf(
			response.meta as ListMeta | undefined,
			currentPage,
			brokeNewGround,
			'after' in query,
		);
		if (next === undefined) return entries;
		if ('after' in next) {
			// A cursor seen before would go round in circles.
			if (seenCursors.has(next.after)) return entries;
			seenCursors.add(next.after);
			query = { ...request.qs, after: next.after };
		} else {
			if (next.page > MAX_PAGE) {
				throw new NodeOperationError(
					this.getNode(),
					`Callbell lists at most ${MAX_PAGE} pages of ${request.listKey}; this list has more${itemSuffix(itemIndex)}`,
					{
						itemIndex,
						description:
							`Narrow the list with the filters, or turn off Return All and set a Limit. ` +
							`${entries.length} ${request.listKey} were read before the limit.`,
					},
				);
			}
			currentPage = next.page;
			query = { ...request.qs, page: next.page };
		}
	}
}

/** The account's lists (teams, funnel stages…) already fetched in this run of the node. */
const listsOfRun = new WeakMap<CallbellContext, Map<string, Promise<IDataObject[]>>>();

/**
 * Every entry of a list that does not change while a workflow runs (the account's teams, funnel
 * stages, channels…), fetched once per run of the node: items naming a team by its name share one
 * lookup, even side by side. Kept with the run, so a later run sees the account as it is then.
 */
export async function callbellApiRequestListOnce(
	this: CallbellContext,
	request: ListRequest,
	itemIndex?: number,
): Promise<IDataObject[]> {
	const lists = listsOfRun.get(this) ?? new Map<string, Promise<IDataObject[]>>();
	listsOfRun.set(this, lists);
	const key = `${request.path}?${JSON.stringify(request.qs ?? {})}`;
	let list = lists.get(key);
	if (list === undefined) {
		list = callbellApiRequestAllItems.call(this, request, undefined, itemIndex);
		lists.set(key, list);
		// A failed lookup is not kept: the next item asks again, and reports its own failure.
		list.catch(() => lists.delete(key));
	}
	return await list;
}
