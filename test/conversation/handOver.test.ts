/**
 * Conversation → Hand Over, run through n8n's real execution engine against the emulator over
 * HTTP: a conversation handed to a team (by name too) and/or a person, the bot stopped and a
 * note left for them. The PATCH goes first and the note only after it went through, posted once;
 * what cannot be done is refused before anything is changed, and as a tool the refusal is the
 * model's answer.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import { runOnContact, type ContactRun } from '../contact/contactStories';
import {
	byEmail,
	byId,
	byPhone,
	failure,
	fromList,
	itemsOf,
	MISSING,
	useEmulator,
	viaExpression,
} from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const SUPPORT = IDS.teams.support;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const handOver = (run: Omit<ContactRun, 'operation'> = {}) =>
	runOnContact(emulator, 'conversation', { operation: 'handOver', ...run });

/** Every request Callbell received, in the order it came: "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);
const bodiesSent = () => emulator.requests.map((request) => request.body);
const contactInAccount = (uuid: string): Contact =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)!;
const notesOf = (uuid: string) =>
	emulator.state.messages
		.filter((message) => message.contactUuid === uuid && message.direction === 'note')
		.map((message) => message.text);

/** Jane's bot talking to her, as when a customer is with the bot and asks for a person. */
function janeWithTheBot(): void {
	contactInAccount(JANE).bot.status = 'started';
}

const PATCH_JANE = `PATCH /v1/contacts/${JANE}`;
const NOTE_JANE = `POST /v1/contacts/${JANE}/conversation/note`;

