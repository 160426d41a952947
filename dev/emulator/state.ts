/**
 * The emulated Callbell account: plain records plus the JSON shapes Callbell answers with.
 */
import { randomBytes } from 'node:crypto';

export type Source = 'whatsapp' | 'instagram' | 'facebook' | 'telegram';
export const SOURCES: readonly Source[] = ['whatsapp', 'instagram', 'facebook', 'telegram'];

export type CustomFieldType = 'text' | 'email' | 'number' | 'date' | 'dropdown' | 'checkbox';
export interface CustomFieldDefinition {
	name: string;
	type: CustomFieldType;
	options?: string[];
}

export interface User {
	uuid: string;
	email: string;
	name: string;
	available: boolean;
	lastUpdatedAt: string;
	customStatusId: string | null;
}

export interface Team {
	uuid: string;
	name: string;
	createdAt: string;
	default: boolean;
	memberEmails: string[];
}

export interface Channel {
	uuid: string;
	title: string;
	type: Source;
	main: boolean;
	discardedAt: string | null;
}

export interface Template {
	uuid: string;
	title: string;
	templateType: string;
	category: string;
	status: string;
	text: string;
	createdAt: string;
}

export interface Funnel {
	uuid: string;
	name: string;
	emoji: string;
	position: number;
	createdAt: string;
}

export interface CustomStatus {
	id: string;
	name: string;
	emoji: string | null;
	createdAt: string;
	updatedAt: string;
}

export interface Bot {
	uuid: string;
	name: string;
	status: 'in_progress' | 'started' | 'ended';
	conversationStartedAt: string | null;
	version: number;
	latestBotVersion: number;
}

export interface Contact {
	uuid: string;
	name: string;
	phoneNumber: string | null;
	avatarUrl: string | null;
	blockedAt: string | null;
	createdAt: string;
	updatedAt: string;
	source: Source;
	funnelId: string | null;
	closedAt: string | null;
	tags: string[];
	assignedUser: string | null;
	customFields: Record<string, string | string[]>;
	teamUuid: string | null;
	channelUuid: string | null;
	bsuid: string | null;
	note: string;
	bot: Bot;
}

export interface Message {
	uuid: string;
	contactUuid: string;
	text: string;
	status: string;
	direction: 'sent' | 'received' | 'note';
	channelUuid: string | null;
	from: string;
	to: string;
	createdAt: string;
	metadata?: Record<string, string>;
	/** Media URLs: of a sent image, document, audio or video, or of what a contact sent in. */
	attachments?: string[];
	/** What the channel said about the latest status (a failure's reason); null until then. */
	statusPayload?: object | null;
}

export interface Webhook {
	url: string;
	subscriptions: string[];
	enabled: boolean;
	createdAt: string;
}

export interface WebhookEvent {
	event: string;
	payload: object;
	response: string;
	success: boolean;
	createdAt: string;
}

export interface EmulatorState {
	plan: { name: string; includedChannels: number; licenses: number };
	botEnabled: boolean;
	meEmail: string;
	users: User[];
	teams: Team[];
	tags: string[];
	customFields: CustomFieldDefinition[];
	channels: Channel[];
	templates: Template[];
	funnels: Funnel[];
	customStatuses: CustomStatus[];
	contacts: Contact[];
	messages: Message[];
	webhook: Webhook | null;
	webhookEvents: WebhookEvent[];
}

export const DASHBOARD = 'https://dash.callbell.eu';

export function newUuid(): string {
	return randomBytes(16).toString('hex');
}

