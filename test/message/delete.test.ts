/**
 * Message → Delete, through n8n's real engine against the emulator: the text and attachments
 * removed in Callbell, an unknown message said plainly, and a DELETE safe to repeat.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { MISSING, runOperation, useEmulator } from '../stories';

const ANSWER = IDS.messages.agentAnswers;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

/** Message → Delete of one message, the item carrying its uuid. */
const run = (messageId: string, continueOnFail = false) =>
	runOperation(emulator, 'message', 'delete', {
		parameters: { messageId },
		continueOnFail,
		items: [{ uuid: messageId }],
	});

describe('Message → Delete', () => {
	it('DELETE /messages/:uuid (204), outputs what was deleted; the text is gone in Callbell', async () => {
		const result = await run(ANSWER);

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			`DELETE /v1/messages/${ANSWER}`,
		]);
		expect(result.items).toEqual([
			{ json: { uuid: ANSWER, deleted: true }, pairedItem: { item: 0 } },
		]);
		expect(emulator.state.messages.find((message) => message.uuid === ANSWER)).toMatchObject({
			text: '',
			status: 'deleted',
		});
	});

	it('an unknown message: 404, nothing else deleted', async () => {
		const result = await run(MISSING, true);
		expect(result.items[0].json).toMatchObject({
			error: 'Callbell answered 404: Message not found [item 0]',
			httpCode: '404',
		});
		expect(emulator.state.messages.filter((message) => message.status === 'deleted')).toEqual([]);
	});

	it('a DELETE is safe to repeat, so a 503 is retried', async () => {
		emulator.injectFault({
			method: 'DELETE',
			path: `/v1/messages/${ANSWER}`,
			status: 503,
			body: 'Service Unavailable',
			contentType: 'text/plain',
		});
		const result = await run(ANSWER);
		expect(result.items[0].json).toEqual({ uuid: ANSWER, deleted: true });
		expect(emulator.requestsTo('DELETE', `/v1/messages/${ANSWER}`)).toHaveLength(2);
	});
});
