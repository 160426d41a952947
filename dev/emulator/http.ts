/** The emulator's small routing layer: routes match the RAW path, so an encoded `%2F` in an id
 * never turns into another route, exactly as a strict API server behaves. */
import type { EmulatorState } from './state';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly body: object,
	) {
		super(JSON.stringify(body));
	}
}

export const notFound = (what: string) => new ApiError(404, { error: `${what} not found` });
export const badRequest = (message: string) => new ApiError(400, { error: message });
/** Validation problems, all of them at once, as Callbell's `errors` list. */
export const unprocessable = (errors: string[]) => new ApiError(422, { errors });

export interface RouteRequest {
	params: Record<string, string>;
	query: Record<string, string>;
	body: Record<string, unknown>;
	state: EmulatorState;
	options: RouteOptions;
	/** A webhook event this request causes; delivered after the answer, only if the request succeeds. */
	emit: (event: string, payload: object) => void;
}

export interface RouteOptions {
	contactResponseShape: 'object' | 'array';
	pageSize: number;
	allowLocalWebhookUrls: boolean;
	/** The emulator's log (requests, sent messages); absent when quiet. */
	log?: (line: string) => void;
}

export interface RouteAnswer {
	status?: number;
	body?: object;
}

export type RouteHandler = (request: RouteRequest) => RouteAnswer | Promise<RouteAnswer>;

export interface Route {
	method: string;
	segments: string[];
	handler: RouteHandler;
}

export function route(method: string, pattern: string, handler: RouteHandler): Route {
	return { method, segments: pattern.split('/').filter(Boolean), handler };
}

export function matchRoute(
	routes: Route[],
	method: string,
	path: string,
): { route: Route; params: Record<string, string> } | undefined {
	const segments = path.split('/').filter(Boolean);
	for (const candidate of routes) {
		if (candidate.method !== method || candidate.segments.length !== segments.length) continue;
		const params: Record<string, string> = {};
		const matches = candidate.segments.every((segment, index) => {
			if (segment.startsWith(':')) {
				params[segment.slice(1)] = segments[index];
				return true;
			}
			return segment === segments[index];
		});
		if (matches) return { route: candidate, params };
	}
	return undefined;
}

// Callbell's uuids, and ids written as hyphenated UUIDs (custom statuses).
const UUID = /^([0-9a-f]{32}|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/;

/** Finds a record by a raw path id; anything that is not a known 32-hex id is a 404. */
export function findById<T>(list: T[], id: string, key: keyof T, what: string): T {
	const found = UUID.test(id) ? list.find((entry) => entry[key] === id) : undefined;
	if (!found) throw notFound(what);
	return found;
}

/** A path segment as the client meant it; a malformed escape names nothing, so it is a 404. */
export function decodeParam(value: string, what: string): string {
	try {
		return decodeURIComponent(value);
	} catch {
		throw notFound(what);
	}
}

/** Page-numbered lists: `page` is 1-based, the answer carries `meta: {page, pages}`. */
export function paginate<T>(list: T[], query: Record<string, string>, pageSize: number) {
	const page = query.page === undefined ? 1 : Number(query.page);
	if (!Number.isInteger(page) || page < 1) throw badRequest('Invalid page');
	if (page > 500) throw badRequest('Pagination limit exceeded');
	const pages = Math.max(1, Math.ceil(list.length / pageSize));
	return { entries: list.slice((page - 1) * pageSize, page * pageSize), meta: { page, pages } };
}

export function isHttpUrl(value: unknown): value is string {
	if (typeof value !== 'string') return false;
	try {
		return /^https?:$/.test(new URL(value).protocol);
	} catch {
		return false;
	}
}
