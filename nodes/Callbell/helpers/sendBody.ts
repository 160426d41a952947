/**
 * Message → Send, from the panel's values to the body of `POST /messages/send`. Pure: every
 * combination is checked here, so a send that cannot be right is refused before it leaves n8n.
 */
import type { IDataObject } from 'n8n-workflow';

import { buildContactFieldsBody } from './contactBody';
import { TEMPLATE_ID_EXAMPLE, channelIdFromLocator, idFromLocator, requireBsuid } from './locators';
import { normalizePhoneNumber } from './phone';
import {
	CallbellInputError,
	characterCount,
	quoteValue,
	requireBoolean,
	requireOneOf,
	requireSource,
} from './validation';

export const MESSAGE_TYPES = ['text', 'image', 'document', 'audio', 'video', 'template'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];
export const MEDIA_TYPES: readonly MessageType[] = ['image', 'document', 'audio', 'video'];
/** What WhatsApp delivers only within its 24-hour window (helpers/messagingWindow.ts): all but a template. */
export const FREE_FORM_TYPES: readonly MessageType[] = ['text', ...MEDIA_TYPES];

export const METADATA_MAX_KEYS = 10;
export const METADATA_KEY_MAX_LENGTH = 50;
export const METADATA_VALUE_MAX_LENGTH = 500;

export const MEDIA_URL_EXAMPLE = 'https://example.com/invoice-1042.pdf';

/** One row of Additional Fields → Metadata. */
export interface MetadataRow {
	key?: unknown;
	value?: unknown;
}

/** Send's Additional Fields, as n8n hands them over. */
export interface SendAdditionalFields {
	assignedUser?: unknown;
	botStatus?: unknown;
	bsuid?: unknown;
	channelId?: unknown;
	metadata?: { entry?: MetadataRow[] };
	returnContact?: unknown;
	returnConversation?: unknown;
	teamId?: unknown;
}

/** Everything Send reads for one item. */
export interface SendInput {
	to: unknown;
	from: unknown;
	messageType: unknown;
	/** The text of a text message, the caption of a media message. */
	text?: unknown;
	mediaUrl?: unknown;
	templateId?: unknown;
	templateValues?: unknown;
	optIn?: unknown;
	additionalFields: SendAdditionalFields;
}

function isBlank(value: unknown): boolean {
	return (
		value === undefined || value === null || (typeof value === 'string' && value.trim() === '')
	);
}

/** Text as the user wrote it (numbers from expressions become text); only its emptiness is judged. */
function textOf(field: string, value: unknown): string | undefined {
	if (isBlank(value)) return undefined;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (typeof value !== 'string')
		throw new CallbellInputError(field, `${field} must be text, got ${quoteValue(value)}`);
	return value;
}

/** `to` or `bsuid`, exactly one of them: a WhatsApp number as `+<digits>`, a platform id as given. */
function recipient(source: string, to: unknown, bsuid: unknown): IDataObject {
	const hasTo = !isBlank(to);
	const hasBsuid = !isBlank(bsuid);
	if (hasTo && hasBsuid) {
		throw new CallbellInputError(
			'To',
			'To and Additional Fields → BSUID both name the recipient',
			'Keep one of them: Callbell would ignore the BSUID and send to To.',
		);
	}
	if (hasBsuid) {
		if (source !== 'whatsapp') {
			throw new CallbellInputError(
				'BSUID',
				`A BSUID names a WhatsApp contact, but Channel Type is ${source}`,
				'Set Channel Type to WhatsApp, or give the recipient in To.',
			);
		}
		return { bsuid: requireBsuid('BSUID', bsuid) };
	}
	if (!hasTo) {
		throw new CallbellInputError(
			'To',
			'To is empty',
			source === 'whatsapp'
				? 'Enter the phone number with its country code, e.g. +39 333 123 4567, or give a BSUID under Additional Fields.'
				: `Enter the contact's ${source} id (Callbell shows it on the contact).`,
		);
	}
	if (source === 'whatsapp') return { to: `+${normalizePhoneNumber('To', to)}` };
	if (typeof to !== 'string' && typeof to !== 'number') {
		throw new CallbellInputError(
			'To',
			`To must be the contact's ${source} id, got ${quoteValue(to)}`,
		);
	}
	const id = String(to).trim();
	if (/\s/.test(id)) {
		throw new CallbellInputError(
			'To',
			`To must be the contact's ${source} id, without spaces, got ${quoteValue(to)}`,
			`A ${source} id is the one Callbell shows on the contact.`,
		);
	}
	return { to: id };
}

