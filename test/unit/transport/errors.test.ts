/**
 * Callbell's failures read (nodes/Callbell/transport/errors.ts): the message found in any shape
 * of answer body, the hint said per status, and secrets blanked out.
 */
import { hintForStatus, messageFromBody, redact } from '../../../nodes/Callbell/transport/errors';

describe('messageFromBody', () => {
	it.each([
		[{ error: 'Contact not found' }, 'Contact not found'],
		[
			{ errors: ['Tag "x" does not exist', 'Team "y" does not exist'] },
			'Tag "x" does not exist; Team "y" does not exist',
		],
		[{ errors: { tags: ['is invalid'] } }, 'tags is invalid'],
		[{ message: 'Too Many Requests' }, 'Too Many Requests'],
		[{ error: { message: 'nested' } }, 'nested'],
		['{"error":"as text"}', 'as text'],
		['Bad Gateway', 'Bad Gateway'],
		['<html><head><title>502 Bad Gateway</title></head></html>', '502 Bad Gateway'],
		[Buffer.from('plain'), 'plain'],
		['', undefined],
		[{}, undefined],
		[null, undefined],
	])('%j → %j', (body, expected) => {
		expect(messageFromBody(body)).toBe(expected);
	});
});

describe('hints', () => {
	it('say what to do per status', () => {
		expect(hintForStatus({ status: 401, body: null })).toMatch(/API token/);
		expect(hintForStatus({ status: 404, body: null }, 'No contact with the id x')).toBe(
			'No contact with the id x',
		);
		expect(hintForStatus({ status: 422, body: null })).toMatch(/tag, custom field/);
		expect(hintForStatus({ status: 429, body: null, retryAfter: '2' })).toMatch(/wait 2 s/);
		expect(hintForStatus({ status: 503, body: null })).toMatch(/safe to try again/);
	});

	it('blank out secrets', () => {
		expect(redact('token abc and abc', ['abc', ''])).toBe('token *** and ***');
	});
});
