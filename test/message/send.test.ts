/**
 * Message → Send through n8n's real execution engine against the emulator: the node's
 * parameters, the exact body Callbell received, what the account holds afterwards and the items
 * that came out; sent at most once per item, whatever goes wrong after it may have reached
 * Callbell (the emulator does the work, then loses or spoils its answer, and the item is an error
 * instead of a second message); and every input that cannot be right refused before anything
 * leaves n8n, naming the item and the field.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator, Fault } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import {
	byId,
	fromList,
	inAnyItemOrder,
	runOperation,
	useDebugLogs,
	useEmulator,
	viaExpression,
	type StoryRun,
} from '../stories';

const WELCOME = IDS.templates.welcome;
const JANE_PHONE = '+391234567890';
const PDF = 'https://example.com/files/invoice-1042.pdf';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));
const logs = useDebugLogs();

interface SendRun extends StoryRun {
	parameters: IDataObject;
}

/** Message → Send with these parameters (Channel Type WhatsApp unless given; Options among them). */
function send(run: SendRun): Promise<RunResult> {
	const { options, ...parameters } = run.parameters;
	return runOperation(emulator, 'message', 'send', {
		...run,
		parameters: { from: 'whatsapp', ...parameters },
		options: options as IDataObject | undefined,
	});
}

const sends = () => emulator.requestsTo('POST', '/v1/messages/send');
const bodiesSent = () => sends().map((request) => request.body);
const template = (uuid: string) => ({ __rl: true, mode: 'list', value: uuid });
const messagesTo = (contactUuid: string) =>
	emulator.state.messages.filter(
		(message) =>
			message.contactUuid === contactUuid &&
			message.direction === 'sent' &&
			message.status === 'enqueued',
	);

const SEND: IDataObject = {
	to: '+39 123 456 7890',
	messageType: 'text',
	text: 'Your order shipped',
};

const delivered = () =>
	emulator.state.messages.filter((message) => message.text === 'Your order shipped');

function inject(fault: Omit<Fault, 'method' | 'path'>): void {
	emulator.injectFault({ method: 'POST', path: '/v1/messages/send', ...fault });
}

/** Callbell sent the message, then: [what went wrong, fault]. */
const AFTER_SENDING: Array<[string, Omit<Fault, 'method' | 'path'>]> = [
	['a 500', { status: 500, body: { error: 'Internal Server Error' }, afterHandling: true }],
	[
		'a 502 page from a proxy',
		{
			status: 502,
			body: '<html>Bad Gateway</html>',
			contentType: 'text/html',
			afterHandling: true,
		},
	],
	[
		'a 503',
		{ status: 503, body: 'Service Unavailable', contentType: 'text/plain', afterHandling: true },
	],
	['a dropped connection', { status: 200, dropConnection: true, afterHandling: true }],
	[
		'an answer cut off',
		{
			status: 200,
			body: '{"message": {"uuid": "ab',
			contentType: 'application/json',
			afterHandling: true,
		},
	],
];

const TEXT = { to: '+39 123 456 7890', messageType: 'text', text: 'Hi' };
const TEMPLATE = {
	to: '+39 123 456 7890',
	messageType: 'template',
	templateId: { __rl: true, mode: 'list', value: IDS.templates.welcome },
	templateValues: ['Jane'],
	optIn: true,
};
const IMAGE = {
	to: '+39 123 456 7890',
	messageType: 'image',
	mediaUrl: 'https://example.com/p.png',
};
const metadataRows = (count: number) => ({
	entry: Array.from({ length: count }, (_, n) => ({ key: `key${n}`, value: 'v' })),
});

