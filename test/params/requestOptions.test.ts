/**
 * Options → Retries and Timeout (actions/params/requestOptions.ts), which every operation has,
 * through n8n's real engine against the emulator: a value out of range stops the item before any
 * request. What the values do is in test/execution/retries.test.ts; Options → Concurrency, read
 * by the router, in test/execution/concurrency.test.ts.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import { byId, runOperation, useEmulator } from '../stories';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

/** Contact → Update of Jane with these options (continue on fail off). */
const updateJane = (options: IDataObject) =>
	runOperation(emulator, 'contact', 'update', {
		parameters: { contactId: byId(IDS.contacts.jane), updateFields: { name: 'Jane R.' } },
		options,
	});

describe('Options → Retries and Timeout are checked before any request', () => {
	it.each<[IDataObject, string]>([
		[{ retries: -1 }, 'Retries must be a whole number from 0 to 10, got "-1" [item 0]'],
		[{ retries: 1.5 }, 'Retries must be a whole number from 0 to 10, got "1.5" [item 0]'],
		[{ retries: 11 }, 'Retries must be a whole number from 0 to 10, got "11" [item 0]'],
		[{ timeout: 0 }, 'Timeout must be a number from 1 to 300, got "0" [item 0]'],
		[{ timeout: '={{ "soon" }}' }, 'Timeout must be a number from 1 to 300, got "soon" [item 0]'],
	])('%j', async (options, message) => {
		const result = await updateJane(options);
		expect(result.error?.message).toBe(message);
		expect(emulator.requests).toHaveLength(0);
	});
});

describe('Options → Retries and Timeout are read for each item', () => {
	it('from an expression: each item gets its own, and only the item with a bad one is refused', async () => {
		const result = await runOperation(emulator, 'contact', 'update', {
			items: [{ retries: 2 }, { retries: 20 }],
			parameters: { contactId: byId(IDS.contacts.jane), updateFields: { name: 'Jane R.' } },
			options: { retries: '={{ $json.retries }}' },
			continueOnFail: true,
		});
		expect(
			result.items.map((item) => [item.json.error ?? item.json.name, item.pairedItem]),
		).toEqual([
			['Jane R.', { item: 0 }],
			['Retries must be a whole number from 0 to 10, got "20" [item 1]', { item: 1 }],
		]);
		expect(emulator.requests.map((request) => request.method)).toEqual(['PATCH']);
	});

	it('before the operation checks its own fields: a bad Retries is what the item is refused for', async () => {
		const result = await runOperation(emulator, 'contact', 'update', {
			parameters: { contactId: byId('={{ "not-an-id" }}'), updateFields: {} },
			options: { retries: 11 },
		});
		expect(result.error?.message).toBe(
			'Retries must be a whole number from 0 to 10, got "11" [item 0]',
		);
		expect(emulator.requests).toHaveLength(0);
	});
});
