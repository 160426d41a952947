/**
 * Message → Send and WhatsApp's 24-hour window (node version 1.1), through n8n's engine against
 * the emulator: a free-form WhatsApp send (text, media) first looks up the contact and its latest
 * message from them, then, by Window Closed, goes out as asked, fails before sending, or sends the
 * Window Template instead. Never two sends for one item; templates and other channels never look
 * up; a saved version 1 node sends as it always has.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import {
	byId,
	failure,
	fromList,
	inAnyItemOrder,
	itemsOf,
	runOperation,
	useEmulator,
	viaExpression,
	type StoryRun,
} from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const JANE = IDS.contacts.jane;
const MARIA = IDS.contacts.maria;
const JANE_PHONE = '+391234567890';
const MARIA_PHONE = '+393331112222';
const WELCOME = IDS.templates.welcome;

/** Message → Send on a node of version 1.1 (unless given), Channel Type WhatsApp unless given. */
function send(parameters: IDataObject, run: StoryRun = {}): Promise<RunResult> {
	return runOperation(emulator, 'message', 'send', {
		typeVersion: 1.1,
		...run,
		parameters: { from: 'whatsapp', messageType: 'text', ...parameters },
	});
}

/** Every request Callbell received, as "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);
const bodiesSent = () =>
	emulator.requestsTo('POST', '/v1/messages/send').map((request) => request.body);

/** Jane's look-up, as Send makes it: her number, then her messages. */
const JANE_LOOKUP = [`GET /v1/contacts/phone/391234567890`, `GET /v1/contacts/${JANE}/messages`];
const SEND = 'POST /v1/messages/send';

const wrote = (contact: string, hoursAgo: number) =>
	emulator.seedMessage({ contact, hoursAgo, text: 'Any news?' });

const WINDOW_TEMPLATE = {
	windowClosed: 'template',
	windowTemplateId: fromList(WELCOME),
	windowTemplateValues: ['Jane'],
	optIn: true,
};

describe('an open window: sent as asked', () => {
	it('Jane wrote 3 hours ago: her contact, her latest messages, then the text; sentAs text', async () => {
		wrote(JANE, 3);
		const result = await send({ to: '+39 123 456 7890', text: 'Your order shipped' });

		expect(failure(result)).toBeUndefined();
		expect(sent()).toEqual([...JANE_LOOKUP, SEND]);
		expect(bodiesSent()).toEqual([
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: 'Your order shipped' } },
		]);
		expect(itemsOf(result)).toEqual([
			[
				{ uuid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'enqueued', sentAs: 'text' },
				{ item: 0 },
			],
		]);
	});

	it('Maria by her BSUID, an image, from the channel chosen: looked up there, sent as an image', async () => {
		wrote(MARIA, 23);
		const result = await send({
			to: '',
			messageType: 'image',
			mediaUrl: 'https://example.com/sofa.png',
			additionalFields: {
				bsuid: IDS.bsuids.maria,
				channelId: fromList(IDS.channels.whatsapp),
			},
		});

		expect(sent()).toEqual([
			`GET /v1/contacts/bsuid/${IDS.bsuids.maria}`,
			`GET /v1/contacts/${MARIA}/messages`,
			SEND,
		]);
		expect(bodiesSent()[0]).toMatchObject({ bsuid: IDS.bsuids.maria, type: 'image' });
		expect(result.items[0].json.sentAs).toBe('image');
	});

	it('a phone number is looked up in the channel the message goes out from', async () => {
		wrote(JANE, 1);
		await send({
			to: JANE_PHONE,
			text: 'Hi',
			additionalFields: { channelId: fromList(IDS.channels.whatsapp) },
		});
		expect(emulator.requestsTo('GET', '/v1/contacts/phone/391234567890')[0].query).toEqual({
			channel_uuid: IDS.channels.whatsapp,
		});
	});

	it('we wrote 60 times since she did 20 hours ago: read page after page until her message', async () => {
		wrote(JANE, 20);
		for (let n = 60; n > 0; n--)
			emulator.seedMessage({ contact: JANE, direction: 'sent', hoursAgo: n / 4 });
		const result = await send({ to: JANE_PHONE, text: 'One more thing' });

		expect(sent()).toEqual([...JANE_LOOKUP, JANE_LOOKUP[1], SEND]);
		expect(emulator.requestsTo('GET', /messages$/).map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
		]);
		expect(result.items[0].json.sentAs).toBe('text');
	});

	it('a look-up that fails with a 503 is tried again (a GET), and the message goes out once', async () => {
		wrote(JANE, 2);
		emulator.injectFault({ method: 'GET', path: `/v1/contacts/${JANE}/messages`, status: 503 });
		const result = await send({ to: JANE_PHONE, text: 'Hi' });

		expect(failure(result)).toBeUndefined();
		expect(emulator.requestsTo('GET', `/v1/contacts/${JANE}/messages`)).toHaveLength(2);
		expect(bodiesSent()).toHaveLength(1);
	});
});

