/**
 * The pickers (resource locators' "From List", nodes/Callbell/methods/listSearch.ts), one block
 * each, as the editor calls them through n8n's LoadOptionsContext against the emulator: what
 * Callbell was asked, and the entries the user sees. One entry a page unless a block says two.
 */
import { startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { searchList } from '../harness';
import { byId, runOperation, useEmulator } from '../stories';

const JANE = IDS.contacts.jane;
const DEMO_BOOKED = 'd00dfeedd00dfeedd00dfeedd00dfee2';
const MEETING = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
const LUNCH = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a502';
const SEEDED_AT = '2026-01-15T09:30:00.000Z';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

/**
 * For the stories of one block: `emulator` is one with `pageSize` entries a page, reset before
 * each story; the file's comes back after the block. (useEmulator, called in a block, would end
 * the harness after it.)
 */
function useEmulatorWithPageSize(pageSize: number): void {
	let filesEmulator: CallbellEmulator;
	beforeAll(async () => {
		filesEmulator = emulator;
		emulator = await startEmulator({ pageSize });
	});
	beforeEach(() => emulator.reset());
	afterAll(async () => {
		await emulator.close();
		emulator = filesEmulator;
	});
}

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });

function addTemplate(uuid: string, title: string, status: string, category = 'UTILITY'): void {
	emulator.state.templates.push({
		uuid,
		title,
		templateType: 'text',
		category,
		status,
		text: 'Hi {{1}}',
		createdAt: SEEDED_AT,
	});
}

