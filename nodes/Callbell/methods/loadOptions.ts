/**
 * Option lists for parameters that are not resource locators. Callbell has no endpoint listing
 * custom fields: they come with contacts read with `include_field_types=true`, each contact
 * carrying every field of the account with its type and, for dropdowns and checkboxes, options.
 */
import type { IDataObject, ILoadOptionsFunctions, INodePropertyOptions } from 'n8n-workflow';

import { apiPath, callbellApiRequest } from '../transport';

interface FieldMetadata {
	type?: unknown;
	options?: unknown;
}

function describeField(metadata: FieldMetadata): string {
	const type = typeof metadata.type === 'string' ? metadata.type : 'custom field';
	const options = Array.isArray(metadata.options)
		? metadata.options.filter((option) => typeof option === 'string')
		: [];
	if (options.length === 0) return type;
	return `${type}: ${options.join(', ')}${metadata.type === 'checkbox' ? ' (a list, e.g. ["' + String(options[0]) + '"])' : ''}`;
}

/** The account's custom fields by name, each described by its type and options. */
export async function getCustomFields(
	this: ILoadOptionsFunctions,
): Promise<INodePropertyOptions[]> {
	const response = (await callbellApiRequest.call(this, {
		method: 'GET',
		path: apiPath('contacts'),
		qs: { include_field_types: true },
	})) as { contacts?: IDataObject[] };
	const fields = new Map<string, FieldMetadata>();
	for (const contact of response.contacts ?? []) {
		const metadata = (contact.customFieldsMetadata ?? {}) as Record<string, FieldMetadata>;
		for (const [name, field] of Object.entries(metadata))
			if (!fields.has(name)) fields.set(name, field);
	}
	return [...fields.entries()]
		.map(([name, field]) => ({ name, value: name, description: describeField(field) }))
		.sort((a, b) => a.name.localeCompare(b.name));
}
