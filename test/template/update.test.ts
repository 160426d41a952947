/**
 * Template → Update, run through n8n's real engine against the emulator: the title Callbell
 * received, the template read from either key of its answer, and what is refused or not found.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	failure,
	itemsOf,
	MISSING,
	runOperation,
	useEmulator,
	type OperationRun,
} from '../stories';

const WELCOME = IDS.templates.welcome;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runTemplate = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'template', operation, run);

describe('Template → Update', () => {
	it('update: PATCH {title}, outputs the template Callbell answers under "templates"', async () => {
		const result = await runTemplate('update', {
			parameters: { templateId: byId(WELCOME), title: 'Welcome v2' },
		});

		expect(result.error).toBeUndefined();
		expect(
			emulator.requestsTo('PATCH', `/v1/templates/${WELCOME}`).map((request) => request.body),
		).toEqual([{ title: 'Welcome v2' }]);
		expect(emulator.requests).toHaveLength(1);
		expect(itemsOf(result)).toEqual([
			[
				expect.objectContaining({ uuid: WELCOME, title: 'Welcome v2', status: 'approved' }),
				{ item: 0 },
			],
		]);
		expect(emulator.state.templates[0].title).toBe('Welcome v2');
	});

	it('update: an answer under "template" (should Callbell fix its key) is read too', async () => {
		emulator.injectFault({
			method: 'PATCH',
			path: `/v1/templates/${WELCOME}`,
			status: 200,
			body: { template: { uuid: WELCOME, title: 'Welcome v3' } },
		});
		const result = await runTemplate('update', {
			parameters: { templateId: byId(WELCOME), title: 'Welcome v3' },
		});
		expect(result.items[0].json).toEqual({ uuid: WELCOME, title: 'Welcome v3' });
	});

	it.each([['update', { templateId: byId(MISSING), title: 'x' }]])(
		'%s an unknown template: a 404 naming the Template field',
		async (operation, parameters) => {
			const result = await runTemplate(operation, { parameters });
			expect(failure(result)?.message).toBe('Callbell answered 404: Template not found [item 0]');
			expect(failure(result)?.description).toBe(
				`No template with the id ${MISSING} exists in this Callbell account. Check the Template field.`,
			);
		},
	);

	it.each([
		['a blank title', { templateId: byId(WELCOME), title: '  ' }, 'Title is empty [item 0]'],
	])('update with %s: refused before any request', async (_label, parameters, message) => {
		const result = await runTemplate('update', { parameters });
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});
});
