/**
 * Contact → Delete, run through n8n's real execution engine against the emulator over HTTP: one
 * DELETE per item, and {uuid, deleted: true} only for a contact Callbell deleted; by phone, the
 * lookup first, after which the number finds nobody.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, byPhone, failure, MISSING, useEmulator, viaExpression } from '../stories';
import { runOnContact, type ContactRun } from './contactStories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
/** Maria is +393331112222 in the main WhatsApp channel. */
const MARIA_LOOKUP = 'GET /v1/contacts/phone/393331112222';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runContact = (run: ContactRun) => runOnContact(emulator, 'contact', run);

/** Every request Callbell received, in order, as "METHOD /path". */
function sent(): string[] {
	return emulator.requests.map((request) => `${request.method} ${request.path}`);
}

describe('Contact → Delete', () => {
	const uuidsInAccount = () => emulator.state.contacts.map((contact) => contact.uuid);

	it('sends DELETE for the contact and outputs exactly {uuid, deleted: true}', async () => {
		const result = await runContact({ operation: 'delete' });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['DELETE', `/v1/contacts/${JANE}`],
		]);
		expect(emulator.requests[0].query).toEqual({});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toEqual({ uuid: JANE, deleted: true });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(uuidsInAccount()).toEqual([JOHN, MARIA]);
	});

	it('takes the contact by its dashboard link; the id is output lower-case', async () => {
		const result = await runContact({
			operation: 'delete',
			contactId: {
				__rl: true,
				mode: 'url',
				value: `https://dash.callbell.eu/contacts/${JOHN.toUpperCase()}`,
			},
		});
		expect(
			emulator.requestsTo('DELETE', /^\/v1\/contacts\//).map((request) => request.path),
		).toEqual([`/v1/contacts/${JOHN}`]);
		expect(result.items[0].json).toEqual({ uuid: JOHN, deleted: true });
		expect(uuidsInAccount()).toEqual([JANE, MARIA]);
	});

	it('deletes one contact per input item', async () => {
		const result = await runContact({
			operation: 'delete',
			items: [{ id: JANE }, { id: MARIA }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(result.items.map((item) => [item.json, item.pairedItem])).toEqual([
			[{ uuid: JANE, deleted: true }, { item: 0 }],
			[{ uuid: MARIA, deleted: true }, { item: 1 }],
		]);
		expect(uuidsInAccount()).toEqual([JOHN]);
	});

	it('an unknown contact: 404 with the contact-not-found hint, nothing deleted', async () => {
		const result = await runContact({ operation: 'delete', contactId: byId(MISSING) });

		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.httpCode).toBe('404');
		expect(failure(result)?.description).toBe(
			`No contact with the id ${MISSING} exists in this Callbell account. Check the Contact field.`,
		);
		expect(result.items).toEqual([]);
		expect(uuidsInAccount()).toEqual([JANE, JOHN, MARIA]);
	});

	it('deleting the same contact twice: the second is a 404 (continue on fail keeps both items)', async () => {
		const result = await runContact({
			operation: 'delete',
			continueOnFail: true,
			items: [{ id: JANE }, { id: JANE }],
			contactId: byId('={{ $json.id }}'),
		});
		expect(result.items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(result.items[0].json).toEqual({ uuid: JANE, deleted: true });
		expect(result.items[1].json).toMatchObject({
			error: 'Callbell answered 404: Contact not found [item 1]',
			httpCode: '404',
		});
		expect(emulator.requestsTo('DELETE', `/v1/contacts/${JANE}`)).toHaveLength(2);
	});

	it('a failed delete is not reported as deleted', async () => {
		emulator.injectFault({
			method: 'DELETE',
			path: `/v1/contacts/${JANE}`,
			status: 500,
			body: { error: 'Internal Server Error' },
		});
		const result = await runContact({
			operation: 'delete',
			continueOnFail: true,
			options: { retries: 0 },
		});
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).not.toHaveProperty('deleted');
		expect(result.items[0].json.error).toBe(
			'Callbell answered 500: Internal Server Error [item 0]',
		);
		expect(emulator.requestsTo('DELETE', `/v1/contacts/${JANE}`)).toHaveLength(1);
	});

	it.each<[string, unknown, string]>([
		['an empty id', byId(viaExpression('')), 'Contact is empty [item 0]'],
		[
			'a path that climbs to another endpoint',
			byId(viaExpression('../auth/me')),
			'Contact "../auth/me" is not a phone number, a contact link, a BSUID or a contact id [item 0]',
		],
		[
			'a conversation link',
			{ __rl: true, mode: 'url', value: viaExpression(`https://dash.callbell.eu/chat/${JANE}`) },
			`Contact is a conversation link, not a contact link: "https://dash.callbell.eu/chat/${JANE}" [item 0]`,
		],
	])(
		'bad input, %s: refused before any request, nothing deleted',
		async (_label, contactId, message) => {
			const result = await runContact({ operation: 'delete', contactId });
			expect(result.error?.message).toBe(message);
			expect(emulator.requests).toHaveLength(0);
			expect(uuidsInAccount()).toEqual([JANE, JOHN, MARIA]);
		},
	);
});

describe('Contact → Delete by phone', () => {
	it('Delete by phone: the contact is gone, and a second lookup no longer finds it', async () => {
		await runContact({ operation: 'delete', contactId: byPhone('+39 333 111 2222') });
		expect(emulator.state.contacts.some((contact) => contact.uuid === MARIA)).toBe(false);

		const again = await runContact({ operation: 'delete', contactId: byPhone('+39 333 111 2222') });
		expect(failure(again)?.httpCode).toBe('404');
		expect(sent()).toEqual([MARIA_LOOKUP, `DELETE /v1/contacts/${MARIA}`, MARIA_LOOKUP]);
	});
});