/** A media link Callbell can download: http(s), a host, no spaces. */
export function requireMediaUrl(field: string, value: unknown): string {
	const hint = `Give a public http(s) link to the file, e.g. ${MEDIA_URL_EXAMPLE}. Callbell downloads it when sending.`;
	if (isBlank(value)) throw new CallbellInputError(field, `${field} is empty`, hint);
	if (typeof value !== 'string')
		throw new CallbellInputError(field, `${field} must be a link, got ${quoteValue(value)}`, hint);
	const text = value.trim();
	let url: URL | undefined;
	try {
		url = new URL(text);
	} catch {
		url = undefined;
	}
	if (!url || !/^https?:$/.test(url.protocol) || url.hostname === '') {
		throw new CallbellInputError(
			field,
			`${field} must be an http(s) link, got ${quoteValue(value)}`,
			hint,
		);
	}
	if (/\s/.test(text)) {
		throw new CallbellInputError(
			field,
			`${field} contains spaces: ${quoteValue(value)}`,
			'Encode spaces in the link as %20, e.g. with {{ encodeURI($json.url) }}.',
		);
	}
	return text;
}

/** One value per template variable, in order ({{1}}, {{2}}…); `listField` as the panel names the list. */
export function templateValuesFrom(value: unknown, listField = 'Template Values'): string[] {
	if (value === undefined || value === null || value === '') return [];
	const values = Array.isArray(value) ? value : [value];
	return values.map((entry, index) => {
		const field = `${listField} (value ${index + 1})`;
		if (typeof entry === 'number' || typeof entry === 'boolean') return String(entry);
		if (typeof entry !== 'string')
			throw new CallbellInputError(field, `${field} must be text, got ${quoteValue(entry)}`);
		if (entry.trim() === '') {
			throw new CallbellInputError(
				field,
				`${field} is empty`,
				`WhatsApp refuses a template whose variable {{${index + 1}}} is empty. Give every variable a value.`,
			);
		}
		return entry;
	});
}

/** Additional Fields → Metadata rows → Callbell's `metadata` object, within its limits. */
export function buildMetadata(rows: MetadataRow[]): Record<string, string> | undefined {
	if (rows.length === 0) return undefined;
	if (rows.length > METADATA_MAX_KEYS) {
		throw new CallbellInputError(
			'Metadata',
			`Metadata has ${rows.length} keys, Callbell allows at most ${METADATA_MAX_KEYS}`,
			'Keep only the keys you need to recognise the message later, e.g. an order id.',
		);
	}
	const metadata: Record<string, string> = {};
	for (const row of rows) {
		const key = typeof row.key === 'string' ? row.key.trim() : '';
		if (key === '')
			throw new CallbellInputError(
				'Metadata',
				'A Metadata key is empty',
				'Give every metadata row a key, e.g. order_id.',
			);
		if (characterCount(key) > METADATA_KEY_MAX_LENGTH) {
			throw new CallbellInputError(
				'Metadata',
				`Metadata key ${quoteValue(key)} is longer than ${METADATA_KEY_MAX_LENGTH} characters`,
			);
		}
		if (key in metadata)
			throw new CallbellInputError('Metadata', `Metadata key ${quoteValue(key)} appears twice`);
		const value = row.value;
		if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
			throw new CallbellInputError(
				'Metadata',
				`Metadata value of ${quoteValue(key)} must be text, got ${quoteValue(value)}`,
			);
		}
		const text = String(value);
		if (characterCount(text) > METADATA_VALUE_MAX_LENGTH) {
			throw new CallbellInputError(
				'Metadata',
				`Metadata value of ${quoteValue(key)} is longer than ${METADATA_VALUE_MAX_LENGTH} characters (${characterCount(text)})`,
			);
		}
		metadata[key] = text;
	}
	return metadata;
}

/** A template's fields as the panel names them: Send's own, or the one sent when the window is closed. */
interface TemplateFields {
	template: string;
	values: string;
	/** The template in the opt-in's refusal. */
	sent: string;
}

