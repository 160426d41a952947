/**
 * Team → Get Members, run through n8n's real engine against the emulator (one member a page): the
 * team's members page by page, the Status filter as Callbell's query, and what is refused.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	failure,
	fromList,
	MISSING,
	runOperation,
	useEmulator,
	viaExpression,
	type OperationRun,
} from '../stories';

const SALES = IDS.teams.sales;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTeam = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'team', operation, run);
const membersPath = (uuid: string) => `/v1/teams/${uuid}/members`;

/** Carla (available) and Dan (away) join Sales, after Alice (available). */
function growSales(): void {
	const at = '2026-01-15T09:30:00.000Z';
	emulator.state.users.push(
		{
			uuid: 'e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3e3',
			email: 'carla@example.com',
			name: 'Carla Closer',
			available: true,
			lastUpdatedAt: at,
			customStatusId: null,
		},
		{
			uuid: 'e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4e4',
			email: 'dan@example.com',
			name: 'Dan Dispatcher',
			available: false,
			lastUpdatedAt: at,
			customStatusId: null,
		},
	);
	emulator.state.teams[0].memberEmails.push('carla@example.com', 'dan@example.com');
}

describe('Team → Get Members', () => {
	it("Return All: every page of the team's members, one item each", async () => {
		growSales();
		const result = await runTeam('getMembers', {
			parameters: { teamId: fromList(SALES), returnAll: true },
		});

		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('GET', membersPath(SALES)).map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
			{ page: '3' },
		]);
		expect(
			result.items.map((item) => [item.json.email, item.json.available, item.pairedItem]),
		).toEqual([
			['alice@example.com', true, { item: 0 }],
			['carla@example.com', true, { item: 0 }],
			['dan@example.com', false, { item: 0 }],
		]);
		expect(result.items[0].json).toEqual({
			email: 'alice@example.com',
			name: 'Alice Agent',
			available: true,
			lastUpdatedAt: expect.any(String),
		});
	});

	it('Limit 2 stops after the second page', async () => {
		growSales();
		const result = await runTeam('getMembers', {
			parameters: { teamId: fromList(SALES), returnAll: false, limit: 2 },
		});
		expect(result.items.map((item) => item.json.email)).toEqual([
			'alice@example.com',
			'carla@example.com',
		]);
		expect(emulator.requestsTo('GET', membersPath(SALES))).toHaveLength(2);
	});

	it.each([
		['away', ['dan@example.com']],
		['available', ['alice@example.com', 'carla@example.com']],
	])('the Status filter "%s" is sent as the query', async (status, emails) => {
		growSales();
		const result = await runTeam('getMembers', {
			parameters: { teamId: fromList(SALES), returnAll: true, filters: { status } },
		});
		expect(emulator.requestsTo('GET', membersPath(SALES))[0].query).toEqual({ status });
		expect(result.items.map((item) => item.json.email)).toEqual(emails);
	});

	it('a Status that is neither available nor away is refused before any request', async () => {
		const result = await runTeam('getMembers', {
			parameters: {
				teamId: fromList(SALES),
				returnAll: true,
				filters: { status: viaExpression('busy') },
			},
		});
		expect(result.error?.message).toBe(
			'Status must be one of available, away, got "busy" [item 0]',
		);
		expect(emulator.requests).toHaveLength(0);
	});

	it('an unknown team: a 404 naming the Team field', async () => {
		const result = await runTeam('getMembers', {
			parameters: { teamId: byId(MISSING), returnAll: true },
		});
		expect(failure(result)?.message).toBe('Callbell answered 404: Team not found [item 0]');
		expect(failure(result)?.description).toMatch('Check the Team field.');
	});
});
