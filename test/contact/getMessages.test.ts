/**
 * Contact → Get Messages, run through n8n's real execution engine against the emulator over HTTP
 * (2 entries a page, so Jane's 3 seeded messages take 2 pages): the node's parameters, then what
 * Callbell received and what came out, newest message first.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, failure, MISSING, useEmulator, viaExpression } from '../stories';
import { runOnContact, type ContactRun } from './contactStories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 2 });

const runContact = (run: ContactRun) => runOnContact(emulator, 'contact', run);

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
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 0 },
			{ item: 0 },
		]);
		expect(result.items[0].json).toEqual({
			uuid: IDS.messages.janeThanks,
			text: 'Great, thanks',
			status: 'received',
			channel: IDS.channels.whatsapp,
			from: '+391234567890',
			to: 'whatsapp',
			createdAt: '2026-01-20T10:05:00.000Z',
		});
		expect(result.items[1].json).toMatchObject({
			status: 'sent',
			text: 'Yes! Telegram, WhatsApp and Instagram in one inbox.',
		});

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
		expect(result.items.map((item) => [item.json.text, item.json.status])).toEqual([
			['@bob call her back', 'note'],
		]);
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
		[
			'limit 1.5 from an expression',
			{ limit: '={{ 1.5 }}' },
			byId(JANE),
			'Limit must be a whole number from 1, got "1.5" [item 0]',
		],
		[
			'contact id not an id',
			{ limit: 5 },
			byId(viaExpression('jane')),
			'Contact "jane" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
		],
	])(
		'bad input, %s: refused before any request',
		async (_label, parameters, contactId, message) => {
			const result = await getMessages(parameters, contactId);
			expect(result.error?.message).toBe(message);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});

describe('Contact → Get Messages with Simplify Output', () => {
	const simplified = (limit: number | undefined) =>
		runContact({
			operation: 'getMessages',
			contactId: byId(JANE),
			parameters: limit === undefined ? { returnAll: true } : { limit },
			options: { simplify: true },
		});

	it('the last two messages, as the conversation reads: oldest first, who wrote what and when', async () => {
		const result = await simplified(2);

		expect(emulator.requestsTo('GET', `/v1/contacts/${JANE}/messages`)).toHaveLength(1);
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[
				{
					from: 'account',
					text: 'Yes! Telegram, WhatsApp and Instagram in one inbox.',
					attachments: [],
					at: '2026-01-20T10:04:00.000Z',
				},
				{ item: 0 },
			],
			[
				{
					from: 'customer',
					text: 'Great, thanks',
					attachments: [],
					at: '2026-01-20T10:05:00.000Z',
				},
				{ item: 0 },
			],
		]);
	});

	it("a note and a sent image: the note says it is one, the image's link is among the attachments", async () => {
		emulator.state.messages.push(
			{
				uuid: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e08',
				contactUuid: JANE,
				text: 'Our price list',
				status: 'sent',
				direction: 'sent',
				channelUuid: IDS.channels.whatsapp,
				from: 'whatsapp',
				to: '+391234567890',
				createdAt: '2026-01-20T10:06:00.000Z',
				attachments: ['https://files.example/prices.png'],
			},
			{
				uuid: '5e5e5e5e5e5e5e5e5e5e5e5e5e5e5e09',
				contactUuid: JANE,
				text: '@bob call her back',
				status: 'note',
				direction: 'note',
				channelUuid: IDS.channels.whatsapp,
				from: 'alice@example.com',
				to: '',
				createdAt: '2026-01-20T10:07:00.000Z',
			},
		);
		const result = await simplified(undefined);

		expect(result.items.map((item) => item.json.from)).toEqual([
			'customer',
			'account',
			'customer',
			'account',
			'note',
		]);
		expect(result.items[3].json).toEqual({
			from: 'account',
			text: 'Our price list',
			attachments: ['https://files.example/prices.png'],
			at: '2026-01-20T10:06:00.000Z',
		});
	});
});
