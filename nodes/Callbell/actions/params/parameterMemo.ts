/**
 * n8n's `getNodeParameter` resolves a parameter's expressions anew on every call, and the router
 * reads an item's parameters more than once (its ordering key, then its operation; Options by the
 * request settings, then by the operation). For 10,000 items that was a large share of the node's
 * CPU. So an operation runs on a context whose `getNodeParameter` reads each value once:
 * - a parameter with no expression anywhere in it is the same for every item: read once per run;
 * - one with an expression is read once per item, until the router forgets the item.
 * Every caller still gets a value of its own, as n8n gives it: arrays and plain objects are copies.
 * n8n's check of a value against the description is skipped: it scans the node's properties
 * (dozens named `options`) on every read, and finds nothing to check, as no parameter of this
 * node has a `validateType` (test/package/descriptions.test.ts says so).
 */
import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

function holdsExpression(value: unknown): boolean {
	if (typeof value === 'string') return value.startsWith('=');
	if (Array.isArray(value)) return value.some(holdsExpression);
	if (typeof value === 'object' && value !== null)
		return Object.values(value).some(holdsExpression);
	return false;
}

const SKIP_VALIDATION = { skipValidation: true };

/** Deeper than this, a value is copied by `structuredClone`, which also copes with a cycle. */
const PLAIN_COPY_DEPTH = 32;

/**
 * Arrays and plain objects, deeply (what parameters hold); anything else as it is:
 * `structuredClone` costs several times as much, and would strip a class instance an expression
 * returns (a date) of its class.
 */
function ownCopy<T>(value: T, depth = 0): T {
	if (typeof value !== 'object' || value === null) return value;
	if (depth > PLAIN_COPY_DEPTH) return structuredClone(value);
	if (Array.isArray(value)) return value.map((element) => ownCopy(element, depth + 1)) as T;
	// Plain in any realm (an expression's result may come from another one): its prototype is an
	// Object.prototype, or it has none.
	const prototype: unknown = Object.getPrototypeOf(value);
	if (prototype !== null && Object.getPrototypeOf(prototype) !== null) return value;
	// fromEntries defines each key, `__proto__` (from JSON.parse) included, as the object's own.
	return Object.fromEntries(
		Object.entries(value).map(([key, entry]) => [key, ownCopy(entry, depth + 1)]),
	) as T;
}

export interface ParameterMemo {
	/** The run's context, its `getNodeParameter` memoized: hand it to everything the item runs. */
	context: IExecuteFunctions;
	/** Drops what was read for an item once it is done. */
	forgetItem(itemIndex: number): void;
}

export function memoizeParameters(run: IExecuteFunctions): ParameterMemo {
	const parameters: INodeParameters = run.getNode().parameters;
	const sameForEveryItem = new Map<string, boolean>();
	const ofRun = new Map<string, unknown>();
	const ofItem = new Map<number, Map<string, unknown>>();
	const read = run.getNodeParameter.bind(run) as (...args: unknown[]) => unknown;

	const getNodeParameter = (
		name: string,
		itemIndex: number,
		fallback?: unknown,
		options?: unknown,
	) => {
		// Nested paths, absent parameters (the fallback is the caller's) and n8n's read options go
		// to n8n as they are.
		if (options !== undefined || name.includes('.') || parameters[name] === undefined)
			return read(name, itemIndex, fallback, options);
		let constant = sameForEveryItem.get(name);
		if (constant === undefined) {
			constant = !holdsExpression(parameters[name]);
			sameForEveryItem.set(name, constant);
		}
		let values = constant ? ofRun : ofItem.get(itemIndex);
		if (values === undefined) {
			values = new Map();
			ofItem.set(itemIndex, values);
		}
		if (!values.has(name)) {
			// A read that throws (an expression that fails, say) is not kept: the next read says so again.
			values.set(name, read(name, itemIndex, fallback, SKIP_VALIDATION));
		}
		return ownCopy(values.get(name));
	};

	const context = Object.create(run, {
		getNodeParameter: { value: getNodeParameter },
	}) as IExecuteFunctions;
	return { context, forgetItem: (itemIndex) => ofItem.delete(itemIndex) };
}
