/**
 * Contact → Remove Tags, run through n8n's real execution engine against the emulator over
 * HTTP. Callbell replaces the whole tag list on PATCH, so the node reads the contact's tags,
 * takes the given ones out (in any letter case) and PATCHes the list only when it changed, an
 * empty list on purpose. By phone or BSUID the lookup is the read. Add Tags, and the tables
 * that run both operations alike: addTags.test.ts.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, byPhone, failure, MISSING, useEmulator } from '../stories';
import { runTags, type TagRun } from './contactStories';

// Seed: Jane ['lead'], John [], Maria ['customer', 'vip'] (+393331112222, BSUID).
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const MARIA_LOOKUP = 'GET /v1/contacts/phone/393331112222';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const removeTags = (run: TagRun) => runTags(emulator, 'removeTags', run);

/** Every request Callbell received, in order, as "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);
const patchBodies = () =>
	emulator.requestsTo('PATCH', /^\/v1\/contacts\//).map((request) => request.body);
const tagsInAccount = (uuid: string) =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)?.tags;

describe('Contact → Remove Tags', () => {
	it('in any case: removing "VIP" PATCHes the others', async () => {
		const result = await removeTags({ contactId: byId(MARIA), tags: 'VIP' });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([`GET /v1/contacts/${MARIA}`, `PATCH /v1/contacts/${MARIA}`]);
		expect(patchBodies()).toEqual([{ tags: ['customer'] }]);
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, tags: ['customer'] });
		expect(tagsInAccount(MARIA)).toEqual(['customer']);
	});

	it('removing every tag it has PATCHes an empty list on purpose', async () => {
		const result = await removeTags({ contactId: byId(MARIA), tags: ['Customer', 'vip'] });

		expect(patchBodies()).toEqual([{ tags: [] }]);
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, tags: [] });
		expect(tagsInAccount(MARIA)).toEqual([]);
	});

	it.each([
		['a tag it does not have', 'lead'],
		['a tag the account does not have', 'platinum'],
	])('%s: no PATCH, the contact as it is', async (_label, tags) => {
		const result = await removeTags({ contactId: byId(MARIA), tags });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([`GET /v1/contacts/${MARIA}`]);
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, tags: ['customer', 'vip'] });
	});

	it('from a contact with no tags: no PATCH', async () => {
		await removeTags({ contactId: byId(JOHN), tags: 'vip' });
		expect(sent()).toEqual([`GET /v1/contacts/${JOHN}`]);
	});

	it('a mix of tags it has and has not: removes only those it has', async () => {
		await removeTags({ contactId: byId(MARIA), tags: 'lead, VIP, platinum' });
		expect(patchBodies()).toEqual([{ tags: ['customer'] }]);
	});
});

describe('Contact → Remove Tags by phone and BSUID: the lookup is the read', () => {
	it('Remove by phone with Options → Channel: channel_uuid on the lookup', async () => {
		await removeTags({
			contactId: byPhone('0039 333 111 2222'),
			tags: 'vip',
			options: { channelId: { __rl: true, mode: 'id', value: IDS.channels.whatsapp } },
		});
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(emulator.requests[0].query).toEqual({ channel_uuid: IDS.channels.whatsapp });
		expect(patchBodies()).toEqual([{ tags: ['customer'] }]);
	});

	it('Remove by BSUID: the lookup, then the PATCH', async () => {
		await removeTags({
			contactId: { __rl: true, mode: 'bsuid', value: IDS.bsuids.maria },
			tags: 'customer',
		});
		expect(sent()).toEqual([
			`GET /v1/contacts/bsuid/${IDS.bsuids.maria}`,
			`PATCH /v1/contacts/${MARIA}`,
		]);
		expect(patchBodies()).toEqual([{ tags: ['vip'] }]);
	});
});

describe('Contact → Remove Tags: refused or failing', () => {
	it('a contact id nobody has: 404 on the read, no PATCH', async () => {
		const result = await removeTags({ contactId: byId(MISSING), tags: 'vip' });
		expect(failure(result)?.message).toBe('Callbell answered 404: Contact not found [item 0]');
		expect(failure(result)?.description).toBe(
			`No contact with the id ${MISSING} exists in this Callbell account. Check the Contact field.`,
		);
		expect(sent()).toEqual([`GET /v1/contacts/${MISSING}`]);
	});
});