describe('a closed window, Window Closed → Fail the Item (the default)', () => {
	it('Maria last wrote 30 hours ago: nothing sent, the item says why and names the option', async () => {
		wrote(MARIA, 30);
		const result = await send({ to: MARIA_PHONE, text: 'Hi' }, { continueOnFail: true });

		expect(sent()).toEqual([
			'GET /v1/contacts/phone/393331112222',
			`GET /v1/contacts/${MARIA}/messages`,
		]);
		expect(result.items[0].json).toEqual({
			error: expect.stringMatching(
				/^Not sent: WhatsApp's 24-hour window is closed, \+393331112222 last wrote 30 hours ago \(.+Z\) \[item 0\]$/,
			),
			description:
				"WhatsApp delivers text and media only within 24 hours of the customer's last message. " +
				'Send an approved template instead (Message Type → Template), or set Window Closed ' +
				'(windowClosed) to "Send Template" to send the Window Template in that case, or to "Send ' +
				'Anyway" to skip this check.',
		});
	});

	it("Jane's conversation of January: only as far back as her last message, one page", async () => {
		const result = await send({ to: JANE_PHONE, text: 'Hi' });

		expect(failure(result)?.message).toMatch(
			/^Not sent: WhatsApp's 24-hour window is closed, \+391234567890 last wrote \d+ days ago \(2026-01-20T10:05:00.000Z\) \[item 0\]$/,
		);
		expect(sent()).toEqual(JANE_LOOKUP);
	});

	it('a number Callbell has no contact for: closed, the customer never wrote', async () => {
		const result = await send({ to: '+44 7700 900123', text: 'Hi' }, { continueOnFail: true });

		expect(sent()).toEqual(['GET /v1/contacts/phone/447700900123']);
		expect(result.items[0].json.error).toBe(
			"Not sent: WhatsApp's 24-hour window is closed, +447700900123 has not written to this account on WhatsApp [item 0]",
		);
		expect(emulator.state.contacts.some((contact) => contact.phoneNumber === '+447700900123')).toBe(
			false,
		);
	});

	it('a contact who never wrote (Maria): closed', async () => {
		const result = await send({ to: MARIA_PHONE, text: 'Hi' }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/has not written to this account on WhatsApp/);
		expect(bodiesSent()).toEqual([]);
	});

	it("as an AI Agent's tool: the model reads why and what to do; the run goes on", async () => {
		const result = await send({ to: MARIA_PHONE, text: 'Hi' }, { asTool: true });

		expect(failure(result)).toBeUndefined();
		expect(itemsOf(result)).toEqual([
			[
				{
					error:
						"Not sent: WhatsApp's 24-hour window is closed, +393331112222 has not written to " +
						"this account on WhatsApp. WhatsApp delivers text and media only within 24 hours of the customer's " +
						'last message. Send an approved template instead (Message Type → Template), or set ' +
						'Window Closed (windowClosed) to "Send Template" to send the Window Template in that ' +
						'case, or to "Send Anyway" to skip this check.',
				},
				{ item: 0 },
			],
		]);
		expect(bodiesSent()).toEqual([]);
	});
});

describe('a closed window, Window Closed → Send Template', () => {
	it('Jane, silent since January: the Welcome template instead of the text, with the opt-in; sentAs template', async () => {
		const result = await send({
			to: JANE_PHONE,
			text: 'Your order shipped',
			additionalFields: { metadata: { entry: [{ key: 'deal_id', value: 'D-7' }] } },
			...WINDOW_TEMPLATE,
		});

		expect(failure(result)).toBeUndefined();
		expect(sent()).toEqual([...JANE_LOOKUP, SEND]);
		expect(bodiesSent()).toEqual([
			{
				to: JANE_PHONE,
				from: 'whatsapp',
				type: 'text',
				content: { text: 'Jane' },
				template_uuid: WELCOME,
				optin_contact: true,
				template_values: ['Jane'],
				metadata: { deal_id: 'D-7' },
			},
		]);
		expect(result.items[0].json).toMatchObject({ status: 'enqueued', sentAs: 'template' });
		expect(emulator.state.messages.at(-1)).toMatchObject({
			contactUuid: JANE,
			text: 'Hello Jane, thanks for reaching out!',
		});
	});

	it('an open window still sends the text: sentAs text', async () => {
		wrote(JANE, 1);
		const result = await send({ to: JANE_PHONE, text: 'Your order shipped', ...WINDOW_TEMPLATE });

		expect(bodiesSent()).toEqual([
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: 'Your order shipped' } },
		]);
		expect(result.items[0].json.sentAs).toBe('text');
	});

	it.each<[string, IDataObject, string]>([
		[
			'without Contact Opted In',
			{ optIn: false },
			'Contact Opted In must be on to send the Window Template',
		],
		[
			'without a Window Template',
			{ windowTemplateId: fromList('={{ "" }}') },
			'Window Template is empty',
		],
		[
			'with an empty Window Template value',
			{ windowTemplateValues: ['Jane', ' '] },
			'Window Template Values (value 2) is empty',
		],
	])(
		'%s: refused before any request, whether the window is open or not',
		async (_label, change, message) => {
			wrote(JANE, 1);
			const result = await send(
				{ to: JANE_PHONE, text: 'Hi', ...WINDOW_TEMPLATE, ...change },
				{ continueOnFail: true },
			);

			expect(emulator.requests).toEqual([]);
			expect(result.items[0].json.error).toBe(`${message} [item 0]`);
		},
	);
});

