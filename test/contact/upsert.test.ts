/**
 * Contact → Create or Update, run through n8n's real execution engine against the emulator over
 * HTTP. The phone number is looked up first: a contact found is updated (PATCH, only with
 * something to change), else one is created (POST). The output says which with `created`.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { phoneDigits } from '../../dev/emulator/state';
import type { RunResult } from '../harness';
import {
	failure,
	inAnyItemOrder,
	runOperation,
	useEmulator,
	viaExpression,
	type OperationRun,
} from '../stories';

const JANE = IDS.contacts.jane;
const MARIA = IDS.contacts.maria;
const MARIA_PHONE = '+39 333 111 2222';
const MARIA_LOOKUP = 'GET /v1/contacts/phone/393331112222';
/** Nobody has this number in the seed. */
const NEW_PHONE = '+39 347 000 1111';
const NEW_LOOKUP = 'GET /v1/contacts/phone/393470001111';
const UUID = /^[0-9a-f]{32}$/;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

interface UpsertRun extends OperationRun {
	/** Default: a number nobody has. */
	phoneNumber?: unknown;
	updateFields?: IDataObject;
}

function runUpsert({
	phoneNumber = NEW_PHONE,
	updateFields = {},
	...run
}: UpsertRun = {}): Promise<RunResult> {
	return runOperation(emulator, 'contact', 'upsert', {
		...run,
		parameters: { phoneNumber: phoneNumber as string, updateFields },
	});
}

/** Every request Callbell received, in order, as "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);
const bodyOf = (method: string, index = 0) =>
	emulator.requests.filter((request) => request.method === method)[index]?.body;
const contactsWithDigits = (digits: string) =>
	emulator.state.contacts.filter((contact) => phoneDigits(contact.phoneNumber) === digits);

describe('Contact → Create or Update: the number is found', () => {
	it('looks it up, then PATCHes the fields; created: false', async () => {
		const result = await runUpsert({
			phoneNumber: MARIA_PHONE,
			updateFields: { tags: 'vip', note: 'Renewed' },
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(emulator.requests[0].query).toEqual({});
		expect(bodyOf('PATCH')).toEqual({ tags: ['vip'], note: 'Renewed' });
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			uuid: MARIA,
			tags: ['vip'],
			note: 'Renewed',
			created: false,
		});
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
	});

	it.each([['0039 333 111 2222'], ['39-333-1112222'], ['(39) 333.111.2222']])(
		'"%s" finds Maria too',
		async (phoneNumber) => {
			const result = await runUpsert({ phoneNumber, updateFields: { name: 'Maria R.' } });
			expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
			expect(result.items[0].json).toMatchObject({ uuid: MARIA, created: false });
		},
	);

	it('with no field to set: only the lookup, the contact as it is; created: false', async () => {
		const result = await runUpsert({ phoneNumber: MARIA_PHONE });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP]);
		expect(result.items[0].json).toMatchObject({
			uuid: MARIA,
			name: 'Maria Rossi',
			tags: ['customer', 'vip'],
			created: false,
		});
	});

	it('Unassign User and Clear Note are sent to a contact found', async () => {
		await runUpsert({
			phoneNumber: MARIA_PHONE,
			updateFields: { unassignUser: true, clearNote: true },
		});
		expect(bodyOf('PATCH')).toEqual({ unassign_user: true, note: '' });
	});

	it('every update field at once goes in the one PATCH', async () => {
		await runUpsert({
			phoneNumber: MARIA_PHONE,
			updateFields: {
				name: 'Maria Rossi',
				tags: 'customer, Newsletter',
				customFields: { field: [{ name: 'Company', value: 'Initech' }] },
				customFieldsJson: '{"Plan": "Pro"}',
				assignedUser: 'alice@example.com',
				teamId: { __rl: true, mode: 'id', value: IDS.teams.support },
				botStatus: 'bot_end',
				note: 'Upgraded',
			},
		});
		expect(bodyOf('PATCH')).toEqual({
			name: 'Maria Rossi',
			tags: ['customer', 'Newsletter'],
			custom_fields: { Company: 'Initech', Plan: 'Pro' },
			assigned_user: 'alice@example.com',
			team_uuid: IDS.teams.support,
			bot_status: 'bot_end',
			note: 'Upgraded',
		});
		expect(emulator.requestsTo('POST', /.*/)).toHaveLength(0);
	});

	it('Options → Channel: the lookup asks that channel', async () => {
		const result = await runUpsert({
			phoneNumber: MARIA_PHONE,
			updateFields: { name: 'Maria R.' },
			options: { channelId: { __rl: true, mode: 'id', value: IDS.channels.whatsapp } },
		});
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(emulator.requests[0].query).toEqual({ channel_uuid: IDS.channels.whatsapp });
		expect(result.items[0].json.created).toBe(false);
	});

	it('Simplify Output keeps created', async () => {
		const result = await runUpsert({ phoneNumber: MARIA_PHONE, options: { simplify: true } });
		expect(result.items[0].json).toEqual({
			uuid: MARIA,
			name: 'Maria Rossi',
			phoneNumber: '+393331112222',
			source: 'whatsapp',
			tags: ['customer', 'vip'],
			assignedUser: null,
			teamUuid: null,
			teamName: null,
			customFields: {},
			note: '',
			funnelId: null,
			closedAt: null,
			href: `https://dash.callbell.eu/contacts/${MARIA}`,
			created: false,
		});
	});
});

