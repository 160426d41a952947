/**
 * The scripted model: a **test double** of OpenAI's API on 127.0.0.1 that n8n's OpenAI Chat
 * Model (`lmChatOpenAi`, credential `openAiApi` with its Base URL pointing here) talks to. It
 * answers with the turns a test or the demo scripts (tool calls with their arguments, then a
 * final text; a turn may be a function of the request), and records every request it received.
 * It thinks nothing: it only replays the script, and says so in its model id, its errors and
 * its log lines.
 *
 * Serves `GET /v1/models` (the model list and the credential test), `GET /v1/models/:id`,
 * `POST /v1/chat/completions` (no streaming) and `GET /__model/chats` (what it received and
 * answered, for people looking in).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

import { parseJson, readBody } from '../httpBody';
import {
	completionFor,
	describeReply,
	isChatCompletionRequest,
	replyProblem,
	SCRIPTED_MODEL_ID,
	viewOf,
	type ChatRequestView,
	type ScriptedReply,
	type ScriptedTurn,
} from './chat';

export * from './chat';

/** The API key the model accepts unless told another (the `openAiApi` credential's API Key). */
export const SCRIPTED_MODEL_API_KEY = 'sk-scripted-test-double';

/** Starts every error message and log line: nobody mistakes the double for a model. */
const WHO = `${SCRIPTED_MODEL_ID} (a scripted test double of OpenAI's API)`;

export interface ScriptedModelOptions {
	host?: string;
	port?: number;
	/** The one accepted API key; default SCRIPTED_MODEL_API_KEY. */
	apiKey?: string;
	/** The turn used when none is queued (the demo's script); without it such a request gets a 400. */
	fallback?: ScriptedTurn;
	/** One line per request: what came in and what the script answered. */
	log?: (line: string) => void;
}

export interface RecordedModelRequest {
	method: string;
	path: string;
	headers: Record<string, string | string[] | undefined>;
	body: unknown;
	status: number;
	receivedAt: number;
}

/** One chat request and what the model answered (`reply`), or why it refused (`error`). */
export interface ChatExchange {
	request: ChatRequestView;
	status: number;
	reply?: ScriptedReply;
	error?: string;
}

export interface ScriptedModel {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** `<url>/v1`: the `openAiApi` credential's Base URL. */
	baseUrl: string;
	port: number;
	apiKey: string;
	modelId: string;
	/** Every HTTP request, in arrival order. */
	requests: RecordedModelRequest[];
	/** Every chat request with its answer, in arrival order. */
	chats: ChatExchange[];
	/** Adds turns to the script; each chat request takes the next one. */
	enqueue(...turns: ScriptedTurn[]): void;
	/** Turns queued and not yet taken. */
	readonly pending: number;
	/** Forgets the queued turns and the recorded requests. */
	reset(): void;
	close(): Promise<void>;
}

interface Answer {
	status: number;
	body: object;
	/** For a chat request: the exchange it was recorded as. */
	exchange?: ChatExchange;
}

/** OpenAI's error shape, so n8n shows the message. */
function openAiError(status: number, message: string, code: string): Answer {
	return {
		status,
		body: {
			error: { message: `${WHO}: ${message}`, type: 'invalid_request_error', param: null, code },
		},
	};
}

function modelJson(): object {
	return {
		id: SCRIPTED_MODEL_ID,
		object: 'model',
		created: 1767225600,
		owned_by: 'n8n-nodes-callbell test double',
	};
}

