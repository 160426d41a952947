/**
 * Conversation → Open, Close, Add Note and Set Funnel Stage, run through n8n's real execution
 * engine against the emulator over HTTP: the node's parameters, then what Callbell received and
 * what came out.
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import type { RunResult } from '../harness';
import { runCallbell, useEmulator } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const MISSING = 'ffffffffffffffffffffffffffffffff';
const ISO_DATE = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d/;
const byId = (uuid: string) => ({ __rl: true, mode: 'id', value: uuid });
const fromList = (uuid: string) => ({ __rl: true, mode: 'list', value: uuid });

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

interface ConversationRun {
	operation: 'open' | 'close' | 'addNote' | 'setFunnel';
	contactId?: unknown;
	parameters?: IDataObject;
	options?: IDataObject;
	items?: IDataObject[];
	continueOnFail?: boolean;
}

function runConversation(run: ConversationRun): Promise<RunResult> {
	const parameters: INodeParameters = {
		resource: 'conversation',
		operation: run.operation,
		contactId: (run.contactId ?? byId(JANE)) as INodeParameters['contactId'],
		...(run.parameters as INodeParameters),
		options: (run.options ?? {}) as INodeParameters['options'],
	};
	return runCallbell(emulator, parameters, run);
}

type NodeFailure = Error & { httpCode?: string; description?: string };
const failure = (result: RunResult) => result.error as NodeFailure | undefined;
const contactInAccount = (uuid: string): Contact => emulator.state.contacts.find((contact) => contact.uuid === uuid)!;

/** Values usually come from the trigger, e.g. `{{ $json.note }}`: checked when the item runs. */
function viaExpression(value: string): string {
	return `={{ ${JSON.stringify(value)} }}`;
}

