/**
 * Contact → Update, run through n8n's real execution engine against the emulator over HTTP:
 * each story states the node's parameters, then what Callbell received and what came out. With
 * Update as the example, also how Callbell's errors read, that the API token never shows, and
 * the credential test.
 */
import { inspect } from 'node:util';
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { testCredential, type RunResult } from '../harness';
import { byId, runOperation, useEmulator, viaExpression, type OperationRun } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const CONTACT_PATH = /^\/v1\/contacts\//;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

function credentials(overrides: { apiToken?: string; baseUrl?: string } = {}) {
	return { apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl, ...overrides };
}

interface UpdateRun extends OperationRun {
	updateFields?: IDataObject;
	/** Default: Jane, by id. */
	contactId?: unknown;
}

function runUpdate({
	contactId = byId(JANE),
	updateFields = {},
	...run
}: UpdateRun): Promise<RunResult> {
	return runOperation(emulator, 'contact', 'update', {
		...run,
		parameters: { contactId: contactId as IDataObject, updateFields },
	});
}

function patchesSent() {
	return emulator.requestsTo('PATCH', CONTACT_PATH);
}

describe('Contact → Update: each field alone', () => {
	it.each<[string, IDataObject, IDataObject, (contact: IDataObject) => void]>([
		[
			'name',
			{ name: 'Jane Q. Doe' },
			{ name: 'Jane Q. Doe' },
			(c) => expect(c.name).toBe('Jane Q. Doe'),
		],
		[
			'tags',
			{ tags: 'vip, customer' },
			{ tags: ['vip', 'customer'] },
			(c) => expect(c.tags).toEqual(['vip', 'customer']),
		],
		[
			'custom fields as rows',
			{
				customFields: {
					field: [
						{ name: 'Plan', value: 'Pro' },
						{ name: 'Interests', value: '["WhatsApp","Telegram"]' },
					],
				},
			},
			{ custom_fields: { Plan: 'Pro', Interests: ['WhatsApp', 'Telegram'] } },
			(c) =>
				expect(c.customFields).toMatchObject({
					Company: 'Acme',
					Plan: 'Pro',
					Interests: ['WhatsApp', 'Telegram'],
				}),
		],
		[
			'custom fields as JSON',
			{
				customFieldsJson:
					'{"Budget": "1500", "Birthday": "1990-05-17", "Work Email": "jane@acme.test"}',
			},
			{ custom_fields: { Budget: '1500', Birthday: '1990-05-17', 'Work Email': 'jane@acme.test' } },
			(c) => expect(c.customFields).toMatchObject({ Budget: '1500' }),
		],
		[
			'assigned user',
			{ assignedUser: 'alice@example.com' },
			{ assigned_user: 'alice@example.com' },
			(c) => expect(c.assignedUser).toBe('alice@example.com'),
		],
		[
			'team from the list',
			{ teamId: { __rl: true, mode: 'list', value: IDS.teams.support } },
			{ team_uuid: IDS.teams.support },
			(c) => expect((c.team as IDataObject).uuid).toBe(IDS.teams.support),
		],
		[
			'team by id',
			{ teamId: { __rl: true, mode: 'id', value: IDS.teams.support } },
			{ team_uuid: IDS.teams.support },
			() => undefined,
		],
		['bot status', { botStatus: 'bot_end' }, { bot_status: 'bot_end' }, () => undefined],
		[
			'note',
			{ note: 'Called back, wants a demo 📞' },
			{ note: 'Called back, wants a demo 📞' },
			(c) => expect(c.note).toBe('Called back, wants a demo 📞'),
		],
	])('%s: sends exactly that field', async (_label, updateFields, expectedBody, checkContact) => {
		const result = await runUpdate({ updateFields });

		expect(result.error).toBeUndefined();
		const [patch] = patchesSent();
		expect(patchesSent()).toHaveLength(1);
		expect(patch.path).toBe(`/v1/contacts/${JANE}`);
		expect(patch.body).toEqual(expectedBody);
		expect(patch.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
		expect(patch.headers['content-type']).toMatch(/^application\/json/);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json.uuid).toBe(JANE);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		checkContact(result.items[0].json);
	});

	it('unassign user: removes the collaborator', async () => {
		const result = await runUpdate({
			contactId: { __rl: true, mode: 'id', value: JOHN },
			updateFields: { unassignUser: true },
		});
		expect(patchesSent().map((request) => request.body)).toEqual([{ unassign_user: true }]);
		expect(result.items[0].json.assignedUser).toBeNull();
	});

	it('custom fields: an empty value clears the field, an empty list unticks every checkbox', async () => {
		await runUpdate({
			updateFields: { customFieldsJson: '{"Interests": ["WhatsApp"], "Budget": "1500"}' },
		});
		const result = await runUpdate({
			updateFields: {
				customFields: {
					field: [
						{ name: 'Company', value: '' },
						{ name: 'Interests', value: '[]' },
					],
				},
				customFieldsJson: '{"Budget": ""}',
			},
		});

		expect(result.error).toBeUndefined();
		expect(patchesSent()[1].body).toEqual({
			custom_fields: { Company: '', Interests: [], Budget: '' },
		});
		expect(result.items[0].json.customFields).toMatchObject({
			Company: '',
			Interests: [],
			Budget: '',
		});
	});

	it('clear note: sends an empty note on purpose', async () => {
		const result = await runUpdate({
			contactId: { __rl: true, mode: 'id', value: JOHN },
			updateFields: { clearNote: true },
		});
		expect(patchesSent().map((request) => request.body)).toEqual([{ note: '' }]);
		expect(result.items[0].json.note).toBe('');
	});
});

