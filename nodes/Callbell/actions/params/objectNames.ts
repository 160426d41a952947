/**
 * A team, funnel stage, channel, template or custom status given by its name instead of its id
 * (an AI agent knows "Support", not a uuid; so does an expression reading a CRM field): looked up
 * in the account's list, fetched once per run, and read as the id of the one object so named.
 */
import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { CallbellInputError, isCallbellId, quoteValue } from '../../helpers/validation';
import { apiPath, callbellApiRequestListOnce } from '../../transport';
import type { AccountObject } from '../accountObjects';

/** At most this many names are listed in a refusal. */
const NAMES_SHOWN = 20;

/** A locator's text, when it may be a name: not empty, not already an id. */
function nameIn(locator: unknown): string | undefined {
	const value =
		typeof locator === 'object' && locator !== null ? (locator as IDataObject).value : locator;
	if (typeof value !== 'string') return undefined;
	const text = value.trim();
	return text === '' || isCallbellId(text) ? undefined : text;
}

const comparable = (name: unknown) =>
	typeof name === 'string' ? name.trim().toLocaleLowerCase() : undefined;

/**
 * The locator as given, or, when it holds a name, a By ID locator of the object so named. No
 * object of that name, or several: refused, with the names there are (or the ids of the
 * namesakes), so that whoever gave it can choose.
 */
export async function resolveObjectName(
	this: IExecuteFunctions,
	object: AccountObject,
	locator: unknown,
	itemIndex: number,
): Promise<unknown> {
	const names = object.names;
	const name = nameIn(locator);
	if (names === undefined || name === undefined) return locator;

	const list = await callbellApiRequestListOnce.call(
		this,
		{ path: apiPath(object.path), listKey: names.listKey },
		itemIndex,
	);
	const matches = list.filter((entry) => comparable(entry[names.nameKey]) === comparable(name));
	if (matches.length === 1) return { __rl: true, mode: 'id', value: matches[0][names.idKey] };

	const plural = names.plural;
	if (matches.length > 1) {
		const namesakes = matches.map((entry) => String(entry[names.idKey])).join(', ');
		throw new CallbellInputError(
			object.field,
			`${object.field} ${quoteValue(name)} names ${matches.length} ${plural} of this account (ids ${namesakes})`,
			`Give the id of the one you mean.`,
		);
	}
	const known = list.map((entry) => entry[names.nameKey]).filter((n) => typeof n === 'string');
	const shown = known.slice(0, NAMES_SHOWN).map((n) => quoteValue(n));
	throw new CallbellInputError(
		object.field,
		`${object.field} ${quoteValue(name)} is not the id or the name of a ${object.noun} of this account`,
		known.length === 0
			? `This account has no ${plural}.`
			: `Give one of its ${plural}: ${shown.join(', ')}${known.length > NAMES_SHOWN ? ', …' : ''}, or its id (32 hexadecimal characters).`,
	);
}

/** These fields of a collection (e.g. Additional Fields → Team) with any name read as its id. */
export async function withObjectIds(
	this: IExecuteFunctions,
	fields: IDataObject,
	objects: Record<string, AccountObject>,
	itemIndex: number,
): Promise<IDataObject> {
	const resolved = { ...fields };
	for (const [key, object] of Object.entries(objects)) {
		if (resolved[key] !== undefined) {
			resolved[key] = (await resolveObjectName.call(
				this,
				object,
				resolved[key],
				itemIndex,
			)) as IDataObject;
		}
	}
	return resolved;
}
