/**
 * Contact → Get Messages, Get Bot, Set Bot Status and Delete, run through n8n's real execution
 * engine against the emulator over HTTP (2 entries a page, so Jane's 3 seeded messages take 2
 * pages): the node's parameters, then what Callbell received and what came out.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { runCallbell, useEmulator, type StoryRun } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const MISSING = 'ffffffffffffffffffffffffffffffff';
const byId = (uuid: string) => ({ __rl: true, mode: 'id', value: uuid });

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 2 });

interface ContactRun extends StoryRun {
	operation: 'getMessages' | 'getBot' | 'setBotStatus' | 'delete';
	contactId?: unknown;
	parameters?: IDataObject;
}

function runContact(run: ContactRun): Promise<RunResult> {
	const parameters: INodeParameters = {
		resource: 'contact',
		operation: run.operation,
		contactId: (run.contactId ?? byId(JANE)) as INodeParameters['contactId'],
		...(run.parameters as INodeParameters),
	};
	return runCallbell(emulator, parameters, run);
}

type NodeFailure = Error & { httpCode?: string; description?: string };
const failure = (result: RunResult) => result.error as NodeFailure | undefined;

/** Ids usually come from the trigger, e.g. `{{ $json.callbellId }}`: checked when the item runs. */
function viaExpression(value: string): string {
	return `={{ ${JSON.stringify(value)} }}`;
}