export async function startScriptedModel(
	options: ScriptedModelOptions = {},
): Promise<ScriptedModel> {
	const apiKey = options.apiKey ?? SCRIPTED_MODEL_API_KEY;
	const log = options.log;
	const queue: ScriptedTurn[] = [];
	const requests: RecordedModelRequest[] = [];
	const chats: ChatExchange[] = [];
	const sockets = new Set<Socket>();

	function takeReply(view: ChatRequestView): ScriptedReply | { error: string } {
		const turn = queue.shift() ?? options.fallback;
		if (!turn)
			return {
				error: `the script has no turn left for chat request ${view.number} (queue turns before the run, or start the model with a fallback)`,
			};
		try {
			return typeof turn === 'function' ? turn(view) : turn;
		} catch (error) {
			return { error: `the script's turn failed: ${(error as Error).message}` };
		}
	}

	function chatCompletion(body: unknown): Answer {
		if (!isChatCompletionRequest(body))
			return openAiError(400, 'the body has no "messages" list', 'invalid_request');
		const view = viewOf(body, chats.length + 1);
		const exchange: ChatExchange = { request: view, status: 0 };
		chats.push(exchange);
		const refuse = (message: string): Answer => {
			exchange.error = message;
			return { ...openAiError(400, message, 'scripted_refusal'), exchange };
		};
		if (body.stream === true)
			// n8n streams only when the agent's trigger answers with a streaming response.
			return refuse(
				"streaming is not scripted; turn off the AI Agent's Options → Enable Streaming, or set the trigger's response mode to one that does not stream",
			);
		const reply = takeReply(view);
		if ('error' in reply) return refuse(reply.error);
		const problem = replyProblem(reply, view);
		if (problem) return refuse(problem);
		exchange.reply = reply;
		return { status: 200, body: completionFor(reply, view, view.number), exchange };
	}

	function answer(
		method: string,
		path: string,
		headers: IncomingMessage['headers'],
		rawBody: string,
	): Answer {
		if (method === 'GET' && path === '/__model/chats') return { status: 200, body: chats };
		if (headers.authorization !== `Bearer ${apiKey}`)
			return openAiError(
				401,
				'Incorrect API key provided: use the key the double was started with',
				'invalid_api_key',
			);
		if (method === 'GET' && path === '/v1/models')
			return { status: 200, body: { object: 'list', data: [modelJson()] } };
		if (method === 'GET' && path === `/v1/models/${SCRIPTED_MODEL_ID}`)
			return { status: 200, body: modelJson() };
		if (method === 'POST' && path === '/v1/chat/completions') {
			const parsed = parseJson(rawBody);
			if (!parsed.ok) return openAiError(400, 'the body is not JSON', 'invalid_json');
			return chatCompletion(parsed.value);
		}
		return openAiError(
			404,
			`${method} ${path} is not served; it serves GET /v1/models and POST /v1/chat/completions (no streaming, no Responses API: use the OpenAI Chat Model at version 1.2)`,
			'unknown_url',
		);
	}

	function logLine(method: string, path: string, result: Answer, started: number): void {
		if (!log) return;
		const { exchange } = result;
		const ms = `${Date.now() - started}ms`;
		if (!exchange) {
			log(`${SCRIPTED_MODEL_ID} (test double): ${method} ${path} → ${result.status} ${ms}`);
			return;
		}
		const { request } = exchange;
		const received = `chat ${request.number} (${request.messages.length} messages, ${request.tools.length} tools)`;
		const outcome = exchange.reply
			? describeReply(exchange.reply)
			: `refused: ${exchange.error ?? 'bad request'}`;
		log(`${SCRIPTED_MODEL_ID} (test double): ${received} → ${result.status} ${outcome} ${ms}`);
	}

	async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
		const started = Date.now();
		const rawUrl = request.url ?? '/';
		const path = rawUrl.split('?')[0];
		const method = (request.method ?? 'GET').toUpperCase();
		const rawBody = await readBody(request);
		const record: RecordedModelRequest = {
			method,
			path,
			headers: { ...request.headers },
			body: parseJson(rawBody).value,
			status: 0,
			receivedAt: started,
		};
		if (!path.startsWith('/__model')) requests.push(record);
		const result = answer(method, path, request.headers, rawBody);
		record.status = result.status;
		if (result.exchange) result.exchange.status = result.status;
		response
			.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8' })
			.end(JSON.stringify(result.body));
		logLine(method, path, result, started);
	}

	const server = createServer((request, response) => {
		handle(request, response).catch((error: Error) => {
			if (!response.headersSent)
				response
					.writeHead(500, { 'content-type': 'application/json; charset=utf-8' })
					.end(JSON.stringify(openAiError(500, error.message, 'internal').body));
		});
	});
	server.on('connection', (socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	const host = options.host ?? '127.0.0.1';
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(options.port ?? 0, host, () => resolve());
	});
	const { port } = server.address() as AddressInfo;
	const url = `http://${host}:${port}`;

	return {
		url,
		baseUrl: `${url}/v1`,
		port,
		apiKey,
		modelId: SCRIPTED_MODEL_ID,
		requests,
		chats,
		enqueue: (...turns) => {
			queue.push(...turns);
		},
		get pending() {
			return queue.length;
		},
		reset: () => {
			queue.length = 0;
			requests.length = 0;
			chats.length = 0;
		},
		close: () =>
			new Promise<void>((resolve) => {
				for (const socket of sockets) socket.destroy();
				server.close(() => resolve());
			}),
	};
}
