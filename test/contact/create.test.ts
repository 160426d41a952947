/**
 * Contact → Create, run through n8n's real execution engine against the emulator over HTTP:
 * the node's parameters, then the one POST /contacts Callbell received per item and what came out.
 * Creating is not idempotent, so a failed POST must never be sent again.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import type { RunResult } from '../harness';
import { failure, runOperation, useEmulator, viaExpression, type OperationRun } from '../stories';

const UUID = /^[0-9a-f]{32}$/;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

interface CreateRun extends OperationRun {
	identifier?: unknown;
	/** Left out: the parameter's default (whatsapp). */
	source?: string;
	name?: unknown;
	additionalFields?: IDataObject;
}

function runCreate({
	identifier = '+39 347 000 1111',
	source,
	name = 'Luca Bianchi',
	additionalFields = {},
	...run
}: CreateRun = {}): Promise<RunResult> {
	const parameters = {
		identifier: identifier as string,
		...(source !== undefined && { source }),
		name: name as string,
		additionalFields,
	};
	return runOperation(emulator, 'contact', 'create', { ...run, parameters });
}

const postsSent = () => emulator.requestsTo('POST', '/v1/contacts');
const contactInAccount = (uuid: unknown): Contact | undefined =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid);

describe('Contact → Create: the identifier', () => {
	it.each([
		['+39 347 000 1111'],
		['0039 347 000 1111'],
		['39 (347) 000-1111'],
		['+39.347.000.1111'],
		[' 393470001111 '],
	])('WhatsApp "%s" is sent as +393470001111', async (identifier) => {
		const result = await runCreate({ identifier });

		expect(result.error).toBeUndefined();
		expect(emulator.requests).toHaveLength(1);
		const [post] = postsSent();
		expect(post.body).toEqual({
			identifier: '+393470001111',
			source: 'whatsapp',
			name: 'Luca Bianchi',
		});
		expect(post.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
		expect(post.headers['content-type']).toMatch(/^application\/json/);

		expect(result.items).toHaveLength(1);
		const created = result.items[0].json;
		expect(created).toMatchObject({
			name: 'Luca Bianchi',
			phoneNumber: '+393470001111',
			source: 'whatsapp',
		});
		expect(created.uuid).toMatch(UUID);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(contactInAccount(created.uuid)?.channelUuid).toBe(IDS.channels.whatsapp);
	});

	it('a WhatsApp number from a spreadsheet column (a number, not text)', async () => {
		await runCreate({ items: [{ phone: 393470001111 }], identifier: '={{ $json.phone }}' });
		expect(postsSent().map((request) => (request.body as IDataObject).identifier)).toEqual([
			'+393470001111',
		]);
	});

	it.each([
		['instagram', '  luca.bianchi_ig  ', 'luca.bianchi_ig'],
		['facebook', '1234567890123456', '1234567890123456'],
		['telegram', '@luca_b', '@luca_b'],
	])('%s: the identifier is sent as typed, trimmed', async (source, identifier, expected) => {
		const result = await runCreate({ source, identifier });

		expect(result.error).toBeUndefined();
		expect(postsSent().map((request) => request.body)).toEqual([
			{ identifier: expected, source, name: 'Luca Bianchi' },
		]);
		expect(result.items[0].json).toMatchObject({ phoneNumber: expected, source });
	});

	it('a source from an expression is read as one lower-case word', async () => {
		await runCreate({ source: '={{ " WhatsApp " }}' });
		expect((postsSent()[0].body as IDataObject).source).toBe('whatsapp');
	});
});

describe('Contact → Create: additional fields', () => {
	it.each<[string, IDataObject, IDataObject]>([
		['tags', { tags: 'lead, VIP, lead' }, { tags: ['lead', 'VIP'] }],
		['tags as a list', { tags: '={{ ["lead", "Newsletter"] }}' }, { tags: ['lead', 'Newsletter'] }],
		[
			'custom fields as rows',
			{
				customFields: {
					field: [
						{ name: 'Company', value: 'Initech' },
						{ name: 'Interests', value: '["WhatsApp"]' },
					],
				},
			},
			{ custom_fields: { Company: 'Initech', Interests: ['WhatsApp'] } },
		],
		[
			'custom fields as JSON',
			{ customFieldsJson: '{"Plan": "Pro", "Budget": 1500}' },
			{ custom_fields: { Plan: 'Pro', Budget: '1500' } },
		],
		['assigned user', { assignedUser: ' bob@example.com ' }, { assigned_user: 'bob@example.com' }],
		[
			'team',
			{ teamId: { __rl: true, mode: 'list', value: IDS.teams.support } },
			{ team_uuid: IDS.teams.support },
		],
		[
			'channel',
			{ channelId: { __rl: true, mode: 'id', value: IDS.channels.whatsapp.toUpperCase() } },
			{ channel_uuid: IDS.channels.whatsapp },
		],
		['bot status', { botStatus: 'bot_start' }, { bot_status: 'bot_start' }],
		['note', { note: 'Met at the trade fair 🤝' }, { note: 'Met at the trade fair 🤝' }],
	])('%s: sent with exactly that key', async (_label, additionalFields, expected) => {
		const result = await runCreate({ additionalFields });

		expect(result.error).toBeUndefined();
		expect(postsSent().map((request) => request.body)).toEqual([
			{ identifier: '+393470001111', source: 'whatsapp', name: 'Luca Bianchi', ...expected },
		]);
	});

	it('everything at once: one POST, and the contact has it all', async () => {
		const result = await runCreate({
			additionalFields: {
				tags: 'lead, vip',
				customFields: { field: [{ name: 'Company', value: 'Initech' }] },
				customFieldsJson: { Plan: 'Enterprise' },
				assignedUser: 'alice@example.com',
				teamId: { __rl: true, mode: 'id', value: IDS.teams.sales },
				channelId: { __rl: true, mode: 'list', value: IDS.channels.whatsapp },
				botStatus: 'bot_start',
				note: 'Hot lead',
			},
		});

		expect(result.error).toBeUndefined();
		expect(postsSent().map((request) => request.body)).toEqual([
			{
				identifier: '+393470001111',
				source: 'whatsapp',
				name: 'Luca Bianchi',
				tags: ['lead', 'vip'],
				custom_fields: { Company: 'Initech', Plan: 'Enterprise' },
				assigned_user: 'alice@example.com',
				team_uuid: IDS.teams.sales,
				channel_uuid: IDS.channels.whatsapp,
				bot_status: 'bot_start',
				note: 'Hot lead',
			},
		]);
		const created = result.items[0].json;
		expect(created).toMatchObject({
			tags: ['lead', 'vip'],
			customFields: { Company: 'Initech', Plan: 'Enterprise' },
			assignedUser: 'alice@example.com',
			team: { uuid: IDS.teams.sales },
			channel: { uuid: IDS.channels.whatsapp },
			note: 'Hot lead',
		});
		expect(contactInAccount(created.uuid)?.bot.status).toBe('started');
	});

	it('creates in the Instagram channel chosen under Channel', async () => {
		const result = await runCreate({
			source: 'instagram',
			identifier: 'luca.ig',
			additionalFields: { channelId: { __rl: true, mode: 'id', value: IDS.channels.instagram } },
		});
		expect((postsSent()[0].body as IDataObject).channel_uuid).toBe(IDS.channels.instagram);
		expect(result.items[0].json).toMatchObject({
			source: 'instagram',
			channel: { uuid: IDS.channels.instagram },
		});
	});

	it('outputs only the CRM fields with Simplify Output', async () => {
		const result = await runCreate({
			additionalFields: { tags: 'lead' },
			options: { simplify: true },
		});
		expect(result.items[0].json).toEqual({
			uuid: expect.stringMatching(UUID),
			name: 'Luca Bianchi',
			phoneNumber: '+393470001111',
			source: 'whatsapp',
			tags: ['lead'],
			assignedUser: null,
			teamUuid: null,
			teamName: null,
			customFields: {},
			note: '',
			funnelId: null,
			closedAt: null,
			href: expect.stringMatching(/^https:\/\/dash\.callbell\.eu\/contacts\/[0-9a-f]{32}$/),
		});
	});

	it('one POST per item, fields from each item, outputs paired in order', async () => {
		const leads = [
			{ phone: '+39 347 000 1111', name: 'Luca Bianchi', tags: 'lead' },
			{ phone: '+33 6 12 34 56 78', name: 'Lucas Martin', tags: ['vip', 'customer'] },
			{ phone: '0044 7700 900123', name: 'Amelia Taylor', tags: 'Newsletter' },
		];
		const result = await runCreate({
			items: leads,
			identifier: '={{ $json.phone }}',
			name: '={{ $json.name }}',
			additionalFields: { tags: '={{ $json.tags }}', note: '=From the CRM: {{ $json.name }}' },
		});

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1/contacts',
			'POST /v1/contacts',
			'POST /v1/contacts',
		]);
		expect(postsSent().map((request) => request.body)).toEqual([
			{
				identifier: '+393470001111',
				source: 'whatsapp',
				name: 'Luca Bianchi',
				tags: ['lead'],
				note: 'From the CRM: Luca Bianchi',
			},
			{
				identifier: '+33612345678',
				source: 'whatsapp',
				name: 'Lucas Martin',
				tags: ['vip', 'customer'],
				note: 'From the CRM: Lucas Martin',
			},
			{
				identifier: '+447700900123',
				source: 'whatsapp',
				name: 'Amelia Taylor',
				tags: ['Newsletter'],
				note: 'From the CRM: Amelia Taylor',
			},
		]);
		expect(result.items.map((item) => [item.json.phoneNumber, item.pairedItem])).toEqual([
			['+393470001111', { item: 0 }],
			['+33612345678', { item: 1 }],
			['+447700900123', { item: 2 }],
		]);
		expect(new Set(result.items.map((item) => item.json.uuid)).size).toBe(3);
	});
});

