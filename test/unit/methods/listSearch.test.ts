/**
 * The pickers' pagination tokens (nodes/Callbell/methods/listSearch.ts): Callbell's cursor or page
 * numbers as n8n's token, and the token read back as the list's query.
 */
import { nextPageToken, pageQuery } from '../../../nodes/Callbell/methods/listSearch';

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
