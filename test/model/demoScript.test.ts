/**
 * The demo's script (`npm run dev`'s WhatsApp AI assistant): for any incoming message it finds
 * the contact, reads and tags in one turn, replies, then sums up, each step read from the tool
 * results in the request, as n8n sends them. (The e2e runs it in real n8n.)
 */
import { viewOf, type ChatCompletionRequest, type ChatMessage } from '../../dev/model';
import { phoneNumberIn, whatsAppAssistantTurn } from '../../dev/model/demoScript';

const JANE = '414a6d692bd645ed803f2e7ce360d4c8';

function tool(name: string, description: string, args: string[]) {
	return {
		type: 'function' as const,
		function: {
			name,
			description,
			parameters: {
				type: 'object',
				properties: Object.fromEntries(args.map((arg) => [arg, { type: 'string' }])),
			},
		},
	};
}

/** The demo workflow's tools, as n8n offers them (its node names; arguments from $fromAI). */
const TOOLS = [
	tool('Reply_on_WhatsApp', 'Send a message or template to a contact in Callbell', ['to', 'text']),
	tool('Add_tags', 'Add tags to a contact in Callbell', ['contact', 'tags']),
	tool('Hand_over_to_the_team', 'Hand a conversation over to a team or person in Callbell', [
		'contact',
		'team',
		'note',
	]),
	tool('Read_messages', 'Get the latest messages of a contact in Callbell', ['contact']),
	tool('Find_contact', 'Find a contact by phone number or ID in Callbell', ['phone']),
];

const PROMPT =
	'A customer wrote on WhatsApp.\nPhone number: +391234567890\nName: Jane Doe\nMessage: Hi!';

/** The conversation so far: each earlier call answered with its items, as n8n hands them back. */
function conversation(
	calls: Array<[name: string, args: object, items: unknown]>,
	tools = TOOLS,
	prompt = PROMPT,
): ChatCompletionRequest {
	const messages: ChatMessage[] = [
		{ role: 'system', content: 'You are the WhatsApp assistant.' },
		{ role: 'user', content: prompt },
	];
	calls.forEach(([name, args, items], index) => {
		const id = `call_${index}`;
		messages.push(
			{
				role: 'assistant',
				content: '',
				tool_calls: [{ id, type: 'function', function: { name, arguments: JSON.stringify(args) } }],
			},
			{ role: 'tool', tool_call_id: id, content: JSON.stringify(items) },
		);
	});
	return { model: 'scripted-test-double', messages, tools };
}

const turn = (request: ChatCompletionRequest) => whatsAppAssistantTurn(viewOf(request, 1));

const FOUND: [string, object, unknown] = [
	'Find_contact',
	{ phone: '+391234567890' },
	[{ uuid: JANE, name: 'Jane Doe', phoneNumber: '+391234567890' }],
];
const READ: [string, object, unknown] = [
	'Read_messages',
	{ contact: JANE },
	[
		{ from: 'customer', text: 'Hi!' },
		{ from: 'account', text: 'Hello' },
	],
];
const TAGGED: [string, object, unknown] = [
	'Add_tags',
	{ contact: JANE, tags: 'hot' },
	[{ uuid: JANE, tags: ['lead', 'hot'] }],
];
const REPLIED: [string, object, unknown] = [
	'Reply_on_WhatsApp',
	{},
	[{ uuid: 'a'.repeat(32), status: 'enqueued' }],
];

