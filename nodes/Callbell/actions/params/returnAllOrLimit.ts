/** Return All / Limit of every list operation: the two parameters and how they are read and checked. */
import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { CallbellInputError, quoteValue } from '../../helpers/validation';

/** Return All, and Limit (default 50) when it is off. */
export function returnAllOrLimit(noun: string): INodeProperties[] {
	return [
		{
			displayName: 'Return All',
			name: 'returnAll',
			type: 'boolean',
			default: false,
			description: 'Whether to return all results or only up to a given limit',
		},
		{
			displayName: 'Limit',
			name: 'limit',
			type: 'number',
			displayOptions: { show: { returnAll: [false] } },
			typeOptions: { minValue: 1 },
			default: 50,
			description: 'Max number of results to return',
			hint: `Only the pages needed for this many ${noun} are requested`,
		},
	];
}

/** `undefined` with Return All on, else the Limit: a whole number from 1. */
export function readLimit(this: IExecuteFunctions, itemIndex: number): number | undefined {
	if (this.getNodeParameter('returnAll', itemIndex, false) === true) return undefined;
	const limit = this.getNodeParameter('limit', itemIndex, 50);
	if (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1) {
		throw new CallbellInputError(
			'Limit',
			`Limit must be a whole number from 1, got ${quoteValue(limit)}`,
			'Set how many results to return, or turn on Return All.',
		);
	}
	return limit;
}
