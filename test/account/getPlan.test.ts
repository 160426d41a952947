/**
 * Account → Get Plan, run through n8n's real engine against the emulator: what Callbell received,
 * what came out, and a bad token said plainly.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { failure, itemsOf, runOperation, useEmulator, type OperationRun } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { pageSize: 1 });

const runAccount = (operation: string, run: OperationRun = {}) =>
	runOperation(emulator, 'account', operation, run);

describe('Account → Get Plan', () => {
	it('GET /plan, outputs the plan as Callbell answers it', async () => {
		const result = await runAccount('getPlan');

		expect(result.error).toBeUndefined();
		expect(emulator.requests.map((request) => [request.method, request.path])).toEqual([
			['GET', '/v1/plan'],
		]);
		expect(itemsOf(result)).toEqual([
			[
				{
					plan: 'Pro',
					includedChannels: 3,
					licenses: 5,
					activeUsers: 1,
					teams: [
						expect.objectContaining({ name: 'Sales' }),
						expect.objectContaining({ name: 'Support' }),
					],
				},
				{ item: 0 },
			],
		]);
	});

	it('a bad token: a clear API error; under continue on fail, an error item', async () => {
		const stopped = await runAccount('getPlan', { apiToken: 'wrong' });
		expect(failure(stopped)?.message).toBe('Callbell answered 401: Invalid API token [item 0]');

		const continued = await runAccount('getPlan', { apiToken: 'wrong', continueOnFail: true });
		expect(itemsOf(continued)).toEqual([
			[
				expect.objectContaining({
					error: 'Callbell answered 401: Invalid API token [item 0]',
					httpCode: '401',
				}),
				{ item: 0 },
			],
		]);
	});
});
