/**
 * The part of OpenAI's Chat Completions API the scripted model speaks, as n8n's OpenAI Chat
 * Model (`lmChatOpenAi`, through LangChain's ChatOpenAI) sends and reads it: the request's
 * messages and tools read into a view a script can act on, and the answers built from a
 * scripted reply. Pure: no I/O.
 */

/** The model id the test double answers as (and lists in `GET /v1/models`). */
export const SCRIPTED_MODEL_ID = 'scripted-test-double';

export interface ChatToolCall {
	id: string;
	type: 'function';
	function: { name: string; arguments: string };
}

export interface ChatMessage {
	role: 'system' | 'developer' | 'user' | 'assistant' | 'tool';
	content?: string | Array<{ type: string; text?: string }> | null;
	tool_calls?: ChatToolCall[];
	tool_call_id?: string;
	name?: string;
}

export interface ChatTool {
	type: 'function';
	function: { name: string; description?: string; parameters?: Record<string, unknown> };
}

/** `POST /v1/chat/completions` as received (other fields are kept, not read). */
export interface ChatCompletionRequest {
	model?: string;
	messages: ChatMessage[];
	tools?: ChatTool[];
	stream?: boolean;
	[key: string]: unknown;
}

/** A tool the request offered the model: what n8n made of a tool node. */
export interface OfferedTool {
	name: string;
	description: string;
	/** The JSON schema of the tool's arguments (for n8n's node tools: the `$fromAI()` keys). */
	parameters: Record<string, unknown>;
}

/** A tool's answer, as the agent handed it back to the model. */
export interface ToolResult {
	toolCallId: string;
	/** The name of the tool the call went to (from the assistant message that made it). */
	name: string;
	/** The content as sent (n8n sends the tool's output items as JSON text). */
	content: string;
	/** `content` parsed as JSON, or undefined when it is not JSON. */
	json: unknown;
}

/** What a script sees of one chat request. */
export interface ChatRequestView {
	/** 1 for the first chat request the model received since its start or last reset. */
	number: number;
	body: ChatCompletionRequest;
	messages: ChatMessage[];
	tools: OfferedTool[];
	toolNames: string[];
	/** The system message's text ('' without one). */
	systemPrompt: string;
	/** The last user message's text ('' without one). */
	userText: string;
	/** Every tool result in the conversation so far, oldest first. */
	toolResults: ToolResult[];
	/** The tool results after the model's last turn (what its previous tool calls returned). */
	latestToolResults: ToolResult[];
	/** How many times the model answered with tool calls in this conversation so far. */
	toolTurns: number;
}

/** A tool call a script makes the model answer with. */
export interface ScriptedToolCall {
	/** A tool name the request offered: the model refuses to call a tool it was not given. */
	name: string;
	/** The arguments, as an object (sent as JSON text) or as the raw text a model would send. */
	arguments: Record<string, unknown> | string;
}

/** One answer of the model: tool calls (with optional text beside them), or the final text. */
export type ScriptedReply = { toolCalls: ScriptedToolCall[]; text?: string } | { text: string };

/** One turn of a script: the reply, or a function of the request that gives it. */
export type ScriptedTurn = ScriptedReply | ((request: ChatRequestView) => ScriptedReply);

export function messageText(message: ChatMessage | undefined): string {
	const content = message?.content;
	if (typeof content === 'string') return content;
	if (Array.isArray(content))
		return content.map((part) => (typeof part.text === 'string' ? part.text : '')).join('');
	return '';
}

