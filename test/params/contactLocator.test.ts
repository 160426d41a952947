/**
 * The Contact locator (actions/params/contactLocator.ts: From List, By ID, By URL, By Phone, By
 * BSUID, or a plain string as an AI agent sends it) across every operation that acts on one
 * contact, run through n8n's real execution engine against the emulator over HTTP. By Phone and
 * By BSUID cost one lookup request whose answer names the contact; the operation then acts on
 * that uuid. Contact → Update is the operation unless a story names another.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { failure, inAnyItemOrder, useEmulator, viaExpression } from '../stories';
import { runOnContact, type ContactRun } from '../contact/contactStories';

const JANE = IDS.contacts.jane;
const MARIA = IDS.contacts.maria;
const MARIA_BSUID = IDS.bsuids.maria;
/** Maria is +393331112222 in the main WhatsApp channel. */
const MARIA_LOOKUP = 'GET /v1/contacts/phone/393331112222';
const MARIA_BSUID_LOOKUP = `GET /v1/contacts/bsuid/${MARIA_BSUID}`;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const locator = (mode: string, value: unknown) => ({ __rl: true, mode, value });
const byPhone = (value: unknown) => locator('phone', value);
const channel = (uuid: string) => locator('id', uuid);

interface LocatorRun extends Omit<ContactRun, 'operation'> {
	resource?: 'contact' | 'conversation';
	operation?: string;
	contactId: unknown;
	/** The operation's own parameters; Update defaults to a new name. */
	parameters?: IDataObject;
}

function runWithContact({
	resource = 'contact',
	operation = 'update',
	parameters,
	...run
}: LocatorRun): Promise<RunResult> {
	const own = parameters ?? (operation === 'update' ? { updateFields: { name: 'Maria R.' } } : {});
	return runOnContact(emulator, resource, { operation, ...run, parameters: own });
}

/** Every request Callbell received, in order, as "METHOD /path". */
function sent(): string[] {
	return emulator.requests.map((request) => `${request.method} ${request.path}`);
}

interface OperationCase {
	label: string;
	resource: 'contact' | 'conversation';
	operation: string;
	parameters?: IDataObject;
	/** The request that acts on the contact, once its uuid is known. */
	action: (uuid: string) => string;
	/** Contact → Get: a lookup's answer is already the contact, nothing more is sent. */
	lookupIsResult?: boolean;
	/** What the one output item holds for Maria. */
	output: (json: IDataObject) => void;
}

