/**
 * The dev MCP client against a tiny MCP server over real HTTP: it connects, lists and calls
 * tools as an MCP desktop client does, whether the server answers in JSON or in event streams.
 */
import { McpClient, McpError } from '../../dev/mcp/client';
import { SESSION_ID, startTinyMcpServer, TOOL_PAGES, type TinyMcpServer } from './tinyMcpServer';

describe.each(['json', 'sse'] as const)('a server answering as %s', (answerAs) => {
	let server: TinyMcpServer;
	let client: McpClient | undefined;

	beforeEach(async () => {
		server = await startTinyMcpServer({ answerAs });
	});
	afterEach(async () => {
		await client?.close();
		client = undefined;
		await server.close();
	});

	const sent = () => server.received.map((r) => `${r.method} ${r.body?.method ?? ''}`.trim());

	it('connects: initialize with the protocol version, then notifications/initialized in the session', async () => {
		client = await McpClient.connect(server.url, { clientInfo: { name: 'desk', version: '2' } });

		expect(sent()).toEqual(['POST initialize', 'POST notifications/initialized']);
		const [initialize, initialized] = server.received;
		expect(initialize.body).toEqual({
			jsonrpc: '2.0',
			id: 1,
			method: 'initialize',
			params: {
				protocolVersion: '2025-06-18',
				capabilities: {},
				clientInfo: { name: 'desk', version: '2' },
			},
		});
		expect(initialize.headers.accept).toBe('application/json, text/event-stream');
		expect(initialize.headers['mcp-session-id']).toBeUndefined();
		expect(initialized.headers['mcp-session-id']).toBe(SESSION_ID);
		expect(initialized.headers['mcp-protocol-version']).toBe('2025-06-18');
		expect(client.session).toBe(SESSION_ID);
		expect(client.serverInfo).toEqual({ name: 'tiny', version: '1.0.0' });
		expect(client.instructions).toBe('Use echo.');
	});

	it('lists every tool, page after page, in the session', async () => {
		client = await McpClient.connect(server.url);

		expect(await client.listTools()).toEqual([...TOOL_PAGES[0], ...TOOL_PAGES[1]]);
		const lists = server.received.filter((r) => r.body?.method === 'tools/list');
		expect(lists.map((r) => r.body?.params)).toEqual([{}, { cursor: 'page-2' }]);
		expect(lists.map((r) => r.headers['mcp-session-id'])).toEqual([SESSION_ID, SESSION_ID]);
	});

	it("calls a tool with its arguments and gets its content; a failing tool's result is returned, not thrown", async () => {
		client = await McpClient.connect(server.url);

		expect(await client.callTool('echo', { phone: '+39 333 123 4567' })).toEqual({
			content: [{ type: 'text', text: '{"phone":"+39 333 123 4567"}' }],
		});
		expect(await client.callTool('fails', {})).toEqual({
			isError: true,
			content: [{ type: 'text', text: 'It failed.' }],
		});
	});

	it('throws a JSON-RPC error answer with its message and code', async () => {
		client = await McpClient.connect(server.url);

		const error = await client.callTool('nope', {}).catch((e: unknown) => e);
		expect(error).toBeInstanceOf(McpError);
		expect(error).toMatchObject({
			message: 'tools/call: Tool nope not found (JSON-RPC error -32602)',
			code: -32602,
		});
	});

	it('ends the session with DELETE; a request after that is refused by the server (HTTP 404)', async () => {
		const closing = await McpClient.connect(server.url);
		await closing.close();

		const deletes = server.received.filter((r) => r.method === 'DELETE');
		expect(deletes.map((r) => r.headers['mcp-session-id'])).toEqual([SESSION_ID]);
		await expect(closing.listTools()).rejects.toMatchObject({
			message: 'tools/list: the server answered HTTP 404: Session not found',
			code: 404,
		});
	});
});

it('refuses a server that speaks a protocol version it does not, and ends the session', async () => {
	const server = await startTinyMcpServer({ answerAs: 'json', protocolVersion: '2024-01-01' });
	try {
		await expect(McpClient.connect(server.url)).rejects.toThrow(
			'The server speaks MCP 2024-01-01; this client speaks 2025-06-18 or 2025-03-26.',
		);
		expect(server.received.map((r) => r.method)).toEqual(['POST', 'DELETE']);
	} finally {
		await server.close();
	}
});
