/** The contact and team pickers (resource locators' "From List"), as the editor calls them. */
import { startEmulator, type CallbellEmulator } from '../../dev/emulator';
import { IDS, TEST_TOKEN } from '../../dev/emulator/seed';
import { searchList, shutdownHarness } from '../harness';

let emulator: CallbellEmulator;

beforeAll(async () => {
	emulator = await startEmulator({ pageSize: 2 });
});
afterAll(async () => {
	await emulator.close();
	await shutdownHarness();
});

const credentials = () => ({ apiToken: TEST_TOKEN, baseUrl: emulator.baseUrl });

it('lists contacts page by page, following Callbell\'s cursor', async () => {
	const first = await searchList({ method: 'searchContacts', credentials: credentials() });
	expect(first.results).toHaveLength(2);
	expect(first.paginationToken).toEqual(expect.stringMatching(/^after:/));

	const second = await searchList({
		method: 'searchContacts',
		credentials: credentials(),
		paginationToken: first.paginationToken as string,
	});
	const values = [...first.results, ...second.results].map((result) => result.value);
	expect(values).toEqual(expect.arrayContaining([IDS.contacts.jane, IDS.contacts.john, IDS.contacts.maria]));
	expect(emulator.requestsTo('GET', '/v1/contacts').map((request) => request.query.after)).toEqual([
		undefined,
		(first.paginationToken as string).slice('after:'.length),
	]);
});

it('filters contacts by name or phone and links to the dashboard', async () => {
	const { results } = await searchList({ method: 'searchContacts', credentials: credentials(), filter: 'JANE' });
	expect(results).toEqual([
		{
			name: 'Jane Doe (+391234567890)',
			value: IDS.contacts.jane,
			url: `https://dash.callbell.eu/contacts/${IDS.contacts.jane}`,
		},
	]);
});

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