describe('Contact → Get Messages', () => {
	const messagesPath = `/v1/contacts/${JANE}/messages`;
	const NEWEST_FIRST = [IDS.messages.janeThanks, IDS.messages.agentAnswers, IDS.messages.janeAsks];

	function getMessages(parameters: IDataObject, contactId: unknown = byId(JANE)) {
		return runContact({ operation: 'getMessages', contactId, parameters });
	}

	it('Return All: every message, newest first, one item each, from one request per page', async () => {
		const result = await getMessages({ returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.uuid)).toEqual(NEWEST_FIRST);
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 0 }, { item: 0 }]);
		expect(result.items[0].json).toEqual({
			uuid: IDS.messages.janeThanks,
			text: 'Great, thanks',
			status: 'received',
			channel: IDS.channels.whatsapp,
			from: '+391234567890',
			to: 'whatsapp',
			createdAt: '2026-01-20T10:05:00.000Z',
		});
		expect(result.items[1].json).toMatchObject({ status: 'sent', text: 'Yes! Telegram, WhatsApp and Instagram in one inbox.' });

		const requests = emulator.requestsTo('GET', messagesPath);
		expect(requests.map((request) => request.query)).toEqual([{}, { page: '2' }]);
		expect(emulator.requests).toHaveLength(2);
	});

	it.each<[number, number]>([
		[1, 1],
		[2, 1],
		[3, 2],
		[10, 2],
	])('limit %i: asks %i page(s) and outputs only that many', async (limit, pages) => {
		const result = await getMessages({ limit });

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.json.uuid)).toEqual(NEWEST_FIRST.slice(0, limit));
		expect(emulator.requestsTo('GET', messagesPath)).toHaveLength(pages);
		expect(emulator.requests).toHaveLength(pages);
	});

	it('a note added to the conversation comes first', async () => {
		emulator.state.messages.push({
			uuid: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e09',
			contactUuid: JANE,
			text: '@bob call her back',
			status: 'note',
			direction: 'note',
			channelUuid: IDS.channels.whatsapp,
			from: 'alice@example.com',
			to: '+391234567890',
			createdAt: '2026-01-21T08:00:00.000Z',
		});
		const result = await getMessages({ limit: 1 });
		expect(result.items.map((item) => [item.json.text, item.json.status])).toEqual([['@bob call her back', 'note']]);
	});

	it('a contact without messages: one request, no items', async () => {
		const result = await getMessages({ returnAll: true }, byId(JOHN));
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(emulator.requestsTo('GET', `/v1/contacts/${JOHN}/messages`)).toHaveLength(1);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await getMessages({ returnAll: true }, byId(MISSING));
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No contact with the id ${MISSING} exists in this Callbell account. Check the Contact field.`,
		);
	});

	it.each<[string, IDataObject, unknown, string]>([
		['limit 0', { limit: 0 }, byId(JANE), 'Limit must be a whole number from 1, got "0" [item 0]'],
		['limit 1.5 from an expression', { limit: '={{ 1.5 }}' }, byId(JANE), 'Limit must be a whole number from 1, got "1.5" [item 0]'],
		['contact id not an id', { limit: 5 }, byId(viaExpression('jane')), 'Contact must be a Callbell id of 32 hexadecimal characters, got "jane" [item 0]'],
	])('bad input, %s: refused before any request', async (_label, parameters, contactId, message) => {
		const result = await getMessages(parameters, contactId);
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Contact → Get Bot', () => {
	it('outputs the bot of the contact', async () => {
		const result = await runContact({ operation: 'getBot' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['GET', `/v1/contacts/${JANE}/bot`]]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			uuid: `b0${JANE.slice(2)}`,
			name: 'Welcome bot',
			status: 'ended',
			conversationStartedAt: null,
			version: 3,
			latestBotVersion: 3,
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it('shows the bot as it is now, after it was started', async () => {
		emulator.state.contacts.find((contact) => contact.uuid === MARIA)!.bot.status = 'in_progress';
		const result = await runContact({ operation: 'getBot', contactId: byId(MARIA) });
		expect(result.items[0].json).toMatchObject({ uuid: `b0${MARIA.slice(2)}`, status: 'in_progress' });
	});

	it('one item per input item, each its own contact', async () => {
		const result = await runContact({
			operation: 'getBot',
			items: [{ id: JANE }, { id: JOHN }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[`b0${JANE.slice(2)}`, { item: 0 }],
			[`b0${JOHN.slice(2)}`, { item: 1 }],
		]);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await runContact({ operation: 'getBot', contactId: byId(MISSING) });
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toMatch(`No contact with the id ${MISSING} exists`);
	});

	it('an answer without a bot is an error', async () => {
		emulator.injectFault({ method: 'GET', path: `/v1/contacts/${JANE}/bot`, status: 200, body: { status: 'ok' } });
		const result = await runContact({ operation: 'getBot' });
		expect(failure(result)?.message).toMatch(/^Callbell answered without a bot/);
	});
});

describe('Contact → Set Bot Status', () => {
	const botPath = `/v1/contacts/${JANE}/bot`;

	function setBotStatus(status: string, extra: Partial<ContactRun> = {}) {
		return runContact({ operation: 'setBotStatus', parameters: { status }, ...extra });
	}

	it('bot_start: sends {status: "bot_start"} and outputs the started bot', async () => {
		const result = await setBotStatus('bot_start');

		expect(result.error).toBeUndefined();
		const posts = emulator.requestsTo('POST', botPath);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({ status: 'bot_start' });
		expect(posts[0].headers['content-type']).toMatch(/^application\/json/);
		expect(emulator.requests).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			uuid: `b0${JANE.slice(2)}`,
			name: 'Welcome bot',
			status: 'started',
			conversationStartedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
			version: 3,
			latestBotVersion: 3,
		});
		expect(emulator.state.contacts.find((contact) => contact.uuid === JANE)!.bot.status).toBe('started');
	});

	it('bot_end: sends {status: "bot_end"} and outputs the ended bot', async () => {
		await setBotStatus('bot_start');
		const result = await setBotStatus('bot_end');

		expect(emulator.requestsTo('POST', botPath).map((request) => request.body)).toEqual([
			{ status: 'bot_start' },
			{ status: 'bot_end' },
		]);
		expect(result.items[0].json).toMatchObject({ uuid: `b0${JANE.slice(2)}`, status: 'ended' });
		expect(emulator.state.contacts.find((contact) => contact.uuid === JANE)!.bot.status).toBe('ended');
	});

	it('the status from an expression, per item', async () => {
		const result = await runContact({
			operation: 'setBotStatus',
			items: [{ id: JANE, bot: 'bot_start' }, { id: JOHN, bot: 'bot_end' }],
			contactId: byId('={{ $json.id }}'),
			parameters: { status: '={{ $json.bot }}' },
		});
		expect(emulator.requestsTo('POST', /\/bot$/).map((request) => [request.path, request.body])).toEqual([
			[`/v1/contacts/${JANE}/bot`, { status: 'bot_start' }],
			[`/v1/contacts/${JOHN}/bot`, { status: 'bot_end' }],
		]);
		expect(result.items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['started', { item: 0 }],
			['ended', { item: 1 }],
		]);
	});

	it('no bot enabled in the account: 422 with Callbell\'s words', async () => {
		emulator.state.botEnabled = false;
		const result = await setBotStatus('bot_start');

		expect(failure(result)?.message).toBe('Callbell answered 422: No bot is enabled for this account [item 0]');
		expect(failure(result)?.httpCode).toBe('422');
		expect(result.items).toEqual([]);
		expect(emulator.requestsTo('POST', botPath)).toHaveLength(1);
	});

	it('a 500 is reported, and the POST is sent once, never repeated', async () => {
		emulator.injectFault({ method: 'POST', path: botPath, status: 500, body: { error: 'Internal Server Error' } });
		const result = await setBotStatus('bot_start');

		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(failure(result)?.description).toMatch(/may have reached Callbell and taken effect/);
		expect(emulator.requestsTo('POST', botPath)).toHaveLength(1);
		expect(emulator.requests).toHaveLength(1);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await setBotStatus('bot_start', { contactId: byId(MISSING) });
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toMatch(`No contact with the id ${MISSING} exists`);
	});

	it.each<[string, string, string]>([
		['a status that is not one', '={{ "start" }}', 'Status must be one of bot_start, bot_end, got "start" [item 0]'],
		['an empty status', '={{ "" }}', 'Status must be one of bot_start, bot_end, got "" [item 0]'],
		['the bot state instead of the command', '={{ "started" }}', 'Status must be one of bot_start, bot_end, got "started" [item 0]'],
	])('bad input, %s: refused before any request', async (_label, status, message) => {
		const result = await setBotStatus(status);
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('continue on fail: each failure becomes an error item, the others go through', async () => {
		const result = await runContact({
			operation: 'setBotStatus',
			continueOnFail: true,
			items: [{ id: JANE, bot: 'bot_start' }, { id: JANE, bot: 'go' }, { id: MISSING, bot: 'bot_start' }, { id: JOHN, bot: 'bot_start' }],
			contactId: byId('={{ $json.id }}'),
			parameters: { status: '={{ $json.bot }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(result.items[0].json).toMatchObject({ uuid: `b0${JANE.slice(2)}`, status: 'started' });
		expect(result.items[1].json).toEqual({ error: 'Status must be one of bot_start, bot_end, got "go" [item 1]' });
		expect(result.items[2].json).toMatchObject({ error: 'Callbell answered 404: Contact not found [item 2]', httpCode: '404' });
		expect(result.items[3].json).toMatchObject({ uuid: `b0${JOHN.slice(2)}`, status: 'started' });
		expect(emulator.requestsTo('POST', /\/bot$/).map((request) => request.path)).toEqual([
			`/v1/contacts/${JANE}/bot`,
			`/v1/contacts/${MISSING}/bot`,
			`/v1/contacts/${JOHN}/bot`,
		]);
	});
});

describe('Contact → Delete', () => {
	const uuidsInAccount = () => emulator.state.contacts.map((contact) => contact.uuid);

	it('sends DELETE for the contact and outputs exactly {uuid, deleted: true}', async () => {
		const result = await runContact({ operation: 'delete' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['DELETE', `/v1/contacts/${JANE}`]]);
		expect(emulator.requests[0].query).toEqual({});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ uuid: JANE, deleted: true });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(uuidsInAccount()).toEqual([JOHN, MARIA]);
	});

	it('takes the contact by its dashboard link; the id is output lower-case', async () => {
		const result = await runContact({
			operation: 'delete',
			contactId: { __rl: true, mode: 'url', value: `https://dash.callbell.eu/contacts/${JOHN.toUpperCase()}` },
		});
		expect(emulator.requestsTo('DELETE', /^\/v1\/contacts\//).map((request) => request.path)).toEqual([`/v1/contacts/${JOHN}`]);
		expect(result.items[0].json).toEqual({ uuid: JOHN, deleted: true });
		expect(uuidsInAccount()).toEqual([JANE, MARIA]);
	});

	it('deletes one contact per input item', async () => {
		const result = await runContact({
			operation: 'delete',
			items: [{ id: JANE }, { id: MARIA }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ uuid: JANE, deleted: true }, { item: 0 }],
			[{ uuid: MARIA, deleted: true }, { item: 1 }],
		]);
		expect(uuidsInAccount()).toEqual([JOHN]);
	});

	it('an unknown contact: 404 with the contact-not-found hint, nothing deleted', async () => {
		const result = await runContact({ operation: 'delete', contactId: byId(MISSING) });

		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.httpCode).toBe('404');
		expect(failure(result)?.description).toBe(
			`No contact with the id ${MISSING} exists in this Callbell account. Check the Contact field.`,
		);
		expect(result.items).toEqual([]);
		expect(uuidsInAccount()).toEqual([JANE, JOHN, MARIA]);
	});

	it('deleting the same contact twice: the second is a 404 (continue on fail keeps both items)', async () => {
		const result = await runContact({
			operation: 'delete',
			continueOnFail: true,
			items: [{ id: JANE }, { id: JANE }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json).toEqual({ uuid: JANE, deleted: true });
		expect(result.items[1].json).toMatchObject({ error: 'Callbell answered 404: Contact not found [item 1]', httpCode: '404' });
		expect(emulator.requestsTo('DELETE', `/v1/contacts/${JANE}`)).toHaveLength(2);
	});

	it('a failed delete is not reported as deleted', async () => {
		emulator.injectFault({ method: 'DELETE', path: `/v1/contacts/${JANE}`, status: 500, body: { error: 'Internal Server Error' } });
		const result = await runContact({ operation: 'delete', continueOnFail: true, parameters: { options: { retries: 0 } } });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).not.toHaveProperty('deleted');
		expect(result.items[0].json.error).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(emulator.requestsTo('DELETE', `/v1/contacts/${JANE}`)).toHaveLength(1);
	});

	it.each<[string, unknown, string]>([
		['an empty id', byId(viaExpression('')), 'Contact is empty [item 0]'],
		['a path that climbs to another endpoint', byId(viaExpression('../auth/me')), 'Contact must be a Callbell id of 32 hexadecimal characters, got "../auth/me" [item 0]'],
		['a conversation link', { __rl: true, mode: 'url', value: viaExpression(`https://dash.callbell.eu/chat/${JANE}`) }, `Contact is a conversation link, not a contact link: "https://dash.callbell.eu/chat/${JANE}" [item 0]`],
	])('bad input, %s: refused before any request, nothing deleted', async (_label, contactId, message) => {
		const result = await runContact({ operation: 'delete', contactId });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(uuidsInAccount()).toEqual([JANE, JOHN, MARIA]);
	});
});