describe('Contact → Update: everything at once, per item, in every format', () => {
	it('sends all fields together in one request', async () => {
		const result = await runUpdate({
			updateFields: {
				name: 'Jane Doe',
				tags: ['lead', 'vip'],
				customFields: { field: [{ name: 'Company', value: 'Acme Corp' }] },
				customFieldsJson: { Plan: 'Enterprise' },
				assignedUser: 'bob@example.com',
				teamId: { __rl: true, mode: 'id', value: IDS.teams.support },
				botStatus: 'bot_start',
				note: 'Hot lead',
			},
		});
		expect(result.error).toBeUndefined();
		expect(patchesSent()[0].body).toEqual({
			name: 'Jane Doe',
			tags: ['lead', 'vip'],
			custom_fields: { Company: 'Acme Corp', Plan: 'Enterprise' },
			assigned_user: 'bob@example.com',
			team_uuid: IDS.teams.support,
			bot_status: 'bot_start',
			note: 'Hot lead',
		});
		expect(result.items[0].json).toMatchObject({
			name: 'Jane Doe',
			tags: ['lead', 'vip'],
			assignedUser: 'bob@example.com',
			note: 'Hot lead',
		});
	});

	it('evaluates expressions for each item, one request per item, outputs paired in order', async () => {
		const leads = [
			{ id: JANE, tags: ['lead', 'vip'], company: 'Acme', owner: 'alice@example.com', plan: 'Pro' },
			{ id: JOHN, tags: 'customer', company: 'Globex', owner: 'bob@example.com', plan: 'Free' },
			{
				id: IDS.contacts.maria,
				tags: 'lead, Newsletter, lead',
				company: 'Initech',
				owner: 'alice@example.com',
				plan: 'Enterprise',
			},
		];
		const result = await runUpdate({
			items: leads,
			contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			updateFields: {
				tags: '={{ $json.tags }}',
				customFields: { field: [{ name: 'Company', value: '={{ $json.company }}' }] },
				customFieldsJson: '={{ { "Plan": $json.plan } }}',
				assignedUser: '={{ $json.owner }}',
				note: '=Synced from CRM: {{ $json.company }}',
			},
		});

		expect(result.error).toBeUndefined();
		expect(patchesSent().map((request) => [request.path, request.body])).toEqual([
			[
				`/v1/contacts/${JANE}`,
				{
					tags: ['lead', 'vip'],
					custom_fields: { Company: 'Acme', Plan: 'Pro' },
					assigned_user: 'alice@example.com',
					note: 'Synced from CRM: Acme',
				},
			],
			[
				`/v1/contacts/${JOHN}`,
				{
					tags: ['customer'],
					custom_fields: { Company: 'Globex', Plan: 'Free' },
					assigned_user: 'bob@example.com',
					note: 'Synced from CRM: Globex',
				},
			],
			[
				`/v1/contacts/${IDS.contacts.maria}`,
				{
					tags: ['lead', 'Newsletter'],
					custom_fields: { Company: 'Initech', Plan: 'Enterprise' },
					assigned_user: 'alice@example.com',
					note: 'Synced from CRM: Initech',
				},
			],
		]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[JANE, { item: 0 }],
			[JOHN, { item: 1 }],
			[IDS.contacts.maria, { item: 2 }],
		]);
	});

	it('takes a contact by its dashboard link', async () => {
		await runUpdate({
			contactId: { __rl: true, mode: 'url', value: `https://dash.callbell.eu/contacts/${JOHN}` },
			updateFields: { name: 'John' },
		});
		expect(patchesSent().map((request) => request.path)).toEqual([`/v1/contacts/${JOHN}`]);
	});

	it('sends only the fields that were set', async () => {
		await runUpdate({ updateFields: { name: 'Only the name' } });
		expect(Object.keys(patchesSent()[0].body as IDataObject)).toEqual(['name']);
	});

	it('outputs only the CRM fields with Simplify Output', async () => {
		const result = await runUpdate({ updateFields: { tags: 'vip' }, options: { simplify: true } });
		expect(result.items[0].json).toEqual({
			uuid: JANE,
			name: 'Jane Doe',
			phoneNumber: '+391234567890',
			source: 'whatsapp',
			tags: ['vip'],
			assignedUser: null,
			teamUuid: IDS.teams.sales,
			teamName: expect.any(String),
			customFields: expect.objectContaining({ Company: 'Acme' }),
			note: '',
			funnelId: IDS.funnels.newLeads,
			closedAt: null,
			href: `https://dash.callbell.eu/contacts/${JANE}`,
		});
	});

	it('outputs the contact itself when Callbell answers {contact: [{...}]}', async () => {
		const arrayEmulator = await startEmulator({ contactResponseShape: 'array' });
		try {
			const result = await runOperation(arrayEmulator, 'contact', 'update', {
				parameters: { contactId: byId(JANE), updateFields: { name: 'Jane' } },
				baseUrl: `${arrayEmulator.baseUrl}/`,
			});
			expect(result.error).toBeUndefined();
			expect(result.items[0].json).toMatchObject({ uuid: JANE, name: 'Jane' });
			expect(Array.isArray(result.items[0].json)).toBe(false);
		} finally {
			await arrayEmulator.close();
		}
	});
});

