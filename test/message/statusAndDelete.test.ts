/**
 * Message → Get Status and Delete, through n8n's real engine against the emulator, including the
 * everyday chain: send, keep the uuid, ask for its status later.
 */
import type { INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { runCallbell, useEmulator } from '../stories';

const ANSWER = IDS.messages.agentAnswers;
const MISSING = 'ffffffffffffffffffffffffffffffff';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const run = (operation: 'getStatus' | 'delete', messageId: string, continueOnFail = false) =>
	runCallbell(emulator, { resource: 'message', operation, messageId } as INodeParameters, { continueOnFail, items: [{ uuid: messageId }] });

describe('Message → Get Status', () => {
	it('GET /messages/status/:uuid, outputs the message and its status', async () => {
		const result = await run('getStatus', ANSWER);

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`GET /v1/messages/status/${ANSWER}`]);
		expect(result.items).toEqual([{ json: { uuid: ANSWER, status: 'read', messageStatusPayload: null }, pairedItem: { item: 0 } }]);
	});

	it('the uuid a send returned (mapped with an expression), its metadata included', async () => {
		const sent = await runCallbell(emulator, {
			resource: 'message', operation: 'send', from: 'whatsapp', to: '+391234567890', messageType: 'text', text: 'Hi',
			additionalFields: { metadata: { entry: [{ key: 'deal_id', value: 'D-7' }] } },
		});
		const uuid = sent.items[0].json.uuid as string;

		const result = await runCallbell(emulator, { resource: 'message', operation: 'getStatus', messageId: '={{ $json.uuid }}' }, { items: [{ uuid: ` ${uuid.toUpperCase()} ` }] });
		expect(emulator.requestsTo('GET', `/v1/messages/status/${uuid}`)).toHaveLength(1);
		expect(result.items[0].json).toEqual({ uuid, status: 'enqueued', messageStatusPayload: null, metadata: { deal_id: 'D-7' } });
	});

	it('an unknown message: 404 with what to check', async () => {
		const result = await run('getStatus', MISSING, true);
		expect(result.items[0].json).toEqual({
			error: 'Callbell answered 404: Message not found [item 0]',
			description: 'Callbell has no message with this id. Use the uuid that Send returned, from the same Callbell account.',
			httpCode: '404',
		});
	});

	it.each([['not an id', 'hello'], ['empty', '={{ "" }}']])('a message id that is %s: refused before any request', async (_label, messageId) => {
		const result = await run('getStatus', messageId, true);
		expect(result.items[0].json.error).toMatch(/^Message ID (is empty|must be a Callbell id of 32 hexadecimal characters, got "hello") \[item 0\]$/);
		expect(emulator.requests).toEqual([]);
	});
});

describe('Message → Delete', () => {
	it('DELETE /messages/:uuid (204), outputs what was deleted; the text is gone in Callbell', async () => {
		const result = await run('delete', ANSWER);

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([`DELETE /v1/messages/${ANSWER}`]);
		expect(result.items).toEqual([{ json: { uuid: ANSWER, deleted: true }, pairedItem: { item: 0 } }]);
		expect(emulator.state.messages.find((message) => message.uuid === ANSWER)).toMatchObject({ text: '', status: 'deleted' });
	});

	it('an unknown message: 404, nothing else deleted', async () => {
		const result = await run('delete', MISSING, true);
		expect(result.items[0].json).toMatchObject({ error: 'Callbell answered 404: Message not found [item 0]', httpCode: '404' });
		expect(emulator.state.messages.filter((message) => message.status === 'deleted')).toEqual([]);
	});

	it('a DELETE is safe to repeat, so a 503 is retried', async () => {
		emulator.injectFault({ method: 'DELETE', path: `/v1/messages/${ANSWER}`, status: 503, body: 'Service Unavailable', contentType: 'text/plain' });
		const result = await run('delete', ANSWER);
		expect(result.items[0].json).toEqual({ uuid: ANSWER, deleted: true });
		expect(emulator.requestsTo('DELETE', `/v1/messages/${ANSWER}`)).toHaveLength(2);
	});
});
