/**
 * The node as an AI Agent's tool (`callbellTool`), run as n8n runs a tool call: through the
 * engine, its parameters already filled by `$fromAI()` with plain strings. A refused call is
 * handed back to the model as the tool's output, one sentence naming the field and what to do,
 * and the agent's run goes on; nothing is sent.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { failure, itemsOf, runOperation, useEmulator, type OperationRun } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runTool = (resource: string, operation: string, run: OperationRun = {}) =>
	runOperation(emulator, resource, operation, { ...run, asTool: true });

/** Every request Callbell received, as "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);

describe('A tool call the node refuses', () => {
	it('a contact that is not a phone number, an id or a link: the model reads why and what to give, nothing is sent', async () => {
		const result = await runTool('contact', 'addTags', {
			parameters: { contactId: 'call me maybe', tags: 'vip' },
		});

		expect(failure(result)).toBeUndefined();
		expect(sent()).toEqual([]);
		expect(itemsOf(result)).toEqual([
			[
				{
					error:
						'Contact "call me maybe" is not a phone number, a contact link, a BSUID or a contact id. ' +
						"Give the contact's phone number with its country code (e.g. +39 333 123 4567), its " +
						'Callbell link, its WhatsApp BSUID (e.g. US.13491208655302741918) or its id ' +
						'(32 hexadecimal characters, e.g. 414a6d692bd645ed803f2e7ce360d4c8).',
				},
				{ item: 0 },
			],
		]);
	});

	it('a phone number Callbell does not know: its answer and the hint, without the item suffix', async () => {
		const result = await runTool('contact', 'get', {
			parameters: { contactId: '+44 20 7946 0000' },
		});

		expect(failure(result)).toBeUndefined();
		expect(sent()).toEqual(['GET /v1/contacts/phone/442079460000']);
		expect(result.items[0].json).toEqual({
			error:
				'Callbell answered 404: No contact with the phone number +442079460000 in this channel. ' +
				'Callbell has no contact with the phone number +442079460000 in the main WhatsApp channel. ' +
				'Check the number and its country code, or choose the channel under Options → Channel.',
		});
	});

	it('a wrong token: the model is told the credential is wrong, never the token', async () => {
		const wrongToken = 'not-the-token-0123456789';
		const result = await runTool('contact', 'get', {
			parameters: { contactId: IDS.contacts.jane },
			apiToken: wrongToken,
		});

		expect(failure(result)).toBeUndefined();
		const text = result.items[0].json.error as string;
		expect(text).toBe(
			'Callbell answered 401: Invalid API token. Check the API token in the Callbell credential: ' +
				'create a new one in Callbell under Settings → API keys and paste it into the credential.',
		);
		expect(text).not.toContain(wrongToken);
		expect(text).not.toContain(TEST_TOKEN);
	});

	it('several items in one call: each its own answer, the good ones done', async () => {
		const result = await runTool('contact', 'addTags', {
			items: [{ contact: 'nobody' }, { contact: IDS.contacts.jane }],
			parameters: { contactId: '={{ $json.contact }}', tags: 'vip' },
		});

		expect(sent()).toEqual([
			`GET /v1/contacts/${IDS.contacts.jane}`,
			`PATCH /v1/contacts/${IDS.contacts.jane}`,
		]);
		expect(
			result.items.map((item) => [Object.keys(item.json).includes('error'), item.pairedItem]),
		).toEqual([
			[true, { item: 0 }],
			[false, { item: 1 }],
		]);
		expect(result.items[0].json.error).not.toMatch(/\[item \d+\]/);
	});

	it('outside tool mode the same refusal still stops the node, with the item in its message', async () => {
		const result = await runOperation(emulator, 'contact', 'addTags', {
			parameters: { contactId: 'call me maybe', tags: 'vip' },
		});

		expect(failure(result)?.message).toMatch(/\[item 0\]$/);
		expect(result.items).toEqual([]);
	});
});

describe('A tool call the node accepts', () => {
	it('runs as the node does: the contact found by the phone number the model gave', async () => {
		const result = await runTool('contact', 'get', {
			parameters: { contactId: '+39 333 111 2222' },
		});

		expect(sent()).toEqual(['GET /v1/contacts/phone/393331112222']);
		expect(result.items[0].json).toMatchObject({ uuid: IDS.contacts.maria });
	});
});
