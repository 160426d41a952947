/**
 * n8n stores an execution's run data "flatted" (the `flatted` package's format, which keeps
 * shared and circular references): a JSON array whose first entry is the value, every object,
 * array and string inside it replaced by the index (as a string) of the entry holding it.
 * The REST API hands it out like that; the editor parses it with `flatted`. So does this,
 * without the dependency.
 */
export function parseFlatted(text: string): unknown {
	const entries = JSON.parse(text) as unknown;
	if (!Array.isArray(entries) || entries.length === 0)
		throw new Error('Not flatted data: expected a non-empty JSON array');
	const table: unknown[] = entries;
	const revived = new Set<number>();
	const resolve = (index: number): unknown => {
		const value = table[index];
		// Strings and primitives are values; an object is revived once (references may be circular).
		if (typeof value !== 'object' || value === null || revived.has(index)) return value;
		revived.add(index);
		const container = value as Record<string, unknown>;
		for (const [key, reference] of Object.entries(container)) {
			if (typeof reference === 'string') container[key] = resolve(Number(reference));
		}
		return container;
	};
	return resolve(0);
}
