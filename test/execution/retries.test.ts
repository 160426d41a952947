/**
 * Retries inside the node (transport/retry.ts), through n8n's real engine against the emulator's
 * fault injection: what Callbell (or the network) did, then every request it received and every
 * item that came out. Idempotent requests (GET, PUT, PATCH, DELETE) recover; a POST that may have
 * reached Callbell is sent once, whatever happens. Each decision is in the node's debug log.
 * Options → Retries and Timeout refused before any request: test/params/requestOptions.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator, Fault } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { byId, runOperation, useDebugLogs, useEmulator } from '../stories';

const JANE = IDS.contacts.jane;
const JANE_PATH = `/v1/contacts/${JANE}`;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const logs = useDebugLogs();

/** The node's retry decisions, as logged at debug level (n8n's own debug lines left out). */
const decisions = () => logs.lines().filter((line) => line.startsWith('Callbell '));

type Operation = 'get' | 'update' | 'create';

/** One item through the operation: a read, a PATCH, or a contact create (POST). */
function run(
	operation: Operation,
	options: IDataObject = {},
	continueOnFail = true,
): Promise<RunResult> {
	const byOperation: Record<Operation, IDataObject> = {
		get: { contactId: byId(JANE) },
		update: { contactId: byId(JANE), updateFields: { name: 'Jane R.' } },
		create: { identifier: '+39 347 000 1111', name: 'Luca Bianchi' },
	};
	return runOperation(emulator, 'contact', operation, {
		parameters: byOperation[operation],
		options,
		continueOnFail,
	});
}

const TARGET: Record<Operation, { method: string; path: string }> = {
	get: { method: 'GET', path: JANE_PATH },
	update: { method: 'PATCH', path: JANE_PATH },
	create: { method: 'POST', path: '/v1/contacts' },
};

function inject(operation: Operation, fault: Omit<Fault, 'method' | 'path'>): void {
	emulator.injectFault({ ...TARGET[operation], ...fault });
}

const sentTo = (operation: Operation) =>
	emulator.requestsTo(TARGET[operation].method, TARGET[operation].path);
const contactsNamed = (name: string) =>
	emulator.state.contacts.filter((contact) => contact.name === name);

/** Faults that happen before Callbell did anything, or on its side: [label, fault]. */
const PASSING_FAULTS: Array<[string, Omit<Fault, 'method' | 'path'>]> = [
	['500', { status: 500, body: { error: 'Internal Server Error' } }],
	[
		'502 with an HTML page',
		{
			status: 502,
			body: '<html><head><title>502 Bad Gateway</title></head></html>',
			contentType: 'text/html',
		},
	],
	['503', { status: 503, body: 'Service Unavailable', contentType: 'text/plain' }],
	['a reset connection', { status: 500, dropConnection: true }],
	[
		'truncated JSON',
		{ status: 200, body: '{"contact": {"uuid": "414a6d6', contentType: 'application/json' },
	],
];

describe('idempotent requests recover', () => {
	it.each(
		PASSING_FAULTS.flatMap(([label, fault]) =>
			(['get', 'update'] as const).map((operation): [string, Operation, typeof fault] => [
				label,
				operation,
				fault,
			]),
		),
	)('%s on %s: sent again, one item out', async (_label, operation, fault) => {
		inject(operation, fault);
		const result = await run(operation);

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ uuid: JANE });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(sentTo(operation)).toHaveLength(2);
		expect(
			decisions().filter((line) =>
				line.includes(`${TARGET[operation].method} /contacts/${JANE}: retry 1 of 3`),
			),
		).toHaveLength(1);
	});

	it('gives up after Options → Retries and reports the last answer', async () => {
		inject('update', { status: 503, body: { error: 'Maintenance' }, times: Infinity });
		const result = await run('update', { retries: 2 });

		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({
			error: 'Callbell answered 503: Maintenance [item 0]',
			httpCode: '503',
		});
		expect(sentTo('update')).toHaveLength(3);
		expect(
			decisions().filter((line) => line.startsWith(`Callbell PATCH /contacts/${JANE}:`)),
		).toEqual([
			expect.stringMatching(/: retry 1 of 2 in \d+ ms \(503, an idempotent PATCH\)$/),
			expect.stringMatching(/: retry 2 of 2 in \d+ ms \(503, an idempotent PATCH\)$/),
			`Callbell PATCH /contacts/${JANE}: not retried (no retries left (2 allowed))`,
		]);
	});

	it('a timeout (Options → Timeout) is retried like a dropped connection', async () => {
		inject('get', { status: 200, body: { contact: { uuid: JANE } }, delayMs: 2500 });
		const result = await run('get', { timeout: 1 });

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ uuid: JANE, name: 'Jane Doe' });
		expect(sentTo('get')).toHaveLength(2);
		expect(
			decisions().some((line) =>
				/: retry 1 of 3 in \d+ ms \(E[A-Z]+ on an idempotent GET\)$/.test(line),
			),
		).toBe(true);
	});

	it('Retries 0 reports the first failure', async () => {
		inject('get', { status: 500, body: { error: 'Internal Server Error' } });
		const result = await run('get', { retries: 0 });
		expect(result.items[0].json).toMatchObject({
			error: 'Callbell answered 500: Internal Server Error [item 0]',
		});
		expect(sentTo('get')).toHaveLength(1);
	});
});