/** A custom status id as Callbell's own example writes one: a hyphenated UUID. */
export function newHyphenatedUuid(): string {
	const hex = newUuid();
	return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

export function now(): string {
	return new Date().toISOString();
}

/** A contact with everything the caller does not give set to Callbell's empty defaults. */
export function buildContact(
	fields: Partial<Contact> & Pick<Contact, 'uuid' | 'name' | 'source'>,
	createdAt = now(),
): Contact {
	return {
		phoneNumber: null,
		avatarUrl: null,
		blockedAt: null,
		createdAt,
		updatedAt: createdAt,
		funnelId: null,
		closedAt: null,
		tags: [],
		assignedUser: null,
		customFields: {},
		teamUuid: null,
		channelUuid: null,
		bsuid: null,
		note: '',
		bot: {
			uuid: `b0${fields.uuid.slice(2)}`,
			name: 'Welcome bot',
			status: 'ended',
			conversationStartedAt: null,
			version: 3,
			latestBotVersion: 3,
		},
		...fields,
	};
}

/** Callbell matches phone numbers by their digits: `+39 333-111 2222` is `393331112222`. */
export function phoneDigits(value: string | null): string {
	return (value ?? '').replace(/\D/g, '');
}

/** The main channel of a type: where Callbell puts a new conversation on that network. */
export function mainChannelUuid(state: EmulatorState, source: Source): string | null {
	return state.channels.find((channel) => channel.type === source && channel.main)?.uuid ?? null;
}

export function teamJson(team: Team) {
	return {
		uuid: team.uuid,
		name: team.name,
		createdAt: team.createdAt,
		default: team.default,
		members: team.memberEmails.length,
	};
}

export function channelJson(channel: Channel) {
	return {
		uuid: channel.uuid,
		title: channel.title,
		type: channel.type,
		main: channel.main,
		discardedAt: channel.discardedAt,
	};
}

export function memberJson(state: EmulatorState, user: User) {
	const status = state.customStatuses.find((candidate) => candidate.id === user.customStatusId);
	return {
		email: user.email,
		name: user.name,
		available: user.available,
		lastUpdatedAt: user.lastUpdatedAt,
		...(status && { userCustomStatus: customStatusJson(status) }),
	};
}

export function customStatusJson(status: CustomStatus) {
	return { ...status };
}

export function conversationHref(contact: Contact): string {
	return `${DASHBOARD}/chat/${contact.uuid.slice(0, 8)}-${contact.source}`;
}

/** A contact's conversation as Callbell shows it; `createdAt` is when it was (re)opened, the emulator does not keep it. */
export function conversationJson(contact: Contact, createdAt: string) {
	return {
		href: conversationHref(contact),
		source: contact.source,
		createdAt,
		closedAt: contact.closedAt,
	};
}

export function contactJson(state: EmulatorState, contact: Contact, includeFieldTypes = false) {
	const team = state.teams.find((candidate) => candidate.uuid === contact.teamUuid);
	const channel = state.channels.find((candidate) => candidate.uuid === contact.channelUuid);
	return {
		uuid: contact.uuid,
		name: contact.name,
		phoneNumber: contact.phoneNumber,
		avatarUrl: contact.avatarUrl,
		blockedAt: contact.blockedAt,
		createdAt: contact.createdAt,
		source: contact.source,
		funnelId: contact.funnelId,
		closedAt: contact.closedAt,
		href: `${DASHBOARD}/contacts/${contact.uuid}`,
		conversationHref: conversationHref(contact),
		tags: [...contact.tags],
		assignedUser: contact.assignedUser,
		customFields: { ...contact.customFields },
		...(includeFieldTypes && { customFieldsMetadata: fieldMetadata(state, contact) }),
		team: team ? teamJson(team) : null,
		channel: channel ? channelJson(channel) : null,
		bsuid: contact.bsuid,
		note: contact.note,
	};
}

function fieldMetadata(state: EmulatorState, contact: Contact) {
	return Object.fromEntries(
		state.customFields.map((field) => [
			field.name,
			{
				value: contact.customFields[field.name] ?? null,
				type: field.type,
				...(field.options && { options: [...field.options] }),
			},
		]),
	);
}

export function messageJson(message: Message) {
	return {
		uuid: message.uuid,
		text: message.text,
		status: message.direction,
		channel: message.channelUuid,
		from: message.from,
		to: message.to,
		createdAt: message.createdAt,
		...(message.attachments && { attachments: [...message.attachments] }),
		...(message.metadata && { metadata: message.metadata }),
	};
}