describe('the Window Template by its name', () => {
	it('"welcome" from an expression: the templates once, the window, then the template', async () => {
		const result = await send({
			to: JANE_PHONE,
			text: 'Hi',
			...WINDOW_TEMPLATE,
			windowTemplateId: byId(viaExpression('welcome')),
		});

		expect(sent()).toEqual(['GET /v1/templates', ...JANE_LOOKUP, SEND]);
		expect(bodiesSent()[0]).toMatchObject({ template_uuid: WELCOME, optin_contact: true });
		expect(result.items[0].json.sentAs).toBe('template');
	});

	it('a name no template has: refused before the window is looked up', async () => {
		const result = await send(
			{
				to: JANE_PHONE,
				text: 'Hi',
				...WINDOW_TEMPLATE,
				windowTemplateId: byId(viaExpression('Promo')),
			},
			{ continueOnFail: true },
		);

		expect(sent()).toEqual(['GET /v1/templates']);
		expect(result.items[0].json.error).toBe(
			'Window Template "Promo" is not the id or the name of a template of this account [item 0]',
		);
	});

	it("an AI Agent's tool call in plain strings: a closed window sends the template it named", async () => {
		const result = await send(
			{
				from: '={{ "whatsapp" }}',
				to: '+39 123 456 7890',
				text: 'Your order shipped',
				windowClosed: '={{ "template" }}',
				windowTemplateId: 'Welcome',
				windowTemplateValues: ['Jane'],
				optIn: true,
				additionalFields: { teamId: 'Support' },
			},
			{ asTool: true },
		);

		expect(inAnyItemOrder(sent())).toEqual(
			inAnyItemOrder(['GET /v1/teams', 'GET /v1/templates', ...JANE_LOOKUP, SEND]),
		);
		expect(bodiesSent()[0]).toMatchObject({ template_uuid: WELCOME, team_uuid: IDS.teams.support });
		expect(result.items[0].json).toMatchObject({ status: 'enqueued', sentAs: 'template' });
	});
});

describe('no look-up', () => {
	it('Window Closed → Send Anyway: sent as asked, however long ago she wrote', async () => {
		const result = await send({ to: JANE_PHONE, text: 'Hi', windowClosed: 'send' });

		expect(sent()).toEqual([SEND]);
		expect(result.items[0].json.sentAs).toBe('text');
	});

	it('a template is delivered whenever: sent at once, sentAs template', async () => {
		const result = await send({
			to: JANE_PHONE,
			messageType: 'template',
			templateId: fromList(WELCOME),
			templateValues: ['Jane'],
			optIn: true,
		});

		expect(sent()).toEqual([SEND]);
		expect(result.items[0].json.sentAs).toBe('template');
	});

	it('Instagram has no such window: sent at once', async () => {
		const result = await send({ from: 'instagram', to: '17841400000000001', text: 'Hi!' });

		expect(sent()).toEqual([SEND]);
		expect(result.items[0].json.sentAs).toBe('text');
	});

	it('a saved version 1 node sends as it always has: no look-up, the same output', async () => {
		const result = await send({ to: JANE_PHONE, text: 'Hi' }, { typeVersion: 1 });

		expect(sent()).toEqual([SEND]);
		expect(result.items[0].json).toEqual({ uuid: expect.any(String), status: 'enqueued' });
	});
});

describe('many items', () => {
	it('one look-up and at most one send per item: open for Jane, closed for Maria', async () => {
		wrote(JANE, 5);
		const result = await send(
			{ to: '={{ $json.phone }}', text: 'Hi' },
			{ items: [{ phone: JANE_PHONE }, { phone: MARIA_PHONE }], continueOnFail: true },
		);

		expect(bodiesSent()).toEqual([
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: 'Hi' } },
		]);
		expect(result.items.map((item) => [Object.keys(item.json).sort(), item.pairedItem])).toEqual([
			[['sentAs', 'status', 'uuid'], { item: 0 }],
			[['description', 'error'], { item: 1 }],
		]);
	});
});
