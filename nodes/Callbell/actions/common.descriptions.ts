/** Small builders of the node's descriptions: collections, long texts, which operation shows a parameter. */
import type { INodeProperties } from 'n8n-workflow';

/** A required, multi-line text such as a message or a note. */
export function longTextParameter(
	spec: Pick<INodeProperties, 'placeholder' | 'description'>,
): INodeProperties {
	return {
		displayName: 'Text',
		name: 'text',
		type: 'string',
		typeOptions: { rows: 4 },
		required: true,
		default: '',
		...spec,
	};
}

/** The "Additional Fields" collection of an operation that creates or sends something. */
export function additionalFieldsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options,
	};
}

/** The "Filters" collection of a list operation; `description` says what it keeps. */
export function filtersCollection(
	description: string,
	options: INodeProperties[],
): INodeProperties {
	return {
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description,
		options,
	};
}

/** Shows `properties` only for one resource + operation (the router layout's convention). */
export function showOnlyFor(
	resource: string,
	operation: string,
	properties: INodeProperties[],
): INodeProperties[] {
	return properties.map((property) => ({
		...property,
		displayOptions: {
			...property.displayOptions,
			show: { ...property.displayOptions?.show, resource: [resource], operation: [operation] },
		},
	}));
}
