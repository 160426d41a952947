/** Sending messages, their status, deleting them. */
import { messageCreatedPayload } from '../events';
import { findById, isHttpUrl, route, unprocessable, type Route, type RouteRequest } from '../http';
import {
	SOURCES,
	buildContact,
	contactJson,
	conversationJson,
	mainChannelUuid,
	newUuid,
	now,
	type Contact,
	type EmulatorState,
	type Message,
	type Source,
} from '../state';
import { applyContactChanges, checkContactBody } from '../validation';

const MESSAGE_TYPES = ['text', 'image', 'document', 'audio', 'video'];
const RESPONSE_FIELDS = ['contact', 'conversation'];
const KNOWN_KEYS = [
	'to',
	'bsuid',
	'from',
	'type',
	'content',
	'channel_uuid',
	'template_uuid',
	'optin_contact',
	'template_values',
	'assigned_user',
	'team_uuid',
	'bot_status',
	'fields',
	'metadata',
];

function metadataProblems(metadata: unknown): string[] {
	if (metadata === undefined) return [];
	if (typeof metadata !== 'object' || metadata === null || Array.isArray(metadata))
		return ['metadata must be an object'];
	const entries = Object.entries(metadata);
	const problems = entries.length > 10 ? ['metadata may have at most 10 keys'] : [];
	for (const [key, value] of entries) {
		if (Array.from(key).length > 50)
			problems.push(`metadata key "${key}" is longer than 50 characters`);
		if (typeof value !== 'string') problems.push(`metadata value of "${key}" must be a string`);
		else if (Array.from(value).length > 500)
			problems.push(`metadata value of "${key}" is longer than 500 characters`);
	}
	return problems;
}

function contentProblems(body: Record<string, unknown>): string[] {
	const content = body.content as Record<string, unknown> | undefined;
	if (typeof content !== 'object' || content === null) return ['content is required'];
	if (body.type === 'text') {
		// A template's text is its variable (or ignored beside template_values): it may be empty.
		if (body.template_uuid !== undefined)
			return typeof content.text === 'string' ? [] : ['content.text must be a string'];
		return typeof content.text === 'string' && content.text.trim() !== ''
			? []
			: ['content.text is required for text messages'];
	}
	return isHttpUrl(content.url)
		? []
		: [`content.url must be a web address for ${String(body.type)} messages`];
}

function templateProblems(state: EmulatorState, body: Record<string, unknown>): string[] {
	const problems: string[] = [];
	if (body.template_uuid !== undefined) {
		if (!state.templates.some((template) => template.uuid === body.template_uuid)) {
			problems.push(`Template "${String(body.template_uuid)}" does not exist`);
		}
		if (body.optin_contact !== true)
			problems.push('optin_contact must be true when sending a template');
	}
	const values = body.template_values;
	if (
		values !== undefined &&
		(!Array.isArray(values) || values.some((value) => typeof value !== 'string'))
	) {
		problems.push('template_values must be a list of strings');
	}
	return problems;
}

function sendProblems(state: EmulatorState, body: Record<string, unknown>): string[] {
	const problems = Object.keys(body)
		.filter((key) => !KNOWN_KEYS.includes(key))
		.map((key) => `Unknown parameter "${key}"`);
	if (typeof body.to !== 'string' && typeof body.bsuid !== 'string')
		problems.push('to or bsuid is required');
	if (!SOURCES.includes(body.from as Source))
		problems.push(`from must be a channel type (${SOURCES.join(', ')})`);
	if (!MESSAGE_TYPES.includes(body.type as string))
		problems.push(`type must be one of ${MESSAGE_TYPES.join(', ')}`);
	else problems.push(...contentProblems(body));
	if (
		body.channel_uuid !== undefined &&
		!state.channels.some((channel) => channel.uuid === body.channel_uuid)
	) {
		problems.push(`Channel "${String(body.channel_uuid)}" does not exist`);
	}
	const fields =
		typeof body.fields === 'string' ? body.fields.split(',').map((field) => field.trim()) : [];
	for (const field of fields)
		if (!RESPONSE_FIELDS.includes(field)) problems.push(`fields: unknown field "${field}"`);
	return [...problems, ...templateProblems(state, body), ...metadataProblems(body.metadata)];
}

export interface ContactAddress {
	source: Source;
	/** Phone number or platform id; wins over bsuid. */
	to?: string;
	bsuid?: string;
	channelUuid?: string;
}

/**
 * The contact a message goes to or comes from: `to` wins over `bsuid`; an unknown one becomes a
 * new contact (`created`), as in Callbell.
 */