/** [what the user entered, the exact error message]: none of these may reach Callbell. */
const BAD_INPUTS: Array<[string, Partial<UpdateRun>, string]> = [
	['no field at all', { updateFields: {} }, 'No field to update [item 0]'],
	[
		'only Unassign User turned off',
		{ updateFields: { unassignUser: false } },
		'No field to update [item 0]',
	],
	[
		'empty contact id',
		{ contactId: { __rl: true, mode: 'id', value: viaExpression('') } },
		'Contact is empty [item 0]',
	],
	[
		'short contact id',
		{ contactId: { __rl: true, mode: 'id', value: viaExpression('414a6d69') } },
		'Contact "414a6d69" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
	],
	[
		'non-hex contact id',
		{ contactId: { __rl: true, mode: 'id', value: viaExpression('z'.repeat(32)) } },
		`Contact "${'z'.repeat(32)}" is not a phone number, a contact link, a BSUID or a contact id [item 0]`,
	],
	[
		'path traversal id',
		{ contactId: { __rl: true, mode: 'id', value: viaExpression('../auth/me') } },
		'Contact "../auth/me" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
	],
	[
		'query smuggling id',
		{ contactId: { __rl: true, mode: 'id', value: viaExpression('x?y=1') } },
		'Contact "x?y=1" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
	],
	[
		'id with a slash',
		{ contactId: { __rl: true, mode: 'id', value: viaExpression(`${JANE}/x`) } },
		`Contact "${JANE}/x" is not a phone number, a contact link, a BSUID or a contact id [item 0]`,
	],
	[
		'conversation link',
		{
			contactId: {
				__rl: true,
				mode: 'url',
				value: viaExpression(`https://dash.callbell.eu/chat/${JANE}`),
			},
		},
		`Contact is a conversation link, not a contact link: "https://dash.callbell.eu/chat/${JANE}" [item 0]`,
	],
	[
		'other site link',
		{
			contactId: {
				__rl: true,
				mode: 'url',
				value: viaExpression(`https://example.com/contacts/${JANE}`),
			},
		},
		`Contact must be a Callbell contact link (https://dash.callbell.eu/contacts/…), got "https://example.com/contacts/${JANE}" [item 0]`,
	],
	[
		'empty link',
		{ contactId: { __rl: true, mode: 'url', value: viaExpression('') } },
		'Contact is empty [item 0]',
	],
	[
		'link without id',
		{
			contactId: {
				__rl: true,
				mode: 'url',
				value: viaExpression('https://dash.callbell.eu/contacts/'),
			},
		},
		'Contact must be a Callbell contact link (https://dash.callbell.eu/contacts/…), got "https://dash.callbell.eu/contacts/" [item 0]',
	],
	['empty name', { updateFields: { name: '   ' } }, 'Name is empty [item 0]'],
	['empty tags', { updateFields: { tags: ' , ' } }, 'Tags is empty [item 0]'],
	[
		'empty tag list from an expression',
		{ updateFields: { tags: '={{ [] }}' } },
		'Tags is empty [item 0]',
	],
	[
		'tags that are objects',
		{ updateFields: { tags: '={{ [{ "name": "vip" }] }}' } },
		'Tags must contain only text, got "{"name":"vip"}" [item 0]',
	],
	[
		'tags as broken JSON list',
		{ updateFields: { tags: '[vip' + ']' } },
		'Tags looks like a JSON array but is not valid JSON: "[vip]" [item 0]',
	],
	[
		'custom field without name',
		{ updateFields: { customFields: { field: [{ name: '', value: 'Acme' }] } } },
		'Custom Fields row 1 name is empty [item 0]',
	],
	[
		'custom field given twice',
		{
			updateFields: {
				customFields: { field: [{ name: 'Plan', value: 'Pro' }] },
				customFieldsJson: '{"Plan":"Free"}',
			},
		},
		'Custom Fields sets "Plan" more than once [item 0]',
	],
	[
		'custom field row twice',
		{
			updateFields: {
				customFields: {
					field: [
						{ name: 'Plan', value: 'Pro' },
						{ name: 'Plan', value: 'Free' },
					],
				},
			},
		},
		'Custom Fields sets "Plan" more than once [item 0]',
	],
	[
		'custom fields JSON not JSON',
		{ updateFields: { customFieldsJson: '{Plan: Pro}' } },
		'Custom Fields (JSON) is not valid JSON: "{Plan: Pro}" [item 0]',
	],
	[
		'custom fields JSON is a list',
		{ updateFields: { customFieldsJson: '["Plan"]' } },
		'Custom Fields (JSON) must be a JSON object, got "["Plan"]" [item 0]',
	],
	[
		'custom fields JSON empty object',
		{ updateFields: { customFieldsJson: '{}' } },
		'Custom Fields (JSON) is empty [item 0]',
	],
	[
		'custom field value is an object',
		{ updateFields: { customFieldsJson: '{"Plan": {"x": 1}}' } },
		'Custom Field "Plan" must be text or a list of options, got "{"x":1}" [item 0]',
	],
	[
		'checkbox list with an object',
		{ updateFields: { customFieldsJson: '{"Interests": [{"x": 1}]}' } },
		'Custom Field "Interests" must be a list of options as text, got "[{"x":1}]" [item 0]',
	],
	[
		'checkbox value as broken JSON list',
		{ updateFields: { customFields: { field: [{ name: 'Interests', value: '[WhatsApp]' }] } } },
		'Custom Field "Interests" looks like a JSON array but is not valid JSON: "[WhatsApp]" [item 0]',
	],
	[
		'assigned user not an email',
		{ updateFields: { assignedUser: 'alice' } },
		'Assigned User must be an email address, got "alice" [item 0]',
	],
	[
		'assigned user empty',
		{ updateFields: { assignedUser: '' } },
		'Assigned User must be an email address, got "" [item 0]',
	],
	[
		'assign and unassign',
		{ updateFields: { assignedUser: 'alice@example.com', unassignUser: true } },
		'Assigned User and Unassign User are both set [item 0]',
	],
	[
		'team id empty',
		{ updateFields: { teamId: { __rl: true, mode: 'list', value: '' } } },
		'Team is empty [item 0]',
	],
	[
		'bot status from a bad expression',
		{ updateFields: { botStatus: '={{ "start" }}' } },
		'Bot Status must be one of bot_start, bot_end, got "start" [item 0]',
	],
	['empty note', { updateFields: { note: '' } }, 'Note is empty [item 0]'],
	[
		'blank note from an expression',
		{ updateFields: { note: '={{ "  " }}' } },
		'Note is empty [item 0]',
	],
	[
		'note and clear note',
		{ updateFields: { note: 'x', clearNote: true } },
		'Note and Clear Note are both set [item 0]',
	],
	[
		'note too long',
		{ updateFields: { note: 'a'.repeat(1001) } },
		'Note is too long: 1001 characters, Callbell allows at most 1000 [item 0]',
	],
];