describe('Conversation → Hand Over', () => {
	it('to the team "support" by name and to Alice, bot stopped, with a note: the PATCH, then the note', async () => {
		janeWithTheBot();
		const note = 'Wants a refund for order 1042; receipt already sent.';
		const result = await handOver({
			parameters: {
				teamId: 'support',
				assignedUser: 'alice@example.com',
				note,
			},
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual(['GET /v1/teams', PATCH_JANE, NOTE_JANE]);
		expect(bodiesSent().slice(1)).toEqual([
			{ team_uuid: SUPPORT, assigned_user: 'alice@example.com', bot_status: 'bot_end' },
			{ text: note },
		]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json.handedOver).toEqual({
			team: { uuid: SUPPORT, name: 'Support' },
			assignedUser: 'alice@example.com',
			botStopped: true,
			notePosted: true,
			note,
		});
		expect(result.items[0].json.contact).toMatchObject({
			uuid: JANE,
			assignedUser: 'alice@example.com',
			team: { uuid: SUPPORT, name: 'Support' },
			tags: ['lead'],
		});
		const jane = contactInAccount(JANE);
		expect([jane.teamUuid, jane.assignedUser, jane.bot.status]).toEqual([
			SUPPORT,
			'alice@example.com',
			'ended',
		]);
		expect(notesOf(JANE)).toEqual([note]);
	});

	it("the editor's defaults, the team picked from the list: the team and bot_end in one PATCH, no note", async () => {
		janeWithTheBot();
		const result = await handOver({ parameters: { teamId: fromList(SUPPORT) } });

		expect(sent()).toEqual([PATCH_JANE]);
		expect(bodiesSent()).toEqual([{ team_uuid: SUPPORT, bot_status: 'bot_end' }]);
		expect(result.items[0].json.handedOver).toEqual({
			team: { uuid: SUPPORT, name: 'Support' },
			assignedUser: null,
			botStopped: true,
			notePosted: false,
			note: null,
		});
		expect(contactInAccount(JANE).bot.status).toBe('ended');
	});

	it('to a person only, the bot left as it is, the contact given by phone: the lookup, then the PATCH', async () => {
		janeWithTheBot();
		const result = await handOver({
			contactId: byPhone('+39 123 456 7890'),
			parameters: { assignedUser: byEmail('bob@example.com'), stopBot: false },
		});

		expect(sent()).toEqual(['GET /v1/contacts/phone/391234567890', PATCH_JANE]);
		expect(bodiesSent()[1]).toEqual({ assigned_user: 'bob@example.com' });
		expect(result.items[0].json.handedOver).toMatchObject({
			team: null,
			assignedUser: 'bob@example.com',
			botStopped: false,
		});
		expect(contactInAccount(JANE).bot.status).toBe('started');
		expect(contactInAccount(JANE).teamUuid).toBe(IDS.teams.sales);
	});

	it('a note only: the contact is read, nothing patched, the note posted', async () => {
		const result = await handOver({
			parameters: { stopBot: false, note: '=Summary: {{ $json.summary }}' },
			items: [{ summary: 'asks for a callback' }],
		});

		expect(sent()).toEqual([`GET /v1/contacts/${JANE}`, NOTE_JANE]);
		expect(bodiesSent()[1]).toEqual({ text: 'Summary: asks for a callback' });
		expect(result.items[0].json).toMatchObject({
			contact: { uuid: JANE },
			handedOver: { team: null, botStopped: false, notePosted: true },
		});
	});

	it('with Simplify Output: the compact contact beside what was done', async () => {
		const result = await handOver({
			parameters: { teamId: 'Support', assignedUser: 'alice@example.com' },
			options: { simplify: true },
		});

		expect(result.items[0].json).toEqual({
			contact: {
				uuid: JANE,
				name: 'Jane Doe',
				phoneNumber: '+391234567890',
				source: 'whatsapp',
				tags: ['lead'],
				assignedUser: 'alice@example.com',
				teamUuid: SUPPORT,
				teamName: 'Support',
				customFields: { Company: 'Acme' },
				note: '',
				funnelId: IDS.funnels.newLeads,
				closedAt: null,
				href: `https://dash.callbell.eu/contacts/${JANE}`,
			},
			handedOver: {
				team: { uuid: SUPPORT, name: 'Support' },
				assignedUser: 'alice@example.com',
				botStopped: true,
				notePosted: false,
				note: null,
			},
		});
	});

	it('two hand-overs of the same contact keep their order, each note right after its PATCH', async () => {
		await handOver({
			items: [
				{ team: 'Sales', note: 'first' },
				{ team: 'Support', note: 'second' },
			],
			contactId: byId(JANE),
			parameters: { teamId: '={{ $json.team }}', note: '={{ $json.note }}' },
		});

		expect(sent()).toEqual(['GET /v1/teams', PATCH_JANE, NOTE_JANE, PATCH_JANE, NOTE_JANE]);
		expect(bodiesSent().slice(1)).toEqual([
			{ team_uuid: IDS.teams.sales, bot_status: 'bot_end' },
			{ text: 'first' },
			{ team_uuid: SUPPORT, bot_status: 'bot_end' },
			{ text: 'second' },
		]);
		expect(contactInAccount(JANE).teamUuid).toBe(SUPPORT);
	});
});

describe('Conversation → Hand Over: when something fails', () => {
	it('an account without a bot: the PATCH is refused (422), no note, and the hint says to set Stop Bot to false', async () => {
		emulator.state.botEnabled = false;
		const result = await handOver({ parameters: { teamId: 'Support', note: 'over to you' } });

		expect(sent()).toEqual(['GET /v1/teams', PATCH_JANE]);
		expect(failure(result)?.message).toBe(
			'Callbell answered 422: No bot is enabled for this account [item 0]',
		);
		expect(failure(result)?.description).toBe(
			'Callbell refused the hand-over: the team must exist in the Callbell account; Stop Bot ' +
				'needs a bot enabled in Callbell (if the account has no bot, set Stop Bot to false).',
		);
		expect(result.items).toEqual([]);
		expect(contactInAccount(JANE).teamUuid).toBe(IDS.teams.sales);
		expect(notesOf(JANE)).toEqual([]);
	});

	it('a PATCH that fails once with a 500 is retried (it is idempotent), and the note still goes once', async () => {
		emulator.injectFault({
			method: 'PATCH',
			status: 500,
			body: { error: 'Internal Server Error' },
		});
		const result = await handOver({ parameters: { teamId: fromList(SUPPORT), note: 'hi' } });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([PATCH_JANE, PATCH_JANE, NOTE_JANE]);
		expect(notesOf(JANE)).toEqual(['hi']);
	});

	it("a PATCH that keeps failing: no note is posted, the item fails with Callbell's answer", async () => {
		emulator.injectFault({
			method: 'PATCH',
			status: 503,
			body: { error: 'Service Unavailable' },
			times: Infinity,
		});
		const result = await handOver({
			parameters: { teamId: fromList(SUPPORT), note: 'hi' },
			options: { retries: 1 },
		});

		expect(sent()).toEqual([PATCH_JANE, PATCH_JANE]);
		expect(failure(result)?.message).toBe('Callbell answered 503: Service Unavailable [item 0]');
		expect(notesOf(JANE)).toEqual([]);
	});

	it('the note lost on the way back (connection dropped after Callbell took it): not sent again, and the error says the hand-over is done', async () => {
		janeWithTheBot();
		emulator.injectFault({
			method: 'POST',
			path: `/v1/contacts/${JANE}/conversation/note`,
			status: 500,
			dropConnection: true,
			afterHandling: true,
		});
		const result = await handOver({
			parameters: { teamId: 'Support', assignedUser: 'alice@example.com', note: 'refund' },
		});

		expect(sent()).toEqual(['GET /v1/teams', PATCH_JANE, NOTE_JANE]);
		expect(notesOf(JANE)).toEqual(['refund']);
		expect(failure(result)?.message).toMatch(
			/^Could not reach Callbell at http:\/\/127\.0\.0\.1:\d+\/v1 \(.+\) \[item 0\]$/,
		);
		expect(failure(result)?.description).toMatch(
			/^The conversation was assigned to the team Support and to alice@example\.com, and the bot stopped; only the note failed\. Look at the conversation in Callbell before adding the note again with Conversation → Add Note: it may have arrived\. Check the Base URL/,
		);
		expect(contactInAccount(JANE).teamUuid).toBe(SUPPORT);
	});

	it('a note answered with a 500: posted once, never twice', async () => {
		emulator.injectFault({
			method: 'POST',
			path: `/v1/contacts/${JANE}/conversation/note`,
			status: 500,
			body: { error: 'Internal Server Error' },
		});
		const result = await handOver({ parameters: { teamId: fromList(SUPPORT), note: 'refund' } });

		expect(sent()).toEqual([PATCH_JANE, NOTE_JANE]);
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(failure(result)?.description).toMatch(
			/^The conversation was assigned to the team Support, and the bot stopped; only the note failed\./,
		);
	});

	it('an unknown contact: 404 on the PATCH with the contact-not-found hint, no note', async () => {
		const result = await handOver({
			contactId: byId(MISSING),
			parameters: { teamId: fromList(SUPPORT), note: 'hi' },
		});

		expect(sent()).toEqual([`PATCH /v1/contacts/${MISSING}`]);
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toMatch(`No contact with the id ${MISSING} exists`);
	});
});

describe('Conversation → Hand Over: refused before anything is changed', () => {
	it('nothing to do (no team, no person, Stop Bot false, no note): no request at all', async () => {
		const result = await handOver({ parameters: { stopBot: false, note: '  ' } });

		expect(sent()).toEqual([]);
		expect(failure(result)?.message).toBe(
			'Hand Over has nothing to do: no Team, no Assigned User, no Note, and Stop Bot is false [item 0]',
		);
		expect(failure(result)?.description).toMatch(/^Give the team to hand over to/);
	});

	it('a team name the account does not have: only the list of teams is read, nothing patched', async () => {
		const result = await handOver({ parameters: { teamId: viaExpression('Billing'), note: 'hi' } });

		expect(sent()).toEqual(['GET /v1/teams']);
		expect(failure(result)?.message).toBe(
			'Team "Billing" is not the id or the name of a team of this account [item 0]',
		);
		expect(failure(result)?.description).toBe(
			'Give one of its teams: "Sales", "Support", or its id (32 hexadecimal characters).',
		);
	});

	it.each<[string, IDataObject | string, IDataObject, string]>([
		[
			'a contact that is no phone number, link or id',
			'call me maybe',
			{ teamId: 'Support' },
			'Contact "call me maybe" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
		],
		[
			'a person given by name',
			byId(JANE),
			{ assignedUser: 'Alice' },
			'Assigned User must be an email address, got "Alice" [item 0]',
		],
		[
			'Stop Bot as a word',
			byId(JANE),
			{ stopBot: '={{ "yes" }}' },
			'Stop Bot must be true or false, got "yes" [item 0]',
		],
	])('%s: no request', async (_label, contactId, parameters, message) => {
		const result = await handOver({ contactId, parameters });
		expect(sent()).toEqual([]);
		expect(failure(result)?.message).toBe(message);
	});
});

describe('Conversation → Hand Over: continue on fail', () => {
	it('each failure its own error item, paired; a failed PATCH posts no note, the others go through', async () => {
		emulator.injectFault({
			method: 'PATCH',
			path: `/v1/contacts/${JOHN}`,
			status: 422,
			body: { errors: ['User "carol@example.com" is not a collaborator of this account'] },
		});
		const result = await handOver({
			continueOnFail: true,
			items: [
				{ id: JANE, person: 'alice@example.com', note: 'first' },
				{ id: JOHN, person: 'carol@example.com', note: 'lost' },
				{ id: JANE, person: '', note: '' },
				{ id: MISSING, person: 'bob@example.com', note: 'nobody' },
			],
			contactId: byId('={{ $json.id }}'),
			parameters: {
				assignedUser: '={{ $json.person }}',
				stopBot: false,
				note: '={{ $json.note }}',
			},
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.error ?? 'done', item.pairedItem])).toEqual([
			['done', { item: 0 }],
			[
				'Callbell answered 422: User "carol@example.com" is not a collaborator of this account [item 1]',
				{ item: 1 },
			],
			[
				'Hand Over has nothing to do: no Team, no Assigned User, no Note, and Stop Bot is false [item 2]',
				{ item: 2 },
			],
			['Callbell answered 404: Contact not found [item 3]', { item: 3 }],
		]);
		expect(result.items[1].json.description).toBe(
			'Callbell refused the hand-over: carol@example.com must be a collaborator of the account.',
		);
		expect(new Set(sent())).toEqual(
			new Set([
				PATCH_JANE,
				NOTE_JANE,
				`PATCH /v1/contacts/${JOHN}`,
				`PATCH /v1/contacts/${MISSING}`,
			]),
		);
		expect(notesOf(JANE)).toEqual(['first']);
		expect(notesOf(JOHN)).toEqual([]);
	});
});

describe('Conversation → Hand Over as an AI Agent tool', () => {
	it('plain strings from $fromAI(): the phone number, the team name, the summary as the note', async () => {
		janeWithTheBot();
		const result = await handOver({
			asTool: true,
			contactId: '+39 123 456 7890',
			parameters: { teamId: 'Support', assignedUser: '', stopBot: 'true', note: 'Needs a refund' },
			options: { simplify: true },
		});

		expect(sent()).toEqual([
			'GET /v1/teams',
			'GET /v1/contacts/phone/391234567890',
			PATCH_JANE,
			NOTE_JANE,
		]);
		expect(result.items[0].json).toMatchObject({
			contact: { uuid: JANE, teamName: 'Support' },
			handedOver: { team: { uuid: SUPPORT, name: 'Support' }, botStopped: true, notePosted: true },
		});
	});

	it('nothing to do: the model reads what to give, the run goes on, nothing is sent', async () => {
		const result = await handOver({
			asTool: true,
			contactId: JANE,
			parameters: { teamId: '', assignedUser: '', stopBot: 'false', note: '' },
		});

		expect(failure(result)).toBeUndefined();
		expect(sent()).toEqual([]);
		expect(itemsOf(result)).toEqual([
			[
				{
					error:
						'Hand Over has nothing to do: no Team, no Assigned User, no Note, and Stop Bot is ' +
						"false. Give the team to hand over to (its name or id), the collaborator's email as " +
						'Assigned User, a Note for the team, or set Stop Bot to true.',
				},
				{ item: 0 },
			],
		]);
	});

	it('a team name the account does not have: the model is given the teams there are', async () => {
		const result = await handOver({
			asTool: true,
			contactId: JANE,
			parameters: { teamId: 'Billing' },
		});

		expect(sent()).toEqual(['GET /v1/teams']);
		expect(result.items[0].json).toEqual({
			error:
				'Team "Billing" is not the id or the name of a team of this account. Give one of its ' +
				'teams: "Sales", "Support", or its id (32 hexadecimal characters).',
		});
	});

	it('no bot in the account: the model is told to set Stop Bot to false', async () => {
		emulator.state.botEnabled = false;
		const result = await handOver({
			asTool: true,
			contactId: JANE,
			parameters: { teamId: 'Support' },
		});

		expect(result.items[0].json.error).toBe(
			'Callbell answered 422: No bot is enabled for this account. Callbell refused the hand-over: ' +
				'the team must exist in the Callbell account; Stop Bot needs a bot enabled in Callbell ' +
				'(if the account has no bot, set Stop Bot to false).',
		);
	});
});
