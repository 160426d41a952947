/**
 * Conversation → Open (actions/conversation/openOrClose.ts), run through n8n's real execution
 * engine against the emulator over HTTP: the node's parameters, then what Callbell received and
 * what came out.
 */

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import { runOnContact, type ContactRun } from '../contact/contactStories';
import { byId, useEmulator, viaExpression } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runConversation = (run: ContactRun) => runOnContact(emulator, 'conversation', run);
const contactInAccount = (uuid: string): Contact =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)!;

describe('Conversation → Open', () => {
	it('open: POST …/conversation/open, outputs the contact with closedAt null', async () => {
		await runConversation({ operation: 'close' });
		expect(contactInAccount(JANE).closedAt).not.toBeNull();

		const result = await runConversation({ operation: 'open' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', `/v1/contacts/${JANE}/conversation/close`],
			['POST', `/v1/contacts/${JANE}/conversation/open`],
		]);
		expect(result.items[0].json).toMatchObject({ uuid: JANE, closedAt: null });
		expect(contactInAccount(JANE).closedAt).toBeNull();
	});

	it('open on an open conversation stays open', async () => {
		const result = await runConversation({ operation: 'open', contactId: byId(JOHN) });
		expect(result.items[0].json).toMatchObject({ uuid: JOHN, closedAt: null });
		expect(emulator.requestsTo('POST', `/v1/contacts/${JOHN}/conversation/open`)).toHaveLength(1);
	});

	it.each<['open' | 'close']>([['open'], ['close']])(
		'%s with Simplify Output: only the CRM fields',
		async (operation) => {
			const result = await runConversation({
				operation,
				contactId: byId(JOHN),
				options: { simplify: true },
			});
			expect(result.items[0].json).toEqual({
				uuid: JOHN,
				name: 'John Smith',
				phoneNumber: null,
				source: 'instagram',
				tags: [],
				assignedUser: 'bob@example.com',
				teamUuid: IDS.teams.support,
				teamName: 'Support',
				customFields: {},
				note: 'VIP since 2024',
				funnelId: null,
				// Simplified output still says whether the conversation is open.
				closedAt: operation === 'open' ? null : expect.any(String),
				href: `https://dash.callbell.eu/contacts/${JOHN}`,
			});
		},
	);

	it('a bad contact id is refused before any request', async () => {
		const result = await runConversation({
			operation: 'open',
			contactId: byId(viaExpression('414a6d69')),
		});
		expect(result.error?.message).toBe(
			'Contact "414a6d69" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
		);
		expect(emulator.requests).toHaveLength(0);
	});
});