/** [what is wrong, parameters (over Channel Type WhatsApp), the error's message]. */
const BAD_SENDS: Array<[string, IDataObject, string | RegExp]> = [
	['no recipient', { ...TEXT, to: '' }, 'To is empty'],
	['a recipient of spaces only', { ...TEXT, to: '   ' }, 'To is empty'],
	[
		'both To and a BSUID',
		{ ...TEXT, additionalFields: { bsuid: IDS.bsuids.maria } },
		'To and Additional Fields → BSUID both name the recipient',
	],
	[
		'a WhatsApp number with letters',
		{ ...TEXT, to: '+39 333 CALL ME' },
		'To must be a phone number, got "+39 333 CALL ME"',
	],
	[
		'a WhatsApp number too short',
		{ ...TEXT, to: '+39 12' },
		/^To must have 6 to 15 digits with the country code/,
	],
	[
		'a WhatsApp number too long',
		{ ...TEXT, to: '+39 1234 5678 9012 345' },
		/^To must have 6 to 15 digits/,
	],
	[
		'an Instagram id with spaces',
		{ ...TEXT, from: 'instagram', to: 'jane doe' },
		/^To must be the contact's instagram id, without spaces/,
	],
	[
		'a BSUID for Instagram',
		{ ...TEXT, to: '', from: 'instagram', additionalFields: { bsuid: IDS.bsuids.maria } },
		'A BSUID names a WhatsApp contact, but Channel Type is instagram',
	],
	[
		'a BSUID with spaces',
		{ ...TEXT, to: '', additionalFields: { bsuid: 'US 1349' } },
		'BSUID must be a BSUID without spaces, got "US 1349"',
	],
	[
		'a channel type that is not one',
		{ ...TEXT, from: 'Whats App!' },
		/^Channel Type must be a channel type such as whatsapp/,
	],
	['empty text (from an expression)', { ...TEXT, text: '={{ $json.missing }}' }, 'Text is empty'],
	['text of spaces and line breaks', { ...TEXT, text: ' \n ' }, 'Text is empty'],
	[
		'text that is an object (expression)',
		{ ...TEXT, text: '={{ { a: 1 } }}' },
		/^Text must be text, got/,
	],
	[
		'media without a URL (from an expression)',
		{ ...IMAGE, mediaUrl: '={{ "" }}' },
		'Media URL is empty',
	],
	[
		'a media URL that is not a link',
		{ ...IMAGE, mediaUrl: 'invoice.pdf' },
		'Media URL must be an http(s) link, got "invoice.pdf"',
	],
	[
		'an ftp media URL',
		{ ...IMAGE, mediaUrl: 'ftp://example.com/p.png' },
		'Media URL must be an http(s) link, got "ftp://example.com/p.png"',
	],
	[
		'a file:// media URL',
		{ ...IMAGE, mediaUrl: 'file:///etc/passwd' },
		/^Media URL must be an http\(s\) link/,
	],
	[
		'a media URL with spaces',
		{ ...IMAGE, mediaUrl: 'https://example.com/my invoice.pdf' },
		'Media URL contains spaces: "https://example.com/my invoice.pdf"',
	],
	[
		'a template without opt-in',
		{ ...TEMPLATE, optIn: false },
		'Contact Opted In must be on to send a template',
	],
	[
		'a template whose opt-in is the text "yes"',
		{ ...TEMPLATE, optIn: '={{ "yes" }}' },
		'Contact Opted In must be true or false, got "yes"',
	],
	[
		'a template whose opt-in is false from an expression',
		{ ...TEMPLATE, optIn: '={{ "false" }}' },
		'Contact Opted In must be on to send a template',
	],
	[
		'a template id that resolves to nothing',
		{ ...TEMPLATE, templateId: { __rl: true, mode: 'id', value: '={{ $json.templateId }}' } },
		'Template is empty',
	],
	[
		'a template over Instagram',
		{ ...TEMPLATE, from: 'instagram', to: '17841400000000001' },
		'Templates are WhatsApp messages, but Channel Type is instagram',
	],
	[
		'a template value left empty',
		{ ...TEMPLATE, templateValues: ['Jane', ''] },
		'Template Values (value 2) is empty',
	],
	[
		'a template value that is an object',
		{ ...TEMPLATE, templateValues: ['={{ { name: "Jane" } }}'] },
		/^Template Values \(value 1\) must be text/,
	],
	[
		'eleven metadata keys',
		{ ...TEXT, additionalFields: { metadata: metadataRows(11) } },
		'Metadata has 11 keys, Callbell allows at most 10',
	],
	[
		'a metadata key of 51 characters',
		{ ...TEXT, additionalFields: { metadata: { entry: [{ key: 'k'.repeat(51), value: 'v' }] } } },
		/^Metadata key "k+" is longer than 50 characters$/,
	],
	[
		'a metadata value of 501 characters',
		{
			...TEXT,
			additionalFields: { metadata: { entry: [{ key: 'note', value: 'v'.repeat(501) }] } },
		},
		'Metadata value of "note" is longer than 500 characters (501)',
	],
	[
		'an empty metadata key',
		{ ...TEXT, additionalFields: { metadata: { entry: [{ key: ' ', value: 'v' }] } } },
		'A Metadata key is empty',
	],
	[
		'a metadata key twice',
		{
			...TEXT,
			additionalFields: {
				metadata: {
					entry: [
						{ key: 'deal', value: '1' },
						{ key: 'deal', value: '2' },
					],
				},
			},
		},
		'Metadata key "deal" appears twice',
	],
	[
		'an assigned user that is not an email',
		{ ...TEXT, additionalFields: { assignedUser: 'Bob' } },
		'Assigned User must be an email address, got "Bob"',
	],
	[
		'a bot status that is not one',
		{ ...TEXT, additionalFields: { botStatus: '={{ "pause" }}' } },
		'Bot Status must be one of bot_start, bot_end, got "pause"',
	],
];

