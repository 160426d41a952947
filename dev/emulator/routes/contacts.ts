/** Contacts, their bot and their conversation. */
import { contactDeletedPayload, conversationPayload } from '../events';
import {
	badRequest,
	decodeParam,
	findById,
	notFound,
	paginate,
	route,
	unprocessable,
	type Route,
	type RouteRequest,
} from '../http';
import {
	SOURCES,
	buildContact,
	contactJson,
	mainChannelUuid,
	messageJson,
	newUuid,
	now,
	phoneDigits,
	type Contact,
	type EmulatorState,
	type Source,
} from '../state';
import { BOT_STATUSES, applyContactChanges, checkContactBody, setBotStatus } from '../validation';

const PATCH_FIELDS = [
	'name',
	'tags',
	'custom_fields',
	'assigned_user',
	'unassign_user',
	'team_uuid',
	'bot_status',
	'note',
];
const CREATE_FIELDS = [
	'identifier',
	'source',
	'name',
	'tags',
	'custom_fields',
	'assigned_user',
	'team_uuid',
	'channel_uuid',
	'bot_status',
	'note',
];

/** Single-contact answers, in the shape the emulator was started with (both are documented). */
export function contactAnswer(request: RouteRequest, contact: Contact) {
	const json = contactJson(request.state, contact, request.query.include_field_types === 'true');
	return { body: { contact: request.options.contactResponseShape === 'array' ? [json] : json } };
}

function contactById(state: EmulatorState, uuid: string): Contact {
	return findById(state.contacts, uuid, 'uuid', 'Contact');
}

/** Cursor = opaque base64url of the offset; anything else is "Invalid pagination cursor". */
function decodeCursor(cursor: string): number {
	const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
	const match = /^offset:(\d+)$/.exec(decoded);
	if (!match || Buffer.from(decoded).toString('base64url') !== cursor)
		throw badRequest('Invalid pagination cursor');
	return Number(match[1]);
}

const encodeCursor = (offset: number) => Buffer.from(`offset:${offset}`).toString('base64url');

/** Filters of GET /contacts: source, tags (the contact must have every listed tag), team. */
function filterContacts(state: EmulatorState, query: Record<string, string>): Contact[] {
	const wantedTags = (query.tags ?? '')
		.split(',')
		.map((tag) => tag.trim().toLowerCase())
		.filter(Boolean);
	return state.contacts.filter(
		(contact) =>
			(!query.source || contact.source === query.source) &&
			(!query.team_uuid || contact.teamUuid === query.team_uuid) &&
			wantedTags.every((tag) => contact.tags.some((own) => own.toLowerCase() === tag)),
	);
}

function listContacts({ state, query, options }: RouteRequest) {
	const contacts = filterContacts(state, query);
	const includeTypes = query.include_field_types === 'true';
	let offset: number;
	let meta: { page?: number; pages?: number; next: string | null };
	if (query.after !== undefined) {
		offset = decodeCursor(query.after);
		meta = { next: null };
	} else {
		const { meta: pageMeta } = paginate(contacts, query, options.pageSize);
		offset = (pageMeta.page - 1) * options.pageSize;
		meta = { ...pageMeta, next: null };
	}
	const entries = contacts.slice(offset, offset + options.pageSize);
	if (offset + options.pageSize < contacts.length)
		meta.next = encodeCursor(offset + options.pageSize);
	return {
		body: { contacts: entries.map((contact) => contactJson(state, contact, includeTypes)), meta },
	};
}

/**
 * A WhatsApp identifier is a phone number, kept as `+<digits>` (E.164: 6 to 15 digits) and unique
 * by digits within its channel; other networks' identifiers are kept as sent, unique per network.
 */
function createContact(request: RouteRequest) {
	const { state, body } = request;
	const missing = ['identifier', 'source', 'name'].filter(
		(key) => typeof body[key] !== 'string' || (body[key] as string).trim() === '',
	);
	if (missing.length > 0) throw unprocessable(missing.map((key) => `${key} is required`));
	if (!SOURCES.includes(body.source as Source)) {
		throw unprocessable([`source must be one of ${SOURCES.join(', ')}`]);
	}
	const { identifier: sentIdentifier, source: sentSource, ...fields } = body;
	const source = sentSource as Source;
	const isPhone = source === 'whatsapp';
	const digits = phoneDigits(sentIdentifier as string);
	const { changes, problems } = checkContactBody(state, fields, CREATE_FIELDS);
	if (isPhone && (digits.length < 6 || digits.length > 15))
		problems.unshift('identifier is not a valid phone number');
	const chosenChannel = state.channels.find((channel) => channel.uuid === changes.channelUuid);
	if (chosenChannel && chosenChannel.type !== source) {
		problems.push(`Channel "${chosenChannel.uuid}" is not a ${source} channel`);
	}
	if (problems.length > 0) throw unprocessable(problems);

	const identifier = isPhone ? `+${digits}` : (sentIdentifier as string).trim();
	const channelUuid = changes.channelUuid ?? mainChannelUuid(state, source);
	const exists = state.contacts.some(
		(contact) =>
			contact.source === source &&
			(isPhone
				? contact.channelUuid === channelUuid && phoneDigits(contact.phoneNumber) === digits
				: contact.phoneNumber === identifier),
	);
	if (exists) throw unprocessable(['Contact already exists']);
	const timestamp = now();
	const contact = buildContact(
		{ uuid: newUuid(), name: '', source, phoneNumber: identifier, channelUuid },
		timestamp,
	);
	applyContactChanges(contact, changes, timestamp);
	state.contacts.push(contact);
	request.emit('contact_created', contactJson(state, contact));
	return { status: 201, ...contactAnswer(request, contact) };
}

