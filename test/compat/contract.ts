/**
 * The node's public names, as saved workflows and AI agents depend on them: every node type
 * with its versions (and a trigger's webhook path), every credential type with its fields, and
 * per resource → operation every parameter name with its type, every option value and every
 * resource locator mode. `test/compat/contract.json` is this list as released; the package test
 * fails when a name there disappears or changes type (see contract.test.ts).
 */
import type { ICredentialType, INodeProperties, INodeTypeDescription } from 'n8n-workflow';

/** Name → type, e.g. `"updateFields.tags": "string"`, `"messageType=template": "value"`. */
export type PublicNames = Record<string, string>;

export interface NodeContract {
	versions: number[];
	/** `<method> <name> <path>` of each webhook: a registered URL ends in its path. */
	webhooks?: string[];
	/** Per scope (`<resource>.<operation>`, or `*` for parameters every run has), its names. */
	parameters: Record<string, PublicNames>;
}

export interface Contract {
	nodes: Record<string, NodeContract>;
	credentials: Record<string, PublicNames>;
}

const EVERY_RUN = '*';

/** Adds a property and everything nested in it under `prefix`. */
function addProperty(names: PublicNames, property: INodeProperties, prefix = ''): void {
	if (property.type === 'notice') return;
	const name = `${prefix}${property.name}`;
	const known = names[name];
	names[name] =
		known === undefined || known === property.type
			? property.type
			: [...new Set([...known.split('|'), property.type])].sort().join('|');
	for (const mode of property.modes ?? []) names[`${name}[mode=${mode.name}]`] = mode.type;
	for (const option of property.options ?? []) {
		if ('value' in option) {
			if (property.type === 'options' || property.type === 'multiOptions')
				names[`${name}=${String(option.value)}`] = 'value';
		} else if ('values' in option) {
			// A fixedCollection's group, e.g. customFields.field, and the fields of one entry.
			names[`${name}.${option.name}`] = 'group';
			for (const value of option.values) addProperty(names, value, `${name}.${option.name}.`);
		} else {
			addProperty(names, option as INodeProperties, `${name}.`);
		}
	}
}

function shownFor(property: INodeProperties, key: string): string[] | undefined {
	const shown = property.displayOptions?.show?.[key];
	return shown?.map((value) => String(value));
}

/** Scopes from the operation pickers: `contact.update`, …; a node without resources has one scope. */
function scopesOf(properties: INodeProperties[]): string[] {
	const scopes = properties
		.filter((property) => property.name === 'operation')
		.flatMap((picker) =>
			(shownFor(picker, 'resource') ?? []).flatMap((resource) =>
				(picker.options ?? []).map(
					(option) => `${resource}.${String((option as { value: unknown }).value)}`,
				),
			),
		);
	return scopes.length > 0 ? scopes : [EVERY_RUN];
}

function nodeContract(description: INodeTypeDescription): NodeContract {
	const scopes = scopesOf(description.properties);
	const parameters: Record<string, PublicNames> = Object.fromEntries(
		scopes.map((scope) => [scope, {}]),
	);
	for (const property of description.properties) {
		if (property.name === 'operation') continue;
		const resources = shownFor(property, 'resource');
		const operations = shownFor(property, 'operation');
		if (resources === undefined) {
			// The resource picker itself, or a parameter of a node without resources.
			addProperty((parameters[EVERY_RUN] ??= {}), property);
			continue;
		}
		for (const scope of scopes) {
			const [resource, operation] = scope.split('.');
			if (
				resources.includes(resource) &&
				(operations === undefined || operations.includes(operation))
			) {
				addProperty(parameters[scope], property);
			}
		}
	}
	const versions = Array.isArray(description.version) ? description.version : [description.version];
	const webhooks = description.webhooks?.map(
		(webhook) => `${String(webhook.httpMethod)} ${webhook.name} ${String(webhook.path)}`,
	);
	const sorted = Object.fromEntries(
		Object.entries(parameters).map(([scope, names]) => [scope, sortKeys(names)]),
	);
	return { versions, ...(webhooks !== undefined && { webhooks }), parameters: sortKeys(sorted) };
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
	return Object.fromEntries(Object.entries(record).sort(([a], [b]) => a.localeCompare(b)));
}

/** The contract of a loaded package: `packageName.<node name>` for nodes, as n8n addresses them. */
export function contractOf(
	packageName: string,
	descriptions: { nodes: INodeTypeDescription[]; credentials: ICredentialType[] },
): Contract {
	const nodes: Record<string, NodeContract> = {};
	for (const description of descriptions.nodes)
		nodes[`${packageName}.${description.name}`] = nodeContract(description);
	const credentials: Record<string, PublicNames> = {};
	for (const credential of descriptions.credentials) {
		const names: PublicNames = {};
		for (const property of credential.properties) addProperty(names, property);
		credentials[credential.name] = sortKeys(names);
	}
	return { nodes: sortKeys(nodes), credentials: sortKeys(credentials) };
}

/** One line per public name, e.g. `node n8n-nodes-callbell.callbell contact.update updateFields.tags: string`, `node … version 1`. */
export function contractLines(contract: Contract): Map<string, string> {
	const lines = new Map<string, string>();
	for (const [type, node] of Object.entries(contract.nodes)) {
		// Each version a name of its own: a new one is an addition, a version gone a break.
		for (const version of node.versions) lines.set(`node ${type} version ${version}`, 'version');
		for (const webhook of node.webhooks ?? [])
			lines.set(`node ${type} webhook ${webhook}`, 'webhook');
		for (const [scope, names] of Object.entries(node.parameters)) {
			lines.set(`node ${type} ${scope}`, 'scope');
			for (const [name, kind] of Object.entries(names))
				lines.set(`node ${type} ${scope} ${name}`, kind);
		}
	}
	for (const [type, names] of Object.entries(contract.credentials)) {
		lines.set(`credential ${type}`, 'credential');
		for (const [name, kind] of Object.entries(names)) lines.set(`credential ${type} ${name}`, kind);
	}
	return lines;
}