const SEND_TEMPLATE_FIELDS: TemplateFields = {
	template: 'Template',
	values: 'Template Values',
	sent: 'a template',
};
const WINDOW_TEMPLATE_FIELDS: TemplateFields = {
	template: 'Window Template',
	values: 'Window Template Values',
	sent: 'the Window Template',
};

/** A WhatsApp template as Callbell takes it: its id, the opt-in confirmation and its values. */
function templateContent(
	templateId: unknown,
	templateValues: unknown,
	optIn: unknown,
	fields: TemplateFields,
): IDataObject {
	const templateUuid = idFromLocator(fields.template, templateId, TEMPLATE_ID_EXAMPLE);
	if (requireBoolean('Contact Opted In', optIn ?? false) !== true) {
		throw new CallbellInputError(
			'Contact Opted In',
			`Contact Opted In must be on to send ${fields.sent}`,
			'WhatsApp lets a business start a conversation only with people who agreed to hear from ' +
				'it, and Callbell asks you to confirm it with every template. Turn it on only if this ' +
				'contact opted in.',
		);
	}
	const values = templateValuesFrom(templateValues, fields.values);
	// Both of Callbell's documented forms at once: the first value as the text (the single-variable
	// form, which Callbell ignores when template_values is there) and every value in order.
	return {
		type: 'text',
		content: { text: values[0] ?? '' },
		template_uuid: templateUuid,
		optin_contact: true,
		...(values.length > 0 && { template_values: values }),
	};
}

/** What the message carries: `type` and `content`, or for a template its id, opt-in and values. */
function messageContent(source: string, type: MessageType, input: SendInput): IDataObject {
	if (type === 'text') {
		const text = textOf('Text', input.text);
		if (text === undefined)
			throw new CallbellInputError(
				'Text',
				'Text is empty',
				'Write the message to send, or map it with an expression.',
			);
		return { type: 'text', content: { text } };
	}
	if (type !== 'template') {
		const caption = textOf('Caption', input.text);
		return {
			type,
			content: {
				url: requireMediaUrl('Media URL', input.mediaUrl),
				...(caption !== undefined && { text: caption }),
			},
		};
	}
	if (source !== 'whatsapp') {
		throw new CallbellInputError(
			'Message Type',
			`Templates are WhatsApp messages, but Channel Type is ${source}`,
			'Set Channel Type to WhatsApp, or send a text or media message.',
		);
	}
	return templateContent(input.templateId, input.templateValues, input.optIn, SEND_TEMPLATE_FIELDS);
}

/** The body of `POST /messages/send` for one item. */
export function buildSendBody(input: SendInput): IDataObject {
	const source = requireSource('Channel Type', input.from);
	const type = requireOneOf('Message Type', input.messageType, MESSAGE_TYPES);
	const extra = input.additionalFields;
	const body: IDataObject = {
		...recipient(source, input.to, extra.bsuid),
		from: source,
		...messageContent(source, type, input),
	};

	const channelUuid = channelIdFromLocator('Channel', extra.channelId);
	if (channelUuid !== undefined) body.channel_uuid = channelUuid;
	Object.assign(
		body,
		buildContactFieldsBody({
			assignedUser: extra.assignedUser,
			teamId: extra.teamId,
			botStatus: extra.botStatus,
		}),
	);
	const metadata = buildMetadata(extra.metadata?.entry ?? []);
	if (metadata !== undefined) body.metadata = metadata;
	const fields = [
		extra.returnContact === true && 'contact',
		extra.returnConversation === true && 'conversation',
	].filter(Boolean);
	if (fields.length > 0) body.fields = fields.join(',');
	return body;
}

/** Send's template for a closed window: Window Template, its values and Contact Opted In. */
export interface WindowTemplateInput {
	templateId: unknown;
	templateValues: unknown;
	optIn: unknown;
}

/**
 * The same send as the Window Template, for when WhatsApp's 24-hour window is closed: `body`'s
 * recipient, channel, assignment, metadata and fields, its text or media replaced by the template.
 * Checked like any template, before anything is sent.
 */
export function windowTemplateBody(body: IDataObject, input: WindowTemplateInput): IDataObject {
	const envelope = { ...body };
	delete envelope.type;
	delete envelope.content;
	return {
		...envelope,
		...templateContent(input.templateId, input.templateValues, input.optIn, WINDOW_TEMPLATE_FIELDS),
	};
}
