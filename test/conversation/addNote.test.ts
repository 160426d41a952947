/**
 * Conversation → Add Note, run through n8n's real execution engine against the emulator over
 * HTTP: the note as typed or mapped, what Callbell received, what came out, and what is refused.
 */

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { runOnContact, type ContactRun } from '../contact/contactStories';
import { byId, failure, MISSING, useEmulator } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runConversation = (run: ContactRun) => runOnContact(emulator, 'conversation', run);

describe('Conversation → Add Note', () => {
	const notePath = `/v1/contacts/${JANE}/conversation/note`;
	const notesOf = (uuid: string) =>
		emulator.state.messages
			.filter((message) => message.contactUuid === uuid && message.direction === 'note')
			.map((message) => message.text);

	it('sends {text} and outputs {success, contactUuid, text}', async () => {
		const text = '@alice the lead asked for a demo on Friday 📅';
		const result = await runConversation({ operation: 'addNote', parameters: { text } });

		expect(result.error).toBeUndefined();
		const posts = emulator.requestsTo('POST', notePath);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({ text });
		expect(posts[0].headers['content-type']).toMatch(/^application\/json/);
		expect(emulator.requests).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ success: true, contactUuid: JANE, text });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(notesOf(JANE)).toEqual([text]);
	});

	it('a note over several lines, from an expression per item', async () => {
		const result = await runConversation({
			operation: 'addNote',
			items: [
				{ id: JANE, deal: 'Acme' },
				{ id: MARIA, deal: 'Initech' },
			],
			contactId: byId('={{ $json.id }}'),
			parameters: { text: '=Deal: {{ $json.deal }}\nNext step: call back' },
		});
		expect(
			emulator
				.requestsTo('POST', /\/conversation\/note$/)
				.map((request) => [request.path, request.body]),
		).toEqual([
			[notePath, { text: 'Deal: Acme\nNext step: call back' }],
			[`/v1/contacts/${MARIA}/conversation/note`, { text: 'Deal: Initech\nNext step: call back' }],
		]);
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ success: true, contactUuid: JANE, text: 'Deal: Acme\nNext step: call back' }, { item: 0 }],
			[
				{ success: true, contactUuid: MARIA, text: 'Deal: Initech\nNext step: call back' },
				{ item: 1 },
			],
		]);
	});

	it.each<[string, string]>([
		['whitespace', '   '],
		['empty from an expression', '={{ "" }}'],
		['line breaks only', '={{ "\\n\\t\\n" }}'],
	])('%s text: "Text is empty", nothing sent', async (_label, text) => {
		const result = await runConversation({ operation: 'addNote', parameters: { text } });
		expect(result.error?.message).toBe('Text is empty [item 0]');
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
		expect(notesOf(JANE)).toEqual([]);
	});

	it('no text typed in the panel stops the workflow before it runs', async () => {
		const result = await runConversation({ operation: 'addNote', parameters: { text: '' } });
		expect(result.error?.message).toContain('Parameter "Text" is required');
		expect(emulator.requests).toHaveLength(0);
	});

	it('text that is an object from an expression is refused', async () => {
		const result = await runConversation({
			operation: 'addNote',
			parameters: { text: '={{ { "note": "hi" } }}' },
		});
		expect(result.error?.message).toMatch(/^Text must be text, got .*\[item 0\]$/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await runConversation({
			operation: 'addNote',
			contactId: byId(MISSING),
			parameters: { text: 'hi' },
		});
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toMatch(`No contact with the id ${MISSING} exists`);
	});

	it('a 500 is reported and the note is not sent twice', async () => {
		emulator.injectFault({
			method: 'POST',
			path: notePath,
			status: 500,
			body: { error: 'Internal Server Error' },
		});
		const result = await runConversation({ operation: 'addNote', parameters: { text: 'hi' } });
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(emulator.requestsTo('POST', notePath)).toHaveLength(1);
	});
});

describe('Conversation → Add Note: continue on fail', () => {
	it('Add Note over several items: each failure becomes an error item, paired, the rest is sent once', async () => {
		const result = await runConversation({
			operation: 'addNote',
			continueOnFail: true,
			items: [
				{ id: JANE, note: 'first' },
				{ id: JANE, note: '  ' },
				{ id: MISSING, note: 'lost' },
				{ id: 'not-an-id', note: 'never sent' },
				{ id: JOHN, note: 'last' },
			],
			contactId: byId('={{ $json.id }}'),
			parameters: { text: '={{ $json.note }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
			{ item: 4 },
		]);
		expect(result.items[0].json).toEqual({ success: true, contactUuid: JANE, text: 'first' });
		expect(result.items[1].json).toMatchObject({ error: 'Text is empty [item 1]' });
		expect(result.items[2].json).toMatchObject({
			error: 'Callbell answered 404: Contact not found [item 2]',
			httpCode: '404',
		});
		expect(result.items[3].json).toMatchObject({
			error:
				'Contact "not-an-id" is not a phone number, a contact link, a BSUID or a contact id [item 3]',
		});
		expect(result.items[4].json).toEqual({ success: true, contactUuid: JOHN, text: 'last' });
		expect(emulator.requests.map((request) => [request.path, request.body])).toEqual([
			[`/v1/contacts/${JANE}/conversation/note`, { text: 'first' }],
			[`/v1/contacts/${MISSING}/conversation/note`, { text: 'lost' }],
			[`/v1/contacts/${JOHN}/conversation/note`, { text: 'last' }],
		]);
	});
});
