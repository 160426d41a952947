/**
 * What the admin endpoints make happen in the account as a contact or a channel would: a message
 * comes in (alone or in a burst, with attachments or without), a sent message is delivered, read or fails; and a conversation's past, seeded at
 * chosen times. The caller delivers the webhook events.
 */
import { ATTACHMENTS, isAttachmentName } from './attachments';
import { findById, isHttpUrl, unprocessable } from './http';
import { findOrCreateContact } from './routes/messages';
import {
	SOURCES,
	newUuid,
	now,
	phoneDigits,
	type Contact,
	type EmulatorState,
	type Message,
	type Source,
} from './state';

export const MESSAGE_STATUSES = ['delivered', 'read', 'failed'];
const DIRECTIONS: Message['direction'][] = ['received', 'sent', 'note'];
const HOUR_MS = 60 * 60 * 1000;

/** A past message to seed: whose, which way, and when (hours before now, or a time). */
export interface SeededMessage {
	contact: string;
	direction?: Message['direction'];
	text?: string;
	hoursAgo?: number;
	createdAt?: string;
}

/** When a seeded message was written: `hoursAgo` before now, or `createdAt`, or now. */
function seededTime(body: Record<string, unknown>, problems: string[]): string {
	if (body.hoursAgo !== undefined) {
		if (typeof body.hoursAgo !== 'number' || !Number.isFinite(body.hoursAgo))
			problems.push('hoursAgo must be a number');
		else return new Date(Date.now() - body.hoursAgo * HOUR_MS).toISOString();
	}
	if (body.createdAt !== undefined) {
		const at = typeof body.createdAt === 'string' ? Date.parse(body.createdAt) : NaN;
		if (Number.isNaN(at)) problems.push('createdAt must be an ISO time');
		else return new Date(at).toISOString();
	}
	return now();
}

/**
 * `{contact, direction?, text?, hoursAgo? | createdAt?}`: a message of the contact's conversation,
 * as if written then (default: received, now), e.g. the customer's last message 30 hours ago for
 * WhatsApp's 24-hour window. No webhook: it is the past. Kept in time order, so that
 * `GET /contacts/:uuid/messages` lists it newest first like the rest.
 */
export function seedMessage(state: EmulatorState, body: Record<string, unknown>): Message {
	const contact = findById(state.contacts, String(body.contact), 'uuid', 'Contact');
	const direction = (body.direction ?? 'received') as Message['direction'];
	const problems: string[] = [];
	if (!DIRECTIONS.includes(direction))
		problems.push(`direction must be one of ${DIRECTIONS.join(', ')}`);
	if (body.text !== undefined && typeof body.text !== 'string') problems.push('text must be text');
	const createdAt = seededTime(body, problems);
	if (problems.length > 0) throw unprocessable(problems);

	const address = contact.phoneNumber ?? contact.uuid;
	const source = contact.source;
	const message: Message = {
		uuid: newUuid(),
		contactUuid: contact.uuid,
		text: (body.text as string | undefined) ?? 'Hi!',
		status: direction === 'sent' ? 'read' : direction,
		direction,
		channelUuid: contact.channelUuid,
		from: direction === 'received' ? address : direction === 'sent' ? source : state.meEmail,
		to: direction === 'received' ? source : address,
		createdAt,
	};
	const later = state.messages.findIndex((other) => other.createdAt > createdAt);
	state.messages.splice(later === -1 ? state.messages.length : later, 0, message);
	return message;
}

/** `{from, channel?}`: `from` in any format; a WhatsApp number is matched by its digits. */
function incomingSource(body: Record<string, unknown>, problems: string[]): Source {
	const source = (body.channel ?? 'whatsapp') as Source;
	if (!SOURCES.includes(source)) problems.push(`channel must be one of ${SOURCES.join(', ')}`);
	if (typeof body.from !== 'string' || body.from.trim() === '') problems.push('from is required');
	else if (source === 'whatsapp' && !/^\d{6,15}$/.test(phoneDigits(body.from)))
		problems.push('from is not a valid phone number');
	return source;
}

const ATTACHMENT_CHOICES = `one of ${ATTACHMENTS.map((file) => file.name).join(', ')} or an http(s) URL`;

/**
 * `{text?, attachments?}`: a text, attachments, or both (a voice note comes without text). An
 * attachment is one of the emulator's files by name (stored as its URL) or any http(s) URL.
 */
