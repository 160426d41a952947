/** The template picker of Message → Send, as the editor calls it through n8n's LoadOptionsContext. */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { searchList } from '../harness';
import { useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 2 });

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });
const SEEDED_AT = '2026-01-15T09:30:00.000Z';

function addTemplate(uuid: string, title: string, status: string, category = 'UTILITY'): void {
	emulator.state.templates.push({ uuid, title, templateType: 'text', category, status, text: 'Hi {{1}}', createdAt: SEEDED_AT });
}

describe('approved templates', () => {
	beforeEach(() => {
		addTemplate('d00dfeedd00dfeedd00dfeedd00dfee2', 'Payment reminder', 'pending');
		addTemplate('d00dfeedd00dfeedd00dfeedd00dfee3', 'Order shipped', 'approved');
		addTemplate('d00dfeedd00dfeedd00dfeedd00dfee4', 'Spring sale', 'rejected', 'MARKETING');
	});

	it('shows title, category and status, offers only approved ones, page by page', async () => {
		const first = await searchList({ method: 'searchApprovedTemplates', credentials: credentials() });
		expect(first.results).toEqual([{ name: 'Welcome (MARKETING, approved)', value: IDS.templates.welcome }]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({ method: 'searchApprovedTemplates', credentials: credentials(), paginationToken: first.paginationToken as string });
		expect(second.results).toEqual([{ name: 'Order shipped (UTILITY, approved)', value: 'd00dfeedd00dfeedd00dfeedd00dfee3' }]);
		expect(second.paginationToken).toBeUndefined();
		expect(emulator.requestsTo('GET', '/v1/templates').map((request) => request.query)).toEqual([{ page: '1' }, { page: '2' }]);
	});

	it.each<[string, string, string[]]>([
		['ship', 'page:2', ['d00dfeedd00dfeedd00dfeedd00dfee3']],
		['UTILITY', 'page:2', ['d00dfeedd00dfeedd00dfeedd00dfee3']],
		// Payment reminder (pending) and Spring sale (rejected) are on these pages, never offered.
		['payment', 'page:1', []],
		['sale', 'page:2', []],
	])('searches title and category: "%s" on %s', async (filter, paginationToken, values) => {
		const page = await searchList({ method: 'searchApprovedTemplates', credentials: credentials(), filter, paginationToken });
		expect(page.results.map((result) => result.value)).toEqual(values);
	});

	it('the same page through the every-status picker (Template resource) does show the pending one', async () => {
		const { results } = await searchList({ method: 'searchTemplates', credentials: credentials(), filter: 'payment', paginationToken: 'page:1' });
		expect(results).toEqual([{ name: 'Payment reminder (UTILITY, pending)', value: 'd00dfeedd00dfeedd00dfeedd00dfee2' }]);
	});

	it('a picker that fails shows Callbell\'s message', async () => {
		emulator.injectFault({ method: 'GET', path: '/v1/templates', status: 403, body: { error: 'Templates are not part of your plan' } });
		await expect(searchList({ method: 'searchApprovedTemplates', credentials: credentials() })).rejects.toThrow(
			'Callbell answered 403: Templates are not part of your plan',
		);
	});
});
