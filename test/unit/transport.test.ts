import { hintForStatus, messageFromBody, redact } from '../../nodes/Callbell/transport/errors';
import { apiPath, normalizeBaseUrl } from '../../nodes/Callbell/transport';
import { nextPageToken, pageQuery } from '../../nodes/Callbell/methods/listSearch';
import { nextPageOf } from '../../nodes/Callbell/transport/pagination';

describe('messageFromBody', () => {
	it.each([
		[{ error: 'Contact not found' }, 'Contact not found'],
		[{ errors: ['Tag "x" does not exist', 'Team "y" does not exist'] }, 'Tag "x" does not exist; Team "y" does not exist'],
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
		expect(hintForStatus({ status: 404, body: null }, 'No contact with the id x')).toBe('No contact with the id x');
		expect(hintForStatus({ status: 422, body: null })).toMatch(/tag, custom field/);
		expect(hintForStatus({ status: 429, body: null, retryAfter: '2' })).toMatch(/wait 2 s/);
		expect(hintForStatus({ status: 503, body: null })).toMatch(/safe to try again/);
	});

	it('blank out secrets', () => {
		expect(redact('token abc and abc', ['abc', ''])).toBe('token *** and ***');
	});
});

describe('paths and base URLs', () => {
	it('encodes every path segment', () => {
		expect(apiPath('contacts', '../auth/me')).toBe('/contacts/..%2Fauth%2Fme');
		expect(apiPath('contacts', 'x?y=1')).toBe('/contacts/x%3Fy%3D1');
	});

	it('tolerates trailing slashes', () => {
		expect(normalizeBaseUrl(' https://api.callbell.eu/v1// ')).toBe('https://api.callbell.eu/v1');
	});
});

describe('list pagination tokens', () => {
	it('prefer the cursor, then pages, and stop at the end', () => {
		expect(nextPageToken({ next: 'abc', page: 1, pages: 3 })).toBe('after:abc');
		expect(nextPageToken({ next: null, page: 1, pages: 3 })).toBe('page:2');
		expect(nextPageToken({ page: 3, pages: 3 })).toBeUndefined();
		expect(nextPageToken(undefined)).toBeUndefined();
		expect(pageQuery('after:abc')).toEqual({ after: 'abc' });
		expect(pageQuery('page:4')).toEqual({ page: 4 });
		expect(pageQuery()).toEqual({ page: 1 });
	});
});

describe('pagination: where the next batch is', () => {
	it.each([
		['a cursor wins over page numbers', { next: 'abc', page: 1, pages: 3 }, 1, true, { after: 'abc' }],
		['page numbers without a cursor', { next: null, page: 1, pages: 3 }, 1, true, { page: 2 }],
		['the last page', { next: null, page: 3, pages: 3 }, 3, true, undefined],
		['an empty cursor is no cursor', { next: '', page: 2, pages: 2 }, 2, true, undefined],
		['no meta, the page brought new entries', undefined, 4, true, { page: 5 }],
		['no meta, nothing new', undefined, 4, false, undefined],
		['a meta without either', {}, 1, true, undefined],
	])('%s', (_label, meta, currentPage, brokeNewGround, expected) => {
		expect(nextPageOf(meta, currentPage, brokeNewGround)).toEqual(expected);
	});
});

it('apiPath never lets a dot segment climb a level', () => {
	expect(apiPath('contacts', 'bsuid', '..')).toBe('/contacts/bsuid/%2E%2E');
	expect(apiPath('contacts', '.')).toBe('/contacts/%2E');
	expect(apiPath('contacts', 'US.1349')).toBe('/contacts/US.1349');
});

it('a cursor walk ends where the cursors end, whatever page numbers come along', () => {
	expect(nextPageOf({ next: null, page: 1, pages: 25 }, 1, true, true)).toBeUndefined();
	expect(nextPageOf({ next: null, page: 1, pages: 25 }, 1, true, false)).toEqual({ page: 2 });
});
