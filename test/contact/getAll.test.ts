/**
 * Contact → Get Many (`getAll`), run through n8n's real execution engine against the emulator
 * over HTTP: each story states the node's parameters, then the list requests Callbell received
 * (filters, cursors, pages) and the items that came out. The account holds the 3 seeded contacts
 * plus 1,200 generated ones (uuids starting `cc`), 50 a page.
 */
import type { IDataObject } from 'n8n-workflow';

import { startEmulator, type CallbellEmulator, type RecordedRequest } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import type { Contact } from '../../dev/emulator/state';
import type { RunResult } from '../harness';
import { runOperation, useEmulator, type OperationRun } from '../stories';

const JANE = IDS.contacts.jane;
const JOHN = IDS.contacts.john;
const MARIA = IDS.contacts.maria;
const LIST_PATH = '/v1/contacts';
const EXTRA_CONTACTS = 1200;
const TOTAL_CONTACTS = 3 + EXTRA_CONTACTS;
const PAGE_SIZE = 50;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { extraContacts: EXTRA_CONTACTS });

interface GetManyRun extends OperationRun {
	/** Left out: the parameter's default. */
	returnAll?: boolean;
	/** Left out: the parameter's default. */
	limit?: unknown;
	filters?: IDataObject;
	/** Default: this file's emulator. */
	target?: CallbellEmulator;
}

function runGetMany({
	returnAll,
	limit,
	filters = {},
	target = emulator,
	...run
}: GetManyRun = {}): Promise<RunResult> {
	const parameters = {
		...(returnAll !== undefined && { returnAll }),
		...(limit !== undefined && { limit: limit as number }),
		filters,
	};
	return runOperation(target, 'contact', 'getAll', { ...run, parameters });
}

function listRequests(target: CallbellEmulator = emulator): RecordedRequest[] {
	return target.requestsTo('GET', LIST_PATH);
}

/** Callbell's next answer to GET /contacts, whatever the account holds (one call per answer, in order). */
function answerList(body: object): void {
	emulator.injectFault({ method: 'GET', path: LIST_PATH, status: 200, body });
}

const uuidsOf = (result: RunResult) => result.items.map((item) => item.json.uuid);

/** What Callbell answered to a recorded request: the same GET again (the account did not change). */
async function answerTo(
	request: RecordedRequest,
): Promise<{ contacts: IDataObject[]; meta: IDataObject }> {
	const response = await fetch(`${emulator.url}${request.rawUrl}`, {
		headers: { authorization: `Bearer ${TEST_TOKEN}`, accept: 'application/json' },
	});
	expect(response.status).toBe(200);
	return (await response.json()) as { contacts: IDataObject[]; meta: IDataObject };
}

/** The contacts a filter means (source, every tag case-insensitively, team), in the account's order. */
function contactsMatching(filter: {
	source?: string;
	tags?: string[];
	teamUuid?: string;
}): string[] {
	const wanted = (filter.tags ?? []).map((tag) => tag.toLowerCase());
	return emulator.state.contacts
		.filter(
			(contact: Contact) =>
				(filter.source === undefined || contact.source === filter.source) &&
				(filter.teamUuid === undefined || contact.teamUuid === filter.teamUuid) &&
				wanted.every((tag) => contact.tags.some((own) => own.toLowerCase() === tag)),
		)
		.map((contact) => contact.uuid);
}

/** A minimal contact as a list entry of a faked answer. */
const listed = (uuid: string, name: string) => ({ uuid, name, tags: [] });

