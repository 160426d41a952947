/**
 * Template → Get Many: `GET /templates`, one output item per template. Callbell cannot filter
 * templates, so Status and Category are applied here while paging: pages are read until Limit
 * matching templates are found (or the list ends), and only those are output.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNonEmptyString } from '../../helpers/validation';
import { apiPath, callbellApiRequestAllItems } from '../../transport';
import { filtersCollection, showOnlyFor } from '../common.descriptions';
import { optionsCollection } from '../params/requestOptions';
import { readLimit, returnAllOrLimit } from '../params/returnAllOrLimit';

// Callbell cannot filter templates: the descriptions say so, for users and AI agents alike.
const FILTERS_DESCRIPTION =
	'Only templates matching every filter added here (case-insensitive). Callbell cannot ' +
	'filter templates: the node reads the pages of templates and keeps the matching ones, ' +
	'until Limit of them are found or the list ends.';
const CATEGORY_DESCRIPTION =
	'Only templates of this WhatsApp category. Applied by the node, not by Callbell: pages are read until Limit matching templates are found.';
const STATUS_DESCRIPTION =
	'Only templates with this approval status. Applied by the node, not by Callbell: pages are read until Limit matching templates are found.';

const properties: INodeProperties[] = [
	...returnAllOrLimit('templates'),
	filtersCollection(FILTERS_DESCRIPTION, [
		{
			displayName: 'Category',
			name: 'category',
			type: 'options',
			options: [
				{ name: 'Authentication', value: 'AUTHENTICATION' },
				{ name: 'Marketing', value: 'MARKETING' },
				{ name: 'Utility', value: 'UTILITY' },
			],
			default: 'MARKETING',
			description: CATEGORY_DESCRIPTION,
		},
		{
			displayName: 'Status',
			name: 'status',
			type: 'options',
			options: [
				{ name: 'Approved', value: 'approved', description: 'Approved by WhatsApp: can be sent' },
				{ name: 'Pending', value: 'pending', description: "Waiting for WhatsApp's review" },
				{ name: 'Rejected', value: 'rejected', description: 'Rejected by WhatsApp' },
			],
			default: 'approved',
			description: STATUS_DESCRIPTION,
		},
	]),
	optionsCollection([]),
];

export const description = showOnlyFor('template', 'getAll', properties);

type TemplateFilter = (template: IDataObject) => boolean;

/** Status and Category as one test on a template; undefined when neither is set. */
function templateFilter(filters: {
	status?: unknown;
	category?: unknown;
}): TemplateFilter | undefined {
	const wanted: Array<[key: string, value: string]> = [];
	for (const [key, field] of [
		['status', 'Status'],
		['category', 'Category'],
	] as const) {
		const value = filters[key];
		if (value === undefined) continue;
		const text = requireNonEmptyString(
			field,
			value,
			`Choose a ${key}, or remove the ${field} filter.`,
		);
		wanted.push([key, text.toLowerCase()]);
	}
	if (wanted.length === 0) return undefined;
	return (template) =>
		wanted.every(
			([key, value]) =>
				typeof template[key] === 'string' && (template[key] as string).toLowerCase() === value,
		);
}

export async function execute(this: IExecuteFunctions, itemIndex: number): Promise<IDataObject[]> {
	const limit = readLimit.call(this, itemIndex);
	const filter = templateFilter(this.getNodeParameter('filters', itemIndex, {}) as IDataObject);

	return await callbellApiRequestAllItems.call(
		this,
		{ path: apiPath('templates'), listKey: 'templates', filter },
		limit,
		itemIndex,
	);
}
