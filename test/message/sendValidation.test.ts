/**
 * Message → Send refuses what cannot be right before anything leaves n8n: each bad input ends in
 * an error naming the item and the field, and Callbell receives no request at all.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { runCallbell, useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const TEXT = { to: '+39 123 456 7890', messageType: 'text', text: 'Hi' };
const TEMPLATE = { to: '+39 123 456 7890', messageType: 'template', templateId: { __rl: true, mode: 'list', value: IDS.templates.welcome }, templateValues: ['Jane'], optIn: true };
const IMAGE = { to: '+39 123 456 7890', messageType: 'image', mediaUrl: 'https://example.com/p.png' };
const metadataRows = (count: number) => ({ entry: Array.from({ length: count }, (_, n) => ({ key: `key${n}`, value: 'v' })) });

/** [what is wrong, parameters (over Channel Type WhatsApp), the error's message]. */
const BAD_SENDS: Array<[string, IDataObject, string | RegExp]> = [
	['no recipient', { ...TEXT, to: '' }, 'To is empty'],
	['a recipient of spaces only', { ...TEXT, to: '   ' }, 'To is empty'],
	['both To and a BSUID', { ...TEXT, additionalFields: { bsuid: IDS.bsuids.maria } }, 'To and Additional Fields → BSUID both name the recipient'],
	['a WhatsApp number with letters', { ...TEXT, to: '+39 333 CALL ME' }, 'To must be a phone number, got "+39 333 CALL ME"'],
	['a WhatsApp number too short', { ...TEXT, to: '+39 12' }, /^To must have 6 to 15 digits with the country code/],
	['a WhatsApp number too long', { ...TEXT, to: '+39 1234 5678 9012 345' }, /^To must have 6 to 15 digits/],
	['an Instagram id with spaces', { ...TEXT, from: 'instagram', to: 'jane doe' }, /^To must be the contact's instagram id, without spaces/],
	['a BSUID for Instagram', { ...TEXT, to: '', from: 'instagram', additionalFields: { bsuid: IDS.bsuids.maria } }, 'A BSUID names a WhatsApp contact, but Channel Type is instagram'],
	['a BSUID with spaces', { ...TEXT, to: '', additionalFields: { bsuid: 'US 1349' } }, 'BSUID must be a BSUID without spaces, got "US 1349"'],
	['a channel type that is not one', { ...TEXT, from: 'Whats App!' }, /^Channel Type must be a channel type such as whatsapp/],
	['empty text (from an expression)', { ...TEXT, text: '={{ $json.missing }}' }, 'Text is empty'],
	['text of spaces and line breaks', { ...TEXT, text: ' \n ' }, 'Text is empty'],
	['text that is an object (expression)', { ...TEXT, text: '={{ { a: 1 } }}' }, /^Text must be text, got/],
	['media without a URL (from an expression)', { ...IMAGE, mediaUrl: '={{ "" }}' }, 'Media URL is empty'],
	['a media URL that is not a link', { ...IMAGE, mediaUrl: 'invoice.pdf' }, 'Media URL must be an http(s) link, got "invoice.pdf"'],
	['an ftp media URL', { ...IMAGE, mediaUrl: 'ftp://example.com/p.png' }, 'Media URL must be an http(s) link, got "ftp://example.com/p.png"'],
	['a file:// media URL', { ...IMAGE, mediaUrl: 'file:///etc/passwd' }, /^Media URL must be an http\(s\) link/],
	['a media URL with spaces', { ...IMAGE, mediaUrl: 'https://example.com/my invoice.pdf' }, 'Media URL contains spaces: "https://example.com/my invoice.pdf"'],
	['a template without opt-in', { ...TEMPLATE, optIn: false }, 'Contact Opted In must be on to send a template'],
	['a template whose opt-in is the text "yes"', { ...TEMPLATE, optIn: '={{ "yes" }}' }, 'Contact Opted In must be true or false, got "yes"'],
	['a template whose opt-in is false from an expression', { ...TEMPLATE, optIn: '={{ "false" }}' }, 'Contact Opted In must be on to send a template'],
	['a template id that resolves to nothing', { ...TEMPLATE, templateId: { __rl: true, mode: 'id', value: '={{ $json.templateId }}' } }, 'Template is empty'],
	['a template id that is not one', { ...TEMPLATE, templateId: { __rl: true, mode: 'id', value: '={{ "welcome" }}' } }, 'Template must be a Callbell id of 32 hexadecimal characters, got "welcome"'],
	['a template over Instagram', { ...TEMPLATE, from: 'instagram', to: '17841400000000001' }, 'Templates are WhatsApp messages, but Channel Type is instagram'],
	['a template value left empty', { ...TEMPLATE, templateValues: ['Jane', ''] }, 'Template Values (value 2) is empty'],
	['a template value that is an object', { ...TEMPLATE, templateValues: ['={{ { name: "Jane" } }}'] }, /^Template Values \(value 1\) must be text/],
	['eleven metadata keys', { ...TEXT, additionalFields: { metadata: metadataRows(11) } }, 'Metadata has 11 keys, Callbell allows at most 10'],
	['a metadata key of 51 characters', { ...TEXT, additionalFields: { metadata: { entry: [{ key: 'k'.repeat(51), value: 'v' }] } } }, /^Metadata key "k+" is longer than 50 characters$/],
	['a metadata value of 501 characters', { ...TEXT, additionalFields: { metadata: { entry: [{ key: 'note', value: 'v'.repeat(501) }] } } }, 'Metadata value of "note" is longer than 500 characters (501)'],
	['an empty metadata key', { ...TEXT, additionalFields: { metadata: { entry: [{ key: ' ', value: 'v' }] } } }, 'A Metadata key is empty'],
	['a metadata key twice', { ...TEXT, additionalFields: { metadata: { entry: [{ key: 'deal', value: '1' }, { key: 'deal', value: '2' }] } } }, 'Metadata key "deal" appears twice'],
	['an assigned user that is not an email', { ...TEXT, additionalFields: { assignedUser: 'Bob' } }, 'Assigned User must be an email address, got "Bob"'],
	['a team id that is not one', { ...TEXT, additionalFields: { teamId: { __rl: true, mode: 'id', value: 'sales' } } }, 'Team must be a Callbell id of 32 hexadecimal characters, got "sales"'],
	['a channel id that is not one', { ...TEXT, additionalFields: { channelId: { __rl: true, mode: 'id', value: 'main' } } }, 'Channel must be a Callbell id of 32 hexadecimal characters, got "main"'],
	['a bot status that is not one', { ...TEXT, additionalFields: { botStatus: '={{ "pause" }}' } }, 'Bot Status must be one of bot_start, bot_end, got "pause"'],
];

describe('a bad send is refused before any request', () => {
	it(`the corpus has at least 25 cases (${BAD_SENDS.length})`, () => {
		expect(BAD_SENDS.length).toBeGreaterThanOrEqual(25);
	});

	it.each(BAD_SENDS)('%s', async (_label, parameters, message) => {
		const result = await runCallbell(emulator, { resource: 'message', operation: 'send', from: 'whatsapp', ...parameters } as INodeParameters, {
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
	])('an empty required %s is caught by n8n itself: the workflow does not run', async (field, parameters) => {
		const result = await runCallbell(emulator, { resource: 'message', operation: 'send', from: 'whatsapp', ...parameters } as INodeParameters);
		expect(result.error?.message).toContain(field);
		expect(result.items).toEqual([]);
		expect(emulator.requests).toEqual([]);
	});

	it('without continue on fail, the first bad item stops the node and names it', async () => {
		const result = await runCallbell(emulator, { resource: 'message', operation: 'send', from: 'whatsapp', to: '={{ $json.phone }}', messageType: 'text', text: 'Hi' }, {
			items: [{ phone: '+39 123 456 7890' }, { phone: 'unknown' }],
		});
		expect(result.error?.message).toBe('To must be a phone number, got "unknown" [item 1]');
		expect((result.error as Error & { description?: string }).description).toMatch(/country code/);
	});
});
