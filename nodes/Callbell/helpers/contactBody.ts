/**
 * A contact's fields, from the node panel (or from expressions) to the body Callbell takes for
 * Create, Update and Create or Update. Pure; every check names the field as the user sees it.
 */
import type { IDataObject } from 'n8n-workflow';

import { looksLikeJsonArray, NOT_JSON, parseJson, parseJsonArrayText } from './jsonText';
import { emailFromLocator, teamIdFromLocator } from './locators';
import { normalizePhoneNumber } from './phone';
import { normalizeTags } from './tags';
import {
	CallbellInputError,
	NOTE_MAX_LENGTH,
	characterCount,
	quoteValue,
	requireNonEmptyString,
	requireOneOf,
	requireSomethingToUpdate,
} from './validation';

export const BOT_STATUSES = ['bot_start', 'bot_end'] as const;
export type BotStatus = (typeof BOT_STATUSES)[number];

export type CustomFieldValue = string | string[];

/** One custom field value: text for text/email/number/date/dropdown fields, a list for checkboxes. */
export function normalizeCustomFieldValue(name: string, value: unknown): CustomFieldValue {
	const field = `Custom Field "${name}"`;
	if (typeof value === 'number' || typeof value === 'boolean') return String(value);
	if (value instanceof Date) return value.toISOString().slice(0, 10);
	if (typeof value === 'string') {
		return looksLikeJsonArray(value)
			? normalizeCustomFieldValue(name, parseJsonArrayText(field, value))
			: value;
	}
	if (Array.isArray(value)) {
		return value.map((option) => {
			if (typeof option !== 'string' && typeof option !== 'number') {
				throw new CallbellInputError(
					field,
					`${field} must be a list of options as text, got ${quoteValue(value)}`,
				);
			}
			return String(option);
		});
	}
	throw new CallbellInputError(
		field,
		`${field} must be text or a list of options, got ${quoteValue(value)}`,
		'Text, email, number, date (YYYY-MM-DD) and dropdown fields take text; checkbox fields take a list such as ["WhatsApp", "Telegram"].',
	);
}

export interface CustomFieldPair {
	name?: unknown;
	value?: unknown;
}

function parseCustomFieldsJson(value: unknown): IDataObject {
	const field = 'Custom Fields (JSON)';
	const hint =
		'Enter an object of field name → value, e.g. {"Company": "Acme", "Interests": ["WhatsApp"]}.';
	let parsed: unknown = value;
	if (typeof value === 'string') {
		if (value.trim() === '') throw new CallbellInputError(field, `${field} is empty`, hint);
		parsed = parseJson(value);
		if (parsed === NOT_JSON) {
			throw new CallbellInputError(field, `${field} is not valid JSON: ${quoteValue(value)}`, hint);
		}
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		throw new CallbellInputError(
			field,
			`${field} must be a JSON object, got ${quoteValue(value)}`,
			hint,
		);
	}
	if (Object.keys(parsed).length === 0)
		throw new CallbellInputError(field, `${field} is empty`, hint);
	return parsed as IDataObject;
}

/**
 * Merges the key/value rows and the JSON object into Callbell's `custom_fields`. A name given
 * twice is an error rather than a silent "last one wins".
 */
export function buildCustomFields(
	pairs: CustomFieldPair[],
	json?: unknown,
): Record<string, CustomFieldValue> {
	const customFields: Record<string, CustomFieldValue> = {};
	const add = (name: string, value: unknown) => {
		if (Object.prototype.hasOwnProperty.call(customFields, name)) {
			throw new CallbellInputError(
				'Custom Fields',
				`Custom Fields sets "${name}" more than once`,
				'Give each custom field once, either as a row or in the JSON object.',
			);
		}
		customFields[name] = normalizeCustomFieldValue(name, value);
	};

	pairs.forEach((pair, index) => {
		const name = requireNonEmptyString(
			`Custom Fields row ${index + 1} name`,
			pair.name,
			'Enter the name of the custom field exactly as in Callbell (Settings → Custom fields).',
		);
		add(name, pair.value ?? '');
	});
	if (json !== undefined) {
		for (const [rawName, value] of Object.entries(parseCustomFieldsJson(json))) {
			const name = requireNonEmptyString(
				'Custom Fields (JSON)',
				rawName,
				'Every key must be the name of a custom field.',
			);
			add(name, value);
		}
	}
	return customFields;
}

