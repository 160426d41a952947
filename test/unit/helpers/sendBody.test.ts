/** The pure builder behind Message → Send: boundaries and conversions the engine stories do not walk. */
import {
	buildMetadata,
	buildSendBody,
	requireMediaUrl,
	templateValuesFrom,
	windowTemplateBody,
} from '../../../nodes/Callbell/helpers/sendBody';

const TEMPLATE = { __rl: true, mode: 'list', value: 'D00DFEEDD00DFEEDD00DFEEDD00DFEE1' };

describe('buildMetadata', () => {
	it('accepts exactly the limits: 10 keys, a 50-character key, a 500-character value', () => {
		const rows = Array.from({ length: 9 }, (_, n) => ({ key: `k${n}`, value: 'v' }));
		rows.push({ key: 'k'.repeat(50), value: 'v'.repeat(500) });
		expect(Object.keys(buildMetadata(rows) ?? {})).toHaveLength(10);
	});

	it('counts an emoji as one character, trims keys and turns numbers and booleans into text', () => {
		expect(
			buildMetadata([
				{ key: ' amount ', value: 42 },
				{ key: 'paid', value: true },
				{ key: 'mood', value: '😀'.repeat(500) },
			]),
		).toEqual({
			amount: '42',
			paid: 'true',
			mood: '😀'.repeat(500),
		});
	});

	it('no rows: no metadata at all', () => {
		expect(buildMetadata([])).toBeUndefined();
	});
});

describe('templateValuesFrom', () => {
	it.each<[unknown, string[]]>([
		[undefined, []],
		[[], []],
		['Jane', ['Jane']],
		[
			['Jane', 3, false],
			['Jane', '3', 'false'],
		],
	])('%j → %j', (value, expected) => {
		expect(templateValuesFrom(value)).toEqual(expected);
	});
});

describe('requireMediaUrl', () => {
	it('keeps a link as given (query included), trimmed', () => {
		expect(requireMediaUrl('Media URL', ' https://cdn.example.com/a.pdf?sig=x%20y ')).toBe(
			'https://cdn.example.com/a.pdf?sig=x%20y',
		);
	});
});

describe('buildSendBody', () => {
	it('a template id is lower-cased, Channel Type read case-insensitively, a number To from an expression accepted', () => {
		expect(
			buildSendBody({
				to: 391234567890,
				from: 'WhatsApp',
				messageType: 'template',
				templateId: TEMPLATE,
				templateValues: ['Jane', 'Monday'],
				optIn: true,
				additionalFields: {},
			}),
		).toEqual({
			to: '+391234567890',
			from: 'whatsapp',
			type: 'text',
			content: { text: 'Jane' },
			template_uuid: 'd00dfeedd00dfeedd00dfeedd00dfee1',
			optin_contact: true,
			template_values: ['Jane', 'Monday'],
		});
	});

	it('Return Contact and Return Conversation off send no fields', () => {
		expect(
			buildSendBody({
				to: '+391234567890',
				from: 'whatsapp',
				messageType: 'text',
				text: 'Hi',
				additionalFields: { returnContact: false, returnConversation: false },
			}),
		).toEqual({
			to: '+391234567890',
			from: 'whatsapp',
			type: 'text',
			content: { text: 'Hi' },
		});
	});
});

describe('windowTemplateBody', () => {
	const text = buildSendBody({
		to: '+391234567890',
		from: 'whatsapp',
		messageType: 'image',
		mediaUrl: 'https://example.com/p.png',
		text: 'Your sofa',
		additionalFields: { metadata: { entry: [{ key: 'deal', value: '7' }] }, returnContact: true },
	});

	it('the same recipient, metadata and fields, the media replaced by the template', () => {
		expect(
			windowTemplateBody(text, { templateId: TEMPLATE, templateValues: ['Jane'], optIn: 'true' }),
		).toEqual({
			to: '+391234567890',
			from: 'whatsapp',
			type: 'text',
			content: { text: 'Jane' },
			template_uuid: 'd00dfeedd00dfeedd00dfeedd00dfee1',
			optin_contact: true,
			template_values: ['Jane'],
			metadata: { deal: '7' },
			fields: 'contact',
		});
	});

	it.each<[string, object, string]>([
		[
			'no opt-in',
			{ templateId: TEMPLATE, optIn: false },
			'Contact Opted In must be on to send the Window Template',
		],
		[
			'no template',
			{ templateId: { mode: 'list', value: '' }, optIn: true },
			'Window Template is empty',
		],
		[
			'an empty value',
			{ templateId: TEMPLATE, templateValues: ['Jane', ' '], optIn: true },
			'Window Template Values (value 2) is empty',
		],
	])('%s: refused, naming the window fields', (_label, input, message) => {
		expect(() =>
			windowTemplateBody(text, { templateValues: [], ...input } as Parameters<
				typeof windowTemplateBody
			>[1]),
		).toThrow(message);
	});
});
