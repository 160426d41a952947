/**
 * Items run side by side (Options → Concurrency; actions/router.ts and scheduling.ts), through
 * n8n's real engine against an emulator that answers slowly: how many requests Callbell had in
 * flight at once, the order the requests for one contact arrived in, and the order of the items
 * that came out.
 */
import type { IDataObject } from 'n8n-workflow';

import type { CallbellEmulator } from '../../dev/emulator';
import { IDS } from '../../dev/emulator/seed';
import type { RunResult } from '../harness';
import { byPhone, runOperation, useEmulator } from '../stories';
import { RENAME_EACH } from './renaming';

const JANE = IDS.contacts.jane;
const MARIA = IDS.contacts.maria;
const GENERATED = 60;

let emulator: CallbellEmulator;
useEmulator((started) => (emulator = started), { latencyMs: 40, extraContacts: GENERATED });

/** The generated contacts' uuids (`cc…`), in account order. */
const generated = () =>
	emulator.state.contacts
		.filter((contact) => contact.uuid.startsWith('cc'))
		.map((contact) => contact.uuid);

function updateNames(items: IDataObject[], options: IDataObject = {}): Promise<RunResult> {
	return runOperation(emulator, 'contact', 'update', { parameters: RENAME_EACH, options, items });
}

const peakInFlight = () => Math.max(...emulator.requests.map((request) => request.inFlight));

it('sends many items at once by default, and outputs them in input order', async () => {
	const items = generated().map((id, index) => ({ id, name: `Lead ${index}` }));
	const result = await updateNames(items);

	expect(result.error).toBeUndefined();
	expect(result.items.map((item) => [item.json.uuid, item.json.name, item.pairedItem])).toEqual(
		items.map((item, index) => [item.id, item.name, { item: index }]),
	);
	expect(emulator.requests).toHaveLength(GENERATED);
	expect(peakInFlight()).toBeGreaterThan(10);
});

it('never has more requests in flight than Options → Concurrency', async () => {
	const items = generated()
		.slice(0, 30)
		.map((id, index) => ({ id, name: `Lead ${index}` }));
	const result = await updateNames(items, { concurrency: 5 });

	expect(result.error).toBeUndefined();
	expect(result.items).toHaveLength(30);
	expect(peakInFlight()).toBeLessThanOrEqual(5);
	expect(peakInFlight()).toBeGreaterThan(1);
});

it('items for the same contact apply one after the other, in input order: the last update wins', async () => {
	const items = Array.from({ length: 24 }, (_, index) => ({
		id: index % 3 === 2 ? MARIA : JANE,
		name: `Version ${index}`,
	}));
	const result = await updateNames(items);

	expect(result.error).toBeUndefined();
	const namesSentTo = (uuid: string) =>
		emulator
			.requestsTo('PATCH', `/v1/contacts/${uuid}`)
			.map((request) => (request.body as IDataObject).name);
	expect(namesSentTo(JANE)).toEqual(
		items.filter((item) => item.id === JANE).map((item) => item.name),
	);
	expect(namesSentTo(MARIA)).toEqual(
		items.filter((item) => item.id === MARIA).map((item) => item.name),
	);
	// One at a time per contact: Callbell never had two of them at once.
	for (const uuid of [JANE, MARIA]) {
		const arrivals = emulator
			.requestsTo('PATCH', `/v1/contacts/${uuid}`)
			.map((request) => request.receivedAt);
		expect(arrivals).toEqual([...arrivals].sort((a, b) => a - b));
	}
	expect(emulator.state.contacts.find((contact) => contact.uuid === JANE)?.name).toBe('Version 22');
	expect(emulator.state.contacts.find((contact) => contact.uuid === MARIA)?.name).toBe(
		'Version 23',
	);
	expect(result.items.map((item) => item.json.name)).toEqual(items.map((item) => item.name));
});

it('the same phone number counts as the same contact: lookups and updates keep their order', async () => {
	const formats = ['+39 333 111 2222', '0039 333 111 2222', '39-333-1112222', '(39) 333.111.2222'];
	const result = await runOperation(emulator, 'contact', 'update', {
		parameters: {
			contactId: byPhone('={{ $json.phone }}'),
			updateFields: { name: '={{ $json.name }}' },
		},
		items: formats.map((phone, index) => ({ phone, name: `Maria ${index}` })),
	});

	expect(result.error).toBeUndefined();
	expect(emulator.requests.map((request) => [request.method, request.inFlight])).toEqual(
		formats.flatMap(() => [
			['GET', 1],
			['PATCH', 1],
		]),
	);
	expect(emulator.state.contacts.find((contact) => contact.uuid === MARIA)?.name).toBe('Maria 3');
});

it.each<[unknown, string]>([
	[0, 'Concurrency must be a whole number from 1 to 500, got "0" [item 0]'],
	[501, 'Concurrency must be a whole number from 1 to 500, got "501" [item 0]'],
	[2.5, 'Concurrency must be a whole number from 1 to 500, got "2.5" [item 0]'],
])('Concurrency %j is refused before any request', async (concurrency, message) => {
	const result = await updateNames([{ id: JANE, name: 'Jane' }], {
		concurrency: concurrency as number,
	});
	expect(result.error?.message).toBe(message);
	expect(emulator.requests).toHaveLength(0);
});

it('reads an option given by an expression for each item, and a fixed one for all', async () => {
	const [first, second, third] = generated();
	const items = [
		{ id: first, name: 'Simplified', simplify: true },
		{ id: second, name: 'In full', simplify: false },
		{ id: third, name: 'Simplified too', simplify: true },
	];
	const perItem = await updateNames(items, { simplify: '={{ $json.simplify }}', concurrency: 2 });
	const fixed = await updateNames(items, { simplify: true, concurrency: 2 });

	expect(perItem.error).toBeUndefined();
	// Simplify Output drops what only the full contact has.
	expect(perItem.items.map((item) => 'avatarUrl' in item.json)).toEqual([false, true, false]);
	expect(perItem.items.map((item) => item.json.name)).toEqual(items.map((item) => item.name));
	expect(fixed.items.map((item) => 'avatarUrl' in item.json)).toEqual([false, false, false]);
});
