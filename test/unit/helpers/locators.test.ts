/**
 * The resource locators read (nodes/Callbell/helpers/locators.ts): a contact by id, link, phone
 * or BSUID, a team and a channel, each as the editor, an expression or an AI agent gives it, and
 * the values refused with the field's name.
 */
import {
	channelIdFromLocator,
	contactIdFromUrl,
	contactReferenceFromLocator,
	teamIdFromLocator,
} from '../../../nodes/Callbell/helpers/locators';
import { CallbellInputError } from '../../../nodes/Callbell/helpers/validation';

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
		expect(contactReferenceFromLocator('Contact', locator)).toEqual({ by: 'id', uuid: expected });
	});

	it.each([
		[
			{ mode: 'phone', value: '+39 333 123 4567' },
			{ by: 'phone', digits: '393331234567' },
		],
		[
			{ mode: 'phone', value: 393331234567 },
			{ by: 'phone', digits: '393331234567' },
		],
		[
			{ mode: 'bsuid', value: ' US.13491208655302741918 ' },
			{ by: 'bsuid', bsuid: 'US.13491208655302741918' },
		],
		// A plain string from an AI agent or an expression: a phone number reads as one.
		['+39 333 123 4567', { by: 'phone', digits: '393331234567' }],
		['0039 333 123 4567', { by: 'phone', digits: '393331234567' }],
		// An expression that resolves to a number.
		[393331234567, { by: 'phone', digits: '393331234567' }],
		// What an AI agent puts into By ID when it knows a number or a link instead.
		[
			{ mode: 'id', value: '+39 333 123 4567' },
			{ by: 'phone', digits: '393331234567' },
		],
		[
			{ mode: 'id', value: `https://dash.callbell.eu/contacts/${ID}` },
			{ by: 'id', uuid: ID },
		],
		// $fromAI() fills the mode the user chose (From List, By ID) with whatever the model knows.
		[
			{ mode: 'list', value: '393331234567' },
			{ by: 'phone', digits: '393331234567' },
		],
		[
			{ mode: 'id', value: '12345678' },
			{ by: 'phone', digits: '12345678' },
		],
		[
			{ mode: 'list', value: 'US.13491208655302741918' },
			{ by: 'bsuid', bsuid: 'US.13491208655302741918' },
		],
		['US.13491208655302741918', { by: 'bsuid', bsuid: 'US.13491208655302741918' }],
	])('%j → looked up by %j', (locator, expected) => {
		expect(contactReferenceFromLocator('Contact', locator)).toEqual(expected);
	});

	it.each([
		[{ mode: 'id', value: '' }, 'Contact is empty'],
		[
			{ mode: 'id', value: '../auth/me' },
			'Contact "../auth/me" is not a phone number, a contact link, a BSUID or a contact id',
		],
		[
			{ mode: 'id', value: 'x?y=1' },
			'Contact "x?y=1" is not a phone number, a contact link, a BSUID or a contact id',
		],
		[
			{ mode: 'url', value: `https://dash.callbell.eu/chat/${ID}` },
			`Contact is a conversation link, not a contact link: "https://dash.callbell.eu/chat/${ID}"`,
		],
		[
			{ mode: 'url', value: `https://evil.example/contacts/${ID}` },
			`Contact must be a Callbell contact link (https://dash.callbell.eu/contacts/…), got "https://evil.example/contacts/${ID}"`,
		],
		[
			{ mode: 'url', value: 'not a link' },
			'Contact must be a Callbell contact link (https://dash.callbell.eu/contacts/…), got "not a link"',
		],
		[null, 'Contact is empty'],
		[{ mode: 'phone', value: '' }, 'Contact is empty'],
		[
			{ mode: 'phone', value: '333 12' },
			'Contact must have 6 to 15 digits with the country code, got "333 12" (5 digits)',
		],
		[{ mode: 'phone', value: 'call me' }, 'Contact must be a phone number, got "call me"'],
		[{ mode: 'bsuid', value: '  ' }, 'Contact is empty'],
		[{ mode: 'bsuid', value: 'US 1349' }, 'Contact must be a BSUID without spaces, got "US 1349"'],
		[
			{ mode: 'bsuid', value: '..' },
			'Contact must be a BSUID of letters, digits, dots, colons, dashes and underscores, got ".."',
		],
		[
			{ mode: 'bsuid', value: 'US.1/../me' },
			'Contact must be a BSUID of letters, digits, dots, colons, dashes and underscores, got "US.1/../me"',
		],
		[
			{ mode: 'id', value: 'maria rossi' },
			'Contact "maria rossi" is not a phone number, a contact link, a BSUID or a contact id',
		],
		[
			{ mode: 'list', value: 'maria@example.com' },
			'Contact is an email address ("maria@example.com"), and Callbell cannot find a contact by email',
		],
		[
			'+39 333 123 4567 8901 2345',
			'Contact must have 6 to 15 digits with the country code, got "+39 333 123 4567 8901 2345" (20 digits)',
		],
	])('%j is refused', (locator, message) => {
		expect(messageOf(() => contactReferenceFromLocator('Contact', locator))).toBe(message);
	});

	it('refuses a contact link with extra path segments', () => {
		expect(
			messageOf(() => contactIdFromUrl('Contact', `https://dash.callbell.eu/contacts/${ID}/edit`)),
		).toMatch(/must be a Callbell contact link/);
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
		[
			{ __rl: true, mode: 'id', value: 'sales' },
			'Team must be a Callbell id of 32 hexadecimal characters, got "sales"',
		],
		['../teams', 'Team must be a Callbell id of 32 hexadecimal characters, got "../teams"'],
		[42, 'Team must be a Callbell id of 32 hexadecimal characters, got "42"'],
	])('%j is refused', (locator, message) => {
		expect(messageOf(() => teamIdFromLocator('Team', locator))).toBe(message);
	});
});

describe('channel option', () => {
	const CHANNEL = 'c0ffee00c0ffee00c0ffee00c0ffee01';

	it.each([
		[undefined, undefined],
		[{ __rl: true, mode: 'list', value: '' }, undefined],
		[{ __rl: true, mode: 'list', value: CHANNEL }, CHANNEL],
		[CHANNEL.toUpperCase(), CHANNEL],
	])('%j → %j', (locator, expected) => {
		expect(channelIdFromLocator('Channel', locator)).toBe(expected);
	});

	it('refuses a channel that is not an id', () => {
		expect(
			messageOf(() => channelIdFromLocator('Channel', { mode: 'id', value: 'whatsapp' })),
		).toBe('Channel must be a Callbell id of 32 hexadecimal characters, got "whatsapp"');
	});
});
