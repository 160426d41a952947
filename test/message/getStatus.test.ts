/**
 * Message → Get Status, through n8n's real engine against the emulator, including the everyday
 * chain: send, keep the uuid, ask for its status later.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { MISSING, runOperation, useEmulator } from '../stories';

const ANSWER = IDS.messages.agentAnswers;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

/** Message → Get Status of one message, the item carrying its uuid. */
const run = (messageId: string, continueOnFail = false) =>
	runOperation(emulator, 'message', 'getStatus', {
		parameters: { messageId },
		continueOnFail,
		items: [{ uuid: messageId }],
	});

describe('Message → Get Status', () => {
	it('GET /messages/status/:uuid, outputs the message and its status', async () => {
		const result = await run(ANSWER);

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`GET /v1/messages/status/${ANSWER}`,
		]);
		expect(result.items).toEqual([
			{
				json: { uuid: ANSWER, status: 'read', messageStatusPayload: null },
				pairedItem: { item: 0 },
			},
		]);
	});

	it('the uuid a send returned (mapped with an expression), its metadata included', async () => {
		const sent = await runOperation(emulator, 'message', 'send', {
			parameters: {
				from: 'whatsapp',
				to: '+391234567890',
				messageType: 'text',
				text: 'Hi',
				additionalFields: { metadata: { entry: [{ key: 'deal_id', value: 'D-7' }] } },
			},
		});
		const uuid = sent.items[0].json.uuid as string;

		const result = await runOperation(emulator, 'message', 'getStatus', {
			parameters: { messageId: '={{ $json.uuid }}' },
			items: [{ uuid: ` ${uuid.toUpperCase()} ` }],
		});
		expect(emulator.requestsTo('GET', `/v1/messages/status/${uuid}`)).toHaveLength(1);
		expect(result.items[0].json).toEqual({
			uuid,
			status: 'enqueued',
			messageStatusPayload: null,
			metadata: { deal_id: 'D-7' },
		});
	});

	it('an unknown message: 404 with what to check', async () => {
		const result = await run(MISSING, true);
		expect(result.items[0].json).toEqual({
			error: 'Callbell answered 404: Message not found [item 0]',
			description:
				'Callbell has no message with this id. Use the uuid that Send returned, from the same Callbell account.',
			httpCode: '404',
		});
	});

	it.each([
		['not an id', 'hello'],
		['empty', '={{ "" }}'],
	])('a message id that is %s: refused before any request', async (_label, messageId) => {
		const result = await run(messageId, true);
		expect(result.items[0].json.error).toMatch(
			/^Message ID (is empty|must be a Callbell id of 32 hexadecimal characters, got "hello") \[item 0\]$/,
		);
		expect(emulator.requests).toEqual([]);
	});
});
