/**
 * Contact → Set Bot Status, run through n8n's real execution engine against the emulator over
 * HTTP: the POST that starts or ends the contact's bot, sent once and never repeated, and the bot
 * that came out.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, failure, MISSING, useEmulator } from '../stories';
import { runOnContact, type ContactRun } from './contactStories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runContact = (run: ContactRun) => runOnContact(emulator, 'contact', run);

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
		expect(emulator.state.contacts.find((contact) => contact.uuid === JANE)!.bot.status).toBe(
			'started',
		);
	});

	it('bot_end: sends {status: "bot_end"} and outputs the ended bot', async () => {
		await setBotStatus('bot_start');
		const result = await setBotStatus('bot_end');

		expect(emulator.requestsTo('POST', botPath).map((request) => request.body)).toEqual([
			{ status: 'bot_start' },
			{ status: 'bot_end' },
		]);
		expect(result.items[0].json).toMatchObject({ uuid: `b0${JANE.slice(2)}`, status: 'ended' });
		expect(emulator.state.contacts.find((contact) => contact.uuid === JANE)!.bot.status).toBe(
			'ended',
		);
	});

	it('the status from an expression, per item', async () => {
		const result = await runContact({
			operation: 'setBotStatus',
			items: [
				{ id: JANE, bot: 'bot_start' },
				{ id: JOHN, bot: 'bot_end' },
			],
			contactId: byId('={{ $json.id }}'),
			parameters: { status: '={{ $json.bot }}' },
		});
		expect(
			emulator.requestsTo('POST', /\/bot$/).map((request) => [request.path, request.body]),
		).toEqual([
			[`/v1/contacts/${JANE}/bot`, { status: 'bot_start' }],
			[`/v1/contacts/${JOHN}/bot`, { status: 'bot_end' }],
		]);
		expect(result.items.map((item) => [item.json.status, item.pairedItem])).toEqual([
			['started', { item: 0 }],
			['ended', { item: 1 }],
		]);
	});

	it("no bot enabled in the account: 422 with Callbell's words", async () => {
		emulator.state.botEnabled = false;
		const result = await setBotStatus('bot_start');

		expect(failure(result)?.message).toBe(
			'Callbell answered 422: No bot is enabled for this account [item 0]',
		);
		expect(failure(result)?.httpCode).toBe('422');
		expect(result.items).toEqual([]);
		expect(emulator.requestsTo('POST', botPath)).toHaveLength(1);
	});

	it('a 500 is reported, and the POST is sent once, never repeated', async () => {
		emulator.injectFault({
			method: 'POST',
			path: botPath,
			status: 500,
			body: { error: 'Internal Server Error' },
		});
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
		[
			'a status that is not one',
			'={{ "start" }}',
			'Status must be one of bot_start, bot_end, got "start" [item 0]',
		],
		['an empty status', '={{ "" }}', 'Status must be one of bot_start, bot_end, got "" [item 0]'],
		[
			'the bot state instead of the command',
			'={{ "started" }}',
			'Status must be one of bot_start, bot_end, got "started" [item 0]',
		],
	])('bad input, %s: refused before any request', async (_label, status, message) => {
		const result = await setBotStatus(status);
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('continue on fail: each failure becomes an error item, the others go through', async () => {
		const result = await runContact({
			operation: 'setBotStatus',
			continueOnFail: true,
			items: [
				{ id: JANE, bot: 'bot_start' },
				{ id: JANE, bot: 'go' },
				{ id: MISSING, bot: 'bot_start' },
				{ id: JOHN, bot: 'bot_start' },
			],
			contactId: byId('={{ $json.id }}'),
			parameters: { status: '={{ $json.bot }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.items[0].json).toMatchObject({ uuid: `b0${JANE.slice(2)}`, status: 'started' });
		expect(result.items[1].json).toEqual({
			error: 'Status must be one of bot_start, bot_end, got "go" [item 1]',
		});
		expect(result.items[2].json).toMatchObject({
			error: 'Callbell answered 404: Contact not found [item 2]',
			httpCode: '404',
		});
		expect(result.items[3].json).toMatchObject({ uuid: `b0${JOHN.slice(2)}`, status: 'started' });
		expect(emulator.requestsTo('POST', /\/bot$/).map((request) => request.path)).toEqual([
			`/v1/contacts/${JANE}/bot`,
			`/v1/contacts/${MISSING}/bot`,
			`/v1/contacts/${JOHN}/bot`,
		]);
	});
});