describe('The WhatsApp AI assistant demo script', () => {
	it('first looks the contact up by the phone number in the prompt', () => {
		expect(turn(conversation([]))).toEqual({
			toolCalls: [{ name: 'Find_contact', arguments: { phone: '+391234567890' } }],
		});
	});

	it('then reads the messages and tags the contact in one turn, with the id it found', () => {
		expect(turn(conversation([FOUND]))).toEqual({
			toolCalls: [
				{ name: 'Read_messages', arguments: { contact: JANE } },
				{ name: 'Add_tags', arguments: { contact: JANE, tags: 'hot' } },
			],
		});
	});

	it('then replies to the number Callbell has, greeting the contact by first name', () => {
		expect(turn(conversation([FOUND, READ, TAGGED]))).toEqual({
			toolCalls: [
				{
					name: 'Reply_on_WhatsApp',
					arguments: {
						to: '+391234567890',
						text: 'Hi Jane, thanks for your message! We have your conversation in front of us and a colleague will get back to you shortly.',
					},
				},
			],
		});
	});

	it('ends with what it did, saying it is a script', () => {
		expect(turn(conversation([FOUND, READ, TAGGED, REPLIED]))).toEqual({
			text: 'Found Jane Doe, read their latest 2 messages, tagged them "hot", replied on WhatsApp. (scripted-test-double: a scripted demo, not a real model)',
		});
	});

	it('hands the conversation over to Support, with a note, when the customer asks for a person', () => {
		const asksForAPerson = PROMPT.replace('Message: Hi!', 'Message: Can I talk to a person?');
		expect(turn(conversation([FOUND, READ, TAGGED], TOOLS, asksForAPerson))).toEqual({
			toolCalls: [
				{
					name: 'Hand_over_to_the_team',
					arguments: {
						contact: JANE,
						team: 'Support',
						note: 'Jane Doe asked to talk to a person: Can I talk to a person?',
					},
				},
			],
		});
		const handedOver: [string, object, unknown] = [
			'Hand_over_to_the_team',
			{},
			[{ handedOver: { botStopped: true, notePosted: true } }],
		];
		const afterHandOver = [FOUND, READ, TAGGED, handedOver];
		expect(turn(conversation(afterHandOver, TOOLS, asksForAPerson))).toMatchObject({
			toolCalls: [{ name: 'Reply_on_WhatsApp' }],
		});
		expect(turn(conversation([...afterHandOver, REPLIED], TOOLS, asksForAPerson))).toEqual({
			text: 'Found Jane Doe, read their latest 2 messages, tagged them "hot", handed the conversation over to Support, replied on WhatsApp. (scripted-test-double: a scripted demo, not a real model)',
		});
	});

	it('stops with the refusal when the contact is not found', () => {
		const refused = [{ error: 'Callbell answered 404: No contact with the phone number.' }];
		expect(turn(conversation([['Find_contact', {}, refused]]))).toEqual({
			text: expect.stringMatching(
				/^Could not find the contact \+391234567890: \[\{"error":"Callbell answered 404/,
			),
		});
	});

	it('finds tools by what they do, so renamed or removed tool nodes keep it working', () => {
		const renamed = [
			tool('Lookup', 'Find a contact by phone number or ID in Callbell', ['number']),
			tool('Answer', 'Send a message or template to a contact in Callbell', ['to', 'message']),
		];
		const found: [string, object, unknown] = ['Lookup', {}, FOUND[2]];

		expect(turn(conversation([], renamed))).toEqual({
			toolCalls: [{ name: 'Lookup', arguments: { number: '+391234567890' } }],
		});
		expect(turn(conversation([found], renamed))).toMatchObject({
			toolCalls: [{ name: 'Answer', arguments: { to: '+391234567890' } }],
		});
		expect(turn(conversation([found, ['Answer', {}, REPLIED[2]]], renamed))).toEqual({
			text: expect.stringMatching(/^Found Jane Doe, replied on WhatsApp\. /),
		});
	});

	it('reads phone numbers as people write them', () => {
		expect(phoneNumberIn('Phone number: +39 123 456 7890\nName: Jane')).toBe('+39 123 456 7890');
		expect(phoneNumberIn('from 0039 333-111-2222.')).toBe('0039 333-111-2222');
		expect(phoneNumberIn('Order 42 is late')).toBeUndefined();
	});
});
