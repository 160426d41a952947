/** The account around the contacts: token check, channels, teams, templates, funnels,
 * custom statuses, collaborators' status and the plan. */
import { findById, paginate, route, unprocessable, type Route, type RouteRequest } from '../http';
import {
	channelJson,
	customStatusJson,
	memberJson,
	newHyphenatedUuid,
	now,
	teamJson,
	type EmulatorState,
} from '../state';

/** A PATCH that sets one non-empty text field of a record. */
function renameOne<T>(
	record: T,
	key: keyof T,
	body: Record<string, unknown>,
	bodyKey: string,
): void {
	const value = body[bodyKey];
	if (typeof value !== 'string' || value.trim() === '')
		throw unprocessable([`${bodyKey} must be a non-empty string`]);
	const unknown = Object.keys(body).filter((candidate) => candidate !== bodyKey);
	if (unknown.length > 0)
		throw unprocessable(unknown.map((candidate) => `Unknown parameter "${candidate}"`));
	(record as Record<keyof T, unknown>)[key] = value;
}

function listChannels({ state, query, options }: RouteRequest) {
	const channels = state.channels.filter(
		(channel) =>
			(!query.type || channel.type === query.type) &&
			(query.active === undefined || (channel.discardedAt === null) === (query.active === 'true')),
	);
	const { entries, meta } = paginate(channels, query, options.pageSize);
	return { body: { channels: entries.map(channelJson), meta } };
}

function listMembers({ state, params, query, options }: RouteRequest) {
	const team = findById(state.teams, params.uuid, 'uuid', 'Team');
	const members = state.users.filter(
		(user) =>
			team.memberEmails.includes(user.email) &&
			(!query.status || (query.status === 'available') === user.available),
	);
	const { entries, meta } = paginate(members, query, options.pageSize);
	return { body: { users: entries.map((user) => memberJson(state, user)), meta } };
}

function customStatusBody(body: Record<string, unknown>) {
	if (typeof body.name !== 'string' || body.name.trim() === '')
		throw unprocessable(['name is required']);
	if (body.emoji !== undefined && body.emoji !== null && typeof body.emoji !== 'string') {
		throw unprocessable(['emoji must be a string']);
	}
	return { name: body.name, emoji: (body.emoji as string | null | undefined) ?? null };
}

function setUserStatus({ state, params, body }: RouteRequest) {
	const user = findById(state.users, params.uuid, 'uuid', 'User');
	const problems: string[] = [];
	if (body.available !== undefined && typeof body.available !== 'boolean')
		problems.push('available must be a boolean');
	const statusId = body.custom_status_uuid;
	if (
		statusId !== undefined &&
		statusId !== null &&
		!state.customStatuses.some((status) => status.id === statusId)
	) {
		problems.push(`Custom status "${String(statusId)}" does not exist`);
	}
	if (problems.length > 0) throw unprocessable(problems);
	if (typeof body.available === 'boolean') user.available = body.available;
	if (statusId !== undefined) user.customStatusId = statusId as string | null;
	user.lastUpdatedAt = now();
	return { body: { user_status: userStatusJson(state, user.uuid) } };
}

function userStatusJson(state: EmulatorState, uuid: string) {
	const user = findById(state.users, uuid, 'uuid', 'User');
	const status = state.customStatuses.find((candidate) => candidate.id === user.customStatusId);
	return {
		custom_status: status ? customStatusJson(status) : null,
		appearance: user.available ? 'available' : 'away',
	};
}

