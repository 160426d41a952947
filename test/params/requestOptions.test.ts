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
