/**
 * Proves the harness with a test-only package (__fixtures__/test-package): its node sends one
 * authenticated GET per item through n8n-core's request helper to a local HTTP server.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

import {
	loadPackage,
	runNode,
	runWorkflow,
	shutdownHarness,
	testCredential,
	type WorkflowDefinition,
} from '.';

const FIXTURE_PACKAGE = path.join(__dirname, '__fixtures__', 'test-package');
const NODE_TYPE = 'n8n-nodes-harness-fixture.testApi';
const GOOD_TOKEN = 'good-token';
const SUSPENDED_TOKEN = 'suspended-token';

interface ReceivedRequest {
	method?: string;
	url?: string;
	authorization?: string;
}

let server: Server;
let baseUrl: string;
let received: ReceivedRequest[] = [];

function respond(response: ServerResponse, status: number, body: unknown): void {
	response.writeHead(status, { 'content-type': 'application/json' });
	response.end(JSON.stringify(body));
}

/**
 * GET /items/:id (id "broken" → 500) and GET /me. The token comes as `Authorization: Bearer …` or
 * as `?token=…`; anything but a known token → 401.
 */
function handle(request: IncomingMessage, response: ServerResponse): void {
	const authorization = request.headers.authorization;
	received.push({ method: request.method, url: request.url, authorization });

	const url = new URL(request.url ?? '/', 'http://127.0.0.1');
	const token = authorization?.replace(/^Bearer /, '') ?? url.searchParams.get('token');
	if (token !== GOOD_TOKEN && token !== SUSPENDED_TOKEN) {
		return respond(response, 401, { message: 'Unauthorized' });
	}
	if (url.pathname === '/me') {
		return respond(response, 200, {
			account: { status: token === SUSPENDED_TOKEN ? 'suspended' : 'active' },
		});
	}
	const id = /^\/items\/(.+)$/.exec(url.pathname)?.[1];
	if (id === 'broken') return respond(response, 500, { message: 'Something broke' });
	if (id !== undefined) return respond(response, 200, { id, name: `Item ${id}` });
	respond(response, 404, { message: 'Not found' });
}

function credentials(apiToken = GOOD_TOKEN) {
	return { apiToken, baseUrl };
}

beforeAll(async () => {
	server = createServer(handle);
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	await loadPackage({ root: FIXTURE_PACKAGE });
});

beforeEach(() => {
	received = [];
});

afterAll(async () => {
	await new Promise<void>((resolve, reject) =>
		server.close((error) => (error ? reject(error) : resolve())),
	);
	await shutdownHarness();
});

describe('runNode', () => {
	it('sends one request per item with the Bearer token applied by the credential', async () => {
		const result = await runNode({
			nodeType: NODE_TYPE,
			parameters: {},
			items: [{ id: 'a' }, { id: 'b' }],
			credentials: credentials(),
		});

		expect(result.error).toBeUndefined();
		expect(received).toEqual([
			{ method: 'GET', url: '/items/a', authorization: `Bearer ${GOOD_TOKEN}` },
			{ method: 'GET', url: '/items/b', authorization: `Bearer ${GOOD_TOKEN}` },
		]);
		expect(result.items.map((item) => item.json)).toEqual([
			{ id: 'a', name: 'Item a' },
			{ id: 'b', name: 'Item b' },
		]);
	});

	it('pairs each output item with its input item', async () => {
		const result = await runNode({
			nodeType: NODE_TYPE,
			parameters: {},
			items: [{ id: 'a' }, { id: 'b' }, { id: 'c' }],
			credentials: credentials(),
		});

		expect(result.items.map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(result.runData['Test Items'][0].data?.main[0]).toHaveLength(3);
	});

	it('resolves expression parameters per item', async () => {
		await runNode({
			nodeType: NODE_TYPE,
			parameters: { path: '=/items/{{ $json.id }}-{{ $itemIndex }}' },
			items: [{ id: 'x' }, { id: 'y' }],
			credentials: credentials(),
		});

		expect(received.map((request) => request.url)).toEqual(['/items/x-0', '/items/y-1']);
	});

	it('with continueOnFail, turns the failing item into an error item and keeps going', async () => {
		const result = await runNode({
			nodeType: NODE_TYPE,
			parameters: {},
			items: [{ id: 'a' }, { id: 'broken' }, { id: 'c' }],
			credentials: credentials(),
			continueOnFail: true,
		});

		expect(result.error).toBeUndefined();
		expect(received.map((request) => request.url)).toEqual([
			'/items/a',
			'/items/broken',
			'/items/c',
		]);
		expect(result.items).toHaveLength(3);
		expect(result.items[0].json).toEqual({ id: 'a', name: 'Item a' });
		expect(result.items[1].json.error).toEqual(
			expect.stringContaining('The service was not able to process your request'),
		);
		expect(result.items[1].pairedItem).toEqual({ item: 1 });
		expect(result.items[2].json).toEqual({ id: 'c', name: 'Item c' });
	});

	it('without continueOnFail, surfaces the NodeApiError as the execution error', async () => {
		const result = await runNode({
			nodeType: NODE_TYPE,
			parameters: {},
			items: [{ id: 'a' }, { id: 'broken' }, { id: 'c' }],
			credentials: credentials(),
		});

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '500' });
		expect(result.items).toEqual([]);
		expect(result.runData['Test API'][0].error?.message).toBe(result.error?.message);
		expect(received.map((request) => request.url)).toEqual(['/items/a', '/items/broken']);
	});

	it('reports parameter issues (here: a required parameter left empty) as the execution error', async () => {
		const result = await runNode({
			nodeType: NODE_TYPE,
			parameters: { path: '' },
			credentials: credentials(),
		});

		expect(result.error?.name).toBe('WorkflowHasIssuesError');
		expect(result.error?.message).toMatch(
			/Please fix them first\. Test API: Parameter "Path" is required\.$/,
		);
		expect(result.runData).toEqual({});
		expect(received).toEqual([]);
	});

	it('fails on missing credentials when none are given', async () => {
		const result = await runNode({ nodeType: NODE_TYPE, parameters: {}, items: [{ id: 'a' }] });

		expect(result.error?.message).toBe('Node does not have any credentials set');
		expect(received).toEqual([]);
	});

	it('fails with the HTTP error when the token is rejected', async () => {
		const result = await runNode({
			nodeType: NODE_TYPE,
			parameters: {},
			items: [{ id: 'a' }],
			credentials: credentials('wrong-token'),
		});

		expect(result.error).toMatchObject({ name: 'NodeApiError', httpCode: '401' });
		// n8n-core retries a 401 once after preAuthentication (a no-op for this credential).
		expect(received.map((request) => request.authorization)).toEqual([
			'Bearer wrong-token',
			'Bearer wrong-token',
		]);
	});
});

