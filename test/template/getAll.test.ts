/**
 * Template → Get Many, run through n8n's real engine against the emulator (one template a page):
 * Status and Category filtered by the node, as Callbell cannot, across every page, and what Limit
 * counts then.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { Template } from '../../dev/emulator/state';
import { runOperation, useEmulator, viaExpression, type OperationRun } from '../stories';

const WELCOME = IDS.templates.welcome;
const uuidOf = (n: number) => `d00dfeedd00dfeedd00dfeedd00dfe${n.toString(16).padStart(2, '0')}`;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTemplate = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'template', operation, run);
const listRequests = () => emulator.requestsTo('GET', '/v1/templates');

/** After Welcome (MARKETING, approved): templates 2..7, their category and status as given. */
function addTemplates(...shapes: Array<[category: string, status: string]>): void {
	shapes.forEach(([category, status], index) => {
		const template: Template = {
			uuid: uuidOf(index + 2),
			title: `Template ${index + 2}`,
			templateType: 'text',
			category,
			status,
			text: 'Hi {{1}}',
			createdAt: '2026-01-15T09:30:00.000Z',
		};
		emulator.state.templates.push(template);
	});
}

describe('Template → Get Many', () => {
	it('Return All without filters: every page, one item per template', async () => {
		addTemplates(['UTILITY', 'pending'], ['MARKETING', 'rejected']);
		const result = await runTemplate('getAll', { parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(listRequests().map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
			{ page: '3' },
		]);
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[WELCOME, { item: 0 }],
			[uuidOf(2), { item: 0 }],
			[uuidOf(3), { item: 0 }],
		]);
	});

	it('Limit 2 without filters: two pages', async () => {
		addTemplates(['UTILITY', 'pending'], ['MARKETING', 'rejected']);
		const result = await runTemplate('getAll', { parameters: { returnAll: false, limit: 2 } });
		expect(result.items.map((item) => item.json.uuid)).toEqual([WELCOME, uuidOf(2)]);
		expect(listRequests()).toHaveLength(2);
	});

	it('Status and Category are not sent to Callbell but kept by the node, across every page', async () => {
		addTemplates(
			['UTILITY', 'approved'],
			['MARKETING', 'pending'],
			['UTILITY', 'APPROVED'],
			['UTILITY', 'rejected'],
		);
		const result = await runTemplate('getAll', {
			parameters: { returnAll: true, filters: { status: 'approved', category: 'UTILITY' } },
		});

		expect(listRequests().map((request) => request.query)).toEqual([
			{},
			{ page: '2' },
			{ page: '3' },
			{ page: '4' },
			{ page: '5' },
		]);
		// Compared without regard to case: Callbell writes statuses in lower case, categories in capitals.
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[uuidOf(2), { item: 0 }],
			[uuidOf(4), { item: 0 }],
		]);
	});

	it('Limit counts matching templates: reading stops at the page that brings the last one needed', async () => {
		addTemplates(
			['UTILITY', 'pending'],
			['UTILITY', 'approved'],
			['MARKETING', 'approved'],
			['MARKETING', 'approved'],
		);
		const result = await runTemplate('getAll', {
			parameters: { returnAll: false, limit: 2, filters: { status: 'approved' } },
		});

		expect(result.items.map((item) => item.json.uuid)).toEqual([WELCOME, uuidOf(3)]);
		expect(listRequests()).toHaveLength(3);
	});

	it('Limit higher than the matches: reads to the end and outputs what matched', async () => {
		addTemplates(['UTILITY', 'pending']);
		const result = await runTemplate('getAll', {
			parameters: { returnAll: false, limit: 5, filters: { category: 'UTILITY' } },
		});
		expect(result.items.map((item) => item.json.uuid)).toEqual([uuidOf(2)]);
		expect(listRequests()).toHaveLength(2);
	});

	it('no template matches: no items, no error', async () => {
		const result = await runTemplate('getAll', {
			parameters: { returnAll: true, filters: { category: 'AUTHENTICATION' } },
		});
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('a blank Status from an expression is refused before any request', async () => {
		const result = await runTemplate('getAll', {
			parameters: { returnAll: true, filters: { status: viaExpression(' ') } },
		});
		expect(result.error?.message).toBe('Status is empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});