describe('Contact → Create or Update: the number is not found', () => {
	it('looks it up (404), then POSTs the contact with +digits; created: true', async () => {
		const result = await runUpsert({
			updateFields: { name: 'Luca Bianchi', tags: 'lead', note: 'From the website' },
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([NEW_LOOKUP, 'POST /v1/contacts']);
		expect(emulator.requests[0].status).toBe(404);
		expect(bodyOf('POST')).toEqual({
			identifier: '+393470001111',
			source: 'whatsapp',
			name: 'Luca Bianchi',
			tags: ['lead'],
			note: 'From the website',
		});
		const created = result.items[0].json;
		expect(created).toMatchObject({
			name: 'Luca Bianchi',
			phoneNumber: '+393470001111',
			tags: ['lead'],
			created: true,
		});
		expect(created.uuid).toMatch(UUID);
		expect(contactsWithDigits('393470001111').map((contact) => contact.uuid)).toEqual([
			created.uuid,
		]);
	});

	it('Unassign User and an empty Clear Note are not sent to a contact that does not exist yet', async () => {
		await runUpsert({
			updateFields: { name: 'Luca Bianchi', unassignUser: true, clearNote: true },
		});
		expect(bodyOf('POST')).toEqual({
			identifier: '+393470001111',
			source: 'whatsapp',
			name: 'Luca Bianchi',
		});
	});

	it('every field at once goes in the one POST', async () => {
		const result = await runUpsert({
			updateFields: {
				name: 'Luca Bianchi',
				tags: ['lead', 'vip'],
				customFieldsJson: '{"Company": "Initech", "Interests": ["Telegram"]}',
				assignedUser: 'bob@example.com',
				teamId: { __rl: true, mode: 'list', value: IDS.teams.sales },
				botStatus: 'bot_start',
				note: 'Hot lead',
			},
		});
		expect(bodyOf('POST')).toEqual({
			identifier: '+393470001111',
			source: 'whatsapp',
			name: 'Luca Bianchi',
			tags: ['lead', 'vip'],
			custom_fields: { Company: 'Initech', Interests: ['Telegram'] },
			assigned_user: 'bob@example.com',
			team_uuid: IDS.teams.sales,
			bot_status: 'bot_start',
			note: 'Hot lead',
		});
		expect(result.items[0].json).toMatchObject({
			assignedUser: 'bob@example.com',
			team: { uuid: IDS.teams.sales },
			created: true,
		});
	});

	it('Options → Channel: looked up there and created there (channel_uuid)', async () => {
		const result = await runUpsert({
			updateFields: { name: 'Luca Bianchi' },
			options: { channelId: { __rl: true, mode: 'list', value: IDS.channels.whatsapp } },
		});
		expect(sent()).toEqual([NEW_LOOKUP, 'POST /v1/contacts']);
		expect(emulator.requests[0].query).toEqual({ channel_uuid: IDS.channels.whatsapp });
		expect(bodyOf('POST')).toEqual({
			identifier: '+393470001111',
			source: 'whatsapp',
			name: 'Luca Bianchi',
			channel_uuid: IDS.channels.whatsapp,
		});
		expect(result.items[0].json).toMatchObject({
			channel: { uuid: IDS.channels.whatsapp },
			created: true,
		});
	});

	it("Options → Source is the new contact's source", async () => {
		await runUpsert({ updateFields: { name: 'Luca Bianchi' }, options: { source: 'telegram' } });
		expect(bodyOf('POST')).toMatchObject({ identifier: '+393470001111', source: 'telegram' });
	});

	it('Simplify Output keeps created', async () => {
		const result = await runUpsert({
			updateFields: { name: 'Luca Bianchi' },
			options: { simplify: true },
		});
		expect(result.items[0].json).toMatchObject({
			name: 'Luca Bianchi',
			phoneNumber: '+393470001111',
			created: true,
		});
		expect(Object.keys(result.items[0].json)).not.toContain('avatarUrl');
	});

	it('no Name: refused after the lookup, nothing created', async () => {
		const result = await runUpsert({ updateFields: { tags: 'lead' } });

		expect(failure(result)?.message).toBe(
			'No contact has the phone number +393470001111, and Callbell needs a Name to create one [item 0]',
		);
		expect(failure(result)?.description).toMatch(/Add Name under Update Fields/);
		expect(sent()).toEqual([NEW_LOOKUP]);
		expect(contactsWithDigits('393470001111')).toHaveLength(0);
	});

	it('no field at all and not found: the same refusal', async () => {
		const result = await runUpsert({ phoneNumber: '0044 7700 900123' });
		expect(failure(result)?.message).toBe(
			'No contact has the phone number +447700900123, and Callbell needs a Name to create one [item 0]',
		);
		expect(sent()).toEqual(['GET /v1/contacts/phone/447700900123']);
	});
});

describe('Contact → Create or Update: several items, several runs', () => {
	it('two items with the same new number: the first creates, the second finds and updates it', async () => {
		const result = await runUpsert({
			items: [
				{ phone: '+39 347 000 1111', name: 'Luca', tags: 'lead' },
				{ phone: '0039 347 000 1111', name: 'Luca Bianchi', tags: 'vip' },
			],
			phoneNumber: '={{ $json.phone }}',
			updateFields: { name: '={{ $json.name }}', tags: '={{ $json.tags }}' },
		});

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([
			NEW_LOOKUP,
			'POST /v1/contacts',
			NEW_LOOKUP,
			expect.stringMatching(/^PATCH \/v1\/contacts\/[0-9a-f]{32}$/),
		]);
		expect(emulator.requestsTo('POST', '/v1/contacts')).toHaveLength(1);
		const [first, second] = result.items.map((item) => item.json);
		expect(first).toMatchObject({ name: 'Luca', tags: ['lead'], created: true });
		expect(second).toMatchObject({
			uuid: first.uuid,
			name: 'Luca Bianchi',
			tags: ['vip'],
			created: false,
		});
		expect(emulator.requests[3].path).toBe(`/v1/contacts/${first.uuid as string}`);
		expect(contactsWithDigits('393470001111')).toHaveLength(1);
	});

	it('the same upsert run twice creates the contact once', async () => {
		const run = { updateFields: { name: 'Luca Bianchi', tags: 'lead' } };
		const firstRun = await runUpsert(run);
		const secondRun = await runUpsert(run);

		expect(firstRun.items[0].json.created).toBe(true);
		expect(secondRun.items[0].json).toMatchObject({
			uuid: firstRun.items[0].json.uuid,
			created: false,
		});
		expect(sent()).toEqual([
			NEW_LOOKUP,
			'POST /v1/contacts',
			NEW_LOOKUP,
			`PATCH /v1/contacts/${firstRun.items[0].json.uuid as string}`,
		]);
		expect(contactsWithDigits('393470001111')).toHaveLength(1);
	});

	it('continue on fail: found, created and refused items each give their item, paired in order', async () => {
		const result = await runUpsert({
			continueOnFail: true,
			items: [
				{ phone: MARIA_PHONE, name: 'Maria Rossi', tags: 'vip' },
				{ phone: NEW_PHONE, name: 'Luca Bianchi', tags: 'lead' },
				{ phone: '+44 7700 900123', name: '', tags: 'lead' },
				{ phone: 'call me', name: 'Nobody', tags: 'lead' },
				{ phone: '+39 347 000 2222', name: 'Giulia', tags: 'platinum' },
				{ phone: '+39 123 456 7890', name: 'Jane Doe', tags: 'customer' },
			],
			phoneNumber: '={{ $json.phone }}',
			updateFields: { name: '={{ $json.name || undefined }}', tags: '={{ $json.tags }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4, 5].map((item) => ({ item })),
		);
		const outputs = result.items.map((item) => item.json);
		expect(outputs[0]).toMatchObject({ uuid: MARIA, tags: ['vip'], created: false });
		expect(outputs[1]).toMatchObject({ name: 'Luca Bianchi', created: true });
		expect(outputs[2]).toMatchObject({
			error:
				'No contact has the phone number +447700900123, and Callbell needs a Name to create one [item 2]',
		});
		expect(outputs[3]).toMatchObject({
			error: 'Phone Number must be a phone number, got "call me" [item 3]',
		});
		expect(outputs[4]).toMatchObject({
			httpCode: '422',
			error: expect.stringContaining('Tag "platinum" does not exist'),
		});
		expect(outputs[5]).toMatchObject({ uuid: JANE, tags: ['customer'], created: false });
		expect(inAnyItemOrder(sent())).toEqual(
			inAnyItemOrder([
				MARIA_LOOKUP,
				`PATCH /v1/contacts/${MARIA}`,
				NEW_LOOKUP,
				'POST /v1/contacts',
				'GET /v1/contacts/phone/447700900123',
				'GET /v1/contacts/phone/393470002222',
				'POST /v1/contacts',
				'GET /v1/contacts/phone/391234567890',
				`PATCH /v1/contacts/${JANE}`,
			]),
		);
	});
});

describe('Contact → Create or Update: Callbell failures', () => {
	it('the lookup fails (500): nothing is created', async () => {
		emulator.injectFault({
			method: 'GET',
			path: /^\/v1\/contacts\/phone\//,
			status: 500,
			body: { error: 'Internal Server Error' },
		});
		const result = await runUpsert({
			updateFields: { name: 'Luca Bianchi' },
			options: { retries: 0 },
		});
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(sent()).toEqual([NEW_LOOKUP]);
	});

	it('the POST is refused (422): one POST, not repeated', async () => {
		const result = await runUpsert({
			continueOnFail: true,
			updateFields: { name: 'Luca Bianchi', assignedUser: 'nobody@example.com' },
		});
		expect(result.items[0].json).toMatchObject({
			httpCode: '422',
			error:
				'Callbell answered 422: User "nobody@example.com" is not a collaborator of this account [item 0]',
		});
		expect(emulator.requestsTo('POST', '/v1/contacts')).toHaveLength(1);
	});

	it('the POST gets no answer: one POST, not repeated', async () => {
		emulator.injectFault({ method: 'POST', status: 500, dropConnection: true });
		const result = await runUpsert({ updateFields: { name: 'Luca Bianchi' } });
		expect(failure(result)?.message).toMatch(/^Could not reach Callbell at .* \[item 0\]$/);
		expect(sent()).toEqual([NEW_LOOKUP, 'POST /v1/contacts']);
	});
});

/** [what the user entered, the exact error message]: none of these may reach Callbell. */
const BAD_INPUTS: Array<[string, UpsertRun, string]> = [
	['empty phone number', { phoneNumber: viaExpression('') }, 'Phone Number is empty [item 0]'],
	[
		'phone number with letters',
		{ phoneNumber: '+39 347 ABC 1111' },
		'Phone Number must be a phone number, got "+39 347 ABC 1111" [item 0]',
	],
	[
		'phone number too short',
		{ phoneNumber: '12345' },
		'Phone Number must have 6 to 15 digits with the country code, got "12345" (5 digits) [item 0]',
	],
	[
		'phone number from an object',
		{ phoneNumber: '={{ { "phone": 1 } }}' },
		'Phone Number must be a phone number, got "{"phone":1}" [item 0]',
	],
	['empty name', { updateFields: { name: viaExpression(' ') } }, 'Name is empty [item 0]'],
	['empty tags', { updateFields: { name: 'Luca', tags: ' , ' } }, 'Tags is empty [item 0]'],
	[
		'note too long',
		{ updateFields: { name: 'Luca', note: 'a'.repeat(1001) } },
		'Note is too long: 1001 characters, Callbell allows at most 1000 [item 0]',
	],
	[
		'assign and unassign',
		{ updateFields: { assignedUser: 'alice@example.com', unassignUser: true } },
		'Assigned User and Unassign User are both set [item 0]',
	],
	[
		'channel not 32 hex',
		{ options: { channelId: { __rl: true, mode: 'id', value: viaExpression('c0ffee') } } },
		'Channel must be a Callbell id of 32 hexadecimal characters, got "c0ffee" [item 0]',
	],
	[
		'source that is not a word',
		{ options: { source: '={{ "what sapp" }}' } },
		'Source must be a channel type such as whatsapp, instagram, facebook, telegram, got "what sapp" [item 0]',
	],
];

describe('Contact → Create or Update: bad input is refused before any request', () => {
	it.each(BAD_INPUTS)('%s', async (_label, run, message) => {
		const result = await runUpsert(run);

		expect(failure(result)?.message).toBe(message);
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});
});