function incomingContent(
	body: Record<string, unknown>,
	attachmentUrl: (name: string) => string,
	problems: string[],
	where = '',
): { text: string; attachments?: string[] } {
	const { text, attachments } = body;
	const urls: string[] = [];
	if (attachments !== undefined && !Array.isArray(attachments))
		problems.push(`${where}attachments must be a list, each entry ${ATTACHMENT_CHOICES}`);
	for (const [index, entry] of (Array.isArray(attachments) ? attachments : []).entries()) {
		if (typeof entry === 'string' && isAttachmentName(entry)) urls.push(attachmentUrl(entry));
		else if (isHttpUrl(entry)) urls.push(entry);
		else problems.push(`${where}attachments[${index}] must be ${ATTACHMENT_CHOICES}`);
	}
	const hasAttachments = Array.isArray(attachments) && attachments.length > 0;
	if (text !== undefined && typeof text !== 'string') problems.push(`${where}text must be text`);
	else if (!hasAttachments && (text === undefined || text.trim() === ''))
		problems.push(`${where}text is required`);
	return {
		text: typeof text === 'string' ? text : '',
		...(hasAttachments && { attachments: urls }),
	};
}

/** `{from, text?, attachments?, channel?}`: text, attachments or both; the contact is found or created. */
export function receiveMessage(
	state: EmulatorState,
	body: Record<string, unknown>,
	attachmentUrl: (name: string) => string,
): { message: Message; contact: Contact; created: boolean } {
	const problems: string[] = [];
	const source = incomingSource(body, problems);
	const content = incomingContent(body, attachmentUrl, problems);
	if (problems.length > 0) throw unprocessable(problems);

	const { contact, created } = findOrCreateContact(state, {
		source,
		to: (body.from as string).trim(),
	});
	const message: Message = {
		uuid: newUuid(),
		contactUuid: contact.uuid,
		...content,
		status: 'received',
		direction: 'received',
		channelUuid: contact.channelUuid,
		from: contact.phoneNumber ?? contact.uuid,
		to: source,
		createdAt: now(),
	};
	state.messages.push(message);
	return { message, contact, created };
}

export const MAX_BURST_MESSAGES = 50;
const MAX_BURST_INTERVAL_MS = 10_000;

/**
 * `{from, channel?, messages: [{text?, attachments?}, …], intervalMs?}` (default 200 ms apart),
 * checked whole before anything is stored: the bodies for receiveMessage(), one per message.
 */
export function burstMessages(
	body: Record<string, unknown>,
	attachmentUrl: (name: string) => string,
): { intervalMs: number; bodies: Array<Record<string, unknown>> } {
	const problems: string[] = [];
	incomingSource(body, problems);
	const { from, channel, messages, intervalMs = 200 } = body;
	if (!Array.isArray(messages) || messages.length === 0 || messages.length > MAX_BURST_MESSAGES)
		problems.push(`messages must be a list of 1 to ${MAX_BURST_MESSAGES} {text?, attachments?}`);
	const bodies = (Array.isArray(messages) ? messages : []).map((message: unknown, index) => {
		const content = typeof message === 'object' && message !== null ? message : {};
		incomingContent(
			content as Record<string, unknown>,
			attachmentUrl,
			problems,
			`messages[${index}]: `,
		);
		return { ...content, from, channel };
	});
	if (
		typeof intervalMs !== 'number' ||
		!Number.isInteger(intervalMs) ||
		intervalMs < 0 ||
		intervalMs > MAX_BURST_INTERVAL_MS
	)
		problems.push(
			`intervalMs must be a whole number of milliseconds from 0 to ${MAX_BURST_INTERVAL_MS}`,
		);
	if (problems.length > 0) throw unprocessable(problems);
	return { intervalMs: intervalMs as number, bodies };
}

/** `{uuid, status, messageStatusPayload?}`: only outgoing messages have a delivery status. */
export function setMessageStatus(
	state: EmulatorState,
	body: Record<string, unknown>,
): { message: Message; contact: Contact } {
	const message = findById(state.messages, String(body.uuid), 'uuid', 'Message');
	const problems: string[] = [];
	if (message.direction !== 'sent') problems.push('Only sent messages have a delivery status');
	if (!MESSAGE_STATUSES.includes(body.status as string))
		problems.push(`status must be one of ${MESSAGE_STATUSES.join(', ')}`);
	const payload = body.messageStatusPayload;
	if (payload !== undefined && payload !== null && typeof payload !== 'object')
		problems.push('messageStatusPayload must be an object');
	if (problems.length > 0) throw unprocessable(problems);
	const contact = state.contacts.find((candidate) => candidate.uuid === message.contactUuid);
	if (!contact) throw unprocessable(["The message's contact was deleted"]);
	message.status = body.status as string;
	message.statusPayload = (payload as object | null | undefined) ?? null;
	return { message, contact };
}