describe('Conversation → Open and Close', () => {
	it('close: POST …/conversation/close, outputs the contact with closedAt set', async () => {
		const result = await runConversation({ operation: 'close' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', `/v1/contacts/${JANE}/conversation/close`],
		]);
		expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ uuid: JANE, name: 'Jane Doe', closedAt: expect.stringMatching(ISO_DATE) });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(contactInAccount(JANE).closedAt).toBe(result.items[0].json.closedAt);
	});

	it('open: POST …/conversation/open, outputs the contact with closedAt null', async () => {
		await runConversation({ operation: 'close' });
		expect(contactInAccount(JANE).closedAt).not.toBeNull();

		const result = await runConversation({ operation: 'open' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['POST', `/v1/contacts/${JANE}/conversation/close`],
			['POST', `/v1/contacts/${JANE}/conversation/open`],
		]);
		expect(result.items[0].json).toMatchObject({ uuid: JANE, closedAt: null });
		expect(contactInAccount(JANE).closedAt).toBeNull();
	});

	it('open on an open conversation stays open', async () => {
		const result = await runConversation({ operation: 'open', contactId: byId(JOHN) });
		expect(result.items[0].json).toMatchObject({ uuid: JOHN, closedAt: null });
		expect(emulator.requestsTo('POST', `/v1/contacts/${JOHN}/conversation/open`)).toHaveLength(1);
	});

	it.each<['open' | 'close']>([['open'], ['close']])('%s with Simplify Output: only the CRM fields', async (operation) => {
		const result = await runConversation({ operation, contactId: byId(JOHN), options: { simplify: true } });
		expect(result.items[0].json).toEqual({
			uuid: JOHN,
			name: 'John Smith',
			phoneNumber: null,
			source: 'instagram',
			tags: [],
			assignedUser: 'bob@example.com',
			teamUuid: IDS.teams.support,
			teamName: 'Support',
			customFields: {},
			note: 'VIP since 2024',
			funnelId: null,
			// Simplified output still says whether the conversation is open.
			closedAt: operation === 'open' ? null : expect.any(String),
			href: `https://dash.callbell.eu/contacts/${JOHN}`,
		});
	});

	it('closes one conversation per input item, outputs paired in order', async () => {
		const result = await runConversation({
			operation: 'close',
			items: [{ id: MARIA }, { id: JOHN }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(emulator.requests.map((request) => request.path)).toEqual([
			`/v1/contacts/${MARIA}/conversation/close`,
			`/v1/contacts/${JOHN}/conversation/close`,
		]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[MARIA, { item: 0 }],
			[JOHN, { item: 1 }],
		]);
		expect(contactInAccount(JANE).closedAt).toBeNull();
	});

	it('takes the contact by its dashboard link', async () => {
		await runConversation({ operation: 'close', contactId: { __rl: true, mode: 'url', value: `https://dash.callbell.eu/contacts/${MARIA}` } });
		expect(emulator.requests.map((request) => request.path)).toEqual([`/v1/contacts/${MARIA}/conversation/close`]);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await runConversation({ operation: 'close', contactId: byId(MISSING) });
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No contact with the id ${MISSING} exists in this Callbell account. Check the Contact field.`,
		);
	});

	it('a bad contact id is refused before any request', async () => {
		const result = await runConversation({ operation: 'open', contactId: byId(viaExpression('414a6d69')) });
		expect(result.error?.message).toBe('Contact must be a Callbell id of 32 hexadecimal characters, got "414a6d69" [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Conversation → Add Note', () => {
	const notePath = `/v1/contacts/${JANE}/conversation/note`;
	const notesOf = (uuid: string) =>
		emulator.state.messages.filter((message) => message.contactUuid === uuid && message.direction === 'note').map((message) => message.text);

	it('sends {text} and outputs {success, contactUuid, text}', async () => {
		const text = '@alice the lead asked for a demo on Friday 📅';
		const result = await runConversation({ operation: 'addNote', parameters: { text } });

		expect(result.error).toBeUndefined();
		const posts = emulator.requestsTo('POST', notePath);
		expect(posts).toHaveLength(1);
		expect(posts[0].body).toEqual({ text });
		expect(posts[0].headers['content-type']).toMatch(/^application\/json/);
		expect(emulator.requests).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ success: true, contactUuid: JANE, text });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(notesOf(JANE)).toEqual([text]);
	});

	it('a note over several lines, from an expression per item', async () => {
		const result = await runConversation({
			operation: 'addNote',
			items: [{ id: JANE, deal: 'Acme' }, { id: MARIA, deal: 'Initech' }],
			contactId: byId('={{ $json.id }}'),
			parameters: { text: '=Deal: {{ $json.deal }}\nNext step: call back' },
		});
		expect(emulator.requestsTo('POST', /\/conversation\/note$/).map((request) => [request.path, request.body])).toEqual([
			[notePath, { text: 'Deal: Acme\nNext step: call back' }],
			[`/v1/contacts/${MARIA}/conversation/note`, { text: 'Deal: Initech\nNext step: call back' }],
		]);
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ success: true, contactUuid: JANE, text: 'Deal: Acme\nNext step: call back' }, { item: 0 }],
			[{ success: true, contactUuid: MARIA, text: 'Deal: Initech\nNext step: call back' }, { item: 1 }],
		]);
	});

	it.each<[string, string]>([
		['whitespace', '   '],
		['empty from an expression', '={{ "" }}'],
		['line breaks only', '={{ "\\n\\t\\n" }}'],
	])('%s text: "Text is empty", nothing sent', async (_label, text) => {
		const result = await runConversation({ operation: 'addNote', parameters: { text } });
		expect(result.error?.message).toBe('Text is empty [item 0]');
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
		expect(notesOf(JANE)).toEqual([]);
	});

	it('no text typed in the panel stops the workflow before it runs', async () => {
		const result = await runConversation({ operation: 'addNote', parameters: { text: '' } });
		expect(result.error?.message).toContain('Parameter "Text" is required');
		expect(emulator.requests).toHaveLength(0);
	});

	it('text that is an object from an expression is refused', async () => {
		const result = await runConversation({ operation: 'addNote', parameters: { text: '={{ { "note": "hi" } }}' } });
		expect(result.error?.message).toMatch(/^Text must be text, got .*\[item 0\]$/);
		expect(emulator.requests).toHaveLength(0);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await runConversation({ operation: 'addNote', contactId: byId(MISSING), parameters: { text: 'hi' } });
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toMatch(`No contact with the id ${MISSING} exists`);
	});

	it('a 500 is reported and the note is not sent twice', async () => {
		emulator.injectFault({ method: 'POST', path: notePath, status: 500, body: { error: 'Internal Server Error' } });
		const result = await runConversation({ operation: 'addNote', parameters: { text: 'hi' } });
		expect(failure(result)?.message).toBe('Callbell answered 500: Internal Server Error [item 0]');
		expect(emulator.requestsTo('POST', notePath)).toHaveLength(1);
	});
});

describe('Conversation → Set Funnel Stage', () => {
	const funnelPath = (uuid: string) => `/v1/contacts/${uuid}/conversation/update_funnel`;

	it('a stage from the list: PUT {funnel_id}, outputs the contact in that stage', async () => {
		const result = await runConversation({ operation: 'setFunnel', parameters: { funnelId: fromList(IDS.funnels.qualified) } });

		expect(result.error).toBeUndefined();
		const puts = emulator.requestsTo('PUT', funnelPath(JANE));
		expect(puts).toHaveLength(1);
		expect(puts[0].body).toEqual({ funnel_id: IDS.funnels.qualified });
		expect(puts[0].headers['content-type']).toMatch(/^application\/json/);
		expect(emulator.requests).toHaveLength(1);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ uuid: JANE, funnelId: IDS.funnels.qualified });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(contactInAccount(JANE).funnelId).toBe(IDS.funnels.qualified);
	});

	it('a stage by id, written in capitals and with spaces: sent lower-case and trimmed', async () => {
		const result = await runConversation({
			operation: 'setFunnel',
			contactId: byId(JOHN),
			parameters: { funnelId: byId(viaExpression(` ${IDS.funnels.newLeads.toUpperCase()} `)) },
		});
		expect(emulator.requestsTo('PUT', funnelPath(JOHN)).map((request) => request.body)).toEqual([{ funnel_id: IDS.funnels.newLeads }]);
		expect(result.items[0].json).toMatchObject({ uuid: JOHN, funnelId: IDS.funnels.newLeads });
	});

	it('the stage id as a plain value from an expression (e.g. an AI agent)', async () => {
		await runConversation({ operation: 'setFunnel', parameters: { funnelId: viaExpression(IDS.funnels.qualified) } });
		expect(emulator.requestsTo('PUT', funnelPath(JANE)).map((request) => request.body)).toEqual([{ funnel_id: IDS.funnels.qualified }]);
	});

	it('with Simplify Output: only the CRM fields', async () => {
		const result = await runConversation({
			operation: 'setFunnel',
			parameters: { funnelId: fromList(IDS.funnels.qualified) },
			options: { simplify: true },
		});
		expect(result.items[0].json).toEqual(
			expect.objectContaining({ uuid: JANE, teamName: 'Sales', href: `https://dash.callbell.eu/contacts/${JANE}` }),
		);
		expect(contactInAccount(JANE).funnelId).toBe(IDS.funnels.qualified);
	});

	it('a stage the account does not have: 422 with Callbell\'s words, the contact stays where it was', async () => {
		const unknown = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0ff';
		const result = await runConversation({ operation: 'setFunnel', parameters: { funnelId: byId(unknown) } });

		expect(failure(result)?.message).toBe(`Callbell answered 422: Funnel "${unknown}" does not exist [item 0]`);
		expect(failure(result)?.httpCode).toBe('422');
		expect(result.items).toEqual([]);
		expect(emulator.requestsTo('PUT', funnelPath(JANE))).toHaveLength(1);
		expect(contactInAccount(JANE).funnelId).toBe(IDS.funnels.newLeads);
	});

	it('an unknown contact: 404 with the contact-not-found hint', async () => {
		const result = await runConversation({
			operation: 'setFunnel',
			contactId: byId(MISSING),
			parameters: { funnelId: fromList(IDS.funnels.qualified) },
		});
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toMatch(`No contact with the id ${MISSING} exists`);
	});

	it.each<[string, IDataObject | string, string]>([
		['a stage name instead of its id', byId(viaExpression('New leads')), 'Funnel Stage must be a Callbell id of 32 hexadecimal characters, got "New leads" [item 0]'],
		['an id too short', byId(viaExpression('f0f0f0f0')), 'Funnel Stage must be a Callbell id of 32 hexadecimal characters, got "f0f0f0f0" [item 0]'],
		['an id with a slash', byId(viaExpression(`${IDS.funnels.qualified}/x`)), `Funnel Stage must be a Callbell id of 32 hexadecimal characters, got "${IDS.funnels.qualified}/x" [item 0]`],
		['an empty id from an expression', byId(viaExpression('')), 'Funnel Stage is empty [item 0]'],
		['a number from an expression', byId('={{ 42 }}'), 'Funnel Stage must be a Callbell id of 32 hexadecimal characters, got "42" [item 0]'],
	])('bad input, %s: refused before any request', async (_label, funnelId, message) => {
		const result = await runConversation({ operation: 'setFunnel', parameters: { funnelId } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(contactInAccount(JANE).funnelId).toBe(IDS.funnels.newLeads);
	});

	it.each([
		['an id that is not 32 hex characters', byId('new-leads'), 'A funnel stage id is 32 hexadecimal characters'],
		['no stage at all', fromList(''), 'Parameter "Funnel Stage" is required'],
	])('typed into the panel, %s stops the workflow before it runs', async (_label, funnelId, issue) => {
		const result = await runConversation({ operation: 'setFunnel', parameters: { funnelId } });
		expect(result.error?.message).toContain(issue);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Conversation: continue on fail', () => {
	it('Add Note over several items: each failure becomes an error item, paired, the rest is sent once', async () => {
		const result = await runConversation({
			operation: 'addNote',
			continueOnFail: true,
			items: [
				{ id: JANE, note: 'first' },
				{ id: JANE, note: '  ' },
				{ id: MISSING, note: 'lost' },
				{ id: 'not-an-id', note: 'never sent' },
				{ id: JOHN, note: 'last' },
			],
			contactId: byId('={{ $json.id }}'),
			parameters: { text: '={{ $json.note }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }, { item: 4 }]);
		expect(result.items[0].json).toEqual({ success: true, contactUuid: JANE, text: 'first' });
		expect(result.items[1].json).toMatchObject({ error: 'Text is empty [item 1]' });
		expect(result.items[2].json).toMatchObject({ error: 'Callbell answered 404: Contact not found [item 2]', httpCode: '404' });
		expect(result.items[3].json).toMatchObject({
			error: 'Contact must be a Callbell id of 32 hexadecimal characters, got "not-an-id" [item 3]',
		});
		expect(result.items[4].json).toEqual({ success: true, contactUuid: JOHN, text: 'last' });
		expect(emulator.requests.map((request) => [request.path, request.body])).toEqual([
			[`/v1/contacts/${JANE}/conversation/note`, { text: 'first' }],
			[`/v1/contacts/${MISSING}/conversation/note`, { text: 'lost' }],
			[`/v1/contacts/${JOHN}/conversation/note`, { text: 'last' }],
		]);
	});

	it('Set Funnel Stage over several items: a 422 and a bad id become error items', async () => {
		const unknown = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0ff';
		const result = await runConversation({
			operation: 'setFunnel',
			continueOnFail: true,
			items: [{ stage: IDS.funnels.qualified }, { stage: unknown }, { stage: 'Won' }, { stage: IDS.funnels.newLeads }],
			parameters: { funnelId: byId('={{ $json.stage }}') },
		});

		expect(result.items.map((item) => [item.json.funnelId ?? item.json.error, item.pairedItem])).toEqual([
			[IDS.funnels.qualified, { item: 0 }],
			[`Callbell answered 422: Funnel "${unknown}" does not exist [item 1]`, { item: 1 }],
			['Funnel Stage must be a Callbell id of 32 hexadecimal characters, got "Won" [item 2]', { item: 2 }],
			[IDS.funnels.newLeads, { item: 3 }],
		]);
		expect(emulator.requestsTo('PUT', /update_funnel$/).map((request) => request.body)).toEqual([
			{ funnel_id: IDS.funnels.qualified },
			{ funnel_id: unknown },
			{ funnel_id: IDS.funnels.newLeads },
		]);
	});

	it('without continue on fail, the first failure stops the run and names its item (one item at a time: nothing after it is sent)', async () => {
		const result = await runConversation({
			operation: 'close',
			items: [{ id: JANE }, { id: MISSING }, { id: JOHN }],
			contactId: byId('={{ $json.id }}'),
			options: { concurrency: 1 },
		});
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 1]');
		expect(emulator.requests.map((request) => request.path)).toEqual([
			`/v1/contacts/${JANE}/conversation/close`,
			`/v1/contacts/${MISSING}/conversation/close`,
		]);
		expect(contactInAccount(JOHN).closedAt).toBeNull();
	});
});
