/**
 * Contact → Add Tags, run through n8n's real execution engine against the emulator over HTTP.
 * Callbell replaces the whole tag list on PATCH, so the node reads the contact's tags, adds the
 * new ones (tags match in any letter case, the contact's spelling is kept) and PATCHes the list
 * only when it changed. By phone or BSUID the lookup is the read. Last, the tables that run Add
 * and Remove Tags alike (actions/contact/tagChange.ts); Remove Tags alone: removeTags.test.ts.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, byPhone, failure, inAnyItemOrder, MISSING, useEmulator } from '../stories';
import { runTags, type TagRun } from './contactStories';

// Seed: Jane ['lead'], John [], Maria ['customer', 'vip'] (+393331112222, BSUID).
const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const MARIA_LOOKUP = 'GET /v1/contacts/phone/393331112222';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const addTags = (run: TagRun) => runTags(emulator, 'addTags', run);

/** Every request Callbell received, in order, as "METHOD /path". */
const sent = () => emulator.requests.map((request) => `${request.method} ${request.path}`);
const patchBodies = () =>
	emulator.requestsTo('PATCH', /^\/v1\/contacts\//).map((request) => request.body);
const tagsInAccount = (uuid: string) =>
	emulator.state.contacts.find((contact) => contact.uuid === uuid)?.tags;

describe('Contact → Add Tags', () => {
	it('reads the contact, then PATCHes its tags plus the new ones; its own spelling is kept', async () => {
		const result = await addTags({ tags: 'LEAD, vip' });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([`GET /v1/contacts/${JANE}`, `PATCH /v1/contacts/${JANE}`]);
		expect(patchBodies()).toEqual([{ tags: ['lead', 'vip'] }]);
		expect(result.items).toHaveLength(1);
		expect(result.items[0].json).toMatchObject({ uuid: JANE, tags: ['lead', 'vip'] });
		expect(result.items[0].pairedItem).toEqual({ item: 0 });
		expect(tagsInAccount(JANE)).toEqual(['lead', 'vip']);
	});

	it.each<[string, unknown, string[]]>([
		['a list from an expression', '={{ ["vip", "Newsletter"] }}', ['lead', 'vip', 'Newsletter']],
		['a JSON list typed as text', '["vip", "Newsletter"]', ['lead', 'vip', 'Newsletter']],
		['the same tag twice in any case', 'vip, VIP , Vip', ['lead', 'vip']],
		['blank entries', ' , vip,, ', ['lead', 'vip']],
	])('tags as %s', async (_label, tags, expected) => {
		await addTags({ tags });
		expect(patchBodies()).toEqual([{ tags: expected }]);
	});

	it('to a contact with no tags', async () => {
		const result = await addTags({ contactId: byId(JOHN), tags: 'vip' });
		expect(patchBodies()).toEqual([{ tags: ['vip'] }]);
		expect(result.items[0].json).toMatchObject({ uuid: JOHN, tags: ['vip'] });
	});

	it('only tags it already has (any case): no PATCH, the contact as it is', async () => {
		const result = await addTags({ contactId: byId(MARIA), tags: 'VIP, Customer' });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([`GET /v1/contacts/${MARIA}`]);
		expect(result.items[0].json).toMatchObject({
			uuid: MARIA,
			name: 'Maria Rossi',
			tags: ['customer', 'vip'],
		});
	});

	it('a tag that does not exist in the account: Callbell answers 422, the tags stay', async () => {
		const result = await addTags({ tags: 'vip, platinum' });

		const error = failure(result);
		expect(error?.httpCode).toBe('422');
		expect(error?.message).toBe('Callbell answered 422: Tag "platinum" does not exist [item 0]');
		expect(error?.description).toMatch(/must already exist in the Callbell account/);
		expect(patchBodies()).toEqual([{ tags: ['lead', 'vip', 'platinum'] }]);
		expect(tagsInAccount(JANE)).toEqual(['lead']);
	});

	it('each item reads the contact afresh: two items on one contact keep both changes', async () => {
		const result = await addTags({
			items: [{ tag: 'vip' }, { tag: 'customer' }],
			tags: '={{ $json.tag }}',
		});

		expect(sent()).toEqual([
			`GET /v1/contacts/${JANE}`,
			`PATCH /v1/contacts/${JANE}`,
			`GET /v1/contacts/${JANE}`,
			`PATCH /v1/contacts/${JANE}`,
		]);
		expect(patchBodies()).toEqual([
			{ tags: ['lead', 'vip'] },
			{ tags: ['lead', 'vip', 'customer'] },
		]);
		expect(result.items.map((item) => [item.json.tags, item.pairedItem])).toEqual([
			[['lead', 'vip'], { item: 0 }],
			[['lead', 'vip', 'customer'], { item: 1 }],
		]);
	});

	it('per item: PATCHes only the contacts that change, outputs paired in order', async () => {
		const result = await addTags({
			items: [{ id: JANE }, { id: MARIA }, { id: JOHN }],
			contactId: byId('={{ $json.id }}'),
			tags: 'vip',
		});

		expect(inAnyItemOrder(sent())).toEqual(
			inAnyItemOrder([
				`GET /v1/contacts/${JANE}`,
				`PATCH /v1/contacts/${JANE}`,
				`GET /v1/contacts/${MARIA}`,
				`GET /v1/contacts/${JOHN}`,
				`PATCH /v1/contacts/${JOHN}`,
			]),
		);
		expect(result.items.map((item) => [item.json.uuid, item.json.tags, item.pairedItem])).toEqual([
			[JANE, ['lead', 'vip'], { item: 0 }],
			[MARIA, ['customer', 'vip'], { item: 1 }],
			[JOHN, ['vip'], { item: 2 }],
		]);
	});

	it('Simplify Output: only the CRM fields, whether or not anything was sent', async () => {
		for (const tags of ['vip', 'lead']) {
			const result = await addTags({ tags, options: { simplify: true } });
			expect(result.items[0].json).toMatchObject({
				uuid: JANE,
				tags: ['lead', 'vip'],
				teamUuid: IDS.teams.sales,
			});
			expect(Object.keys(result.items[0].json)).not.toContain('conversationHref');
		}
		expect(patchBodies()).toHaveLength(1);
	});
});

describe('Contact → Add Tags by phone: the lookup is the read', () => {
	it('Add by phone: the lookup, then the PATCH; no GET /contacts/:uuid', async () => {
		const result = await addTags({ contactId: byPhone('+39 333 111 2222'), tags: 'lead' });

		expect(result.error).toBeUndefined();
		expect(sent()).toEqual([MARIA_LOOKUP, `PATCH /v1/contacts/${MARIA}`]);
		expect(patchBodies()).toEqual([{ tags: ['customer', 'vip', 'lead'] }]);
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, tags: ['customer', 'vip', 'lead'] });
	});

	it('a number nobody has: 404 from the lookup, no PATCH', async () => {
		const result = await addTags({ contactId: byPhone('+39 000 000 0000'), tags: 'vip' });
		expect(failure(result)?.message).toBe(
			'Callbell answered 404: No contact with the phone number +390000000000 in this channel [item 0]',
		);
		expect(sent()).toEqual(['GET /v1/contacts/phone/390000000000']);
	});
});

