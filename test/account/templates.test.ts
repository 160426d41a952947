/**
 * Template → Get, Get Many (Status and Category filtered by the node, as Callbell cannot) and
 * Update, run through n8n's real engine against the emulator (one template a page).
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { Template } from '../../dev/emulator/state';
import { useEmulator } from '../stories';
import { byId, failure, fromList, itemsOf, MISSING, runOperation, viaExpression, type ObjectRun } from './objects';

const WELCOME = IDS.templates.welcome;
const uuidOf = (n: number) => `d00dfeedd00dfeedd00dfeedd00dfe${n.toString(16).padStart(2, '0')}`;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTemplate = (operation: string, run: ObjectRun = {}) => runOperation(emulator, 'template', operation, run);
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

describe('Template → Get and Update', () => {
	it('get: GET /templates/:uuid, outputs the template itself', async () => {
		const result = await runTemplate('get', { parameters: { templateId: fromList(WELCOME) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([['GET', `/v1/templates/${WELCOME}`]]);
		expect(itemsOf(result)).toEqual([
			[
				{
					uuid: WELCOME,
					title: 'Welcome',
					templateType: 'text',
					category: 'MARKETING',
					status: 'approved',
					text: 'Hello {{1}}, thanks for reaching out!',
					createdAt: expect.any(String),
				},
				{ item: 0 },
			],
		]);
	});

	it('update: PATCH {title}, outputs the template Callbell answers under "templates"', async () => {
		const result = await runTemplate('update', { parameters: { templateId: byId(WELCOME), title: 'Welcome v2' } });

		expect(result.error).toBeUndefined();
		expect(emulator.requestsTo('PATCH', `/v1/templates/${WELCOME}`).map((request) => request.body)).toEqual([{ title: 'Welcome v2' }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([[expect.objectContaining({ uuid: WELCOME, title: 'Welcome v2', status: 'approved' }), { item: 0 }]]);
		expect(emulator.state.templates[0].title).toBe('Welcome v2');
	});

	it('update: an answer under "template" (should Callbell fix its key) is read too', async () => {
		emulator.injectFault({
			method: 'PATCH',
			path: `/v1/templates/${WELCOME}`,
			status: 200,
			body: { template: { uuid: WELCOME, title: 'Welcome v3' } },
		});
		const result = await runTemplate('update', { parameters: { templateId: byId(WELCOME), title: 'Welcome v3' } });
		expect(result.items[0].json).toEqual({ uuid: WELCOME, title: 'Welcome v3' });
	});

	it.each([
		['get', { templateId: byId(MISSING) }],
		['update', { templateId: byId(MISSING), title: 'x' }],
	])('%s an unknown template: a 404 naming the Template field', async (operation, parameters) => {
		const result = await runTemplate(operation, { parameters });
		expect(failure(result)?.message).toBe('Callbell answered 404: Template not found [item 0]');
		expect(failure(result)?.description).toBe(`No template with the id ${MISSING} exists in this Callbell account. Check the Template field.`);
	});

	it.each([
		['a blank title', { templateId: byId(WELCOME), title: '  ' }, 'Title is empty [item 0]'],
		['an id too short', { templateId: byId(viaExpression('d00dfeed')), title: 'x' }, 'Template must be a Callbell id of 32 hexadecimal characters, got "d00dfeed" [item 0]'],
	])('update with %s: refused before any request', async (_label, parameters, message) => {
		const result = await runTemplate('update', { parameters });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Template → Get Many', () => {
	it('Return All without filters: every page, one item per template', async () => {
		addTemplates(['UTILITY', 'pending'], ['MARKETING', 'rejected']);
		const result = await runTemplate('getAll', { parameters: { returnAll: true } });

		expect(result.error).toBeUndefined();
		expect(listRequests().map((request) => request.query)).toEqual([{}, { page: '2' }, { page: '3' }]);
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
		addTemplates(['UTILITY', 'approved'], ['MARKETING', 'pending'], ['UTILITY', 'APPROVED'], ['UTILITY', 'rejected']);
		const result = await runTemplate('getAll', {
			parameters: { returnAll: true, filters: { status: 'approved', category: 'UTILITY' } },
		});

		expect(listRequests().map((request) => request.query)).toEqual([{}, { page: '2' }, { page: '3' }, { page: '4' }, { page: '5' }]);
		// Compared without regard to case: Callbell writes statuses in lower case, categories in capitals.
		expect(result.items.map((item) => [item.json.uuid, item.pairedItem])).toEqual([
			[uuidOf(2), { item: 0 }],
			[uuidOf(4), { item: 0 }],
		]);
	});

	it('Limit counts matching templates: reading stops at the page that brings the last one needed', async () => {
		addTemplates(['UTILITY', 'pending'], ['UTILITY', 'approved'], ['MARKETING', 'approved'], ['MARKETING', 'approved']);
		const result = await runTemplate('getAll', { parameters: { returnAll: false, limit: 2, filters: { status: 'approved' } } });

		expect(result.items.map((item) => item.json.uuid)).toEqual([WELCOME, uuidOf(3)]);
		expect(listRequests()).toHaveLength(3);
	});

	it('Limit higher than the matches: reads to the end and outputs what matched', async () => {
		addTemplates(['UTILITY', 'pending']);
		const result = await runTemplate('getAll', { parameters: { returnAll: false, limit: 5, filters: { category: 'UTILITY' } } });
		expect(result.items.map((item) => item.json.uuid)).toEqual([uuidOf(2)]);
		expect(listRequests()).toHaveLength(2);
	});

	it('no template matches: no items, no error', async () => {
		const result = await runTemplate('getAll', { parameters: { returnAll: true, filters: { category: 'AUTHENTICATION' } } });
		expect(result.error).toBeUndefined();
		expect(result.items).toEqual([]);
	});

	it('a blank Status from an expression is refused before any request', async () => {
		const result = await runTemplate('getAll', { parameters: { returnAll: true, filters: { status: viaExpression(' ') } } });
		expect(result.error?.message).toBe('Status is empty [item 0]');
		expect(emulator.requests).toHaveLength(0);
	});
});
