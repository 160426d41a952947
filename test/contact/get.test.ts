/**
 * Contact → Get, run through n8n's real execution engine against the emulator over HTTP: By ID
 * one GET /contacts/:uuid; By Phone or By BSUID the lookup's answer is the contact, so that is
 * the one request, with the operation's options on it. Get in every locator mode:
 * test/params/contactLocator.test.ts.
 */
import type { CallbellEmulator } from '../../dev/emulator';
import { byPhone, useEmulator } from '../stories';
import { runOnContact, type ContactRun } from './contactStories';

/** Maria is +393331112222 in the main WhatsApp channel. */
const MARIA_LOOKUP = 'GET /v1/contacts/phone/393331112222';

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started));

const runContact = (run: ContactRun) => runOnContact(emulator, 'contact', run);

/** Every request Callbell received, in order, as "METHOD /path". */
function sent(): string[] {
	return emulator.requests.map((request) => `${request.method} ${request.path}`);
}

describe('Contact → Get by phone', () => {
	it('Get by phone with Include Custom Field Types asks the lookup for them', async () => {
		const result = await runContact({
			operation: 'get',
			contactId: byPhone('+39 333 111 2222'),
			options: { includeFieldTypes: true },
		});
		expect(sent()).toEqual([MARIA_LOOKUP]);
		expect(emulator.requests[0].query).toEqual({ include_field_types: 'true' });
		expect(result.items[0].json.customFieldsMetadata).toMatchObject({ Plan: { type: 'dropdown' } });
	});
});