function parseJson(text: string): unknown {
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

/** Whether a body is a chat request the model can answer (messages present). */
export function isChatCompletionRequest(body: unknown): body is ChatCompletionRequest {
	return (
		typeof body === 'object' &&
		body !== null &&
		Array.isArray((body as { messages?: unknown }).messages)
	);
}

export function viewOf(body: ChatCompletionRequest, number: number): ChatRequestView {
	const messages = body.messages;
	const tools = (body.tools ?? []).map((tool): OfferedTool => ({
		name: tool.function.name,
		description: tool.function.description ?? '',
		parameters: tool.function.parameters ?? {},
	}));
	const callNames = new Map<string, string>();
	const toolResults: ToolResult[] = [];
	let latestToolResults: ToolResult[] = [];
	let toolTurns = 0;
	for (const message of messages) {
		if (message.role === 'assistant' && message.tool_calls?.length) {
			toolTurns++;
			latestToolResults = [];
			for (const call of message.tool_calls) callNames.set(call.id, call.function.name);
		}
		if (message.role === 'tool') {
			const content = messageText(message);
			const result: ToolResult = {
				toolCallId: message.tool_call_id ?? '',
				name: callNames.get(message.tool_call_id ?? '') ?? message.name ?? '',
				content,
				json: parseJson(content),
			};
			toolResults.push(result);
			latestToolResults.push(result);
		}
	}
	return {
		number,
		body,
		messages,
		tools,
		toolNames: tools.map((tool) => tool.name),
		systemPrompt: messageText(
			messages.find((message) => message.role === 'system' || message.role === 'developer'),
		),
		userText: messageText([...messages].reverse().find((message) => message.role === 'user')),
		toolResults,
		latestToolResults,
		toolTurns,
	};
}

/** Why the model cannot give this reply to this request, or undefined when it can. */
export function replyProblem(reply: ScriptedReply, request: ChatRequestView): string | undefined {
	if (!('toolCalls' in reply)) return undefined;
	if (reply.toolCalls.length === 0)
		return 'the script answers with an empty list of tool calls; give a text instead';
	const unknown = reply.toolCalls.filter((call) => !request.toolNames.includes(call.name));
	if (unknown.length === 0) return undefined;
	return `the script calls ${unknown.map((call) => `"${call.name}"`).join(', ')}, but the request offers ${
		request.toolNames.length ? request.toolNames.map((name) => `"${name}"`).join(', ') : 'no tools'
	}`;
}

/** Tokens as OpenAI would roughly count them (about 4 characters each); n8n shows the usage. */
function roughTokens(text: string): number {
	return Math.max(1, Math.ceil(text.length / 4));
}

/** The `chat.completion` answer for a reply; `sequence` makes the ids unique. */
export function completionFor(
	reply: ScriptedReply,
	request: ChatRequestView,
	sequence: number,
): Record<string, unknown> {
	const toolCalls: ChatToolCall[] =
		'toolCalls' in reply
			? reply.toolCalls.map((call, index) => ({
					id: `call_scripted_${sequence}_${index + 1}`,
					type: 'function',
					function: {
						name: call.name,
						arguments:
							typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments),
					},
				}))
			: [];
	const text = reply.text ?? null;
	const completionText = (text ?? '') + toolCalls.map((call) => call.function.arguments).join('');
	const promptTokens = roughTokens(
		JSON.stringify(request.messages) + JSON.stringify(request.tools),
	);
	const completionTokens = roughTokens(completionText);
	return {
		id: `chatcmpl-scripted-${sequence}`,
		object: 'chat.completion',
		created: Math.floor(Date.now() / 1000),
		model: SCRIPTED_MODEL_ID,
		system_fingerprint: SCRIPTED_MODEL_ID,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: text,
					...(toolCalls.length > 0 && { tool_calls: toolCalls }),
				},
				logprobs: null,
				finish_reason: toolCalls.length > 0 ? 'tool_calls' : 'stop',
			},
		],
		usage: {
			prompt_tokens: promptTokens,
			completion_tokens: completionTokens,
			total_tokens: promptTokens + completionTokens,
		},
	};
}

/** One line for the log: what the model answered. */
export function describeReply(reply: ScriptedReply): string {
	if (!('toolCalls' in reply)) return `text ${JSON.stringify(shorten(reply.text))}`;
	return `tool calls ${reply.toolCalls
		.map(
			(call) =>
				`${call.name}(${shorten(typeof call.arguments === 'string' ? call.arguments : JSON.stringify(call.arguments))})`,
		)
		.join(', ')}`;
}

function shorten(text: string, max = 120): string {
	return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}