describe('the exact body of each message type', () => {
	it('text: the phone number as CRMs write it becomes + and the digits; outputs the message', async () => {
		const result = await send({
			parameters: {
				to: '0039 123 456-7890',
				messageType: 'text',
				text: 'Hi Jane 👋\nYour order shipped.',
			},
		});

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{
				to: JANE_PHONE,
				from: 'whatsapp',
				type: 'text',
				content: { text: 'Hi Jane 👋\nYour order shipped.' },
			},
		]);
		expect(sends()[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
		expect(result.items).toEqual([
			{
				json: { uuid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'enqueued' },
				pairedItem: { item: 0 },
			},
		]);
		// Sent to Jane, the contact with that number, not to a new one.
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual([
			'Hi Jane 👋\nYour order shipped.',
		]);
	});

	it.each<[string, IDataObject, IDataObject]>([
		[
			'image with a caption',
			{ messageType: 'image', mediaUrl: 'https://example.com/p.png', text: 'Your new sofa' },
			{ type: 'image', content: { url: 'https://example.com/p.png', text: 'Your new sofa' } },
		],
		[
			'image without a caption',
			{ messageType: 'image', mediaUrl: 'https://example.com/p.png' },
			{ type: 'image', content: { url: 'https://example.com/p.png' } },
		],
		[
			'document',
			{ messageType: 'document', mediaUrl: `  ${PDF} `, text: 'Invoice 1042' },
			{ type: 'document', content: { url: PDF, text: 'Invoice 1042' } },
		],
		[
			'audio (no caption, even one left over from Text)',
			{ messageType: 'audio', mediaUrl: 'https://example.com/hello.mp3', text: 'left over' },
			{ type: 'audio', content: { url: 'https://example.com/hello.mp3' } },
		],
		[
			'video',
			{ messageType: 'video', mediaUrl: 'http://example.com/demo.mp4', text: 'The demo' },
			{ type: 'video', content: { url: 'http://example.com/demo.mp4', text: 'The demo' } },
		],
	])('%s', async (_label, parameters, expected) => {
		const result = await send({ parameters: { to: JANE_PHONE, ...parameters } });

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([{ to: JANE_PHONE, from: 'whatsapp', ...expected }]);
		expect(result.items[0].json).toMatchObject({ status: 'enqueued' });
	});

	it('a template with one variable: its value travels as the text, with the opt-in', async () => {
		const result = await send({
			parameters: {
				to: JANE_PHONE,
				messageType: 'template',
				templateId: template(WELCOME),
				templateValues: ['Jane'],
				optIn: true,
			},
		});

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{
				to: JANE_PHONE,
				from: 'whatsapp',
				type: 'text',
				content: { text: 'Jane' },
				template_uuid: WELCOME,
				optin_contact: true,
				template_values: ['Jane'],
			},
		]);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual([
			'Hello Jane, thanks for reaching out!',
		]);
	});

	it('a template with several variables: template_values in order, from expressions', async () => {
		const demoBooked = 'd00dfeedd00dfeedd00dfeedd00dfee2';
		emulator.state.templates.push({
			uuid: demoBooked,
			title: 'Demo booked',
			templateType: 'text',
			category: 'UTILITY',
			status: 'approved',
			text: 'Hi {{1}}, your demo is booked for {{2}}.',
			createdAt: '2026-01-15T09:30:00.000Z',
		});
		const result = await send({
			items: [{ firstName: 'Jane', slot: 'Monday 10:00', optedIn: true }],
			parameters: {
				to: JANE_PHONE,
				messageType: 'template',
				templateId: { __rl: true, mode: 'id', value: demoBooked },
				templateValues: ['={{ $json.firstName }}', '={{ $json.slot }}'],
				optIn: '={{ $json.optedIn }}',
			},
		});

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{
				to: JANE_PHONE,
				from: 'whatsapp',
				type: 'text',
				content: { text: 'Jane' },
				template_uuid: demoBooked,
				optin_contact: true,
				template_values: ['Jane', 'Monday 10:00'],
			},
		]);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual([
			'Hi Jane, your demo is booked for Monday 10:00.',
		]);
	});

	it('a template without variables: an empty text, no template_values', async () => {
		const hello = 'd00dfeedd00dfeedd00dfeedd00dfee9';
		emulator.state.templates.push({
			uuid: hello,
			title: 'Hello',
			templateType: 'text',
			category: 'UTILITY',
			status: 'approved',
			text: 'Hello from Acme!',
			createdAt: '2026-01-15T09:30:00.000Z',
		});
		const result = await send({
			parameters: {
				to: JANE_PHONE,
				messageType: 'template',
				templateId: template(hello),
				optIn: 'true',
			},
		});

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{
				to: JANE_PHONE,
				from: 'whatsapp',
				type: 'text',
				content: { text: '' },
				template_uuid: hello,
				optin_contact: true,
			},
		]);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual([
			'Hello from Acme!',
		]);
	});

	it('Instagram: To is the platform id, sent as given', async () => {
		const result = await send({
			parameters: {
				from: 'instagram',
				to: ' 17841400000000001 ',
				messageType: 'text',
				text: 'Hi!',
			},
		});
		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{ to: '17841400000000001', from: 'instagram', type: 'text', content: { text: 'Hi!' } },
		]);
	});
});