function updateContact(request: RouteRequest) {
	const contact = contactById(request.state, request.params.uuid);
	const { changes, problems } = checkContactBody(request.state, request.body, PATCH_FIELDS);
	if (problems.length > 0) throw unprocessable(problems);
	applyContactChanges(contact, changes, now());
	// Tag changes are updates too: Callbell has no separate tag event.
	request.emit('contact_updated', contactJson(request.state, contact));
	return contactAnswer(request, contact);
}

/** By digits (`+39 333-111 2222` finds `+393331112222`), in the given channel or the main WhatsApp one. */
function contactByPhone(request: RouteRequest) {
	const { state, query } = request;
	const channel = query.channel_uuid
		? state.channels.find((candidate) => candidate.uuid === query.channel_uuid)
		: state.channels.find((candidate) => candidate.type === 'whatsapp' && candidate.main);
	if (!channel) throw notFound('Channel');
	const digits = phoneDigits(decodeParam(request.params.number, 'Contact'));
	const contact = state.contacts.find(
		(candidate) =>
			digits !== '' &&
			candidate.channelUuid === channel.uuid &&
			phoneDigits(candidate.phoneNumber) === digits,
	);
	if (!contact) throw notFound('Contact');
	return contactAnswer(request, contact);
}

function contactByBsuid(request: RouteRequest) {
	const bsuid = decodeParam(request.params.bsuid, 'Contact');
	const contact = request.state.contacts.find((candidate) => candidate.bsuid === bsuid);
	if (!contact) throw notFound('Contact');
	return contactAnswer(request, contact);
}

function deleteContact({ state, params, emit }: RouteRequest) {
	const contact = contactById(state, params.uuid);
	state.contacts.splice(state.contacts.indexOf(contact), 1);
	emit('contact_deleted', contactDeletedPayload(contact));
	return { body: { status: 'ok' } };
}

function contactMessages({ state, params, query, options }: RouteRequest) {
	contactById(state, params.uuid);
	const messages = state.messages
		.filter((message) => message.contactUuid === params.uuid)
		.reverse();
	const { entries, meta } = paginate(messages, query, options.pageSize);
	return { body: { messages: entries.map(messageJson), meta } };
}

function startOrStopBot({ state, params, body }: RouteRequest) {
	const contact = contactById(state, params.uuid);
	if (typeof body.status !== 'string' || !BOT_STATUSES.includes(body.status)) {
		throw unprocessable(['status must be bot_start or bot_end']);
	}
	if (!state.botEnabled) throw unprocessable(['No bot is enabled for this account']);
	setBotStatus(contact, body.status, now());
	return { body: { bot: { ...contact.bot } } };
}

function setConversation(open: boolean) {
	return (request: RouteRequest) => {
		const contact = contactById(request.state, request.params.uuid);
		contact.closedAt = open ? null : now();
		request.emit(
			open ? 'conversation_opened' : 'conversation_closed',
			conversationPayload(request.state, contact),
		);
		return contactAnswer(request, contact);
	};
}

function addConversationNote({ state, params, body }: RouteRequest) {
	const contact = contactById(state, params.uuid);
	if (typeof body.text !== 'string' || body.text.trim() === '')
		throw unprocessable(['text is required']);
	state.messages.push({
		uuid: newUuid(),
		contactUuid: contact.uuid,
		text: body.text,
		status: 'note',
		direction: 'note',
		channelUuid: contact.channelUuid,
		from: state.meEmail,
		to: contact.phoneNumber ?? contact.uuid,
		createdAt: now(),
	});
	return { body: { success: true } };
}

function updateFunnel(request: RouteRequest) {
	const contact = contactById(request.state, request.params.uuid);
	const funnelId = request.body.funnel_id;
	if (funnelId === undefined || funnelId === null || funnelId === '')
		throw unprocessable(['funnel_id is required']);
	if (!request.state.funnels.some((funnel) => funnel.uuid === funnelId)) {
		throw unprocessable([`Funnel "${String(funnelId)}" does not exist`]);
	}
	contact.funnelId = funnelId as string;
	return contactAnswer(request, contact);
}

export const contactRoutes: Route[] = [
	route('GET', '/contacts', listContacts),
	route('POST', '/contacts', createContact),
	route('GET', '/contacts/phone/:number', contactByPhone),
	route('GET', '/contacts/bsuid/:bsuid', contactByBsuid),
	route('GET', '/contacts/:uuid', (request) =>
		contactAnswer(request, contactById(request.state, request.params.uuid)),
	),
	route('PATCH', '/contacts/:uuid', updateContact),
	route('DELETE', '/contacts/:uuid', deleteContact),
	route('GET', '/contacts/:uuid/messages', contactMessages),
	route('GET', '/contacts/:uuid/bot', ({ state, params }) => ({
		body: { bot: { ...contactById(state, params.uuid).bot } },
	})),
	route('POST', '/contacts/:uuid/bot', startOrStopBot),
	route('POST', '/contacts/:uuid/conversation/open', setConversation(true)),
	route('POST', '/contacts/:uuid/conversation/close', setConversation(false)),
	route('POST', '/contacts/:uuid/conversation/note', addConversationNote),
	route('PUT', '/contacts/:uuid/conversation/update_funnel', updateFunnel),
];