describe('runWorkflow', () => {
	const fixture: WorkflowDefinition = {
		nodes: [
			{
				id: '1',
				name: 'Start',
				type: 'test.items',
				typeVersion: 1,
				position: [0, 0],
				parameters: { items: [{ id: 'p' }, { id: 'q' }] },
			},
			{
				id: '2',
				name: 'Fetch',
				type: NODE_TYPE,
				typeVersion: 1,
				position: [200, 0],
				parameters: {},
			},
		],
		connections: { Start: { main: [[{ node: 'Fetch', type: 'main', index: 0 }]] } },
	};

	it('runs an exported workflow and returns the last node’s items', async () => {
		const result = await runWorkflow(fixture, { credentials: credentials() });

		expect(result.error).toBeUndefined();
		expect(Object.keys(result.runData)).toEqual(['Start', 'Fetch']);
		expect(result.lastNodeItems.map((item) => item.json)).toEqual([
			{ id: 'p', name: 'Item p' },
			{ id: 'q', name: 'Item q' },
		]);
		expect(received.every((request) => request.authorization === `Bearer ${GOOD_TOKEN}`)).toBe(
			true,
		);
	});
});

describe('testCredential', () => {
	it('returns OK when the test request succeeds', async () => {
		await expect(testCredential(credentials(), 'testApi')).resolves.toEqual({
			status: 'OK',
			message: 'Connection successful!',
		});
		expect(received).toEqual([
			{ method: 'GET', url: '/me', authorization: `Bearer ${GOOD_TOKEN}` },
		]);
	});

	/*
	 * n8n 1.123's CredentialsTester applies `responseCode` rules only when the request error has
	 * `cause.response`. The NodeApiError thrown by n8n-core's httpRequestWithAuthentication loses its
	 * `cause` (n8n-workflow 1.120's compiled ExecutionBaseError re-declares `cause` as a class field),
	 * so n8n shows the NodeApiError's own message instead of the rule's — and so does the harness.
	 */
	it('returns what n8n 1.123 shows on 401: NodeApiError’s message, not the rule’s', async () => {
		await expect(testCredential(credentials('wrong-token'), 'testApi')).resolves.toEqual({
			status: 'Error',
			message: 'Authorization failed - please check your credentials',
		});
		expect(received.map((request) => request.authorization)).toEqual([
			'Bearer wrong-token',
			'Bearer wrong-token',
		]);
	});

	it('applies a function authenticate (token in the query string)', async () => {
		await expect(testCredential(credentials(), 'testApiQueryToken')).resolves.toMatchObject({
			status: 'OK',
		});
		expect(received).toEqual([
			{ method: 'GET', url: `/me?token=${GOOD_TOKEN}`, authorization: undefined },
		]);
	});

	it('returns the responseSuccessBody rule’s message when the body matches', async () => {
		await expect(
			testCredential(credentials(SUSPENDED_TOKEN), 'testApiQueryToken'),
		).resolves.toEqual({
			status: 'Error',
			message: 'The account is suspended',
		});
	});

	it('returns n8n’s connection-refused message when the server is unreachable', async () => {
		await expect(
			testCredential({ apiToken: GOOD_TOKEN, baseUrl: 'http://127.0.0.1:9' }, 'testApi'),
		).resolves.toEqual({
			status: 'Error',
			message: 'The service refused the connection - perhaps it is offline',
		});
	});
});