const OPERATIONS: OperationCase[] = [
	{
		label: 'Contact → Update',
		resource: 'contact',
		operation: 'update',
		parameters: { updateFields: { name: 'Maria R.' } },
		action: (uuid) => `PATCH /v1/contacts/${uuid}`,
		output: (json) => expect(json).toMatchObject({ uuid: MARIA, name: 'Maria R.' }),
	},
	{
		label: 'Contact → Get',
		resource: 'contact',
		operation: 'get',
		action: (uuid) => `GET /v1/contacts/${uuid}`,
		lookupIsResult: true,
		output: (json) =>
			expect(json).toMatchObject({
				uuid: MARIA,
				name: 'Maria Rossi',
				phoneNumber: '+393331112222',
				bsuid: MARIA_BSUID,
			}),
	},
	{
		label: 'Contact → Delete',
		resource: 'contact',
		operation: 'delete',
		action: (uuid) => `DELETE /v1/contacts/${uuid}`,
		output: (json) => expect(json).toEqual({ uuid: MARIA, deleted: true }),
	},
	{
		label: 'Contact → Get Bot',
		resource: 'contact',
		operation: 'getBot',
		action: (uuid) => `GET /v1/contacts/${uuid}/bot`,
		output: (json) => expect(json).toMatchObject({ uuid: `b0${MARIA.slice(2)}`, status: 'ended' }),
	},
	{
		label: 'Contact → Set Bot Status',
		resource: 'contact',
		operation: 'setBotStatus',
		parameters: { status: 'bot_start' },
		action: (uuid) => `POST /v1/contacts/${uuid}/bot`,
		output: (json) =>
			expect(json).toMatchObject({ status: 'started', conversationStartedAt: expect.any(String) }),
	},
	{
		label: 'Conversation → Open',
		resource: 'conversation',
		operation: 'open',
		action: (uuid) => `POST /v1/contacts/${uuid}/conversation/open`,
		output: (json) => expect(json).toMatchObject({ uuid: MARIA, closedAt: null }),
	},
	{
		label: 'Conversation → Close',
		resource: 'conversation',
		operation: 'close',
		action: (uuid) => `POST /v1/contacts/${uuid}/conversation/close`,
		output: (json) => expect(json).toMatchObject({ uuid: MARIA, closedAt: expect.any(String) }),
	},
	{
		label: 'Conversation → Add Note',
		resource: 'conversation',
		operation: 'addNote',
		parameters: { text: 'Called back' },
		action: (uuid) => `POST /v1/contacts/${uuid}/conversation/note`,
		output: (json) =>
			expect(json).toEqual({ success: true, contactUuid: MARIA, text: 'Called back' }),
	},
	{
		label: 'Conversation → Hand Over',
		resource: 'conversation',
		operation: 'handOver',
		parameters: { assignedUser: 'alice@example.com', stopBot: false },
		action: (uuid) => `PATCH /v1/contacts/${uuid}`,
		output: (json) =>
			expect(json).toMatchObject({
				contact: { uuid: MARIA, assignedUser: 'alice@example.com' },
				handedOver: { assignedUser: 'alice@example.com', botStopped: false },
			}),
	},
	{
		label: 'Conversation → Set Funnel Stage',
		resource: 'conversation',
		operation: 'setFunnel',
		parameters: { funnelId: locator('list', IDS.funnels.qualified) },
		action: (uuid) => `PUT /v1/contacts/${uuid}/conversation/update_funnel`,
		output: (json) => expect(json).toMatchObject({ uuid: MARIA, funnelId: IDS.funnels.qualified }),
	},
];

/** [mode, Maria in that mode, the lookup it costs] */
const MODES: Array<[string, unknown, string | undefined]> = [
	['From List', locator('list', MARIA), undefined],
	['By ID', locator('id', MARIA), undefined],
	['By URL', locator('url', `https://dash.callbell.eu/contacts/${MARIA}`), undefined],
	['By Phone', byPhone('+39 333 111 2222'), MARIA_LOOKUP],
	['By BSUID', locator('bsuid', MARIA_BSUID), MARIA_BSUID_LOOKUP],
	['a plain phone number (AI agent)', '+39 333 111 2222', MARIA_LOOKUP],
	['a plain id (AI agent)', MARIA, undefined],
];

describe.each(OPERATIONS)(
	'$label: every locator mode acts on the same contact',
	(operationCase) => {
		it.each(MODES)('%s', async (_mode, contactId, lookup) => {
			const { resource, operation, parameters } = operationCase;
			const result = await runWithContact({ resource, operation, parameters, contactId });

			expect(result.error).toBeUndefined();
			const act = operationCase.action(MARIA);
			const expected =
				lookup === undefined ? [act] : operationCase.lookupIsResult ? [lookup] : [lookup, act];
			expect(sent()).toEqual(expected);
			// The lookup asks the main WhatsApp channel: no channel_uuid unless Options → Channel says so.
			expect(emulator.requests[0].query).toEqual({});
			expect(result.items).toHaveLength(1);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			operationCase.output(result.items[0].json);
		});
	},
);