describe('additional fields', () => {
	it('every one: channel, BSUID instead of To, assignment, team, bot, metadata, contact and conversation in the output', async () => {
		const result = await send({
			parameters: {
				to: '',
				messageType: 'text',
				text: 'Your invoice is ready',
				additionalFields: {
					bsuid: IDS.bsuids.maria,
					channelId: { __rl: true, mode: 'list', value: IDS.channels.whatsapp },
					assignedUser: 'bob@example.com',
					teamId: { __rl: true, mode: 'id', value: IDS.teams.support },
					botStatus: 'bot_end',
					metadata: {
						entry: [
							{ key: 'deal_id', value: 'D-1042' },
							{ key: 'source', value: 'pipedrive' },
						],
					},
					returnContact: true,
					returnConversation: true,
				},
			},
		});

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{
				bsuid: IDS.bsuids.maria,
				from: 'whatsapp',
				type: 'text',
				content: { text: 'Your invoice is ready' },
				channel_uuid: IDS.channels.whatsapp,
				assigned_user: 'bob@example.com',
				team_uuid: IDS.teams.support,
				bot_status: 'bot_end',
				metadata: { deal_id: 'D-1042', source: 'pipedrive' },
				fields: 'contact,conversation',
			},
		]);
		expect(result.items[0].json).toMatchObject({
			status: 'enqueued',
			contact: {
				uuid: IDS.contacts.maria,
				assignedUser: 'bob@example.com',
				team: { uuid: IDS.teams.support },
			},
			conversation: { source: 'whatsapp' },
		});
		expect(emulator.state.messages.at(-1)).toMatchObject({
			contactUuid: IDS.contacts.maria,
			metadata: { deal_id: 'D-1042', source: 'pipedrive' },
		});
	});

	it('Return Contact alone asks for the contact only', async () => {
		const result = await send({
			parameters: {
				to: JANE_PHONE,
				text: 'Hi',
				additionalFields: { returnContact: true, returnConversation: false },
			},
		});
		expect(bodiesSent()[0]).toMatchObject({ fields: 'contact' });
		expect(result.items[0].json).toHaveProperty('contact.uuid', IDS.contacts.jane);
		expect(result.items[0].json).not.toHaveProperty('conversation');
	});

	it('Options → Simplify Output: the returned contact in its compact form, the message as it was', async () => {
		const simplified = await send({
			parameters: {
				to: JANE_PHONE,
				text: 'Hi',
				additionalFields: { returnContact: true, returnConversation: true },
				options: { simplify: true },
			},
		});
		const whole = await send({
			parameters: { to: JANE_PHONE, text: 'Hi again', additionalFields: { returnContact: true } },
		});
		const compact = simplified.items[0].json.contact as IDataObject;
		expect(Object.keys(compact).sort()).toEqual(
			[
				'uuid',
				'name',
				'phoneNumber',
				'source',
				'tags',
				'assignedUser',
				'teamUuid',
				'teamName',
				'customFields',
				'note',
				'funnelId',
				'closedAt',
				'href',
			].sort(),
		);
		expect(compact).toMatchObject({ uuid: IDS.contacts.jane, phoneNumber: JANE_PHONE });
		expect(simplified.items[0].json).toHaveProperty('conversation');
		expect(simplified.items[0].json).toMatchObject({ status: 'enqueued' });
		// Without the option (as every Send saved before it), the contact is whole.
		expect(Object.keys(whole.items[0].json.contact as IDataObject)).toEqual(
			expect.arrayContaining(['uuid', 'createdAt']),
		);
		expect(Object.keys(whole.items[0].json.contact as IDataObject).length).toBeGreaterThan(
			Object.keys(compact).length,
		);
		expect(bodiesSent()).toHaveLength(2);
	});

	it('an unknown number becomes a new contact in Callbell, as Callbell does', async () => {
		const before = emulator.state.contacts.length;
		const result = await send({
			parameters: {
				to: '+44 7700 900123',
				text: 'Welcome!',
				additionalFields: { returnContact: true },
			},
		});
		expect(result.items[0].json).toMatchObject({ contact: { phoneNumber: '+447700900123' } });
		expect(emulator.state.contacts).toHaveLength(before + 1);
	});
});

