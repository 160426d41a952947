/**
 * A minimal MCP client over the Streamable HTTP transport (MCP 2025-03-26 and later), the one
 * n8n's MCP Server Trigger serves at its URL on n8n 1.x and 2.x (typeVersion 2): what Claude or
 * ChatGPT desktop do when they use the tools of an n8n workflow, reduced to the calls the tests
 * need: initialize, notifications/initialized, tools/list, tools/call, and the session's end.
 *
 * Each JSON-RPC message is one POST. The server answers a request with JSON or with an event
 * stream that carries the response (and maybe messages before it); a notification with 202. The
 * `Mcp-Session-Id` of the initialize answer goes on every later request. No dependencies: fetch.
 */
import { SseParser } from './sse';

/** The protocol versions this client speaks, newest first; it asks for the first. */
export const MCP_PROTOCOL_VERSIONS = ['2025-06-18', '2025-03-26'] as const;

export interface McpTool {
	name: string;
	description?: string;
	/** A JSON Schema of the arguments (an object schema). */
	inputSchema: Record<string, unknown>;
}

export interface McpContent {
	type: string;
	text?: string;
	[key: string]: unknown;
}

export interface McpToolResult {
	content: McpContent[];
	/** The tool failed (its text says why); a JSON-RPC error is thrown instead. */
	isError?: boolean;
	[key: string]: unknown;
}

export interface McpClientOptions {
	/** Extra headers on every request, e.g. `authorization` for the trigger's Bearer Auth. */
	headers?: Record<string, string>;
	/** Time limit of one request, answer included (default 60 s). */
	timeoutMs?: number;
	clientInfo?: { name: string; version: string };
}

/** A JSON-RPC error answer, or an HTTP answer that is not MCP. */
export class McpError extends Error {
	constructor(
		message: string,
		/** The JSON-RPC error code, or the HTTP status. */
		readonly code?: number,
		readonly data?: unknown,
	) {
		super(message);
		this.name = 'McpError';
	}
}

interface JsonRpcResponse {
	jsonrpc: '2.0';
	id: number | string;
	result?: unknown;
	error?: { code: number; message: string; data?: unknown };
}

function isResponseTo(message: unknown, id: number): message is JsonRpcResponse {
	return (
		typeof message === 'object' &&
		message !== null &&
		(message as JsonRpcResponse).id === id &&
		('result' in message || 'error' in message)
	);
}

export class McpClient {
	private nextId = 1;
	private sessionId: string | undefined;
	private protocolVersion: string | undefined;
	/** What the server said of itself in its initialize answer. */
	serverInfo: { name: string; version: string } | undefined;
	/** The server's instructions (n8n 2.x: the trigger's Instructions), if any. */
	instructions: string | undefined;

	private constructor(
		readonly url: string,
		private readonly options: McpClientOptions,
	) {}

	/** Connects: `initialize`, then `notifications/initialized`. */
	static async connect(url: string, options: McpClientOptions = {}): Promise<McpClient> {
		const client = new McpClient(url, options);
		const answer = (await client.request('initialize', {
			protocolVersion: MCP_PROTOCOL_VERSIONS[0],
			capabilities: {},
			clientInfo: options.clientInfo ?? { name: 'n8n-nodes-callbell-dev', version: '0.0.0' },
		})) as {
			protocolVersion: string;
			serverInfo?: { name: string; version: string };
			capabilities?: { tools?: unknown };
			instructions?: string;
		};
		if (!(MCP_PROTOCOL_VERSIONS as readonly string[]).includes(answer.protocolVersion)) {
			await client.close();
			throw new McpError(
				`The server speaks MCP ${answer.protocolVersion}; this client speaks ${MCP_PROTOCOL_VERSIONS.join(' or ')}.`,
			);
		}
		client.protocolVersion = answer.protocolVersion;
		client.serverInfo = answer.serverInfo;
		client.instructions = answer.instructions;
		await client.notify('notifications/initialized');
		return client;
	}

	/** The session the server gave (Streamable HTTP servers may give none). */
	get session(): string | undefined {
		return this.sessionId;
	}

	get negotiatedProtocolVersion(): string | undefined {
		return this.protocolVersion;
	}

