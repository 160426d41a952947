/**
 * A send is sent at most once per item, whatever goes wrong after it may have reached Callbell:
 * the emulator does the work and then loses or spoils its answer, and the node reports the item
 * as an error instead of sending the message a second time.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator, Fault } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { runCallbell, useDebugLogs, useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));
const logs = useDebugLogs();

const SEND: INodeParameters = { resource: 'message', operation: 'send', from: 'whatsapp', to: '+39 123 456 7890', messageType: 'text', text: 'Your order shipped' };

const sends = () => emulator.requestsTo('POST', '/v1/messages/send');
const delivered = () => emulator.state.messages.filter((message) => message.text === 'Your order shipped');

function inject(fault: Omit<Fault, 'method' | 'path'>): void {
	emulator.injectFault({ method: 'POST', path: '/v1/messages/send', ...fault });
}

/** Callbell sent the message, then: [what went wrong, fault]. */
const AFTER_SENDING: Array<[string, Omit<Fault, 'method' | 'path'>]> = [
	['a 500', { status: 500, body: { error: 'Internal Server Error' }, afterHandling: true }],
	['a 502 page from a proxy', { status: 502, body: '<html>Bad Gateway</html>', contentType: 'text/html', afterHandling: true }],
	['a 503', { status: 503, body: 'Service Unavailable', contentType: 'text/plain', afterHandling: true }],
	['a dropped connection', { status: 200, dropConnection: true, afterHandling: true }],
	['an answer cut off', { status: 200, body: '{"message": {"uuid": "ab', contentType: 'application/json', afterHandling: true }],
];

describe('a send that may have reached Callbell is never sent again', () => {
	it.each(AFTER_SENDING)('%s: one request, the message once in Callbell, one error item saying to check', async (_label, fault) => {
		inject(fault);
		const result = await runCallbell(emulator, { ...SEND, options: { retries: 5 } }, { continueOnFail: true });

		expect(sends()).toHaveLength(1);
		expect(delivered()).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(result.items[0].json.error).toMatch(/\[item 0\]$/);
		expect(result.items[0].json.description).toMatch(/check in Callbell/i);
		expect(logs.lines().filter((line) => line.startsWith('Callbell POST /messages/send'))).toEqual([
			expect.stringMatching(/not retried \(.*(never sent twice|no retries)/),
		]);
	});

	it('a timeout (Options → Timeout): not sent again, though Callbell sent it', async () => {
		inject({ status: 200, body: { message: { uuid: 'late' } }, delayMs: 1500, afterHandling: true });
		const result = await runCallbell(emulator, { ...SEND, options: { timeout: 1 } }, { continueOnFail: true });

		expect(sends()).toHaveLength(1);
		expect(delivered()).toHaveLength(1);
		expect(result.items[0].json.error).toMatch(/\[item 0\]$/);
	});

	it('without continue on fail the run stops with that error, and the message is still sent once', async () => {
		inject({ status: 500, body: { error: 'Internal Server Error' }, afterHandling: true });
		const result = await runCallbell(emulator, SEND);
		expect(result.error?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(delivered()).toHaveLength(1);
	});
});

describe('a send Callbell refused before doing anything is sent again', () => {
	it('a 429: waited out and sent once more; the message exists once', async () => {
		inject({ status: 429, body: { message: 'Too Many Requests' }, headers: { 'Retry-After': '0' }, times: 2 });
		const result = await runCallbell(emulator, SEND);

		expect(result.error).toBeUndefined();
		expect(sends()).toHaveLength(3);
		expect(delivered()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ status: 'enqueued' });
	});

	it('a refused connection (nothing sent): tried again, then reported', async () => {
		const result = await runCallbell({ ...emulator, baseUrl: 'http://127.0.0.1:9/v1' }, { ...SEND, options: { retries: 1 } }, { continueOnFail: true });
		expect(result.items[0].json.error).toMatch(/^Could not reach Callbell at http:\/\/127\.0\.0\.1:9\/v1 \(connection refused\) \[item 0\]$/);
		expect(logs.lines().filter((line) => line.startsWith('Callbell POST /messages/send'))).toEqual([
			expect.stringMatching(/retry 1 of 1 in \d+ ms \(ECONNREFUSED: nothing was sent\)$/),
			'Callbell POST /messages/send: not retried (no retries left (1 allowed))',
		]);
	});

	it('a 422 (Callbell refused the values) is not retried and says what Callbell said', async () => {
		const result = await runCallbell(emulator, { ...SEND, additionalFields: { teamId: { __rl: true, mode: 'id', value: 'ffffffffffffffffffffffffffffffff' } } }, { continueOnFail: true });
		expect(sends()).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ httpCode: '422', error: expect.stringContaining('ffffffffffffffffffffffffffffffff') });
		expect(emulator.state.messages.filter((message) => message.contactUuid === IDS.contacts.jane)).toHaveLength(3);
	});
});
