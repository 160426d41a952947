/**
 * What the admin endpoints make happen in the account as a contact or a channel would: a message
 * comes in, a sent message is delivered, read or fails. The caller delivers the webhook events.
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