describe('a contact create (POST) is sent once', () => {
	it.each(PASSING_FAULTS)('%s: one POST, one error item, no retry', async (_label, fault) => {
		inject('create', fault);
		const result = await run('create');

		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toHaveProperty('error');
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(sentTo('create')).toHaveLength(1);
		expect(decisions()).toEqual([
			expect.stringMatching(/^Callbell POST \/contacts: not retried \(.*never sent twice\)$/),
		]);
	});

	it('a truncated answer says the contact may exist', async () => {
		inject('create', { status: 201, body: '{"contact": {"uu', contentType: 'application/json' });
		const result = await run('create');
		expect(result.items[0].json).toMatchObject({
			error: "Callbell's answer to POST /contacts could not be read [item 0]",
			description: expect.stringMatching(/check in Callbell whether it took effect/),
		});
	});

	it('a 429 is retried even for a POST: Callbell refused it without creating anything', async () => {
		inject('create', {
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': '0' },
		});
		const result = await run('create');

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({
			name: 'Luca Bianchi',
			phoneNumber: '+393470001111',
		});
		expect(sentTo('create')).toHaveLength(2);
		expect(contactsNamed('Luca Bianchi')).toHaveLength(1);
	});

	it('a refused connection (nothing sent) is retried for a POST too', async () => {
		const result = await runOperation(emulator, 'contact', 'create', {
			parameters: { identifier: '+39 347 000 1111', name: 'Luca Bianchi' },
			options: { retries: 1 },
			continueOnFail: true,
			baseUrl: 'http://127.0.0.1:9/v1',
		});
		expect(result.items[0].json).toMatchObject({
			error: expect.stringMatching(
				/^Could not reach Callbell at http:\/\/127\.0\.0\.1:9\/v1 \(connection refused\) \[item 0\]$/,
			),
		});
		expect(decisions()).toEqual([
			expect.stringMatching(
				/^Callbell POST \/contacts: retry 1 of 1 in \d+ ms \(ECONNREFUSED: nothing was sent\)$/,
			),
			'Callbell POST /contacts: not retried (no retries left (1 allowed))',
		]);
	});
});

describe('429: waits as Callbell says', () => {
	it('Retry-After in seconds', async () => {
		inject('update', {
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': '1' },
			times: 2,
		});
		const started = Date.now();
		const result = await run('update');

		expect(result.error).toBeUndefined();
		expect(result.items[0].json).toMatchObject({ name: 'Jane R.' });
		expect(sentTo('update')).toHaveLength(3);
		expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
		expect(decisions().filter((line) => line.endsWith('(429, Retry-After 1)'))).toHaveLength(2);
	});

	it('Retry-After as an HTTP date', async () => {
		const date = new Date(Date.now() + 1500).toUTCString();
		inject('get', {
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': date },
		});
		const result = await run('get');

		expect(result.error).toBeUndefined();
		expect(sentTo('get')).toHaveLength(2);
		expect(decisions()).toEqual([
			expect.stringMatching(new RegExp(`retry 1 of 10 in \\d+ ms \\(429, Retry-After ${date}\\)$`)),
		]);
	});

	it('without Retry-After: backs off', async () => {
		inject('get', { status: 429, body: { message: 'Too Many Requests' } });
		const result = await run('get');
		expect(result.error).toBeUndefined();
		expect(decisions()).toEqual([
			expect.stringMatching(/retry 1 of 10 in \d+ ms \(429 without Retry-After, backing off\)$/),
		]);
	});

	it('429s have their own budget of 10: with Retries 1, five 429s and a 503 still end in the update', async () => {
		inject('update', {
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': '0' },
			times: 5,
		});
		inject('update', { status: 503, body: 'down' });
		const result = await run('update', { retries: 1 });

		expect(result.items[0].json).toMatchObject({ name: 'Jane R.' });
		expect(sentTo('update')).toHaveLength(7);
		expect(decisions().map((line) => line.replace(/ in \d+ ms/, ''))).toEqual([
			...[1, 2, 3, 4, 5].map(
				(n) =>
					`Callbell PATCH /contacts/${IDS.contacts.jane}: retry ${n} of 10 (429, Retry-After 0)`,
			),
			`Callbell PATCH /contacts/${IDS.contacts.jane}: retry 1 of 1 (503, an idempotent PATCH)`,
		]);
	});

	it('a Retry-After longer than a minute is not waited for', async () => {
		inject('get', {
			status: 429,
			body: { message: 'Too Many Requests' },
			headers: { 'Retry-After': '3600' },
		});
		const result = await run('get');
		expect(result.items[0].json).toMatchObject({
			error: 'Callbell answered 429: Too Many Requests [item 0]',
		});
		expect(sentTo('get')).toHaveLength(1);
	});
});

describe('answers that are not hiccups are not retried', () => {
	it.each<[string, Fault['status']]>([
		['400', 400],
		['401', 401],
		['404', 404],
		['422', 422],
	])('%s on a PATCH: sent once', async (_label, status) => {
		inject('update', { status, body: { error: 'No' } });
		const result = await run('update');
		expect(result.items[0].json).toMatchObject({ httpCode: String(status) });
		expect(sentTo('update')).toHaveLength(1);
	});
});