	/** Every tool the server offers (all pages). */
	async listTools(): Promise<McpTool[]> {
		const tools: McpTool[] = [];
		let cursor: string | undefined;
		do {
			const page = (await this.request('tools/list', cursor ? { cursor } : {})) as {
				tools: McpTool[];
				nextCursor?: string;
			};
			tools.push(...page.tools);
			cursor = page.nextCursor;
		} while (cursor);
		return tools;
	}

	/** Calls a tool; a tool that fails answers with `isError` and its text, it does not throw. */
	async callTool(name: string, args: Record<string, unknown>): Promise<McpToolResult> {
		return (await this.request('tools/call', { name, arguments: args })) as McpToolResult;
	}

	/** Ends the session (HTTP DELETE); a server that keeps no sessions is left as it is. */
	async close(): Promise<void> {
		if (!this.sessionId) return;
		const response = await fetch(this.url, {
			method: 'DELETE',
			headers: this.headers(),
			signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
		});
		await response.body?.cancel();
		this.sessionId = undefined;
	}

	/** One JSON-RPC request; resolves to its result, throws McpError for an error answer. */
	async request(method: string, params?: Record<string, unknown>): Promise<unknown> {
		const id = this.nextId++;
		const response = await this.post({ jsonrpc: '2.0', id, method, ...(params && { params }) });
		if (method === 'initialize') {
			this.sessionId = response.headers.get('mcp-session-id') ?? undefined;
		}
		const answer = await this.responseTo(id, method, response);
		if (answer.error) {
			throw new McpError(
				`${method}: ${answer.error.message} (JSON-RPC error ${answer.error.code})`,
				answer.error.code,
				answer.error.data,
			);
		}
		return answer.result;
	}

	/** One JSON-RPC notification: the server accepts it (202) and answers nothing. */
	async notify(method: string, params?: Record<string, unknown>): Promise<void> {
		const response = await this.post({ jsonrpc: '2.0', method, ...(params && { params }) });
		await response.body?.cancel();
		if (response.status !== 202 && response.status !== 200) {
			throw new McpError(`${method}: the server answered HTTP ${response.status}`, response.status);
		}
	}

	private headers(): Record<string, string> {
		return {
			...this.options.headers,
			...(this.sessionId && { 'mcp-session-id': this.sessionId }),
			...(this.protocolVersion && { 'mcp-protocol-version': this.protocolVersion }),
		};
	}

	private async post(message: Record<string, unknown>): Promise<Response> {
		const response = await fetch(this.url, {
			method: 'POST',
			headers: {
				...this.headers(),
				accept: 'application/json, text/event-stream',
				'content-type': 'application/json',
			},
			body: JSON.stringify(message),
			signal: AbortSignal.timeout(this.options.timeoutMs ?? 60_000),
		});
		if (response.status >= 400) {
			const text = (await response.text()).slice(0, 500);
			throw new McpError(
				`${String(message.method)}: the server answered HTTP ${response.status}${text ? `: ${text}` : ''}`,
				response.status,
			);
		}
		return response;
	}

	/** The response to request `id`, from a JSON answer or from the event stream. */
	private async responseTo(
		id: number,
		method: string,
		response: Response,
	): Promise<JsonRpcResponse> {
		const type = response.headers.get('content-type') ?? '';
		if (type.startsWith('application/json')) {
			const body = (await response.json()) as unknown;
			const found = (Array.isArray(body) ? body : [body]).find((m) => isResponseTo(m, id));
			if (found) return found as JsonRpcResponse;
			throw new McpError(`${method}: the server's answer holds no response to request ${id}`);
		}
		if (!type.startsWith('text/event-stream') || !response.body) {
			await response.body?.cancel();
			throw new McpError(
				`${method}: the server answered HTTP ${response.status} with ${type || 'no content type'}, not JSON or an event stream`,
				response.status,
			);
		}
		// Read the stream up to the response; the server may send other messages first.
		const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
		const parser = new SseParser();
		try {
			for (;;) {
				const { done, value } = await reader.read();
				if (done) break;
				for (const event of parser.push(value)) {
					if (event.event !== 'message') continue;
					const message = JSON.parse(event.data) as unknown;
					if (isResponseTo(message, id)) return message;
				}
			}
		} finally {
			await reader.cancel().catch(() => undefined);
		}
		throw new McpError(`${method}: the event stream ended before the response to request ${id}`);
	}
}
