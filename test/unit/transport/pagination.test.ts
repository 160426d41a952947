/**
 * Where the next batch of a list is (nextPageOf in nodes/Callbell/transport/pagination.ts):
 * Callbell's cursor, its page numbers, or, without either, the next page while pages bring new
 * entries.
 */
import { nextPageOf } from '../../../nodes/Callbell/transport/pagination';

describe('pagination: where the next batch is', () => {
	it.each([
		[
			'a cursor wins over page numbers',
			{ next: 'abc', page: 1, pages: 3 },
			1,
			true,
			{ after: 'abc' },
		],
		['page numbers without a cursor', { next: null, page: 1, pages: 3 }, 1, true, { page: 2 }],
		['the last page', { next: null, page: 3, pages: 3 }, 3, true, undefined],
		['an empty cursor is no cursor', { next: '', page: 2, pages: 2 }, 2, true, undefined],
		['no meta, the page brought new entries', undefined, 4, true, { page: 5 }],
		['no meta, nothing new', undefined, 4, false, undefined],
		['a meta without either', {}, 1, true, undefined],
	])('%s', (_label, meta, currentPage, brokeNewGround, expected) => {
		expect(nextPageOf(meta, currentPage, brokeNewGround)).toEqual(expected);
	});

	it('a cursor walk ends where the cursors end, whatever page numbers come along', () => {
		expect(nextPageOf({ next: null, page: 1, pages: 25 }, 1, true, true)).toBeUndefined();
		expect(nextPageOf({ next: null, page: 1, pages: 25 }, 1, true, false)).toEqual({ page: 2 });
	});
});