export function findOrCreateContact(
	state: EmulatorState,
	{ source, to, bsuid, channelUuid }: ContactAddress,
): { contact: Contact; created: boolean } {
	// A WhatsApp number is the same number however it is written (+39 333…, 39333…).
	const sameNumber = (phoneNumber: string | null) =>
		to !== undefined &&
		phoneNumber !== null &&
		(source === 'whatsapp' ? digitsOf(phoneNumber) === digitsOf(to) : phoneNumber === to);
	const existing =
		to !== undefined
			? state.contacts.find(
					(contact) => contact.source === source && sameNumber(contact.phoneNumber),
				)
			: state.contacts.find((contact) => contact.bsuid === bsuid);
	if (existing) return { contact: existing, created: false };
	const phoneNumber = to === undefined ? null : source === 'whatsapp' ? `+${digitsOf(to)}` : to;
	const contact = buildContact({
		uuid: newUuid(),
		name: phoneNumber ?? String(bsuid),
		source,
		phoneNumber,
		bsuid: bsuid ?? null,
		channelUuid: channelUuid ?? mainChannelUuid(state, source),
	});
	state.contacts.push(contact);
	return { contact, created: true };
}

function recipient(state: EmulatorState, body: Record<string, unknown>) {
	const text = (key: string) => (typeof body[key] === 'string' ? (body[key] as string) : undefined);
	return findOrCreateContact(state, {
		source: body.from as Source,
		to: text('to'),
		bsuid: text('bsuid'),
		channelUuid: text('channel_uuid'),
	});
}

function digitsOf(phoneNumber: string): string {
	return phoneNumber.replace(/\D/g, '');
}

/** The emulator's log line for a sent message, so `npm run dev` shows what a workflow sent. */
function describeSent(body: Record<string, unknown>, contact: Contact): string {
	const content = (body.content ?? {}) as Record<string, unknown>;
	const what =
		body.template_uuid !== undefined
			? `template ${String(body.template_uuid)} ${JSON.stringify(body.template_values ?? [content.text])}`
			: body.type === 'text'
				? JSON.stringify(content.text)
				: `${String(body.type)} ${String(content.url)}${typeof content.text === 'string' ? ` ${JSON.stringify(content.text)}` : ''}`;
	return `✉ message to ${contact.name} (${contact.phoneNumber ?? contact.bsuid ?? contact.uuid}, ${String(body.from)}): ${what}`;
}

/** What the contact reads: a template's text with its variables filled in, else the text or caption. */
function messageText(state: EmulatorState, body: Record<string, unknown>): string {
	const content = (body.content ?? {}) as Record<string, unknown>;
	const template = state.templates.find((candidate) => candidate.uuid === body.template_uuid);
	if (template) {
		const values = Array.isArray(body.template_values)
			? (body.template_values as string[])
			: [String(content.text ?? '')];
		return template.text.replace(
			/\{\{(\d+)\}\}/g,
			(placeholder, n: string) => values[Number(n) - 1] ?? placeholder,
		);
	}
	return typeof content.text === 'string' ? content.text : '';
}

function sendMessage({ state, body, options, emit }: RouteRequest) {
	const contactFieldNames = ['assigned_user', 'team_uuid', 'bot_status'];
	const contactFields = Object.fromEntries(
		Object.entries(body).filter(([key]) => contactFieldNames.includes(key)),
	);
	const { changes, problems } = checkContactBody(state, contactFields, contactFieldNames);
	const allProblems = [...sendProblems(state, body), ...problems];
	if (allProblems.length > 0) throw unprocessable(allProblems);

	const { contact, created } = recipient(state, body);
	const timestamp = now();
	applyContactChanges(contact, changes, timestamp);
	const content = body.content as Record<string, unknown>;
	const message: Message = {
		uuid: newUuid(),
		contactUuid: contact.uuid,
		text: messageText(state, body),
		status: 'enqueued',
		direction: 'sent',
		channelUuid: contact.channelUuid,
		from: String(body.from),
		to: contact.phoneNumber ?? contact.uuid,
		createdAt: timestamp,
		...(body.metadata !== undefined && { metadata: body.metadata as Record<string, string> }),
		...(body.type !== 'text' && { attachments: [String(content.url)] }),
	};
	state.messages.push(message);
	options.log?.(describeSent(body, contact));
	if (created) emit('contact_created', contactJson(state, contact));
	emit('message_created', messageCreatedPayload(state, message, contact));
	const fields =
		typeof body.fields === 'string' ? body.fields.split(',').map((field) => field.trim()) : [];
	return {
		body: {
			message: {
				uuid: message.uuid,
				status: 'enqueued',
				...(fields.includes('contact') && { contact: contactJson(state, contact) }),
				...(fields.includes('conversation') && {
					conversation: conversationJson(contact, timestamp),
				}),
			},
		},
	};
}

export const messageRoutes: Route[] = [
	route('POST', '/messages/send', sendMessage),
	route('GET', '/messages/status/:uuid', ({ state, params }) => {
		const message = findById(state.messages, params.uuid, 'uuid', 'Message');
		return {
			body: {
				message: {
					uuid: message.uuid,
					status: message.status,
					messageStatusPayload: message.statusPayload ?? null,
					...(message.metadata && { metadata: message.metadata }),
				},
			},
		};
	}),
	route('DELETE', '/messages/:uuid', ({ state, params }) => {
		const message = findById(state.messages, params.uuid, 'uuid', 'Message');
		message.text = '';
		message.status = 'deleted';
		return { status: 204 };
	}),
];
