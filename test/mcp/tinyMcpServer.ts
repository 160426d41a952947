/**
 * A tiny MCP server over Streamable HTTP for the client's tests, written from the spec: one
 * session, a tool list in two pages, an `echo` tool, a `fails` tool (an `isError` result) and a
 * JSON-RPC error for unknown tools. It answers requests as JSON, or as an event stream that
 * first sends a log notification and splits the response over several writes (as servers do
 * when they flush), and records every request it received.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SESSION_ID = 'c0ffee00-0000-4000-8000-000000000016';

export interface ReceivedRequest {
	method: string;
	headers: IncomingMessage['headers'];
	body: { id?: number; method?: string; params?: Record<string, unknown> } | undefined;
}

export interface TinyMcpServer {
	url: string;
	received: ReceivedRequest[];
	close(): Promise<void>;
}

export const TOOL_PAGES = [
	[{ name: 'echo', description: 'Says back what it gets', inputSchema: { type: 'object' } }],
	[{ name: 'fails', description: 'Always fails', inputSchema: { type: 'object' } }],
];

type JsonRpcAnswer = { result: unknown } | { error: { code: number; message: string } };

function answerTo(
	body: NonNullable<ReceivedRequest['body']>,
	protocolVersion: string,
): JsonRpcAnswer {
	const params = body.params ?? {};
	switch (body.method) {
		case 'initialize':
			return {
				result: {
					protocolVersion,
					capabilities: { tools: {} },
					serverInfo: { name: 'tiny', version: '1.0.0' },
					instructions: 'Use echo.',
				},
			};
		case 'tools/list':
			return params.cursor === 'page-2'
				? { result: { tools: TOOL_PAGES[1] } }
				: { result: { tools: TOOL_PAGES[0], nextCursor: 'page-2' } };
		case 'tools/call':
			if (params.name === 'echo')
				return { result: { content: [{ type: 'text', text: JSON.stringify(params.arguments) }] } };
			if (params.name === 'fails')
				return { result: { isError: true, content: [{ type: 'text', text: 'It failed.' }] } };
			return { error: { code: -32602, message: `Tool ${String(params.name)} not found` } };
		default:
			return { error: { code: -32601, message: 'Method not found' } };
	}
}

export async function startTinyMcpServer(
	options: { answerAs: 'json' | 'sse'; protocolVersion?: string } = { answerAs: 'json' },
): Promise<TinyMcpServer> {
	const received: ReceivedRequest[] = [];
	const protocolVersion = options.protocolVersion ?? '2025-06-18';

	function handle(request: IncomingMessage, text: string, response: ServerResponse): void {
		const body = text ? (JSON.parse(text) as ReceivedRequest['body']) : undefined;
		received.push({ method: request.method ?? '', headers: request.headers, body });
		const isInitialize = body?.method === 'initialize';
		if (!isInitialize && request.headers['mcp-session-id'] !== SESSION_ID) {
			response.writeHead(404).end('Session not found');
			return;
		}
		if (request.method === 'DELETE') {
			response.writeHead(200).end();
			return;
		}
		if (body?.id === undefined) {
			response.writeHead(202).end();
			return;
		}
		const answer = JSON.stringify({
			jsonrpc: '2.0',
			id: body.id,
			...answerTo(body, protocolVersion),
		});
		const headers = isInitialize ? { 'mcp-session-id': SESSION_ID } : {};
		if (options.answerAs === 'json') {
			response.writeHead(200, { ...headers, 'content-type': 'application/json' }).end(answer);
			return;
		}
		response.writeHead(200, { ...headers, 'content-type': 'text/event-stream' });
		response.write(': keep-alive\r\n\r\n');
		const log = {
			jsonrpc: '2.0',
			method: 'notifications/message',
			params: { level: 'info', data: 'working' },
		};
		response.write(`event: message\r\ndata: ${JSON.stringify(log)}\r\n\r\n`);
		const event = `event: message\r\nid: 7\r\ndata: ${answer}\r\n\r\n`;
		const middle = Math.floor(event.length / 2);
		// The CR of a CRLF at the end of a write: the client must wait for the LF.
		response.write(event.slice(0, middle));
		response.write(event.slice(middle, -1));
		response.end(event.slice(-1));
	}

	const server = createServer((request, response) => {
		let text = '';
		request.on('data', (chunk: Buffer) => (text += chunk.toString()));
		request.on('end', () => handle(request, text, response));
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const { port } = server.address() as AddressInfo;
	return {
		url: `http://127.0.0.1:${port}/mcp/tools`,
		received,
		close: () => new Promise((resolve) => server.close(() => resolve())),
	};
}
