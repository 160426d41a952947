/**
 * The tags (nodes/Callbell/helpers/tags.ts): what Tags accepts as text, a list or JSON list
 * text, and how Add Tags and Remove Tags change the contact's list.
 */
import { addTags, normalizeTags, removeTags, tagsOf } from '../../../nodes/Callbell/helpers/tags';

import { inputError } from '../inputError';

describe('normalizeTags', () => {
	it.each([
		['lead, vip', ['lead', 'vip']],
		[' lead ,, vip , ', ['lead', 'vip']],
		['lead, Lead, LEAD, vip', ['lead', 'vip']],
		[
			['lead', ' vip ', ''],
			['lead', 'vip'],
		],
		['["lead","vip"]', ['lead', 'vip']],
		[
			[2024, 'vip'],
			['2024', 'vip'],
		],
	])('%j → %j', (input, expected) => {
		expect(normalizeTags(input)).toEqual(expected);
	});

	it.each([[''], [' , , '], [[]], ['[]']])(
		'rejects %j as empty instead of removing every tag',
		(input) => {
			expect(inputError(() => normalizeTags(input)).message).toBe('Tags is empty');
		},
	);

	it('rejects non-text entries and broken JSON lists', () => {
		expect(inputError(() => normalizeTags([{ a: 1 }])).message).toBe(
			'Tags must contain only text, got "{"a":1}"',
		);
		expect(inputError(() => normalizeTags('[lead]')).message).toBe(
			'Tags looks like a JSON array but is not valid JSON: "[lead]"',
		);
		expect(inputError(() => normalizeTags(42)).message).toBe(
			'Tags must be a comma-separated text or a list, got "42"',
		);
	});
});

describe("Add Tags: keeps the contact's tags and its spelling of them", () => {
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