describe('names where ids go (from an AI agent or an expression)', () => {
	/** Every request Callbell received, as "METHOD /path". */
	const seen = () => emulator.requests.map((request) => `${request.method} ${request.path}`);

	it('the template "welcome": one look-up of the templates, then the send with its id', async () => {
		const result = await send({
			parameters: { ...TEMPLATE, templateId: byId(viaExpression('welcome')) },
		});

		expect(result.error).toBeUndefined();
		expect(seen()).toEqual(['GET /v1/templates', 'POST /v1/messages/send']);
		expect(bodiesSent()[0]).toMatchObject({ template_uuid: WELCOME, optin_contact: true });
	});

	it('Team "Support" and Channel "WhatsApp Sales": each looked up once, sent with their ids', async () => {
		const result = await send({
			items: [{ team: 'Support' }, { team: ' support ' }],
			parameters: {
				...TEXT,
				additionalFields: {
					teamId: byId('={{ $json.team }}'),
					channelId: fromList(viaExpression('WhatsApp Sales')),
				},
			},
		});

		expect(result.error).toBeUndefined();
		expect(inAnyItemOrder(seen())).toEqual([
			'GET /v1/channels',
			'GET /v1/teams',
			'POST /v1/messages/send',
			'POST /v1/messages/send',
		]);
		expect(bodiesSent()).toEqual([
			expect.objectContaining({
				team_uuid: IDS.teams.support,
				channel_uuid: IDS.channels.whatsapp,
			}),
			expect.objectContaining({
				team_uuid: IDS.teams.support,
				channel_uuid: IDS.channels.whatsapp,
			}),
		]);
	});

	it.each<[string, IDataObject, string, string]>([
		[
			'a team',
			{ ...TEXT, additionalFields: { teamId: byId(viaExpression('Marketing')) } },
			'Team "Marketing" is not the id or the name of a team of this account',
			'Give one of its teams: "Sales", "Support", or its id (32 hexadecimal characters).',
		],
		[
			'a template',
			{ ...TEMPLATE, templateId: byId(viaExpression('Black Friday')) },
			'Template "Black Friday" is not the id or the name of a template of this account',
			'Give one of its templates: "Welcome", or its id (32 hexadecimal characters).',
		],
		[
			'a channel',
			{ ...TEXT, additionalFields: { channelId: byId(viaExpression('main')) } },
			'Channel "main" is not the id or the name of a channel of this account',
			'Give one of its channels: "WhatsApp Sales", "Instagram", or its id (32 hexadecimal characters).',
		],
	])(
		'%s no one has: refused before any send, with the names there are',
		async (_label, parameters, message, hint) => {
			const result = await send({ parameters, continueOnFail: true });

			expect(sends()).toEqual([]);
			expect(result.items[0].json).toEqual({ error: `${message} [item 0]`, description: hint });
		},
	);
});

