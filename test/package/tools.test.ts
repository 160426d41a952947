/**
 * What a model reads when the node is an AI Agent's tool: each operation's `action` is the
 * tool's description (n8n adds "in Callbell"), and each parameter's description tells the model
 * what to put in it. Reads the build (`npm test` builds first).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

import type { INodeProperties, INodePropertyOptions, INodeType } from 'n8n-workflow';

import { repoRoot } from '../../dev/package';
import { TOOL_TABLE_END, TOOL_TABLE_START, toolDescriptionTable } from '../../dev/toolTable';

const root = repoRoot();
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Callbell } = require(path.join(root, 'dist/nodes/Callbell/Callbell.node.js')) as {
	Callbell: new () => INodeType;
};
const description = new Callbell().description;

/** `resource.operation` with its action, for every operation of the node. */
const tools = description.properties
	.filter((property) => property.name === 'operation')
	.flatMap((property) =>
		(property.options as INodePropertyOptions[]).map((option) => ({
			tool: `${String(property.displayOptions?.show?.resource?.[0])}.${String(option.value)}`,
			action: option.action ?? '',
		})),
	);

/** Every parameter and collection option a value can be given to (what `$fromAI()` fills). */
function fillable(properties: INodeProperties[], owner = ''): Array<[string, INodeProperties]> {
	return properties.flatMap((property): Array<[string, INodeProperties]> => {
		const name = `${owner}${property.name}`;
		if (property.type === 'collection') {
			return fillable(property.options as INodeProperties[], `${name}.`);
		}
		if (property.type === 'notice' || property.noDataExpression === true) return [];
		const show = property.displayOptions?.show;
		return [
			[`${name} (${String(show?.resource ?? '')}.${String(show?.operation ?? '')})`, property],
		];
	});
}

describe('the Callbell node as a tool', () => {
	it('has 38 operations or more, each with its own action a model can choose by', () => {
		expect(tools.length).toBeGreaterThanOrEqual(38);
		for (const { tool, action } of tools)
			expect([tool, action.trim().length > 0]).toEqual([tool, true]);
		const byAction = new Map<string, string[]>();
		for (const { tool, action } of tools)
			byAction.set(action, [...(byAction.get(action) ?? []), tool]);
		const shared = [...byAction].filter(([, sharing]) => sharing.length > 1);
		expect(shared).toEqual([]);
	});

	it('describes every parameter a model can fill', () => {
		const withoutDescription = fillable(
			description.properties.filter(
				(property) => !['resource', 'operation'].includes(property.name),
			),
		)
			.filter(([, property]) => !(property.description ?? '').trim())
			.map(([name]) => name);
		expect(withoutDescription).toEqual([]);
	});

	it("is the README's table of tool descriptions (npm run readme:tools writes it)", () => {
		const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
		const start = readme.indexOf(TOOL_TABLE_START) + TOOL_TABLE_START.length;
		expect(readme.slice(start, readme.indexOf(TOOL_TABLE_END)).trim()).toBe(
			toolDescriptionTable(description),
		);
	});
});
