import { contactIdFromLocator, contactIdFromUrl, teamIdFromLocator } from '../../nodes/Callbell/helpers/locators';
import { CallbellInputError } from '../../nodes/Callbell/helpers/validation';

const ID = '414a6d692bd645ed803f2e7ce360d4c8';

function messageOf(run: () => unknown): string {
	try {
		run();
	} catch (error) {
		if (error instanceof CallbellInputError) return error.message;
		throw error;
	}
	throw new Error('expected a CallbellInputError');
}

describe('contact locator', () => {
	it.each([
		[{ mode: 'id', value: ID }, ID],
		[{ mode: 'id', value: ` ${ID.toUpperCase()} ` }, ID],
		[{ mode: 'list', value: ID }, ID],
		[{ mode: 'url', value: `https://dash.callbell.eu/contacts/${ID}` }, ID],
		[{ mode: 'url', value: `https://dash.callbell.eu/contacts/${ID}/?tab=notes#x` }, ID],
		[ID, ID],
		[`https://dash.callbell.eu/contacts/${ID}`, ID],
	])('%j → the uuid', (locator, expected) => {
		expect(contactIdFromLocator('Contact', locator)).toBe(expected);
	});

	it.each([
		[{ mode: 'id', value: '' }, 'Contact is empty'],
		[{ mode: 'id', value: '../auth/me' }, 'Contact must be a Callbell id of 32 hexadecimal characters, got "../auth/me"'],
		[{ mode: 'id', value: 'x?y=1' }, 'Contact must be a Callbell id of 32 hexadecimal characters, got "x?y=1"'],
		[{ mode: 'url', value: `https://dash.callbell.eu/chat/${ID}` }, `Contact is a conversation link, not a contact link: "https://dash.callbell.eu/chat/${ID}"`],
		[{ mode: 'url', value: `https://evil.example/contacts/${ID}` }, `Contact must be a Callbell contact link (https://dash.callbell.eu/contacts/…), got "https://evil.example/contacts/${ID}"`],
		[{ mode: 'url', value: 'not a link' }, 'Contact must be a Callbell contact link (https://dash.callbell.eu/contacts/…), got "not a link"'],
		[null, 'Contact is empty'],
	])('%j is refused', (locator, message) => {
		expect(messageOf(() => contactIdFromLocator('Contact', locator))).toBe(message);
	});

	it('refuses a contact link with extra path segments', () => {
		expect(messageOf(() => contactIdFromUrl('Contact', `https://dash.callbell.eu/contacts/${ID}/edit`))).toMatch(
			/must be a Callbell contact link/,
		);
	});
});

describe('team locator', () => {
	const TEAM = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

	it.each([
		[{ __rl: true, mode: 'list', value: TEAM }, TEAM],
		[{ __rl: true, mode: 'id', value: ` ${TEAM.toUpperCase()} ` }, TEAM],
		[TEAM, TEAM],
	])('%j → the uuid', (locator, expected) => {
		expect(teamIdFromLocator('Team', locator)).toBe(expected);
	});

	it.each([
		[{ __rl: true, mode: 'list', value: '' }, 'Team is empty'],
		[{ __rl: true, mode: 'id' }, 'Team is empty'],
		[{ __rl: true, mode: 'id', value: 'sales' }, 'Team must be a Callbell id of 32 hexadecimal characters, got "sales"'],
		['../teams', 'Team must be a Callbell id of 32 hexadecimal characters, got "../teams"'],
		[42, 'Team must be a Callbell id of 32 hexadecimal characters, got "42"'],
	])('%j is refused', (locator, message) => {
		expect(messageOf(() => teamIdFromLocator('Team', locator))).toBe(message);
	});
});
