/** Webhook event payloads, shaped as the API reference's "Webhook events" table. */
import {
	contactJson,
	conversationJson,
	now,
	type Contact,
	type EmulatorState,
	type Message,
} from './state';

/** `message_created`: `channel` is the network (whatsapp, instagram…), as Callbell's payload writes it. */
export function messageCreatedPayload(state: EmulatorState, message: Message, contact: Contact) {
	return {
		to: message.to,
		from: message.from,
		text: message.text,
		attachments: [...(message.attachments ?? [])],
		status: message.direction,
		channel: contact.source,
		contact: contactJson(state, contact),
		createdAt: message.createdAt,
		...(message.metadata && { metadata: { ...message.metadata } }),
	};
}

export function messageStatusPayload(state: EmulatorState, message: Message, contact: Contact) {
	return {
		uuid: message.uuid,
		status: message.status,
		contact: contactJson(state, contact),
		...(message.metadata && { metadata: { ...message.metadata } }),
		messageStatusPayload: message.statusPayload ?? null,
	};
}

export function contactDeletedPayload(contact: Contact) {
	return { uuid: contact.uuid, deleted: now() };
}

/** `conversation_opened` / `conversation_closed`: `closedAt` is null while open. */
export function conversationPayload(state: EmulatorState, contact: Contact, createdAt = now()) {
	const { href, source, closedAt } = conversationJson(contact, createdAt);
	return { source, href, contact: contactJson(state, contact), createdAt, closedAt };
}