describe('many items', () => {
	it('one message per item, each paired; messages to the same person arrive in input order', async () => {
		const result = await send({
			items: [
				{ phone: JANE_PHONE, text: 'first' },
				{ phone: '+39 333 111 2222', text: 'to Maria' },
				{ phone: '+39 123 456 7890', text: 'second' },
				{ phone: '00391234567890', text: 'third' },
			],
			parameters: { to: '={{ $json.phone }}', text: '={{ $json.text }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
			{ item: 3 },
		]);
		expect(sends()).toHaveLength(4);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual([
			'first',
			'second',
			'third',
		]);
		expect(messagesTo(IDS.contacts.maria).map((message) => message.text)).toEqual(['to Maria']);
	});

	it('Callbell refusing one item (continue on fail): that item is an error, the others are sent', async () => {
		const result = await send({
			continueOnFail: true,
			items: [
				{ user: 'alice@example.com' },
				{ user: 'nobody@example.com' },
				{ user: 'bob@example.com' },
			],
			parameters: {
				to: JANE_PHONE,
				text: 'Hi',
				additionalFields: { assignedUser: '={{ $json.user }}' },
			},
		});

		expect(result.items.map((item) => [Object.keys(item.json).sort(), item.pairedItem])).toEqual([
			[['status', 'uuid'], { item: 0 }],
			[['description', 'error', 'httpCode'], { item: 1 }],
			[['status', 'uuid'], { item: 2 }],
		]);
		expect(result.items[1].json).toMatchObject({
			httpCode: '422',
			error: expect.stringContaining('[item 1]'),
		});
		expect(sends()).toHaveLength(3);
	});
});

describe('a send that may have reached Callbell is never sent again', () => {
	it.each(AFTER_SENDING)(
		'%s: one request, the message once in Callbell, one error item saying to check',
		async (_label, fault) => {
			inject(fault);
			const result = await send({
				parameters: { ...SEND, options: { retries: 5 } },
				continueOnFail: true,
			});

			expect(sends()).toHaveLength(1);
			expect(delivered()).toHaveLength(1);
			expect(result.items).toHaveLength(1);
			expect(result.items[0].pairedItem).toEqual({ item: 0 });
			expect(result.items[0].json.error).toMatch(/\[item 0\]$/);
			expect(result.items[0].json.description).toMatch(/check in Callbell/i);
			expect(
				logs.lines().filter((line) => line.startsWith('Callbell POST /messages/send')),
			).toEqual([expect.stringMatching(/not retried \(.*(never sent twice|no retries)/)]);
		},
	);

	it('a timeout (Options → Timeout): not sent again, though Callbell sent it', async () => {
		inject({
			status: 200,
			body: { message: { uuid: 'late' } },
			delayMs: 1500,
			afterHandling: true,
		});
		const result = await send({
			parameters: { ...SEND, options: { timeout: 1 } },
			continueOnFail: true,
		});

		expect(sends()).toHaveLength(1);
		expect(delivered()).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/\[item 0\]$/);
	});

	it('without continue on fail the run stops with that error, and the message is still sent once', async () => {
		inject({ status: 500, body: { error: 'Internal Server Error' }, afterHandling: true });
		const result = await send({ parameters: SEND });
		expect(result.error?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(delivered()).toHaveLength(1);
	});
});

describe('a send Callbell refused before doing anything is sent again', () => {
	it('a 429: waited out and sent once more; the message exists once', async () => {
		inject({
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': '0' },
			times: 2,
		});
		const result = await send({ parameters: SEND });

		expect(result.error).toBeUndefined();
		expect(sends()).toHaveLength(3);
		expect(delivered()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ status: 'enqueued' });
	});

	it('a refused connection (nothing sent): tried again, then reported', async () => {
		const result = await send({
			parameters: { ...SEND, options: { retries: 1 } },
			baseUrl: 'http://127.0.0.1:9/v1',
			continueOnFail: true,
		});
		expect(result.items[0].json.error).toMatch(
			/^Could not reach Callbell at http:\/\/127\.0\.0\.1:9\/v1 \(connection refused\) \[item 0\]$/,
		);
		expect(logs.lines().filter((line) => line.startsWith('Callbell POST /messages/send'))).toEqual([
			expect.stringMatching(/retry 1 of 1 in \d+ ms \(ECONNREFUSED: nothing was sent\)$/),
			'Callbell POST /messages/send: not retried (no retries left (1 allowed))',
		]);
	});

	it('a 422 (Callbell refused the values) is not retried and says what Callbell said', async () => {
		const result = await send({
			parameters: {
				...SEND,
				additionalFields: {
					teamId: { __rl: true, mode: 'id', value: 'ffffffffffffffffffffffffffffffff' },
				},
			},
			continueOnFail: true,
		});
		expect(sends()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			httpCode: '422',
			error: expect.stringContaining('ffffffffffffffffffffffffffffffff'),
		});
		expect(
			emulator.state.messages.filter((message) => message.contactUuid === IDS.contacts.jane),
		).toHaveLength(3);
	});
});