describe('Contact → Get Many: Return All', () => {
	it('outputs all 1,203 contacts once each, following every cursor with one request per page', async () => {
		const result = await runGetMany({ returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(TOTAL_CONTACTS);
		const uuids = uuidsOf(result);
		expect(new Set(uuids).size).toBe(TOTAL_CONTACTS);
		expect(uuids).toEqual(emulator.state.contacts.map((contact) => contact.uuid));
		expect(uuids.slice(0, 3)).toEqual([JANE, JOHN, MARIA]);
		expect(uuids.filter((uuid) => String(uuid).startsWith('cc'))).toHaveLength(EXTRA_CONTACTS);
		expect(
			result.items.every((item) => JSON.stringify(item.pairedItem) === JSON.stringify({ item: 0 })),
		).toBe(true);

		const requests = listRequests();
		expect(requests).toHaveLength(Math.ceil(TOTAL_CONTACTS / PAGE_SIZE));
		expect(requests).toHaveLength(25);
		expect(emulator.requests).toHaveLength(25);
		expect(requests[0].query).toEqual({});
		for (const request of requests) {
			expect(request.headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
			expect(request.query.page).toBeUndefined();
		}

		// Each request from the 2nd on carries the cursor the previous answer handed out; the last answer has none.
		const sent = [...requests];
		const answers = [];
		for (const request of sent) answers.push(await answerTo(request));
		for (let index = 1; index < sent.length; index++) {
			expect(answers[index - 1].meta.next).toEqual(expect.any(String));
			expect(sent[index].query).toEqual({ after: answers[index - 1].meta.next });
		}
		expect(answers[answers.length - 1].meta.next).toBeNull();
	});

	it.each<
		[
			string,
			IDataObject,
			Record<string, string>,
			{ source: string; tags: string[]; teamUuid: string },
		]
	>([
		[
			'source, tags and team from the list',
			{
				source: 'instagram',
				tags: 'lead, vip',
				teamId: { __rl: true, mode: 'list', value: IDS.teams.support },
			},
			{ source: 'instagram', tags: 'lead,vip', team_uuid: IDS.teams.support },
			{ source: 'instagram', tags: ['lead', 'vip'], teamUuid: IDS.teams.support },
		],
		[
			'tags as a list from an expression, team by id',
			{
				source: 'whatsapp',
				tags: '={{ ["LEAD", "lead"] }}',
				teamId: { __rl: true, mode: 'id', value: IDS.teams.sales },
			},
			{ source: 'whatsapp', tags: 'LEAD', team_uuid: IDS.teams.sales },
			{ source: 'whatsapp', tags: ['lead'], teamUuid: IDS.teams.sales },
		],
	])('filters by %s, sent with every page', async (_label, filters, expectedQuery, meaning) => {
		const expected = contactsMatching(meaning);
		expect(expected.length).toBeGreaterThan(PAGE_SIZE);

		const result = await runGetMany({ returnAll: true, filters });

		expect(result.error).toBeUndefined();
		expect(uuidsOf(result)).toEqual(expected);
		for (const { json } of result.items) {
			expect(json.source).toBe(meaning.source);
			expect((json.team as IDataObject).uuid).toBe(meaning.teamUuid);
			expect((json.tags as string[]).map((tag) => tag.toLowerCase())).toEqual(
				expect.arrayContaining(meaning.tags),
			);
		}

		const requests = listRequests();
		expect(requests).toHaveLength(Math.ceil(expected.length / PAGE_SIZE));
		expect(requests[0].query).toEqual(expectedQuery);
		for (const request of requests.slice(1)) {
			expect(request.query).toEqual({ ...expectedQuery, after: expect.any(String) });
		}
	});

	it('a filter nothing matches: one request, no items', async () => {
		const result = await runGetMany({ returnAll: true, filters: { source: 'facebook' } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
		expect(listRequests().map((request) => request.query)).toEqual([{ source: 'facebook' }]);
	});
});

describe('Contact → Get Many: Limit', () => {
	it.each<[number, number]>([
		[1, 1],
		[50, 1],
		[51, 2],
		[100, 2],
		[120, 3],
	])('limit %i: outputs that many contacts from %i request(s)', async (limit, requestCount) => {
		const result = await runGetMany({ limit });

		expect(result.error).toBeUndefined();
		expect(uuidsOf(result)).toEqual(
			emulator.state.contacts.slice(0, limit).map((contact) => contact.uuid),
		);
		expect(listRequests()).toHaveLength(requestCount);
		expect(emulator.requests).toHaveLength(requestCount);
		expect(listRequests()[0].query).toEqual({});
		for (const request of listRequests().slice(1))
			expect(request.query).toEqual({ after: expect.any(String) });
	});

	it('defaults to 50 contacts, one request', async () => {
		const result = await runGetMany();
		expect(result.items).toHaveLength(50);
		expect(listRequests()).toHaveLength(1);
	});

	it('a limit above what the account has outputs everything once', async () => {
		const result = await runGetMany({ limit: 5000 });
		expect(result.items).toHaveLength(TOTAL_CONTACTS);
		expect(listRequests()).toHaveLength(25);
	});

	it('limit with filters: the filters go with each page', async () => {
		const result = await runGetMany({ limit: 60, filters: { tags: 'customer' } });
		expect(uuidsOf(result)).toEqual(contactsMatching({ tags: ['customer'] }).slice(0, 60));
		expect(listRequests().map((request) => request.query)).toEqual([
			{ tags: 'customer' },
			{ tags: 'customer', after: expect.any(String) },
		]);
	});

	it('lists once per input item, each item with its own filters, outputs paired to their item', async () => {
		const result = await runGetMany({
			items: [{ source: 'instagram' }, { source: 'telegram' }],
			limit: 2,
			filters: { source: '={{ $json.source }}' },
		});

		expect(result.error).toBeUndefined();
		expect(result.items.map((item) => [item.json.source, item.pairedItem])).toEqual([
			['instagram', { item: 0 }],
			['instagram', { item: 0 }],
			['telegram', { item: 1 }],
			['telegram', { item: 1 }],
		]);
		expect(listRequests().map((request) => request.query)).toEqual([
			{ source: 'instagram' },
			{ source: 'telegram' },
		]);
	});
});

describe('Contact → Get Many: options', () => {
	it('Include Custom Field Types: asks for them, and every contact carries customFieldsMetadata', async () => {
		const result = await runGetMany({ limit: 3, options: { includeFieldTypes: true } });

		expect(listRequests().map((request) => request.query)).toEqual([
			{ include_field_types: 'true' },
		]);
		expect(result.items).toHaveLength(3);
		for (const { json } of result.items)
			expect(json.customFieldsMetadata).toEqual(expect.any(Object));
		expect((result.items[0].json.customFieldsMetadata as IDataObject).Company).toEqual({
			value: 'Acme',
			type: 'text',
		});
		expect((result.items[0].json.customFieldsMetadata as IDataObject).Plan).toEqual({
			value: null,
			type: 'dropdown',
			options: ['Free', 'Pro', 'Enterprise'],
		});
	});

	it('Include Custom Field Types goes with every page of Return All', async () => {
		await runGetMany({
			returnAll: true,
			filters: { tags: 'vip' },
			options: { includeFieldTypes: true },
		});
		const requests = listRequests();
		expect(requests.length).toBeGreaterThan(1);
		for (const request of requests)
			expect(request.query).toMatchObject({ include_field_types: 'true', tags: 'vip' });
	});

	it('without it: not asked for, no customFieldsMetadata', async () => {
		const result = await runGetMany({ limit: 3, options: { includeFieldTypes: false } });
		expect(listRequests()[0].query).toEqual({});
		for (const { json } of result.items) expect(json).not.toHaveProperty('customFieldsMetadata');
	});

	it('Simplify Output: only the CRM fields of each contact', async () => {
		const result = await runGetMany({ limit: 2, options: { simplify: true } });
		expect(result.items.map((item) => item.json)).toEqual([
			{
				uuid: JANE,
				name: 'Jane Doe',
				phoneNumber: '+391234567890',
				source: 'whatsapp',
				tags: ['lead'],
				assignedUser: null,
				teamUuid: IDS.teams.sales,
				teamName: 'Sales',
				customFields: { Company: 'Acme' },
				note: '',
				funnelId: IDS.funnels.newLeads,
				closedAt: null,
				href: `https://dash.callbell.eu/contacts/${JANE}`,
			},
			{
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
				closedAt: null,
				href: `https://dash.callbell.eu/contacts/${JOHN}`,
			},
		]);
	});

	it('without Simplify Output: the whole contact as Callbell answered it', async () => {
		const result = await runGetMany({ limit: 1 });
		expect(result.items[0].json).toMatchObject({
			uuid: JANE,
			funnelId: IDS.funnels.newLeads,
			closedAt: null,
			conversationHref: expect.any(String),
			team: expect.objectContaining({ uuid: IDS.teams.sales }),
			channel: expect.objectContaining({ uuid: IDS.channels.whatsapp }),
		});
	});
});

describe('Contact → Get Many: what Callbell answers along the way', () => {
	function failure(result: RunResult) {
		return result.error as (Error & { httpCode?: string; description?: string }) | undefined;
	}

	it('Callbell refuses a cursor after the first page: the run fails, nothing more is asked', async () => {
		let armed = false;
		const refusing: CallbellEmulator = await startEmulator({
			extraContacts: EXTRA_CONTACTS,
			// Called right after an answer is sent: from the 2nd list request on, every one is refused.
			log: (line) => {
				if (armed || !line.startsWith(`GET ${LIST_PATH} 200`)) return;
				armed = true;
				refusing.injectFault({
					method: 'GET',
					path: LIST_PATH,
					status: 400,
					body: { error: 'Invalid pagination cursor' },
					times: Infinity,
				});
			},
		});
		try {
			const result = await runGetMany({ returnAll: true, target: refusing });

			expect(failure(result)?.message).toBe(
				'Callbell answered 400: Invalid pagination cursor [item 0]',
			);
			expect(failure(result)?.httpCode).toBe('400');
			expect(result.items).toEqual([]);
			const requests = listRequests(refusing);
			expect(requests.map((request) => request.status)).toEqual([200, 400]);
			expect(requests[1].query).toEqual({ after: expect.any(String) });
			expect(refusing.requests).toHaveLength(2);
		} finally {
			await refusing.close();
		}
	});

	it('a cursor Callbell cannot read: its 400 stops the run after two requests', async () => {
		answerList({ contacts: [listed(JANE, 'Jane Doe')], meta: { next: 'not-a-cursor' } });

		const result = await runGetMany({ returnAll: true, filters: { source: 'whatsapp' } });

		expect(failure(result)?.message).toBe(
			'Callbell answered 400: Invalid pagination cursor [item 0]',
		);
		expect(listRequests().map((request) => request.query)).toEqual([
			{ source: 'whatsapp' },
			{ source: 'whatsapp', after: 'not-a-cursor' },
		]);
		expect(emulator.requests).toHaveLength(2);
	});

	it('a cursor Callbell hands out twice is not followed again (no endless loop)', async () => {
		emulator.injectFault({
			method: 'GET',
			path: LIST_PATH,
			status: 200,
			body: { contacts: [listed(JANE, 'Jane Doe')], meta: { next: 'c2FtZQ' } },
			times: Infinity,
		});

		const result = await runGetMany({ returnAll: true });

		expect(result.error).toBeUndefined();
		expect(uuidsOf(result)).toEqual([JANE]);
		expect(listRequests().map((request) => request.query)).toEqual([{}, { after: 'c2FtZQ' }]);
	});

	it('a contact Callbell repeats on the next page is output once', async () => {
		answerList({
			contacts: [listed(JANE, 'Jane Doe'), listed(JOHN, 'John Smith')],
			meta: { next: 'cGFnZTI' },
		});
		answerList({
			contacts: [listed(JOHN, 'John Smith'), listed(MARIA, 'Maria Rossi')],
			meta: { next: null },
		});

		const result = await runGetMany({ returnAll: true });

		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(3);
		expect(uuidsOf(result)).toEqual([JANE, JOHN, MARIA]);
		expect(listRequests().map((request) => request.query)).toEqual([{}, { after: 'cGFnZTI' }]);
	});

	it('a repeated contact does not count towards the limit', async () => {
		answerList({
			contacts: [listed(JANE, 'Jane Doe'), listed(JOHN, 'John Smith')],
			meta: { next: 'cGFnZTI' },
		});
		answerList({
			contacts: [listed(JOHN, 'John Smith'), listed(MARIA, 'Maria Rossi')],
			meta: { next: 'cGFnZTM' },
		});

		const result = await runGetMany({ limit: 3 });

		expect(uuidsOf(result)).toEqual([JANE, JOHN, MARIA]);
		expect(listRequests()).toHaveLength(2);
	});

	it('a list answered with page numbers only: asks page=2 with the same filters', async () => {
		answerList({ contacts: [listed(JANE, 'Jane Doe')], meta: { page: 1, pages: 2 } });
		answerList({ contacts: [listed(MARIA, 'Maria Rossi')], meta: { page: 2, pages: 2 } });

		const result = await runGetMany({ returnAll: true, filters: { source: 'whatsapp' } });

		expect(result.error).toBeUndefined();
		expect(uuidsOf(result)).toEqual([JANE, MARIA]);
		expect(listRequests().map((request) => request.query)).toEqual([
			{ source: 'whatsapp' },
			{ source: 'whatsapp', page: '2' },
		]);
	});

	it("numbered pages past Callbell's 500 are not asked for: the item fails with a hint to narrow the list", async () => {
		answerList({ contacts: [listed(JANE, 'Jane Doe')], meta: { page: 500, pages: 600 } });
		const result = await runGetMany({ returnAll: true });

		expect(failure(result)?.message).toBe(
			'Callbell lists at most 500 pages of contacts; this list has more [item 0]',
		);
		expect(failure(result)?.description).toMatch(/^Narrow the list with the filters/);
		expect(listRequests()).toHaveLength(1);
	});

	it('an answer without a list of contacts is an error, not an empty result', async () => {
		answerList({ status: 'ok' });
		const result = await runGetMany({ returnAll: true });
		expect(failure(result)?.message).toMatch(/^Callbell answered without a list of contacts/);
		expect(result.items).toEqual([]);
	});

	it('an error on a later page fails the run (no partial output)', async () => {
		let armed = false;
		const failing: CallbellEmulator = await startEmulator({
			extraContacts: EXTRA_CONTACTS,
			log: (line) => {
				if (armed || !line.startsWith(`GET ${LIST_PATH} 200`)) return;
				armed = true;
				failing.injectFault({
					method: 'GET',
					path: LIST_PATH,
					status: 500,
					body: { error: 'Internal Server Error' },
				});
			},
		});
		try {
			const result = await runGetMany({
				returnAll: true,
				target: failing,
				options: { retries: 0 },
			});
			expect(failure(result)?.message).toBe(
				'Callbell answered 500: Internal Server Error [item 0]',
			);
			expect(failure(result)?.description).toMatch(/safe to try again/);
			expect(listRequests(failing)).toHaveLength(2);
		} finally {
			await failing.close();
		}
	});

	it('continue on fail: the failed listing becomes one error item, the next item still lists', async () => {
		emulator.injectFault({
			method: 'GET',
			path: LIST_PATH,
			status: 500,
			body: { error: 'Internal Server Error' },
		});

		const result = await runGetMany({
			items: [{}, {}],
			limit: 2,
			continueOnFail: true,
			options: { retries: 0 },
		});

		expect(result.error).toBeUndefined();
		expect(
			result.items.map((item) => [item.json.error ?? item.json.uuid, item.pairedItem]),
		).toEqual([
			['Callbell answered 500: Internal Server Error [item 0]', { item: 0 }],
			[JANE, { item: 1 }],
			[JOHN, { item: 1 }],
		]);
	});
});

/** Values usually come from expressions, checked when the item runs. */
const BAD_INPUTS: Array<[string, Partial<GetManyRun>, string]> = [
	['limit 0', { limit: 0 }, 'Limit must be a whole number from 1, got "0" [item 0]'],
	['negative limit', { limit: -5 }, 'Limit must be a whole number from 1, got "-5" [item 0]'],
	[
		'limit 2.5 from an expression',
		{ limit: '={{ 2.5 }}' },
		'Limit must be a whole number from 1, got "2.5" [item 0]',
	],
	[
		'limit as text from an expression',
		{ limit: '={{ "ten" }}' },
		'Limit must be a whole number from 1, got "ten" [item 0]',
	],
	['tags filter empty', { filters: { tags: '' } }, 'Tags is empty [item 0]'],
	['tags filter only commas', { filters: { tags: ' , ' } }, 'Tags is empty [item 0]'],
	['tags filter an empty list', { filters: { tags: '={{ [] }}' } }, 'Tags is empty [item 0]'],
	[
		'tags filter with an object',
		{ filters: { tags: '={{ [{ "name": "vip" }] }}' } },
		'Tags must contain only text, got "{"name":"vip"}" [item 0]',
	],
	[
		'team filter empty',
		{ filters: { teamId: { __rl: true, mode: 'list', value: '' } } },
		'Team is empty [item 0]',
	],
	[
		'source filter not a word',
		{ filters: { source: '={{ "what sapp" }}' } },
		'Source must be a channel type such as whatsapp, instagram, facebook, telegram, got "what sapp" [item 0]',
	],
	[
		'source filter empty',
		{ filters: { source: '={{ "" }}' } },
		'Source must be a channel type such as whatsapp, instagram, facebook, telegram, got "" [item 0]',
	],
	[
		'source filter with a query string',
		{ filters: { source: '={{ "whatsapp&page=9" }}' } },
		'Source must be a channel type such as whatsapp, instagram, facebook, telegram, got "whatsapp&page=9" [item 0]',
	],
];

describe('Contact → Get Many: bad input is refused before any request', () => {
	it.each(BAD_INPUTS)('%s', async (_label, run, message) => {
		const result = await runGetMany({ limit: 10, ...run });

		expect(result.error?.message).toBe(message);
		expect(result.items).toEqual([]);
		expect(emulator.requests).toHaveLength(0);
	});

	it('Return All ignores a limit it does not use', async () => {
		const result = await runGetMany({ returnAll: true, limit: 0, filters: { source: 'telegram' } });
		expect(result.error).toBeUndefined();
		expect(result.items).toHaveLength(contactsMatching({ source: 'telegram' }).length);
	});

	it('names the item whose limit is bad; earlier items were listed', async () => {
		const result = await runGetMany({ items: [{ n: 1 }, { n: 0 }], limit: '={{ $json.n }}' });
		expect(result.error?.message).toBe('Limit must be a whole number from 1, got "0" [item 1]');
		expect(listRequests()).toHaveLength(1);
	});
});