describe('searchApprovedTemplates: the templates Message → Send offers (two a page)', () => {
	useEmulatorWithPageSize(2);

	beforeEach(() => {
		addTemplate('d00dfeedd00dfeedd00dfeedd00dfee2', 'Payment reminder', 'pending');
		addTemplate('d00dfeedd00dfeedd00dfeedd00dfee3', 'Order shipped', 'approved');
		addTemplate('d00dfeedd00dfeedd00dfeedd00dfee4', 'Spring sale', 'rejected', 'MARKETING');
	});

	it('shows title, category and status, offers only approved ones, page by page', async () => {
		const first = await searchList({
			method: 'searchApprovedTemplates',
			credentials: credentials(),
		});
		expect(first.results).toEqual([
			{ name: 'Welcome (MARKETING, approved)', value: IDS.templates.welcome },
		]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({
			method: 'searchApprovedTemplates',
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([
			{ name: 'Order shipped (UTILITY, approved)', value: 'd00dfeedd00dfeedd00dfeedd00dfee3' },
		]);
		expect(second.paginationToken).toBeUndefined();
		expect(emulator.requestsTo('GET', '/v1/templates').map((request) => request.query)).toEqual([
			{ page: '1' },
			{ page: '2' },
		]);
	});

	it.each<[string, string, string[]]>([
		['ship', 'page:2', ['d00dfeedd00dfeedd00dfeedd00dfee3']],
		['UTILITY', 'page:2', ['d00dfeedd00dfeedd00dfeedd00dfee3']],
		// Payment reminder (pending) and Spring sale (rejected) are on these pages, never offered.
		['payment', 'page:1', []],
		['sale', 'page:2', []],
	])('searches title and category: "%s" on %s', async (filter, paginationToken, values) => {
		const page = await searchList({
			method: 'searchApprovedTemplates',
			credentials: credentials(),
			filter,
			paginationToken,
		});
		expect(page.results.map((result) => result.value)).toEqual(values);
	});

	it('the same page through the every-status picker (Template resource) does show the pending one', async () => {
		const { results } = await searchList({
			method: 'searchTemplates',
			credentials: credentials(),
			filter: 'payment',
			paginationToken: 'page:1',
		});
		expect(results).toEqual([
			{ name: 'Payment reminder (UTILITY, pending)', value: 'd00dfeedd00dfeedd00dfeedd00dfee2' },
		]);
	});

	it("a picker that fails shows Callbell's message", async () => {
		emulator.injectFault({
			method: 'GET',
			path: '/v1/templates',
			status: 403,
			body: { error: 'Templates are not part of your plan' },
		});
		await expect(
			searchList({ method: 'searchApprovedTemplates', credentials: credentials() }),
		).rejects.toThrow('Callbell answered 403: Templates are not part of your plan');
	});
});

describe('searchTeamMembers: Assigned User, collaborators from every team', () => {
	it('reads each team (every page) and its members, and shows each collaborator once by name and email', async () => {
		emulator.state.teams[1].memberEmails.push('alice@example.com');

		const { results, paginationToken } = await searchList({
			method: 'searchTeamMembers',
			credentials: credentials(),
		});

		expect(results).toEqual([
			{ name: 'Alice Agent (alice@example.com)', value: 'alice@example.com' },
			{ name: 'Bob Builder (bob@example.com)', value: 'bob@example.com' },
		]);
		expect(paginationToken).toBeUndefined();
		expect(
			emulator.requests.map(
				(request) => `${request.path}?${new URLSearchParams(request.query).toString()}`,
			),
		).toEqual([
			'/v1/teams?',
			'/v1/teams?page=2',
			`/v1/teams/${IDS.teams.sales}/members?`,
			`/v1/teams/${IDS.teams.support}/members?`,
			`/v1/teams/${IDS.teams.support}/members?page=2`,
		]);
	});

	it.each<[string, string[]]>([
		['bob', ['bob@example.com']],
		['EXAMPLE.COM', ['alice@example.com', 'bob@example.com']],
		['carla', []],
	])('searches names and emails: "%s"', async (filter, values) => {
		const { results } = await searchList({
			method: 'searchTeamMembers',
			credentials: credentials(),
			filter,
		});
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('a collaborator joining a team shows at the next call (nothing cached)', async () => {
		await searchList({ method: 'searchTeamMembers', credentials: credentials() });
		emulator.state.users.push({
			uuid: 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3',
			email: 'carla@example.com',
			name: 'Carla Closer',
			available: true,
			lastUpdatedAt: '2026-01-15T09:30:00.000Z',
			customStatusId: null,
		});
		emulator.state.teams[0].memberEmails.push('carla@example.com');
		const { results } = await searchList({
			method: 'searchTeamMembers',
			credentials: credentials(),
			filter: 'carla',
		});
		expect(results).toEqual([
			{ name: 'Carla Closer (carla@example.com)', value: 'carla@example.com' },
		]);
	});

	it("a picker that fails shows Callbell's message", async () => {
		emulator.injectFault({
			method: 'GET',
			path: `/v1/teams/${IDS.teams.support}/members`,
			status: 403,
			body: { error: 'Members are visible to admins only' },
		});
		await expect(
			searchList({ method: 'searchTeamMembers', credentials: credentials() }),
		).rejects.toThrow('Callbell answered 403: Members are visible to admins only');
	});

	it.each([
		['picked from the list', { __rl: true, mode: 'list', value: 'bob@example.com' }],
		['By Email', { __rl: true, mode: 'email', value: ' bob@example.com ' }],
		['a plain email (an AI agent, an expression)', 'bob@example.com'],
	])('Update sends the collaborator %s as assigned_user', async (_label, assignedUser) => {
		const result = await runOperation(emulator, 'contact', 'update', {
			parameters: { contactId: byId(JANE), updateFields: { assignedUser } },
		});
		expect(result.error).toBeUndefined();
		expect(
			emulator.requestsTo('PATCH', `/v1/contacts/${JANE}`).map((request) => request.body),
		).toEqual([{ assigned_user: 'bob@example.com' }]);
	});
});

describe('searchContacts: the contacts (two a page)', () => {
	useEmulatorWithPageSize(2);

	it("lists contacts page by page, following Callbell's cursor", async () => {
		const first = await searchList({ method: 'searchContacts', credentials: credentials() });
		expect(first.results).toHaveLength(2);
		expect(first.paginationToken).toEqual(expect.stringMatching(/^after:/));

		const second = await searchList({
			method: 'searchContacts',
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		const values = [...first.results, ...second.results].map((result) => result.value);
		expect(values).toEqual(
			expect.arrayContaining([IDS.contacts.jane, IDS.contacts.john, IDS.contacts.maria]),
		);
		expect(
			emulator.requestsTo('GET', '/v1/contacts').map((request) => request.query.after),
		).toEqual([undefined, (first.paginationToken as string).slice('after:'.length)]);
	});

	it('filters contacts by name or phone and links to the dashboard', async () => {
		const { results } = await searchList({
			method: 'searchContacts',
			credentials: credentials(),
			filter: 'JANE',
		});
		expect(results).toEqual([
			{
				name: 'Jane Doe (+391234567890)',
				value: IDS.contacts.jane,
				url: `https://dash.callbell.eu/contacts/${IDS.contacts.jane}`,
			},
		]);
	});
});

describe('searchTeams: the teams (two a page)', () => {
	useEmulatorWithPageSize(2);

	it('lists teams', async () => {
		const { results } = await searchList({ method: 'searchTeams', credentials: credentials() });
		expect(results.map((result) => result.value)).toEqual(
			expect.arrayContaining([IDS.teams.sales, IDS.teams.support]),
		);
	});

	it('reports a bad token as an API error', async () => {
		await expect(
			searchList({ method: 'searchTeams', credentials: { ...credentials(), apiToken: 'bad' } }),
		).rejects.toThrow('Callbell answered 401: Invalid API token');
	});
});

describe('searchChannels: the channels', () => {
	it('shows each channel with its title and type, the main one marked, page by page', async () => {
		const first = await searchList({ method: 'searchChannels', credentials: credentials() });
		expect(first.results).toEqual([
			{ name: 'WhatsApp Sales (whatsapp, main)', value: IDS.channels.whatsapp },
		]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({
			method: 'searchChannels',
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([
			{ name: 'Instagram (instagram)', value: IDS.channels.instagram },
		]);
		expect(second.paginationToken).toBeUndefined();

		expect(emulator.requestsTo('GET', '/v1/channels').map((request) => request.query)).toEqual([
			{ page: '1' },
			{ page: '2' },
		]);
	});

	it.each<[string, string, string[]]>([
		['by title', 'sales', [IDS.channels.whatsapp]],
		['by type', 'WHATSAPP', [IDS.channels.whatsapp]],
		['something no channel has', 'telegram', []],
	])('filters %s: "%s"', async (_label, filter, values) => {
		const { results } = await searchList({
			method: 'searchChannels',
			credentials: credentials(),
			filter,
		});
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('a filter matching a channel of a later page finds it when the editor loads that page', async () => {
		const first = await searchList({
			method: 'searchChannels',
			credentials: credentials(),
			filter: 'insta',
		});
		expect(first.results).toEqual([]);
		const second = await searchList({
			method: 'searchChannels',
			credentials: credentials(),
			filter: 'insta',
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([
			{ name: 'Instagram (instagram)', value: IDS.channels.instagram },
		]);
	});

	it('filters by type across a page holding several channels', async () => {
		const roomy = await startEmulator();
		try {
			const { results } = await searchList({
				method: 'searchChannels',
				credentials: { apiToken: TEST_TOKEN, baseUrl: roomy.baseUrl },
				filter: 'instagram',
			});
			expect(results).toEqual([{ name: 'Instagram (instagram)', value: IDS.channels.instagram }]);
		} finally {
			await roomy.close();
		}
	});
});

describe('searchFunnels: the funnel stages', () => {
	it('lists every stage as emoji and name, its uuid as the value', async () => {
		const result = await searchList({ method: 'searchFunnels', credentials: credentials() });

		expect(result.results).toEqual([
			{ name: '🌱 New leads', value: IDS.funnels.newLeads },
			{ name: '🔥 Qualified', value: IDS.funnels.qualified },
		]);
		// Callbell answers every stage at once: there is no next page.
		expect(result.paginationToken).toBeUndefined();
		const requests = emulator.requestsTo('GET', '/v1/funnels');
		expect(requests).toHaveLength(1);
		expect(requests[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
	});

	it.each<[string, string[]]>([
		['qual', [IDS.funnels.qualified]],
		['LEADS', [IDS.funnels.newLeads]],
		['new l', [IDS.funnels.newLeads]],
		['lost', []],
	])('filters by name: "%s"', async (filter, values) => {
		const { results } = await searchList({
			method: 'searchFunnels',
			credentials: credentials(),
			filter,
		});
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('a stage without an emoji shows its name alone', async () => {
		emulator.state.funnels.push({
			uuid: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f009',
			name: 'Lost',
			emoji: '',
			position: 3,
			createdAt: '2026-01-15T09:30:00.000Z',
		});
		const { results } = await searchList({
			method: 'searchFunnels',
			credentials: credentials(),
			filter: 'lost',
		});
		expect(results).toEqual([{ name: 'Lost', value: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f009' }]);
	});

	it('reports a bad token as an API error', async () => {
		await expect(
			searchList({ method: 'searchFunnels', credentials: { ...credentials(), apiToken: 'bad' } }),
		).rejects.toThrow('Callbell answered 401: Invalid API token');
	});
});

describe('searchTemplates: every template, whatever its status', () => {
	beforeEach(() => {
		emulator.state.templates.push({
			uuid: DEMO_BOOKED,
			title: 'Demo booked',
			templateType: 'text',
			category: 'UTILITY',
			status: 'pending',
			text: 'Hi {{1}}, your demo is booked for {{2}}.',
			createdAt: SEEDED_AT,
		});
	});

	it('shows every template, whatever its status, as "title (category, status)", page by page', async () => {
		const first = await searchList({ method: 'searchTemplates', credentials: credentials() });
		expect(first.results).toEqual([
			{ name: 'Welcome (MARKETING, approved)', value: IDS.templates.welcome },
		]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({
			method: 'searchTemplates',
			credentials: credentials(),
			paginationToken: 'page:2',
		});
		expect(second.results).toEqual([
			{ name: 'Demo booked (UTILITY, pending)', value: DEMO_BOOKED },
		]);
		expect(second.paginationToken).toBeUndefined();

		expect(emulator.requestsTo('GET', '/v1/templates').map((request) => request.query)).toEqual([
			{ page: '1' },
			{ page: '2' },
		]);
		expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
	});

	it.each<[string, string, string, string[]]>([
		['by title', 'WELC', 'page:1', [IDS.templates.welcome]],
		['by category', 'marketing', 'page:1', [IDS.templates.welcome]],
		['by status', 'pending', 'page:2', [DEMO_BOOKED]],
		['by status', 'approved', 'page:2', []],
	])('filters %s: "%s" (on %s)', async (_label, filter, paginationToken, values) => {
		const { results } = await searchList({
			method: 'searchTemplates',
			credentials: credentials(),
			filter,
			paginationToken,
		});
		expect(results.map((result) => result.value)).toEqual(values);
	});
});

describe('searchCustomStatuses: the custom statuses', () => {
	beforeEach(() => {
		emulator.state.customStatuses.push(
			{
				id: MEETING,
				name: 'In a meeting',
				emoji: '📅',
				createdAt: SEEDED_AT,
				updatedAt: SEEDED_AT,
			},
			{ id: LUNCH, name: 'Lunch', emoji: null, createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
		);
	});

	it('shows each status as emoji and name (the name alone without emoji), its id as the value', async () => {
		const first = await searchList({ method: 'searchCustomStatuses', credentials: credentials() });
		expect(first.results).toEqual([{ name: '📅 In a meeting', value: MEETING }]);
		const second = await searchList({
			method: 'searchCustomStatuses',
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([{ name: 'Lunch', value: LUNCH }]);
		expect(second.paginationToken).toBeUndefined();
		expect(
			emulator.requestsTo('GET', '/v1/custom_statuses').map((request) => request.query),
		).toEqual([{ page: '1' }, { page: '2' }]);
	});

	it('filters by name', async () => {
		const { results } = await searchList({
			method: 'searchCustomStatuses',
			credentials: credentials(),
			filter: 'MEET',
		});
		expect(results).toEqual([{ name: '📅 In a meeting', value: MEETING }]);
	});

	it('an account without custom statuses: an empty list', async () => {
		emulator.state.customStatuses.length = 0;
		const result = await searchList({ method: 'searchCustomStatuses', credentials: credentials() });
		expect(result).toEqual({ results: [], paginationToken: undefined });
	});
});