export const accountRoutes: Route[] = [
	route('GET', '/auth/me', ({ state }) => {
		const me = state.users.find((user) => user.email === state.meEmail)!;
		// Callbell names the key, never echoes the token itself.
		return {
			body: { status: 'ok', user_email: me.email, user_name: me.name, api_key: 'n8n integration' },
		};
	}),
	route('GET', '/channels', listChannels),
	route('GET', '/channels/:uuid', ({ state, params }) => ({
		body: { channel: channelJson(findById(state.channels, params.uuid, 'uuid', 'Channel')) },
	})),
	route('PATCH', '/channels/:uuid', ({ state, params, body }) => {
		const channel = findById(state.channels, params.uuid, 'uuid', 'Channel');
		renameOne(channel, 'title', body, 'title');
		return { body: { channel: channelJson(channel) } };
	}),
	route('GET', '/teams', ({ state, query, options }) => {
		const { entries, meta } = paginate(state.teams, query, options.pageSize);
		return { body: { teams: entries.map(teamJson), meta } };
	}),
	route('GET', '/teams/:uuid', ({ state, params }) => ({
		body: { team: teamJson(findById(state.teams, params.uuid, 'uuid', 'Team')) },
	})),
	route('PATCH', '/teams/:uuid', ({ state, params, body }) => {
		const team = findById(state.teams, params.uuid, 'uuid', 'Team');
		renameOne(team, 'name', body, 'name');
		return { body: { team: teamJson(team) } };
	}),
	route('GET', '/teams/:uuid/members', listMembers),
	route('GET', '/templates', ({ state, query, options }) => {
		const { entries, meta } = paginate(state.templates, query, options.pageSize);
		return { body: { templates: entries.map((template) => ({ ...template })), meta } };
	}),
	route('GET', '/templates/:uuid', ({ state, params }) => ({
		body: { template: { ...findById(state.templates, params.uuid, 'uuid', 'Template') } },
	})),
	// The reference documents the PATCH answer under the plural key.
	route('PATCH', '/templates/:uuid', ({ state, params, body }) => {
		const template = findById(state.templates, params.uuid, 'uuid', 'Template');
		renameOne(template, 'title', body, 'title');
		return { body: { templates: { ...template } } };
	}),
	route('GET', '/funnels', ({ state }) => ({
		body: { funnels: state.funnels.map((funnel) => ({ ...funnel })) },
	})),
	route('GET', '/custom_statuses', ({ state, query, options }) => {
		const { entries, meta } = paginate(state.customStatuses, query, options.pageSize);
		return { body: { customStatuses: entries.map(customStatusJson), meta } };
	}),
	route('GET', '/custom_statuses/:id', ({ state, params }) => ({
		body: {
			customStatus: customStatusJson(
				findById(state.customStatuses, params.id, 'id', 'Custom status'),
			),
		},
	})),
	route('POST', '/custom_statuses', ({ state, body }) => {
		const timestamp = now();
		const status = {
			id: newHyphenatedUuid(),
			...customStatusBody(body),
			createdAt: timestamp,
			updatedAt: timestamp,
		};
		state.customStatuses.push(status);
		return { status: 201, body: { customStatus: customStatusJson(status) } };
	}),
	route('PUT', '/custom_statuses/:id', ({ state, params, body }) => {
		const status = findById(state.customStatuses, params.id, 'id', 'Custom status');
		Object.assign(status, customStatusBody(body), { updatedAt: now() });
		return { body: { customStatus: customStatusJson(status) } };
	}),
	route('DELETE', '/custom_statuses/:id', ({ state, params }) => {
		const status = findById(state.customStatuses, params.id, 'id', 'Custom status');
		state.customStatuses.splice(state.customStatuses.indexOf(status), 1);
		state.users
			.filter((user) => user.customStatusId === status.id)
			.forEach((user) => (user.customStatusId = null));
		return { body: { status: 'ok' } };
	}),
	route('PUT', '/users/:uuid/status', setUserStatus),
	route('DELETE', '/users/:uuid/status', ({ state, params }) => {
		findById(state.users, params.uuid, 'uuid', 'User').customStatusId = null;
		return { status: 204 };
	}),
	route('GET', '/plan', ({ state }) => ({
		body: {
			plan: state.plan.name,
			includedChannels: state.plan.includedChannels,
			licenses: state.plan.licenses,
			activeUsers: state.users.filter((user) => user.available).length,
			teams: state.teams.map(teamJson),
		},
	})),
];