describe('By Phone: the number as a CRM stores it', () => {
	it.each([
		['+39 333 111 2222'],
		['0039 333 111 2222'],
		['39-333-1112222'],
		['(39) 333.111.2222'],
		['+39 333 111 2222 '],
		['393331112222'],
	])('"%s" is looked up as 393331112222, then Maria is updated', async (phone) => {
		const result = await runWithContact({
			contactId: byPhone(phone),
			parameters: { updateFields: { name: 'Maria R.' } },
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(emulator.requests[0].query).toEqual({});
		expect(emulator.requests[1].body).toEqual({ name: 'Maria R.' });
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, name: 'Maria R.' });
	});

	it.each([
		['non-breaking spaces', '+39\u00a0333\u00a0111\u00a02222'],
		['thin spaces', '+39\u2009333\u2009111\u20092222'],
		['en dashes', '+39–333–111–2222'],
	])(
		'pasted into the panel with %s (as spreadsheets copy it): the panel lets it run like the node reads it',
		async (_label, phone) => {
			const result = await runWithContact({ contactId: byPhone(phone) });
			expect(result.error).toBeUndefined();
			expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		},
	);

	it('a number from a spreadsheet column (a number, not text) is looked up the same way', async () => {
		const result = await runWithContact({
			items: [{ phone: 393331112222 }],
			contactId: byPhone('={{ $json.phone }}'),
		});
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
	});

	it('each item looks up its own number; outputs paired in order', async () => {
		const result = await runWithContact({
			items: [
				{ phone: '+39 123 456 7890', name: 'Jane' },
				{ phone: '0039 333 111 2222', name: 'Maria' },
			],
			contactId: byPhone('={{ $json.phone }}'),
			parameters: { updateFields: { name: '={{ $json.name }}' } },
		});

		expect(result.error).toBeUndefined();
		expect(inAnyItemOrder(sent())).toEqual(
			inAnyItemOrder([
				'GET /v1/contacts/phone/391234567890',
				`PATCH /v1/contacts/${JANE}`,
				MARIA_LOOKUP,
				`PATCH /v1/contacts/${MARIA}`,
			]),
		);
		expect(
			emulator.requests
				.filter((request) => request.method === 'PATCH')
				.map((request) => request.body),
		).toEqual([{ name: 'Jane' }, { name: 'Maria' }]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[JANE, { item: 0 }],
			[MARIA, { item: 1 }],
		]);
	});

	it.each([
		['By ID', channel(IDS.channels.whatsapp)],
		['From List', locator('list', IDS.channels.whatsapp)],
	])('Options → Channel (%s) adds channel_uuid to the lookup', async (_mode, channelId) => {
		const result = await runWithContact({
			contactId: byPhone('+39 333 111 2222'),
			options: { channelId },
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(emulator.requests[0].query).toEqual({ channel_uuid: IDS.channels.whatsapp });
		expect(emulator.requests[1].query).toEqual({});
	});

	it('Options → Channel is where the number is looked up: Maria is not in the Instagram channel', async () => {
		const result = await runWithContact({
			contactId: byPhone('+39 333 111 2222'),
			options: { channelId: channel(IDS.channels.instagram) },
		});

		expect(failure(result)?.message).toBe(
			'Callbell answered 404: No contact with the phone number +393331112222 in this channel [item 0]',
		);
		expect(failure(result)?.description).toContain(`channel ${IDS.channels.instagram}`);
		expect(sent()).toEqual([MARIA_LOOKUP]);
		expect(emulator.requests[0].query).toEqual({ channel_uuid: IDS.channels.instagram });
	});

	it('Options → Channel does not matter By ID: no lookup is sent', async () => {
		const result = await runWithContact({
			contactId: locator('id', MARIA),
			options: { channelId: channel(IDS.channels.instagram) },
		});
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([`PATCH /v1/contacts/${MARIA}`]);
	});

	it('a number nobody has: 404 naming the number and the main WhatsApp channel, nothing updated', async () => {
		const result = await runWithContact({ contactId: byPhone('+39 000 000 0000') });

		const error = failure(result);
		expect(error?.message).toBe(
			'Callbell answered 404: No contact with the phone number +390000000000 in this channel [item 0]',
		);
		expect(error?.httpCode).toBe('404');
		expect(error?.description).toContain('the main WhatsApp channel');
		expect(error?.description).toContain('+390000000000');
		expect(sent()).toEqual(['GET /v1/contacts/phone/390000000000']);
		expect(emulator.requestsTo('PATCH', /.*/)).toHaveLength(0);
	});

	it.each(OPERATIONS.filter((operationCase) => !operationCase.lookupIsResult))(
		'$label: a number nobody has sends only the lookup',
		async ({ resource, operation, parameters }) => {
			const result = await runWithContact({
				resource,
				operation,
				parameters,
				contactId: byPhone('+39 000 000 0000'),
			});
			expect(failure(result)?.message).toBe(
				'Callbell answered 404: No contact with the phone number +390000000000 in this channel [item 0]',
			);
			expect(sent()).toEqual(['GET /v1/contacts/phone/390000000000']);
		},
	);
});

describe('By BSUID', () => {
	it('looks the BSUID up, then acts on the contact found', async () => {
		const result = await runWithContact({ contactId: locator('bsuid', ` ${MARIA_BSUID} `) });
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_BSUID_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, bsuid: MARIA_BSUID });
	});

	it('Options → Channel is for phone numbers only: the BSUID lookup has no channel_uuid', async () => {
		await runWithContact({
			contactId: locator('bsuid', MARIA_BSUID),
			options: { channelId: channel(IDS.channels.whatsapp) },
		});
		expect(sent()).toEqual([MARIA_BSUID_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(emulator.requests[0].query).toEqual({});
	});

	it('a BSUID nobody has: 404 naming the BSUID, nothing updated', async () => {
		const result = await runWithContact({ contactId: locator('bsuid', 'US.99999999999999999999') });
		expect(failure(result)?.message).toBe(
			'Callbell answered 404: No contact with the BSUID US.99999999999999999999 [item 0]',
		);
		expect(failure(result)?.description).toMatch(/business-scoped user id/);
		expect(sent()).toEqual(['GET /v1/contacts/bsuid/US.99999999999999999999']);
	});

	it.each([['US.1/../../../contacts/x?y=1'], ['..'], ['.']])(
		'a BSUID that could climb to another endpoint (%j) is refused before any request',
		async (bsuid) => {
			const result = await runWithContact({
				operation: 'delete',
				contactId: locator('bsuid', bsuid),
			});
			expect(failure(result)?.message).toBe(
				`Contact must be a BSUID of letters, digits, dots, colons, dashes and underscores, got "${bsuid}" [item 0]`,
			);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});

describe('A plain string instead of the locator (what an AI agent sends)', () => {
	it.each([
		['a phone number with +', '+39 333 111 2222', [MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]],
		['a phone number with 00', '0039 333 111 2222', [MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]],
		[
			'a phone number of digits only',
			'393331112222',
			[MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`],
		],
		['an id', MARIA, [`PATCH /v1/contacts/${MARIA}`]],
		['an id in capitals', MARIA.toUpperCase(), [`PATCH /v1/contacts/${MARIA}`]],
		[
			'a dashboard link',
			`https://dash.callbell.eu/contacts/${MARIA}`,
			[`PATCH /v1/contacts/${MARIA}`],
		],
	])('%s', async (_label, contactId, expected) => {
		const result = await runWithContact({ contactId });
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual(expected);
		expect(result.items[0].json.uuid).toBe(MARIA);
	});

	it('an expression replacing the whole locator reads the same way', async () => {
		const result = await runWithContact({
			items: [{ phone: '+39 333 111 2222' }],
			contactId: '={{ $json.phone }}',
		});
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
	});

	it('Conversation → Open by a plain phone number', async () => {
		const result = await runWithContact({
			resource: 'conversation',
			operation: 'open',
			contactId: '+39 333 111 2222',
		});
		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `POST /v1/contacts/${MARIA}/conversation/open`]);
	});
});

/** [what the user entered, the exact error message]: none of these may reach Callbell. */
const BAD_LOCATORS: Array<[string, Pick<LocatorRun, 'contactId' | 'options'>, string]> = [
	[
		'phone with 5 digits',
		{ contactId: byPhone(viaExpression('333 12')) },
		'Contact must have 6 to 15 digits with the country code, got "333 12" (5 digits) [item 0]',
	],
	[
		'phone with 16 digits',
		{ contactId: byPhone(viaExpression('+39 333 111 2222 3333')) },
		'Contact must have 6 to 15 digits with the country code, got "+39 333 111 2222 3333" (16 digits) [item 0]',
	],
	[
		'phone with letters',
		{ contactId: byPhone(viaExpression('+39 333 ABC 2222')) },
		'Contact must be a phone number, got "+39 333 ABC 2222" [item 0]',
	],
	[
		'phone that is words',
		{ contactId: byPhone(viaExpression('call me')) },
		'Contact must be a phone number, got "call me" [item 0]',
	],
	[
		'phone with + in the middle',
		{ contactId: byPhone(viaExpression('39+3331112222')) },
		'Contact must be a phone number, got "39+3331112222" [item 0]',
	],
	['empty phone', { contactId: byPhone(viaExpression('')) }, 'Contact is empty [item 0]'],
	['blank phone', { contactId: byPhone(viaExpression('   ')) }, 'Contact is empty [item 0]'],
	[
		'phone that is an object',
		{ contactId: byPhone('={{ { "number": "+39 333 111 2222" } }}') },
		'Contact must be a phone number, got "{"number":"+39 333 111 2222"}" [item 0]',
	],
	[
		'bsuid with spaces',
		{ contactId: locator('bsuid', viaExpression('US 1349 1208')) },
		'Contact must be a BSUID without spaces, got "US 1349 1208" [item 0]',
	],
	['empty bsuid', { contactId: locator('bsuid', viaExpression('')) }, 'Contact is empty [item 0]'],
	[
		'plain string of 5 digits',
		{ contactId: viaExpression('12345') },
		'Contact must have 6 to 15 digits with the country code, got "12345" (5 digits) [item 0]',
	],
	[
		'plain string that is neither id nor number',
		{ contactId: viaExpression('maria rossi') },
		'Contact "maria rossi" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
	],
	[
		'channel option that is not 32 hex',
		{
			contactId: byPhone('+39 333 111 2222'),
			options: { channelId: channel(viaExpression('c0ffee01')) },
		},
		'Channel must be a Callbell id of 32 hexadecimal characters, got "c0ffee01" [item 0]',
	],
	[
		'channel option with a slash',
		{
			contactId: byPhone('+39 333 111 2222'),
			options: { channelId: locator('list', viaExpression(`${IDS.channels.whatsapp}/x`)) },
		},
		`Channel must be a Callbell id of 32 hexadecimal characters, got "${IDS.channels.whatsapp}/x" [item 0]`,
	],
];

describe('Bad locators are refused before any request', () => {
	it.each(BAD_LOCATORS)('%s', async (_label, run, message) => {
		const result = await runWithContact(run);

		expect(failure(result)?.message).toBe(message);
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each(OPERATIONS)(
		'$label refuses a phone with letters the same way',
		async ({ resource, operation, parameters }) => {
			const result = await runWithContact({
				resource,
				operation,
				parameters,
				contactId: byPhone(viaExpression('call me')),
			});
			expect(failure(result)?.message).toBe(
				'Contact must be a phone number, got "call me" [item 0]',
			);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it('typed into the panel, a phone number without digits stops the workflow before it runs', async () => {
		const result = await runWithContact({ contactId: byPhone('call me') });
		expect(failure(result)?.message).toContain('A phone number with its country code');
		expect(emulator.requests).toHaveLength(0);
	});

	it('continue on fail: found, not found and bad numbers each give their own item, in order', async () => {
		const result = await runWithContact({
			continueOnFail: true,
			items: [
				{ phone: '+39 333 111 2222' },
				{ phone: '+39 000 000 0000' },
				{ phone: 'call me' },
				{ phone: '+39 123 456 7890' },
			],
			contactId: byPhone('={{ $json.phone }}'),
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.items[0].json.uuid).toBe(MARIA);
		expect(result.items[1].json).toMatchObject({
			error:
				'Callbell answered 404: No contact with the phone number +390000000000 in this channel [item 1]',
			httpCode: '404',
		});
		expect(result.items[2].json).toMatchObject({
			error: 'Contact must be a phone number, got "call me" [item 2]',
		});
		expect(result.items[3].json.uuid).toBe(JANE);
		expect(inAnyItemOrder(sent())).toEqual(
			inAnyItemOrder([
				MARIA_LOOKUP,
				`PATCH /v1/contacts/${MARIA}`,
				'GET /v1/contacts/phone/390000000000',
				'GET /v1/contacts/phone/391234567890',
				`PATCH /v1/contacts/${JANE}`,
			]),
		);
	});
});
