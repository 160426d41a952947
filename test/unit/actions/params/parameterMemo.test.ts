/**
 * The run's memo of parameter reads (nodes/Callbell/actions/params/parameterMemo.ts): what it
 * reads from n8n, how often, and that every caller gets a value of its own.
 */
import * as vm from 'node:vm';

import type { IExecuteFunctions, INodeParameters } from 'n8n-workflow';

import { memoizeParameters } from '../../../../nodes/Callbell/actions/params/parameterMemo';

/** The two members of n8n's context the memo uses: the node's saved parameters and n8n's read. */
function runWith(
	parameters: INodeParameters,
	resolve: (name: string, itemIndex: number) => unknown,
) {
	const reads: string[] = [];
	const run = {
		getNode: () => ({ parameters }),
		getNodeParameter: (name: string, itemIndex: number) => {
			reads.push(`${name}#${itemIndex}`);
			return resolve(name, itemIndex);
		},
	} as unknown as IExecuteFunctions;
	return { memo: memoizeParameters(run), reads };
}

describe('the parameter memo', () => {
	it('reads a parameter without an expression once per run', () => {
		const { memo, reads } = runWith({ operation: 'update' }, () => 'update');
		for (const item of [0, 1, 2])
			expect(memo.context.getNodeParameter('operation', item)).toBe('update');
		expect(reads).toEqual(['operation#0']);
	});

	it('reads one with an expression once per item, again once the item is forgotten', () => {
		const { memo, reads } = runWith({ updateFields: { name: '={{ $json.name }}' } }, (_, item) => ({
			name: `Ada ${item}`,
		}));
		memo.context.getNodeParameter('updateFields', 0);
		memo.context.getNodeParameter('updateFields', 0);
		memo.context.getNodeParameter('updateFields', 1);
		memo.forgetItem(0);
		memo.context.getNodeParameter('updateFields', 0);
		expect(reads).toEqual(['updateFields#0', 'updateFields#1', 'updateFields#0']);
	});

	it('gives every caller its own copy of arrays and plain objects, from any realm', () => {
		const fromAnotherRealm = vm.runInNewContext('({ tags: ["vip"], address: { city: "Turin" } })');
		const { memo } = runWith({ options: {}, fields: '={{ $json }}' }, (name) =>
			name === 'options' ? { tags: ['vip'] } : fromAnotherRealm,
		);
		for (const name of ['options', 'fields']) {
			const first = memo.context.getNodeParameter(name, 0) as { tags: string[] };
			first.tags.push('changed by a caller');
			expect((memo.context.getNodeParameter(name, 0) as { tags: string[] }).tags).toEqual(['vip']);
		}
		const fields = memo.context.getNodeParameter('fields', 0) as { address: { city: string } };
		fields.address.city = 'Milan';
		expect(fromAnotherRealm.address.city).toBe('Turin');
	});

	it("keeps a `__proto__` key as the value's own, and copes with a value that holds itself", () => {
		const parsed = JSON.parse('{"__proto__": {"admin": true}, "name": "Ada"}') as object;
		const cyclic: Record<string, unknown> = { name: 'Ada' };
		cyclic.self = cyclic;
		const { memo } = runWith({ a: '={{ $json.a }}', b: '={{ $json.b }}' }, (name) =>
			name === 'a' ? parsed : cyclic,
		);
		const copy = memo.context.getNodeParameter('a', 0) as Record<string, unknown>;
		expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
		expect(Object.keys(copy)).toEqual(['__proto__', 'name']);
		expect(copy.admin).toBeUndefined();
		const cycle = memo.context.getNodeParameter('b', 0) as Record<string, unknown>;
		expect(cycle).not.toBe(cyclic);
		expect(cycle.name).toBe('Ada');
	});

	it('hands an instance of a class (a date an expression returned) over as it is', () => {
		const date = new Date('2026-12-04T10:00:00Z');
		const { memo } = runWith({ since: '={{ $now }}' }, () => date);
		expect(memo.context.getNodeParameter('since', 0)).toBe(date);
	});
});