describe('Contact → Create: Callbell refuses, or does not answer; the POST is never repeated', () => {
	it('422 unknown tag: an error item under continue on fail, one POST, no contact', async () => {
		const before = emulator.state.contacts.length;
		const result = await runCreate({
			continueOnFail: true,
			additionalFields: { tags: 'lead, platinum' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			httpCode: '422',
			error: expect.stringContaining('Tag "platinum" does not exist'),
		});
		expect((result.items[0].json.error as string).endsWith(' [item 0]')).toBe(true);
		expect(result.items[0].json.description).toMatch(/must already exist in the Callbell account/);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(postsSent()).toHaveLength(1);
		expect(emulator.requests).toHaveLength(1);
		expect(emulator.state.contacts).toHaveLength(before);
	});

	it("422 contact already exists (Jane's number, written differently): one POST", async () => {
		const result = await runCreate({
			continueOnFail: true,
			identifier: '0039 123 456 7890',
			name: 'Jane again',
		});

		expect(result.items[0].json).toMatchObject({
			httpCode: '422',
			error: 'Callbell answered 422: Contact already exists [item 0]',
		});
		expect(postsSent().map((request) => (request.body as IDataObject).identifier)).toEqual([
			'+391234567890',
		]);
	});

	it('422 without continue on fail stops the workflow, still after one POST', async () => {
		const result = await runCreate({ additionalFields: { assignedUser: 'nobody@example.com' } });
		expect(failure(result)?.message).toBe(
			'Callbell answered 422: User "nobody@example.com" is not a collaborator of this account [item 0]',
		);
		expect(failure(result)?.httpCode).toBe('422');
		expect(postsSent()).toHaveLength(1);
	});

	it('a dropped connection: "could not reach", exactly one POST, not retried', async () => {
		emulator.injectFault({ method: 'POST', status: 500, dropConnection: true });
		const result = await runCreate();

		expect(failure(result)?.message).toMatch(
			/^Could not reach Callbell at http:\/\/127\.0\.0\.1:\d+\/v1 \(.+\) \[item 0\]$/,
		);
		expect(postsSent()).toHaveLength(1);
		expect(emulator.requests).toHaveLength(1);
	});

	it("a 500: one POST, the error says it is Callbell's side", async () => {
		emulator.injectFault({ method: 'POST', status: 500, body: { error: 'Internal Server Error' } });
		const result = await runCreate();
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(postsSent()).toHaveLength(1);
	});

	it('continue on fail over several items: each item is posted once, a dropped one included', async () => {
		emulator.injectFault({ method: 'POST', status: 500, dropConnection: true });
		const result = await runCreate({
			continueOnFail: true,
			items: [
				{ phone: '+39 347 000 1111' },
				{ phone: '+39 347 000 2222' },
				{ phone: 'not a phone' },
				{ phone: '+39 123 456 7890' },
			],
			identifier: '={{ $json.phone }}',
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.items[0].json.error).toMatch(/^Could not reach Callbell .* \[item 0\]$/);
		expect(result.items[1].json).toMatchObject({ phoneNumber: '+393470002222' });
		expect(result.items[2].json).toMatchObject({
			error: 'Identifier must be a phone number, got "not a phone" [item 2]',
		});
		expect(result.items[3].json).toMatchObject({
			error: 'Callbell answered 422: Contact already exists [item 3]',
		});
		expect(postsSent().map((request) => (request.body as IDataObject).identifier)).toEqual([
			'+393470001111',
			'+393470002222',
			'+391234567890',
		]);
	});
});

/** [what the user entered, the exact error message]: none of these may reach Callbell. */
const BAD_INPUTS: Array<[string, CreateRun, string]> = [
	['empty identifier', { identifier: viaExpression('') }, 'Identifier is empty [item 0]'],
	['blank identifier', { identifier: viaExpression('   ') }, 'Identifier is empty [item 0]'],
	[
		'WhatsApp identifier with letters',
		{ identifier: '+39 347 ABC 1111' },
		'Identifier must be a phone number, got "+39 347 ABC 1111" [item 0]',
	],
	[
		'WhatsApp identifier that is a username',
		{ identifier: '@luca_b' },
		'Identifier must be a phone number, got "@luca_b" [item 0]',
	],
	[
		'WhatsApp identifier too short',
		{ identifier: '+39 347' },
		'Identifier must have 6 to 15 digits with the country code, got "+39 347" (5 digits) [item 0]',
	],
	[
		'WhatsApp identifier too long',
		{ identifier: '+39 347 000 1111 22222' },
		'Identifier must have 6 to 15 digits with the country code, got "+39 347 000 1111 22222" (17 digits) [item 0]',
	],
	[
		'Instagram identifier blank',
		{ source: 'instagram', identifier: viaExpression('  ') },
		'Identifier is empty [item 0]',
	],
	['empty name', { name: viaExpression('') }, 'Name is empty [item 0]'],
	['blank name', { name: viaExpression('   ') }, 'Name is empty [item 0]'],
	[
		'name that is an object',
		{ name: '={{ { "first": "Luca" } }}' },
		'Name must be text, got "{"first":"Luca"}" [item 0]',
	],
	[
		'source that is not a word',
		{ source: '={{ "what sapp" }}' },
		'Source must be a channel type such as whatsapp, instagram, facebook, telegram, got "what sapp" [item 0]',
	],
	[
		'source empty',
		{ source: viaExpression('') },
		'Source must be a channel type such as whatsapp, instagram, facebook, telegram, got "" [item 0]',
	],
	[
		'team empty',
		{ additionalFields: { teamId: { __rl: true, mode: 'list', value: '' } } },
		'Team is empty [item 0]',
	],
	[
		'note too long',
		{ additionalFields: { note: 'a'.repeat(1001) } },
		'Note is too long: 1001 characters, Callbell allows at most 1000 [item 0]',
	],
	['empty note', { additionalFields: { note: '' } }, 'Note is empty [item 0]'],
	['empty tags', { additionalFields: { tags: ' , ' } }, 'Tags is empty [item 0]'],
	[
		'assigned user not an email',
		{ additionalFields: { assignedUser: 'bob' } },
		'Assigned User must be an email address, got "bob" [item 0]',
	],
	[
		'bot status from a bad expression',
		{ additionalFields: { botStatus: '={{ "on" }}' } },
		'Bot Status must be one of bot_start, bot_end, got "on" [item 0]',
	],
	[
		'custom fields JSON not JSON',
		{ additionalFields: { customFieldsJson: '{Plan: Pro}' } },
		'Custom Fields (JSON) is not valid JSON: "{Plan: Pro}" [item 0]',
	],
	[
		'custom field without name',
		{ additionalFields: { customFields: { field: [{ name: ' ', value: 'x' }] } } },
		'Custom Fields row 1 name is empty [item 0]',
	],
];

describe('Contact → Create: bad input is refused before any request', () => {
	it.each(BAD_INPUTS)('%s', async (_label, run, message) => {
		const result = await runCreate(run);

		expect(failure(result)?.message).toBe(message);
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each([
		['no identifier', { identifier: '' }, 'Parameter "Identifier" is required'],
		['no name', { name: '' }, 'Parameter "Name" is required'],
	])('typed into the panel, %s stops the workflow before it runs', async (_label, run, issue) => {
		const result = await runCreate(run);
		expect(failure(result)?.message).toContain(issue);
		expect(emulator.requests).toHaveLength(0);
	});
});
