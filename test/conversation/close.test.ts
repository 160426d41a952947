/**
 * Conversation → Close (actions/conversation/openOrClose.ts), run through n8n's real execution
 * engine against the emulator over HTTP: the node's parameters, then what Callbell received and
 * what came out.
 */

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import { runOnContact, type ContactRun } from '../contact/contactStories';
import { byId, failure, MISSING, useEmulator } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runConversation = (run: ContactRun) => runOnContact(emulator, 'conversation', run);
const contactInAccount = (uuid: string): Contact =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)!;

describe('Conversation → Close', () => {
	it('close: POST …/conversation/close, outputs the contact with closedAt set', async () => {
		const result = await runConversation({ operation: 'close' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', `/v1/contacts/${JANE}/conversation/close`],
		]);
		expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			uuid: JANE,
			name: 'Jane Doe',
			closedAt: expect.stringMatching(ISO_DATE),
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(contactInAccount(JANE).closedAt).toBe(result.items[0].json.closedAt);
	});

	it('closes one conversation per input item, outputs paired in order', async () => {
		const result = await runConversation({
			operation: 'close',
			items: [{ id: MARIA }, { id: JOHN }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(emulator.requests.map((request) => request.path)).toEqual([
			`/v1/contacts/${MARIA}/conversation/close`,
			`/v1/contacts/${JOHN}/conversation/close`,
		]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[MARIA, { item: 0 }],
			[JOHN, { item: 1 }],
		]);
		expect(contactInAccount(JANE).closedAt).toBeNull();
	});

	it('takes the contact by its dashboard link', async () => {
		await runConversation({
			operation: 'close',
			contactId: { __rl: true, mode: 'url', value: `https://dash.callbell.eu/contacts/${MARIA}` },
		});
		expect(emulator.requests.map((request) => request.path)).toEqual([
			`/v1/contacts/${MARIA}/conversation/close`,
		]);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await runConversation({ operation: 'close', contactId: byId(MISSING) });
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No contact with the id ${MISSING} exists in this Callbell account. Check the Contact field.`,
		);
	});
});

describe('Conversation → Close: continue on fail', () => {
	it('without continue on fail, the first failure stops the run and names its item (one item at a time: nothing after it is sent)', async () => {
		const result = await runConversation({
			operation: 'close',
			items: [{ id: JANE }, { id: MISSING }, { id: JOHN }],
			contactId: byId('={{ $json.id }}'),
			options: { concurrency: 1 },
		});
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 1]');
		expect(emulator.requests.map((request) => request.path)).toEqual([
			`/v1/contacts/${JANE}/conversation/close`,
			`/v1/contacts/${MISSING}/conversation/close`,
		]);
		expect(contactInAccount(JOHN).closedAt).toBeNull();
	});
});
