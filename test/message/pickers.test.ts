/** The template picker of Message → Send, as the editor calls it through n8n's LoadOptionsContext. */
import type { CallbellEmulator } from '../emulator';
import { IDS, TEST_TOKEN } from '../emulator/seed';
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
		expect(first.results).toEqual([{ name: 'Welcome (marketing, approved)', value: IDS.templates.welcome }]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({ method: 'searchApprovedTemplates', credentials: credentials(), paginationToken: first.paginationToken as string });
		expect(second.results).toEqual([{ name: 'Order shipped (utility, approved)', value: 'd00dfeedd00dfeedd00dfeedd00dfee3' }]);
		expect(second.paginationToken).toBeUndefined();
		expect(emulator.requestsTo('GET', '/v1/templates').map((request) => request.query)).toEqual([{ page: '1' }, { page: '2' }]);
	});

	it.each<[string, string[]]>([
		['ship', ['d00dfeedd00dfeedd00dfeedd00dfee3']],
		['UTILITY', ['d00dfeedd00dfeedd00dfeedd00dfee3']],
		['payment', []],
	])('searches title and category: "%s" (a pending template is never offered)', async (filter, values) => {
		const second = await searchList({ method: 'searchApprovedTemplates', credentials: credentials(), filter, paginationToken: 'page:2' });
		expect(second.results.map((result) => result.value)).toEqual(values);
	});

	it('a picker that fails shows Callbell\'s message', async () => {
		emulator.injectFault({ method: 'GET', path: '/v1/templates', status: 403, body: { error: 'Templates are not part of your plan' } });
		await expect(searchList({ method: 'searchApprovedTemplates', credentials: credentials() })).rejects.toThrow(
			'Callbell answered 403: Templates are not part of your plan',
		);
	});
});
