/**
 * Template → Get, run through n8n's real engine against the emulator: the template picked from
 * the list as Callbell answers it, and an unknown one said plainly.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import {
	byId,
	failure,
	fromList,
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

describe('Template → Get', () => {
	it('get: GET /templates/:uuid, outputs the template itself', async () => {
		const result = await runTemplate('get', { parameters: { templateId: fromList(WELCOME) } });

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', `/v1/templates/${WELCOME}`],
		]);
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

	it.each([['get', { templateId: byId(MISSING) }]])(
		'%s an unknown template: a 404 naming the Template field',
		async (operation, parameters) => {
			const result = await runTemplate(operation, { parameters });
			expect(failure(result)?.message).toBe('Callbell answered 404: Template not found [item 0]');
			expect(failure(result)?.description).toBe(
				`No template with the id ${MISSING} exists in this Callbell account. Check the Template field.`,
			);
		},
	);
});
