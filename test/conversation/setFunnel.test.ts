/**
 * Conversation → Set Funnel Stage, run through n8n's real execution engine against the emulator
 * over HTTP: the stage picked or given by id, what Callbell received, what came out, and what is
 * refused.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import { runOnContact, type ContactRun } from '../contact/contactStories';
import { byId, failure, fromList, MISSING, useEmulator, viaExpression } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runConversation = (run: ContactRun) => runOnContact(emulator, 'conversation', run);
const contactInAccount = (uuid: string): Contact =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)!;

describe('Conversation → Set Funnel Stage', () => {
	const funnelPath = (uuid: string) => `/v1/contacts/${uuid}/conversation/update_funnel`;

	it('a stage from the list: PUT {funnel_id}, outputs the contact in that stage', async () => {
		const result = await runConversation({
			operation: 'setFunnel',
			parameters: { funnelId: fromList(IDS.funnels.qualified) },
		});

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
		expect(emulator.requestsTo('PUT', funnelPath(JOHN)).map((request) => request.body)).toEqual([
			{ funnel_id: IDS.funnels.newLeads },
		]);
		expect(result.items[0].json).toMatchObject({ uuid: JOHN, funnelId: IDS.funnels.newLeads });
	});

	it('the stage id as a plain value from an expression (e.g. an AI agent)', async () => {
		await runConversation({
			operation: 'setFunnel',
			parameters: { funnelId: viaExpression(IDS.funnels.qualified) },
		});
		expect(emulator.requestsTo('PUT', funnelPath(JANE)).map((request) => request.body)).toEqual([
			{ funnel_id: IDS.funnels.qualified },
		]);
	});

	it('with Simplify Output: only the CRM fields', async () => {
		const result = await runConversation({
			operation: 'setFunnel',
			parameters: { funnelId: fromList(IDS.funnels.qualified) },
			options: { simplify: true },
		});
		expect(result.items[0].json).toEqual(
			expect.objectContaining({
				uuid: JANE,
				teamName: 'Sales',
				href: `https://dash.callbell.eu/contacts/${JANE}`,
			}),
		);
		expect(contactInAccount(JANE).funnelId).toBe(IDS.funnels.qualified);
	});

	it("a stage the account does not have: 422 with Callbell's words, the contact stays where it was", async () => {
		const unknown = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0ff';
		const result = await runConversation({
			operation: 'setFunnel',
			parameters: { funnelId: byId(unknown) },
		});

		expect(failure(result)?.message).toBe(
			`Callbell answered 422: Funnel "${unknown}" does not exist [item 0]`,
		);
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
		['an empty id from an expression', byId(viaExpression('')), 'Funnel Stage is empty [item 0]'],
		[
			'a number from an expression',
			byId('={{ 42 }}'),
			'Funnel Stage must be a Callbell id of 32 hexadecimal characters, got "42" [item 0]',
		],
	])('bad input, %s: refused before any request', async (_label, funnelId, message) => {
		const result = await runConversation({ operation: 'setFunnel', parameters: { funnelId } });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
		expect(contactInAccount(JANE).funnelId).toBe(IDS.funnels.newLeads);
	});

	it.each([
		[
			'an id that is not 32 hex characters',
			byId('new-leads'),
			'A funnel stage id is 32 hexadecimal characters',
		],
		['no stage at all', fromList(''), 'Parameter "Funnel Stage" is required'],
	])(
		'typed into the panel, %s stops the workflow before it runs',
		async (_label, funnelId, issue) => {
			const result = await runConversation({ operation: 'setFunnel', parameters: { funnelId } });
			expect(result.error?.message).toContain(issue);
			expect(emulator.requests).toHaveLength(0);
		},
	);
});

describe('Conversation → Set Funnel Stage: continue on fail', () => {
	it('Set Funnel Stage over several items: a 422 and a bad id become error items', async () => {
		const unknown = 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f0ff';
		const result = await runConversation({
			operation: 'setFunnel',
			continueOnFail: true,
			items: [
				{ stage: IDS.funnels.qualified },
				{ stage: unknown },
				{ stage: 'Won' },
				{ stage: IDS.funnels.newLeads },
			],
			parameters: { funnelId: byId('={{ $json.stage }}') },
		});

		expect(
			result.items.map((item) => [item.json.funnelId ?? item.json.error, item.pairedItem]),
		).toEqual([
			[IDS.funnels.qualified, { item: 0 }],
			[`Callbell answered 422: Funnel "${unknown}" does not exist [item 1]`, { item: 1 }],
			[
				'Funnel Stage "Won" is not the id or the name of a funnel stage of this account [item 2]',
				{ item: 2 },
			],
			[IDS.funnels.newLeads, { item: 3 }],
		]);
		expect(emulator.requestsTo('PUT', /update_funnel$/).map((request) => request.body)).toEqual([
			{ funnel_id: IDS.funnels.qualified },
			{ funnel_id: unknown },
			{ funnel_id: IDS.funnels.newLeads },
		]);
	});
});
