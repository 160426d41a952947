import { addTags, removeTags, tagsOf } from '../../nodes/Callbell/helpers/tags';

describe('Add Tags: keeps the contact\'s tags and its spelling of them', () => {
	it.each<[string[], string[], string[], boolean]>([
		[['lead'], ['vip'], ['lead', 'vip'], true],
		[['Lead', 'customer'], ['lead', 'VIP'], ['Lead', 'customer', 'VIP'], true],
		[['lead', 'vip'], ['VIP', 'Lead'], ['lead', 'vip'], false],
		[[], ['vip'], ['vip'], true],
	])('%j + %j → %j (changed: %s)', (current, toAdd, tags, changed) => {
		expect(addTags(current, toAdd)).toEqual({ tags, changed });
	});
});

describe('Remove Tags: matches in any letter case, keeps the others', () => {
	it.each<[string[], string[], string[], boolean]>([
		[['lead', 'vip'], ['VIP'], ['lead'], true],
		[['Newsletter', 'lead'], ['newsletter', 'lead'], [], true],
		[['lead'], ['vip'], ['lead'], false],
		[[], ['vip'], [], false],
	])('%j − %j → %j (changed: %s)', (current, toRemove, tags, changed) => {
		expect(removeTags(current, toRemove)).toEqual({ tags, changed });
	});
});

it('reads a contact without a tag list as "tags unknown", not as no tags', () => {
	expect(tagsOf({})).toBeUndefined();
	expect(tagsOf({ tags: null })).toBeUndefined();
	expect(tagsOf({ tags: [] })).toEqual([]);
	expect(tagsOf({ tags: ['a', 3, 'b'] })).toEqual(['a', 'b']);
});
