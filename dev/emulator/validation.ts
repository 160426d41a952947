/**
 * Field checks as Callbell applies them: tags, custom fields, collaborators, teams, bot, note.
 * Each returns problems as messages; callers answer 422 with all of them.
 */
import type { Contact, EmulatorState } from './state';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const NUMBER = /^-?\d+(\.\d+)?$/;

export const NOTE_MAX = 1000;
export const BOT_STATUSES = ['bot_start', 'bot_end'];

function isRealDate(value: string): boolean {
	if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

function optionProblem(value: unknown, name: string, options: string[]): string | undefined {
	return typeof value === 'string' && options.includes(value)
		? undefined
		: `"${String(value)}" is not an option of custom field "${name}" (${options.join(', ')})`;
}

function customFieldProblems(state: EmulatorState, name: string, value: unknown): string[] {
	const field = state.customFields.find((candidate) => candidate.name === name);
	if (!field) return [`Custom field "${name}" does not exist`];
	const options = field.options ?? [];
	switch (field.type) {
		case 'checkbox':
			if (!Array.isArray(value)) return [`Custom field "${name}" expects a list of options`];
			return value
				.map((item) => optionProblem(item, name, options))
				.filter((p): p is string => !!p);
		case 'dropdown':
			if (typeof value !== 'string') return [`Custom field "${name}" expects a string`];
			return [optionProblem(value, name, options)].filter((p): p is string => !!p);
		case 'email':
			return typeof value === 'string' && (value === '' || EMAIL.test(value))
				? []
				: [`Custom field "${name}" expects an email address`];
		case 'number':
			return (typeof value === 'string' && (value === '' || NUMBER.test(value))) ||
				typeof value === 'number'
				? []
				: [`Custom field "${name}" expects a number`];
		case 'date':
			return typeof value === 'string' && (value === '' || isRealDate(value))
				? []
				: [`Custom field "${name}" expects a date (YYYY-MM-DD)`];
		default:
			return typeof value === 'string' ? [] : [`Custom field "${name}" expects a string`];
	}
}

/** What a contact body may change, already checked and normalized (account spelling of tags). */
export interface ContactChanges {
	name?: string;
	tags?: string[];
	customFields?: Record<string, string | string[]>;
	assignedUser?: string | null;
	teamUuid?: string;
	channelUuid?: string;
	botStatus?: string;
	note?: string;
}

type FieldCheck = (value: unknown, changes: ContactChanges, problems: string[]) => void;

function contactFieldChecks(state: EmulatorState): Record<string, FieldCheck> {
	return {
		name: (value, changes, problems) => {
			if (typeof value === 'string' && value.trim() !== '') changes.name = value;
			else problems.push('name must be a non-empty string');
		},
		tags: (value, changes, problems) => {
			if (!Array.isArray(value) || value.some((tag) => typeof tag !== 'string')) {
				problems.push('tags must be a list of strings');
				return;
			}
			changes.tags = [];
			for (const tag of value as string[]) {
				const known = state.tags.find((candidate) => candidate.toLowerCase() === tag.toLowerCase());
				if (known) changes.tags.push(known);
				else problems.push(`Tag "${tag}" does not exist`);
			}
		},
		custom_fields: (value, changes, problems) => {
			if (typeof value !== 'object' || value === null || Array.isArray(value)) {
				problems.push('custom_fields must be an object');
				return;
			}
			changes.customFields = {};
			for (const [name, fieldValue] of Object.entries(value)) {
				const fieldProblems = customFieldProblems(state, name, fieldValue);
				problems.push(...fieldProblems);
				if (fieldProblems.length === 0) {
					changes.customFields[name] = Array.isArray(fieldValue) ? fieldValue : String(fieldValue);
				}
			}
		},
		assigned_user: (value, changes, problems) => {
			if (typeof value === 'string' && state.users.some((user) => user.email === value)) {
				changes.assignedUser = value;
			} else problems.push(`User "${String(value)}" is not a collaborator of this account`);
		},
		unassign_user: (value, changes, problems) => {
			if (typeof value !== 'boolean') problems.push('unassign_user must be a boolean');
			else if (value) changes.assignedUser = null;
		},
		team_uuid: (value, changes, problems) => {
			if (state.teams.some((team) => team.uuid === value)) changes.teamUuid = value as string;
			else problems.push(`Team "${String(value)}" does not exist`);
		},
		channel_uuid: (value, changes, problems) => {
			if (state.channels.some((channel) => channel.uuid === value))
				changes.channelUuid = value as string;
			else problems.push(`Channel "${String(value)}" does not exist`);
		},
		bot_status: (value, changes, problems) => {
			if (typeof value !== 'string' || !BOT_STATUSES.includes(value)) {
				problems.push('bot_status must be bot_start or bot_end');
			} else if (!state.botEnabled) problems.push('No bot is enabled for this account');
			else changes.botStatus = value;
		},
		note: (value, changes, problems) => {
			if (typeof value !== 'string') problems.push('note must be a string');
			else if (Array.from(value).length > NOTE_MAX)
				problems.push(`Note is too long (maximum is ${NOTE_MAX} characters)`);
			else changes.note = value;
		},
	};
}

/**
 * Checks a contact body. `allowed` lists the keys this endpoint takes; any other key is a problem.
 */
export function checkContactBody(
	state: EmulatorState,
	body: Record<string, unknown>,
	allowed: string[],
): { changes: ContactChanges; problems: string[] } {
	const checks = contactFieldChecks(state);
	const changes: ContactChanges = {};
	const problems: string[] = [];
	for (const [key, value] of Object.entries(body)) {
		if (!allowed.includes(key)) problems.push(`Unknown parameter "${key}"`);
		else checks[key]?.(value, changes, problems);
	}
	return { changes, problems };
}

export function applyContactChanges(
	contact: Contact,
	changes: ContactChanges,
	timestamp: string,
): void {
	if (changes.name !== undefined) contact.name = changes.name;
	if (changes.tags !== undefined) contact.tags = changes.tags;
	if (changes.customFields !== undefined) Object.assign(contact.customFields, changes.customFields);
	if (changes.assignedUser !== undefined) contact.assignedUser = changes.assignedUser;
	if (changes.teamUuid !== undefined) contact.teamUuid = changes.teamUuid;
	if (changes.channelUuid !== undefined) contact.channelUuid = changes.channelUuid;
	if (changes.note !== undefined) contact.note = changes.note;
	if (changes.botStatus !== undefined) setBotStatus(contact, changes.botStatus, timestamp);
	contact.updatedAt = timestamp;
}

export function setBotStatus(contact: Contact, status: string, timestamp: string): void {
	contact.bot.status = status === 'bot_start' ? 'started' : 'ended';
	if (status === 'bot_start') contact.bot.conversationStartedAt = timestamp;
}

export function isEmail(value: unknown): boolean {
	return typeof value === 'string' && EMAIL.test(value);
}