describe('a bad send is refused before any request', () => {
	it(`the corpus has at least 25 cases (${BAD_SENDS.length})`, () => {
		expect(BAD_SENDS.length).toBeGreaterThanOrEqual(25);
	});

	it.each(BAD_SENDS)('%s', async (_label, parameters, message) => {
		const result = await send({
			parameters,
			items: [{}, {}],
			continueOnFail: true,
		});

		expect(emulator.requests).toEqual([]);
		expect(result.items).toHaveLength(2);
		result.items.forEach((item, itemIndex) => {
			expect(item.pairedItem).toEqual({ item: itemIndex });
			const error = item.json.error as string;
			expect(error.endsWith(` [item ${itemIndex}]`)).toBe(true);
			const withoutItem = error.slice(0, -` [item ${itemIndex}]`.length);
			if (typeof message === 'string') expect(withoutItem).toBe(message);
			else expect(withoutItem).toMatch(message);
		});
	});

	it.each<[string, IDataObject]>([
		['Text', { ...TEXT, text: '' }],
		['Media URL', { ...IMAGE, mediaUrl: '' }],
		['Template', { ...TEMPLATE, templateId: { __rl: true, mode: 'list', value: '' } }],
	])(
		'an empty required %s is caught by n8n itself: the workflow does not run',
		async (field, parameters) => {
			const result = await send({ parameters });
			expect(result.error?.message).toContain(field);
			expect(result.items).toEqual([]);
			expect(emulator.requests).toEqual([]);
		},
	);

	it('without continue on fail, the first bad item stops the node and names it', async () => {
		const result = await send({
			parameters: { to: '={{ $json.phone }}', messageType: 'text', text: 'Hi' },
			items: [{ phone: '+39 123 456 7890' }, { phone: 'unknown' }],
		});
		expect(result.error?.message).toBe('To must be a phone number, got "unknown" [item 1]');
		expect((result.error as Error & { description?: string }).description).toMatch(/country code/);
	});
});