describe('Contact → Update: bad input is refused before any request', () => {
	it('has a corpus of at least 30 bad inputs', () => {
		expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(30);
	});

	it.each(BAD_INPUTS)('%s', async (_label, run, message) => {
		const result = await runUpdate({ updateFields: { name: 'Jane' }, ...run });

		expect(result.error?.message).toBe(message);
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it.each([
		[
			'an id that is not 32 hex characters',
			{ mode: 'id', value: '../auth/me' },
			'A contact id is 32 hexadecimal characters',
		],
		[
			'a conversation link',
			{ mode: 'url', value: `https://dash.callbell.eu/chat/${JANE}` },
			'Not a Callbell contact link',
		],
		['no contact at all', { mode: 'id', value: '' }, 'Parameter "Contact" is required'],
	])(
		'typed into the panel, %s stops the workflow before it runs',
		async (_label, locator, issue) => {
			const result = await runUpdate({
				contactId: { __rl: true, ...locator },
				updateFields: { name: 'Jane' },
			});
			expect(result.error?.message).toContain(issue);
			expect(emulator.requests).toHaveLength(0);
		},
	);

	it('names the right item when only one of several is bad', async () => {
		const result = await runUpdate({
			items: [{ email: 'alice@example.com' }, { email: 'not-an-email' }],
			updateFields: { assignedUser: '={{ $json.email }}' },
		});
		expect(result.error?.message).toBe(
			'Assigned User must be an email address, got "not-an-email" [item 1]',
		);
		expect(patchesSent()).toHaveLength(1);
	});
});

describe('Contact → Update: Callbell errors', () => {
	async function failingUpdate(run: UpdateRun = {}) {
		// Retries off: these stories are about how each failure reads (retries have their own).
		const result = await runUpdate({
			updateFields: { name: 'Jane' },
			options: { retries: 0 },
			...run,
		});
		const error = result.error as (Error & { httpCode?: string; description?: string }) | undefined;
		expect(error).toBeDefined();
		return error!;
	}

	it('401: says to check the token', async () => {
		const error = await failingUpdate({ apiToken: 'wrong-token' });
		expect(error.message).toBe('Callbell answered 401: Invalid API token [item 0]');
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(/API token in the Callbell credential/);
	});

	it('404: says no contact has that id', async () => {
		const missing = 'ffffffffffffffffffffffffffffffff';
		const error = await failingUpdate({ contactId: { __rl: true, mode: 'id', value: missing } });
		expect(error.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(error.description).toBe(
			`No contact with the id ${missing} exists in this Callbell account. Check the Contact field.`,
		);
	});

	it('422: passes on which tag, custom field or user does not exist', async () => {
		const error = await failingUpdate({
			updateFields: {
				tags: 'lead, platinum',
				customFields: { field: [{ name: 'Plan', value: 'Gold' }] },
				assignedUser: 'nobody@example.com',
			},
		});
		expect(error.httpCode).toBe('422');
		expect(error.message).toContain('Tag "platinum" does not exist');
		expect(error.message).toContain(
			'"Gold" is not an option of custom field "Plan" (Free, Pro, Enterprise)',
		);
		expect(error.message).toContain(
			'User "nobody@example.com" is not a collaborator of this account',
		);
		expect(error.description).toMatch(/must already exist in the Callbell account/);
	});

	it('429: explains the rate limit and Retry-After, once 10 waits in a row did not help', async () => {
		emulator.injectFault({
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': '0' },
			times: 11,
		});
		const error = await failingUpdate();
		expect(error.message).toBe('Callbell answered 429: Too Many Requests [item 0]');
		expect(error.description).toMatch(
			/rate limit.*up to 10 in a row.*wait 0 s.*lower Requests per Second/,
		);
		expect(emulator.requests).toHaveLength(11);
	});

	it('500: says it is safe to retry', async () => {
		emulator.injectFault({ status: 500, body: { error: 'Internal Server Error' } });
		const error = await failingUpdate();
		expect(error.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(error.description).toMatch(/safe to try again/);
	});

	it('non-JSON error bodies: plain text and HTML pages', async () => {
		emulator.injectFault({
			status: 503,
			body: 'Service Unavailable: maintenance',
			contentType: 'text/plain',
		});
		expect((await failingUpdate()).message).toBe(
			'Callbell answered 503: Service Unavailable: maintenance [item 0]',
		);

		emulator.injectFault({
			status: 502,
			body: '<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>',
			contentType: 'text/html',
		});
		expect((await failingUpdate()).message).toBe('Callbell answered 502: 502 Bad Gateway [item 0]');

		emulator.injectFault({ status: 500, body: '', contentType: 'text/plain' });
		expect((await failingUpdate()).message).toBe(
			'Callbell answered 500: Internal Server Error [item 0]',
		);
	});

	it('no answer at all: says Callbell could not be reached', async () => {
		emulator.injectFault({ status: 500, dropConnection: true });
		const error = await failingUpdate();
		expect(error.message).toMatch(
			/^Could not reach Callbell at http:\/\/127\.0\.0\.1:\d+\/v1 \(.+\) \[item 0\]$/,
		);
	});
});

describe('Contact → Update: continue on fail', () => {
	it('turns each failure into an error item and runs the rest', async () => {
		const result = await runUpdate({
			continueOnFail: true,
			items: [
				{ id: JANE, email: 'alice@example.com' },
				{ id: JANE, email: 'broken' },
				{ id: 'ffffffffffffffffffffffffffffffff', email: 'bob@example.com' },
				{ id: JOHN, email: 'bob@example.com' },
			],
			contactId: { __rl: true, mode: 'id', value: '={{ $json.id }}' },
			updateFields: { assignedUser: '={{ $json.email }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(4);
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(result.items[0].json.uuid).toBe(JANE);
		expect(result.items[1].json).toMatchObject({
			error: 'Assigned User must be an email address, got "broken" [item 1]',
		});
		expect(result.items[2].json).toMatchObject({
			error: 'Callbell answered 404: Contact not found [item 2]',
			httpCode: '404',
		});
		expect(result.items[3].json.uuid).toBe(JOHN);
		// The invalid item was never sent; every other item was sent exactly once.
		expect(patchesSent().map((request) => request.path)).toEqual([
			`/v1/contacts/${JANE}`,
			'/v1/contacts/ffffffffffffffffffffffffffffffff',
			`/v1/contacts/${JOHN}`,
		]);
	});
});

describe('the API token never leaks', () => {
	function everythingShown(result: RunResult): string {
		return [
			JSON.stringify(result.items),
			JSON.stringify(result.runData),
			inspect(result.error, { depth: 12, showHidden: true }),
			JSON.stringify(result.error, Object.getOwnPropertyNames(result.error ?? {})),
		].join('\n');
	}

	it.each<[string, () => void]>([
		['success', () => undefined],
		[
			'401',
			() => emulator.injectFault({ status: 401, body: { error: `bad token ${TEST_TOKEN}` } }),
		],
		[
			'500 echoing the request',
			() =>
				emulator.injectFault({
					status: 500,
					body: `Authorization: Bearer ${TEST_TOKEN}`,
					contentType: 'text/plain',
				}),
		],
		['dropped connection', () => emulator.injectFault({ status: 500, dropConnection: true })],
	])('%s', async (_label, arrange) => {
		arrange();
		for (const continueOnFail of [false, true]) {
			const result = await runUpdate({ updateFields: { name: 'Jane' }, continueOnFail });
			expect(everythingShown(result)).not.toContain(TEST_TOKEN);
			arrange();
		}
	});
});

describe('credential test', () => {
	it('accepts a good token, with or without a trailing slash', async () => {
		expect(await testCredential(credentials())).toEqual({
			status: 'OK',
			message: expect.any(String),
		});
		expect((await testCredential(credentials({ baseUrl: `${emulator.baseUrl}/` }))).status).toBe(
			'OK',
		);
		expect(emulator.requestsTo('GET', '/v1/auth/me')).toHaveLength(2);
	});

	it('reads a bad token as "the token is invalid"', async () => {
		const result = await testCredential(credentials({ apiToken: 'nope' }));
		expect(result).toEqual({
			status: 'Error',
			message: expect.stringMatching(/^The API token is invalid/),
		});
		expect(result.message).not.toContain('nope');
	});
});
