/**
 * The scripted model over real HTTP, spoken to as n8n's OpenAI Chat Model speaks to OpenAI: it
 * lists itself as the test double it is, answers the scripted turns in order (tool calls, then
 * a final text), records what it received, and refuses clearly what it cannot script.
 */
import {
	SCRIPTED_MODEL_API_KEY,
	startScriptedModel,
	type ChatCompletionRequest,
	type ScriptedModel,
} from '../../dev/model';

let model: ScriptedModel;
const logLines: string[] = [];

beforeAll(async () => {
	model = await startScriptedModel({ log: (line) => logLines.push(line) });
});
beforeEach(() => {
	model.reset();
	logLines.length = 0;
});
afterAll(async () => await model.close());

async function call(
	method: string,
	path: string,
	body?: unknown,
	apiKey = SCRIPTED_MODEL_API_KEY,
): Promise<{ status: number; json: any }> {
	const response = await fetch(`${model.url}${path}`, {
		method,
		headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return { status: response.status, json: await response.json() };
}

const GET_CONTACT = {
	type: 'function' as const,
	function: {
		name: 'Get_contact',
		description: 'Find a contact by phone number',
		parameters: {
			type: 'object',
			properties: { phone: { type: 'string', description: 'With its country code' } },
			required: ['phone'],
		},
	},
};
const ADD_TAGS = {
	type: 'function' as const,
	function: { name: 'Add_tags', description: 'Add tags to a contact', parameters: {} },
};

/** A chat request as LangChain's ChatOpenAI sends it for an agent with two tools. */
function agentRequest(messages: ChatCompletionRequest['messages']): ChatCompletionRequest {
	return {
		model: 'scripted-test-double',
		temperature: 0.7,
		stream: false,
		messages,
		tools: [GET_CONTACT, ADD_TAGS],
	};
}

const SYSTEM = { role: 'system' as const, content: 'You answer customers on WhatsApp.' };
const USER = { role: 'user' as const, content: 'Hi, is my order on its way?' };

describe('The scripted model, as the OpenAI credential and model list see it', () => {
	it('lists one model, the test double, to the right key only', async () => {
		expect(await call('GET', '/v1/models')).toEqual({
			status: 200,
			json: {
				object: 'list',
				data: [
					{
						id: 'scripted-test-double',
						object: 'model',
						created: expect.any(Number),
						owned_by: 'n8n-nodes-callbell test double',
					},
				],
			},
		});
		expect((await call('GET', '/v1/models/scripted-test-double')).json.id).toBe(
			'scripted-test-double',
		);

		const wrongKey = await call('GET', '/v1/models', undefined, 'sk-not-the-key');
		expect(wrongKey.status).toBe(401);
		expect(wrongKey.json.error).toMatchObject({
			code: 'invalid_api_key',
			message: expect.stringMatching(/^scripted-test-double \(a scripted test double/),
		});
		expect(JSON.stringify(wrongKey.json)).not.toContain('sk-not-the-key');
	});
});

describe('A scripted agent conversation', () => {
	it('answers the queued turns in order: tool calls, then the final text', async () => {
		model.enqueue(
			{ toolCalls: [{ name: 'Get_contact', arguments: { phone: '+39 123 456 7890' } }] },
			{ text: 'Your order left yesterday.' },
		);

		const first = await call('POST', '/v1/chat/completions', agentRequest([SYSTEM, USER]));
		expect(first.status).toBe(200);
		expect(first.json).toMatchObject({
			object: 'chat.completion',
			model: 'scripted-test-double',
			choices: [
				{
					index: 0,
					finish_reason: 'tool_calls',
					message: {
						role: 'assistant',
						content: null,
						tool_calls: [
							{
								id: expect.stringMatching(/^call_scripted_/),
								type: 'function',
								function: { name: 'Get_contact', arguments: '{"phone":"+39 123 456 7890"}' },
							},
						],
					},
				},
			],
			usage: { prompt_tokens: expect.any(Number), completion_tokens: expect.any(Number) },
		});
		const toolCall = first.json.choices[0].message.tool_calls[0];

		const second = await call(
			'POST',
			'/v1/chat/completions',
			agentRequest([
				SYSTEM,
				USER,
				{ role: 'assistant', content: '', tool_calls: [toolCall] },
				{ role: 'tool', tool_call_id: toolCall.id, content: '[{"name":"Jane Doe"}]' },
			]),
		);
		expect(second.json.choices[0]).toMatchObject({
			finish_reason: 'stop',
			message: { role: 'assistant', content: 'Your order left yesterday.' },
		});
		expect(second.json.choices[0].message).not.toHaveProperty('tool_calls');
		expect(model.pending).toBe(0);

		// What it received, read as a script reads it.
		expect(model.chats.map((chat) => chat.status)).toEqual([200, 200]);
		const [asked, answered] = model.chats.map((chat) => chat.request);
		expect(asked.tools).toEqual([
			{
				name: 'Get_contact',
				description: 'Find a contact by phone number',
				parameters: GET_CONTACT.function.parameters,
			},
			{ name: 'Add_tags', description: 'Add tags to a contact', parameters: {} },
		]);
		expect(asked.systemPrompt).toBe('You answer customers on WhatsApp.');
		expect(asked.userText).toBe('Hi, is my order on its way?');
		expect(asked.toolTurns).toBe(0);
		expect(answered.toolTurns).toBe(1);
		expect(answered.latestToolResults).toEqual([
			{
				toolCallId: toolCall.id,
				name: 'Get_contact',
				content: '[{"name":"Jane Doe"}]',
				json: [{ name: 'Jane Doe' }],
			},
		]);
		expect(model.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'POST /v1/chat/completions',
			'POST /v1/chat/completions',
		]);
		expect(model.requests[0].headers.authorization).toBe(`Bearer ${SCRIPTED_MODEL_API_KEY}`);
	});

	it('a turn can be a function of the request: it answers with what it was given', async () => {
		model.enqueue((request) => ({
			text: `I was given ${request.toolNames.join(' and ')}; the last tool said ${request.latestToolResults[0]?.content ?? 'nothing'}.`,
		}));

		const answer = await call(
			'POST',
			'/v1/chat/completions',
			agentRequest([
				USER,
				{
					role: 'assistant',
					content: null,
					tool_calls: [
						{ id: 'c1', type: 'function', function: { name: 'Add_tags', arguments: '{}' } },
					],
				},
				{ role: 'tool', tool_call_id: 'c1', content: '{"error":"Tags: give at least one tag."}' },
			]),
		);

		expect(answer.json.choices[0].message.content).toBe(
			'I was given Get_contact and Add_tags; the last tool said {"error":"Tags: give at least one tag."}.',
		);
	});

	it('without a queued turn it answers with its fallback (the demo runs on one)', async () => {
		const withFallback = await startScriptedModel({
			fallback: (request) => ({ text: `Chat ${request.number}: hello.` }),
		});
		try {
			const response = await fetch(`${withFallback.baseUrl}/chat/completions`, {
				method: 'POST',
				headers: { authorization: `Bearer ${SCRIPTED_MODEL_API_KEY}` },
				body: JSON.stringify(agentRequest([USER])),
			});
			const json = (await response.json()) as any;
			expect(json.choices[0].message.content).toBe('Chat 1: hello.');
		} finally {
			await withFallback.close();
		}
	});

	it('logs each exchange as the test double it is', async () => {
		model.enqueue({ toolCalls: [{ name: 'Add_tags', arguments: { tags: 'vip' } }] });

		await call('POST', '/v1/chat/completions', agentRequest([SYSTEM, USER]));

		expect(logLines).toEqual([
			expect.stringMatching(
				/^scripted-test-double \(test double\): chat 1 \(2 messages, 2 tools\) → 200 tool calls Add_tags\(\{"tags":"vip"\}\) \d+ms$/,
			),
		]);
	});
});

describe('What the script cannot answer is refused with a reason, never made up', () => {
	it('a tool the request did not offer', async () => {
		model.enqueue({ toolCalls: [{ name: 'Hand_over', arguments: {} }] });

		const answer = await call('POST', '/v1/chat/completions', agentRequest([USER]));

		expect(answer.status).toBe(400);
		expect(answer.json.error.message).toBe(
			'scripted-test-double (a scripted test double of OpenAI\'s API): the script calls "Hand_over", but the request offers "Get_contact", "Add_tags"',
		);
		expect(model.chats[0]).toMatchObject({
			status: 400,
			error: expect.stringContaining('Hand_over'),
		});
	});

	it('a request after the last turn', async () => {
		const answer = await call('POST', '/v1/chat/completions', agentRequest([USER]));

		expect(answer.status).toBe(400);
		expect(answer.json.error.message).toContain('the script has no turn left for chat request 1');
	});

	it('a streaming request, with the n8n option that turns streaming off', async () => {
		model.enqueue({ text: 'never sent' });

		const answer = await call('POST', '/v1/chat/completions', {
			...agentRequest([USER]),
			stream: true,
		});

		expect(answer.status).toBe(400);
		expect(answer.json.error.message).toContain('Enable Streaming');
		expect(model.pending).toBe(1);
	});

	it('an endpoint it does not serve (e.g. the Responses API of OpenAI Chat Model 1.3)', async () => {
		const answer = await call('POST', '/v1/responses', { input: 'hi' });

		expect(answer.status).toBe(404);
		expect(answer.json.error.message).toContain(
			'POST /v1/responses is not served; it serves GET /v1/models and POST /v1/chat/completions',
		);
	});

	it('a turn whose function throws', async () => {
		model.enqueue(() => {
			throw new Error('no tool result to read');
		});

		const answer = await call('POST', '/v1/chat/completions', agentRequest([USER]));

		expect(answer.status).toBe(400);
		expect(answer.json.error.message).toContain("the script's turn failed: no tool result to read");
	});
});