export function checkNote(note: string): string {
	if (characterCount(note) > NOTE_MAX_LENGTH) {
		throw new CallbellInputError(
			'Note',
			`Note is too long: ${characterCount(note)} characters, Callbell allows at most ${NOTE_MAX_LENGTH}`,
			'Shorten the note, e.g. with {{ $json.note.slice(0, 1000) }}.',
		);
	}
	return note;
}

/** The update panel's "Update Fields" collection, as n8n hands it over. */
export interface ContactUpdateFields {
	name?: unknown;
	tags?: unknown;
	customFields?: { field?: CustomFieldPair[] };
	customFieldsJson?: unknown;
	assignedUser?: unknown;
	unassignUser?: unknown;
	teamId?: unknown;
	botStatus?: unknown;
	note?: unknown;
	clearNote?: unknown;
}

function buildNote(fields: ContactUpdateFields): string | undefined {
	const clearNote = fields.clearNote === true;
	const hasNote = fields.note !== undefined;
	if (!hasNote) return clearNote ? '' : undefined;
	if (typeof fields.note !== 'string') {
		throw new CallbellInputError('Note', `Note must be text, got ${quoteValue(fields.note)}`);
	}
	if (clearNote) {
		throw new CallbellInputError(
			'Note',
			'Note and Clear Note are both set',
			'Either write a new note or clear it, not both.',
		);
	}
	if (fields.note.trim() === '') {
		throw new CallbellInputError(
			'Note',
			'Note is empty',
			"To clear the contact's note on purpose, remove the Note field and turn on Clear Note.",
		);
	}
	return checkNote(fields.note);
}

/** The contact fields the user set, as Callbell's body keys; nothing set → `{}`. */
export function buildContactFieldsBody(fields: ContactUpdateFields): IDataObject {
	const body: IDataObject = {};

	if (fields.name !== undefined) {
		body.name = requireNonEmptyString(
			'Name',
			fields.name,
			"Enter the contact's name, or remove the Name field.",
		);
	}
	if (fields.tags !== undefined) body.tags = normalizeTags(fields.tags);

	const pairs = fields.customFields?.field ?? [];
	if (pairs.length > 0 || fields.customFieldsJson !== undefined) {
		const customFields = buildCustomFields(pairs, fields.customFieldsJson);
		if (Object.keys(customFields).length > 0) body.custom_fields = customFields;
	}

	if (fields.assignedUser !== undefined) {
		body.assigned_user = emailFromLocator('Assigned User', fields.assignedUser);
	}
	if (fields.unassignUser === true) {
		if (body.assigned_user !== undefined) {
			throw new CallbellInputError(
				'Unassign User',
				'Assigned User and Unassign User are both set',
				'Either assign a collaborator or remove the assignment, not both.',
			);
		}
		body.unassign_user = true;
	}

	if (fields.teamId !== undefined) {
		body.team_uuid = teamIdFromLocator('Team', fields.teamId);
	}
	if (fields.botStatus !== undefined) {
		body.bot_status = requireOneOf<BotStatus>('Bot Status', fields.botStatus, BOT_STATUSES);
	}

	const note = buildNote(fields);
	if (note !== undefined) body.note = note;
	return body;
}

/**
 * Builds the body of `PATCH /contacts/:uuid` from the "Update Fields" collection. Only the
 * fields the user set are sent; an update with nothing to send is an error.
 */
export function buildContactPatchBody(fields: ContactUpdateFields): IDataObject {
	return requireSomethingToUpdate(buildContactFieldsBody(fields), {
		message: 'No field to update',
		hint: 'Add at least one field under Update Fields, e.g. Tags or Note.',
	});
}

/**
 * A new contact's fields from a PATCH-shaped body: nothing to unassign and no note to erase on a
 * contact that does not exist yet, so those two are left out rather than sent.
 */
export function createBodyFromFields(fieldsBody: IDataObject): IDataObject {
	const body = { ...fieldsBody };
	delete body.unassign_user;
	if (body.note === '') delete body.note;
	return body;
}

/** What `POST /contacts` takes as the identifier: a WhatsApp number as `+<digits>`, anything else as given. */
export function contactIdentifier(source: string, identifier: unknown): string {
	if (source === 'whatsapp') return `+${normalizePhoneNumber('Identifier', identifier)}`;
	return requireNonEmptyString(
		'Identifier',
		identifier,
		"Enter the contact's id on that platform.",
	);
}
