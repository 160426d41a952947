/**
 * Tag changes that keep the contact's other tags: Callbell replaces the whole list on PATCH, so
 * Add Tags and Remove Tags compute the new list from the one the contact has. Callbell matches
 * tags case-insensitively; the contact's own spelling of a tag is kept.
 */

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
	return Array.isArray(contact.tags) ? contact.tags.filter((tag): tag is string => typeof tag === 'string') : undefined;
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
