/**
 * What the admin endpoints make happen in the account as a contact or a channel would: a message
 * comes in, a sent message is delivered, read or fails; and a conversation's past, seeded at
 * chosen times. The caller delivers the webhook events.
 */
import { findById, unprocessable } from './http';
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

/** `{from, text, channel?}`: `from` in any format; a WhatsApp number is matched by its digits. */
export function receiveMessage(
	state: EmulatorState,
	body: Record<string, unknown>,
): { message: Message; contact: Contact; created: boolean } {
	const source = (body.channel ?? 'whatsapp') as Source;
	const problems: string[] = [];
	if (!SOURCES.includes(source)) problems.push(`channel must be one of ${SOURCES.join(', ')}`);
	if (typeof body.from !== 'string' || body.from.trim() === '') problems.push('from is required');
	else if (source === 'whatsapp' && !/^\d{6,15}$/.test(phoneDigits(body.from)))
		problems.push('from is not a valid phone number');
	if (typeof body.text !== 'string' || body.text.trim() === '') problems.push('text is required');
	if (problems.length > 0) throw unprocessable(problems);

	const { contact, created } = findOrCreateContact(state, {
		source,
		to: (body.from as string).trim(),
	});
	const message: Message = {
		uuid: newUuid(),
		contactUuid: contact.uuid,
		text: body.text as string,
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