describe('Contact → Add Tags: refused or failing', () => {
	it.each<[string, unknown, string]>([
		[
			'tags that are objects',
			'={{ [{ "name": "vip" }] }}',
			'Tags must contain only text, got "{"name":"vip"}" [item 0]',
		],
		[
			'tags as a broken JSON list',
			'[vip]',
			'Tags looks like a JSON array but is not valid JSON: "[vip]" [item 0]',
		],
		[
			'tags that are an object',
			'={{ { "vip": true } }}',
			'Tags must be a comma-separated text or a list, got "{"vip":true}" [item 0]',
		],
	])('%s: refused, nothing sent', async (_label, tags, message) => {
		const result = await addTags({ tags });
		expect(failure(result)?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});

	it('typed into the panel, no tags at all stops the workflow before it runs', async () => {
		const result = await addTags({ tags: '' });
		expect(failure(result)?.message).toContain('Parameter "Tags" is required');
		expect(emulator.requests).toHaveLength(0);
	});

	it('continue on fail: each item gives its result or its error, paired in order', async () => {
		const result = await addTags({
			continueOnFail: true,
			items: [
				{ id: JANE, tags: 'vip' },
				{ id: MISSING, tags: 'vip' },
				{ id: JOHN, tags: 'platinum' },
				{ id: JOHN, tags: ' , ' },
				{ id: MARIA, tags: 'lead' },
			],
			contactId: byId('={{ $json.id }}'),
			tags: '={{ $json.tags }}',
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		const outputs = result.items.map((item) => item.json);
		expect(outputs[0]).toMatchObject({ uuid: JANE, tags: ['lead', 'vip'] });
		expect(outputs[1]).toMatchObject({
			httpCode: '404',
			error: 'Callbell answered 404: Contact not found [item 1]',
		});
		expect(outputs[2]).toMatchObject({
			httpCode: '422',
			error: 'Callbell answered 422: Tag "platinum" does not exist [item 2]',
		});
		expect(outputs[3]).toMatchObject({ error: 'Tags is empty [item 3]' });
		expect(outputs[4]).toMatchObject({ uuid: MARIA, tags: ['customer', 'vip', 'lead'] });
		expect(inAnyItemOrder(sent())).toEqual(
			inAnyItemOrder([
				`GET /v1/contacts/${JANE}`,
				`PATCH /v1/contacts/${JANE}`,
				`GET /v1/contacts/${MISSING}`,
				`GET /v1/contacts/${JOHN}`,
				`PATCH /v1/contacts/${JOHN}`,
				`GET /v1/contacts/${MARIA}`,
				`PATCH /v1/contacts/${MARIA}`,
			]),
		);
	});
});

describe('Contact → Add and Remove Tags alike', () => {
	it.each<['addTags' | 'removeTags', string]>([
		['addTags', 'VIP'],
		['removeTags', 'lead'],
	])('%s by phone with nothing to change: only the lookup', async (operation, tags) => {
		const result = await runTags(emulator, operation, {
			contactId: byPhone('+39 333 111 2222'),
			tags,
		});
		expect(sent()).toEqual([MARIA_LOOKUP]);
		expect(result.items[0].json).toMatchObject({ uuid: MARIA, tags: ['customer', 'vip'] });
	});

	it.each<['addTags' | 'removeTags']>([['addTags'], ['removeTags']])(
		'%s: a contact answered without its tags is left alone (its tags are unknown, not empty)',
		async (operation) => {
			emulator.injectFault({
				method: 'GET',
				path: `/v1/contacts/${JANE}`,
				status: 200,
				body: { contact: { uuid: JANE, name: 'Jane Doe' } },
			});
			const result = await runTags(emulator, operation, { tags: 'vip' });

			expect(failure(result)?.message).toBe(
				'Callbell answered with a contact without its tags [item 0]',
			);
			expect(sent()).toEqual([`GET /v1/contacts/${JANE}`]);
			expect(tagsInAccount(JANE)).toEqual(['lead']);
		},
	);

	it.each<['addTags' | 'removeTags', unknown]>([
		['addTags', ' , '],
		['removeTags', ' , '],
		['addTags', '={{ [] }}'],
		['removeTags', '={{ "" }}'],
		['removeTags', '={{ ["", " "] }}'],
	])('%s with empty tags %j: "Tags is empty", nothing sent', async (operation, tags) => {
		const result = await runTags(emulator, operation, { tags });

		expect(failure(result)?.message).toBe('Tags is empty [item 0]');
		expect(failure(result)?.description).toBe('Enter at least one tag.');
		expect(emulator.requests).toHaveLength(0);
	});
});
