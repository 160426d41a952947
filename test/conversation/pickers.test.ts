/**
 * The funnel-stage and channel pickers (resource locators' "From List"), as the editor calls them:
 * what Callbell was asked, and the entries the user sees.
 */
import { startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { searchList } from '../harness';
import { useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });

describe('funnel stages', () => {
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
		const { results } = await searchList({ method: 'searchFunnels', credentials: credentials(), filter });
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('a stage without an emoji shows its name alone', async () => {
		emulator.state.funnels.push({ uuid: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f009', name: 'Lost', emoji: '', position: 3, createdAt: '2026-01-15T09:30:00.000Z' });
		const { results } = await searchList({ method: 'searchFunnels', credentials: credentials(), filter: 'lost' });
		expect(results).toEqual([{ name: 'Lost', value: 'f0f0f0f0f0f0f0f0f0f0f0f0f0f0f009' }]);
	});

	it('reports a bad token as an API error', async () => {
		await expect(
			searchList({ method: 'searchFunnels', credentials: { ...credentials(), apiToken: 'bad' } }),
		).rejects.toThrow('Callbell answered 401: Invalid API token');
	});
});

describe('channels', () => {
	it('shows each channel with its title and type, the main one marked, page by page', async () => {
		const first = await searchList({ method: 'searchChannels', credentials: credentials() });
		expect(first.results).toEqual([{ name: 'WhatsApp Sales (whatsapp, main)', value: IDS.channels.whatsapp }]);
		expect(first.paginationToken).toBe('page:2');

		const second = await searchList({
			method: 'searchChannels',
			credentials: credentials(),
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([{ name: 'Instagram (instagram)', value: IDS.channels.instagram }]);
		expect(second.paginationToken).toBeUndefined();

		expect(emulator.requestsTo('GET', '/v1/channels').map((request) => request.query)).toEqual([{ page: '1' }, { page: '2' }]);
	});

	it.each<[string, string, string[]]>([
		['by title', 'sales', [IDS.channels.whatsapp]],
		['by type', 'WHATSAPP', [IDS.channels.whatsapp]],
		['something no channel has', 'telegram', []],
	])('filters %s: "%s"', async (_label, filter, values) => {
		const { results } = await searchList({ method: 'searchChannels', credentials: credentials(), filter });
		expect(results.map((result) => result.value)).toEqual(values);
	});

	it('a filter matching a channel of a later page finds it when the editor loads that page', async () => {
		const first = await searchList({ method: 'searchChannels', credentials: credentials(), filter: 'insta' });
		expect(first.results).toEqual([]);
		const second = await searchList({
			method: 'searchChannels',
			credentials: credentials(),
			filter: 'insta',
			paginationToken: first.paginationToken as string,
		});
		expect(second.results).toEqual([{ name: 'Instagram (instagram)', value: IDS.channels.instagram }]);
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
