/**
 * Message → Send through n8n's real execution engine against the emulator: the node's
 * parameters, the exact body Callbell received, what the account holds afterwards and the items
 * that came out.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { runCallbell, useEmulator, type StoryRun } from '../stories';

const WELCOME = IDS.templates.welcome;
const JANE_PHONE = '+391234567890';
const PDF = 'https://example.com/files/invoice-1042.pdf';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

interface SendRun extends StoryRun {
	parameters: IDataObject;
}

/** Message → Send with these parameters (Channel Type WhatsApp unless given). */
function send(run: SendRun): Promise<RunResult> {
	return runCallbell(emulator, { resource: 'message', operation: 'send', from: 'whatsapp', ...run.parameters } as INodeParameters, run);
}

const sends = () => emulator.requestsTo('POST', '/v1/messages/send');
const bodiesSent = () => sends().map((request) => request.body);
const template = (uuid: string) => ({ __rl: true, mode: 'list', value: uuid });
const messagesTo = (contactUuid: string) =>
	emulator.state.messages.filter((message) => message.contactUuid === contactUuid && message.direction === 'sent' && message.status === 'enqueued');

describe('the exact body of each message type', () => {
	it('text: the phone number as CRMs write it becomes + and the digits; outputs the message', async () => {
		const result = await send({ parameters: { to: '0039 123 456-7890', messageType: 'text', text: 'Hi Jane 👋\nYour order shipped.' } });

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: 'Hi Jane 👋\nYour order shipped.' } },
		]);
		expect(sends()[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
		expect(result.items).toEqual([{ json: { uuid: expect.stringMatching(/^[0-9a-f]{32}$/), status: 'enqueued' }, pairedItem: { item: 0 } }]);
		// Sent to Jane, the contact with that number, not to a new one.
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual(['Hi Jane 👋\nYour order shipped.']);
	});

	it.each<[string, IDataObject, IDataObject]>([
		['image with a caption', { messageType: 'image', mediaUrl: 'https://example.com/p.png', text: 'Your new sofa' }, { type: 'image', content: { url: 'https://example.com/p.png', text: 'Your new sofa' } }],
		['image without a caption', { messageType: 'image', mediaUrl: 'https://example.com/p.png' }, { type: 'image', content: { url: 'https://example.com/p.png' } }],
		['document', { messageType: 'document', mediaUrl: `  ${PDF} `, text: 'Invoice 1042' }, { type: 'document', content: { url: PDF, text: 'Invoice 1042' } }],
		['audio (no caption, even one left over from Text)', { messageType: 'audio', mediaUrl: 'https://example.com/hello.mp3', text: 'left over' }, { type: 'audio', content: { url: 'https://example.com/hello.mp3' } }],
		['video', { messageType: 'video', mediaUrl: 'http://example.com/demo.mp4', text: 'The demo' }, { type: 'video', content: { url: 'http://example.com/demo.mp4', text: 'The demo' } }],
	])('%s', async (_label, parameters, expected) => {
		const result = await send({ parameters: { to: JANE_PHONE, ...parameters } });

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([{ to: JANE_PHONE, from: 'whatsapp', ...expected }]);
		expect(result.items[0].json).toMatchObject({ status: 'enqueued' });
	});

	it('a template with one variable: its value travels as the text, with the opt-in', async () => {
		const result = await send({
			parameters: { to: JANE_PHONE, messageType: 'template', templateId: template(WELCOME), templateValues: ['Jane'], optIn: true },
		});

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: 'Jane' }, template_uuid: WELCOME, optin_contact: true, template_values: ['Jane'] },
		]);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual(['Hello Jane, thanks for reaching out!']);
	});

	it('a template with several variables: template_values in order, from expressions', async () => {
		const demoBooked = 'd00dfeedd00dfeedd00dfeedd00dfee2';
		emulator.state.templates.push({ uuid: demoBooked, title: 'Demo booked', templateType: 'text', category: 'UTILITY', status: 'approved', text: 'Hi {{1}}, your demo is booked for {{2}}.', createdAt: '2026-01-15T09:30:00.000Z' });
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
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: 'Jane' }, template_uuid: demoBooked, optin_contact: true, template_values: ['Jane', 'Monday 10:00'] },
		]);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual(['Hi Jane, your demo is booked for Monday 10:00.']);
	});

	it('a template without variables: an empty text, no template_values', async () => {
		const hello = 'd00dfeedd00dfeedd00dfeedd00dfee9';
		emulator.state.templates.push({ uuid: hello, title: 'Hello', templateType: 'text', category: 'UTILITY', status: 'approved', text: 'Hello from Acme!', createdAt: '2026-01-15T09:30:00.000Z' });
		const result = await send({ parameters: { to: JANE_PHONE, messageType: 'template', templateId: template(hello), optIn: 'true' } });

		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([
			{ to: JANE_PHONE, from: 'whatsapp', type: 'text', content: { text: '' }, template_uuid: hello, optin_contact: true },
		]);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual(['Hello from Acme!']);
	});

	it('Instagram: To is the platform id, sent as given', async () => {
		const result = await send({ parameters: { from: 'instagram', to: ' 17841400000000001 ', messageType: 'text', text: 'Hi!' } });
		expect(result.error).toBeUndefined();
		expect(bodiesSent()).toEqual([{ to: '17841400000000001', from: 'instagram', type: 'text', content: { text: 'Hi!' } }]);
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
					metadata: { entry: [{ key: 'deal_id', value: 'D-1042' }, { key: 'source', value: 'pipedrive' }] },
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
			contact: { uuid: IDS.contacts.maria, assignedUser: 'bob@example.com', team: { uuid: IDS.teams.support } },
			conversation: { source: 'whatsapp' },
		});
		expect(emulator.state.messages.at(-1)).toMatchObject({ contactUuid: IDS.contacts.maria, metadata: { deal_id: 'D-1042', source: 'pipedrive' } });
	});

	it('Return Contact alone asks for the contact only', async () => {
		const result = await send({ parameters: { to: JANE_PHONE, text: 'Hi', additionalFields: { returnContact: true, returnConversation: false } } });
		expect(bodiesSent()[0]).toMatchObject({ fields: 'contact' });
		expect(result.items[0].json).toHaveProperty('contact.uuid', IDS.contacts.jane);
		expect(result.items[0].json).not.toHaveProperty('conversation');
	});

	it('an unknown number becomes a new contact in Callbell, as Callbell does', async () => {
		const before = emulator.state.contacts.length;
		const result = await send({ parameters: { to: '+44 7700 900123', text: 'Welcome!', additionalFields: { returnContact: true } } });
		expect(result.items[0].json).toMatchObject({ contact: { phoneNumber: '+447700900123' } });
		expect(emulator.state.contacts).toHaveLength(before + 1);
	});
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
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
		expect(sends()).toHaveLength(4);
		expect(messagesTo(IDS.contacts.jane).map((message) => message.text)).toEqual(['first', 'second', 'third']);
		expect(messagesTo(IDS.contacts.maria).map((message) => message.text)).toEqual(['to Maria']);
	});

	it('Callbell refusing one item (continue on fail): that item is an error, the others are sent', async () => {
		const result = await send({
			continueOnFail: true,
			items: [{ user: 'alice@example.com' }, { user: 'nobody@example.com' }, { user: 'bob@example.com' }],
			parameters: { to: JANE_PHONE, text: 'Hi', additionalFields: { assignedUser: '={{ $json.user }}' } },
		});

		expect(result.items.map((item) => [Object.keys(item.json).sort(), item.pairedItem])).toEqual([
			[['status', 'uuid'], { item: 0 }],
			[['description', 'error', 'httpCode'], { item: 1 }],
			[['status', 'uuid'], { item: 2 }],
		]);
		expect(result.items[1].json).toMatchObject({ httpCode: '422', error: expect.stringContaining('[item 1]') });
		expect(sends()).toHaveLength(3);
	});
});
