/**
 * Contact → Get Bot, run through n8n's real execution engine against the emulator over HTTP: the
 * contact's bot as it is now (GET /contacts/:uuid/bot), one item per input item.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, failure, MISSING, useEmulator } from '../stories';
import { runOnContact, type ContactRun } from './contactStories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runContact = (run: ContactRun) => runOnContact(emulator, 'contact', run);

describe('Contact → Get Bot', () => {
	it('outputs the bot of the contact', async () => {
		const result = await runContact({ operation: 'getBot' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `/v1/contacts/${JANE}/bot`],
		]);
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
		expect(result.items[0].json).toMatchObject({
			uuid: `b0${MARIA.slice(2)}`,
			status: 'in_progress',
		});
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
		emulator.injectFault({
			method: 'GET',
			path: `/v1/contacts/${JANE}/bot`,
			status: 200,
			body: { status: 'ok' },
		});
		const result = await runContact({ operation: 'getBot' });
		expect(failure(result)?.message).toMatch(/^Callbell answered without a bot/);
	});
});
