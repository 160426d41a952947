/**
 * Tags as the node takes them ("a, b" or a list) and the changes that keep the contact's other
 * tags: Callbell replaces the whole list on PATCH, so Add Tags and Remove Tags compute the new
 * list from the one the contact has. Callbell matches tags case-insensitively; the contact's own
 * spelling of a tag is kept. Pure.
 */
import { looksLikeJsonArray, parseJsonArrayText } from './jsonText';
import { CallbellInputError, quoteValue } from './validation';

/**
 * Tags come as "a, b" from the UI or as an array from an expression. Trims, drops empties and
 * de-duplicates case-insensitively (Callbell matches tags case-insensitively), keeping the first
 * spelling. An empty result is an error: sending [] would silently remove every tag.
 */
export function normalizeTags(
	value: unknown,
	emptyHint = "Callbell replaces the contact's tags with this list: enter at least one tag, or remove the Tags field to leave the tags unchanged.",
): string[] {
	const field = 'Tags';
	let candidates: unknown[];
	if (Array.isArray(value)) candidates = value;
	else if (typeof value === 'string')
		candidates = looksLikeJsonArray(value) ? parseJsonArrayText(field, value) : value.split(',');
	else
		throw new CallbellInputError(
			field,
			`${field} must be a comma-separated text or a list, got ${quoteValue(value)}`,
		);

	const tags: string[] = [];
	const seen = new Set<string>();
	for (const candidate of candidates) {
		if (typeof candidate !== 'string' && typeof candidate !== 'number') {
			throw new CallbellInputError(
				field,
				`${field} must contain only text, got ${quoteValue(candidate)}`,
			);
		}
		const tag = String(candidate).trim();
		if (tag === '' || seen.has(tag.toLowerCase())) continue;
		seen.add(tag.toLowerCase());
		tags.push(tag);
	}
	if (tags.length === 0) {
		throw new CallbellInputError(field, `${field} is empty`, emptyHint);
	}
	return tags;
}

export interface TagChange {
	tags: string[];
	/** False when the contact already had exactly these tags: then nothing needs to be sent. */
	changed: boolean;
}

/**
 * A contact's `tags` as Callbell returned them, or undefined when the answer has no tag list:
 * then the contact's tags are unknown, and sending a list would replace them.
 */
export function tagsOf(contact: { tags?: unknown }): string[] | undefined {
	return Array.isArray(contact.tags)
		? contact.tags.filter((tag): tag is string => typeof tag === 'string')
		: undefined;
}

const key = (tag: string) => tag.toLowerCase();

export function addTags(current: string[], toAdd: string[]): TagChange {
	const have = new Set(current.map(key));
	const added = toAdd.filter((tag) => !have.has(key(tag)));
	return { tags: [...current, ...added], changed: added.length > 0 };
}

export function removeTags(current: string[], toRemove: string[]): TagChange {
	const unwanted = new Set(toRemove.map(key));
	const kept = current.filter((tag) => !unwanted.has(key(tag)));
	return { tags: kept, changed: kept.length !== current.length };
}
