/**
 * The template and custom-status pickers (resource locators' "From List"), as the editor calls
 * them: what Callbell was asked, and the entries the user sees. One entry a page.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { searchList } from '../harness';
import { useEmulator } from '../stories';

const DEMO_BOOKED = 'd00dfeedd00dfeedd00dfeedd00dfee2';
const MEETING = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a501';
const LUNCH = 'a5a5a5a5a5a5a5a5a5a5a5a5a5a5a502';
const SEEDED_AT = '2026-01-15T09:30:00.000Z';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });

describe('templates', () => {
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
		expect(first.results).toEqual([{ name: 'Welcome (MARKETING, approved)', value: IDS.templates.welcome }]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({ method: 'searchTemplates', credentials: credentials(), paginationToken: 'page:2' });
		expect(second.results).toEqual([{ name: 'Demo booked (UTILITY, pending)', value: DEMO_BOOKED }]);
		expect(second.paginationToken).toBeUndefined();

		expect(emulator.requestsTo('GET', '/v1/templates').map((request) => request.query)).toEqual([{ page: '1' }, { page: '2' }]);
		expect(emulator.requests[0].headers.authorization).toBe(`Bearer ${TEST_TOKEN}`);
	});

	it.each<[string, string, string, string[]]>([
		['by title', 'WELC', 'page:1', [IDS.templates.welcome]],
		['by category', 'marketing', 'page:1', [IDS.templates.welcome]],
		['by status', 'pending', 'page:2', [DEMO_BOOKED]],
		['by status', 'approved', 'page:2', []],
	])('filters %s: "%s" (on %s)', async (_label, filter, paginationToken, values) => {
		const { results } = await searchList({ method: 'searchTemplates', credentials: credentials(), filter, paginationToken });
		expect(results.map((result) => result.value)).toEqual(values);
	});
});

describe('custom statuses', () => {
	beforeEach(() => {
		emulator.state.customStatuses.push(
			{ id: MEETING, name: 'In a meeting', emoji: '📅', createdAt: SEEDED_AT, updatedAt: SEEDED_AT },
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
		expect(emulator.requestsTo('GET', '/v1/custom_statuses').map((request) => request.query)).toEqual([{ page: '1' }, { page: '2' }]);
	});

	it('filters by name', async () => {
		const { results } = await searchList({ method: 'searchCustomStatuses', credentials: credentials(), filter: 'MEET' });
		expect(results).toEqual([{ name: '📅 In a meeting', value: MEETING }]);
	});

	it('an account without custom statuses: an empty list', async () => {
		emulator.state.customStatuses.length = 0;
		const result = await searchList({ method: 'searchCustomStatuses', credentials: credentials() });
		expect(result).toEqual({ results: [], paginationToken: undefined });
	});
});
