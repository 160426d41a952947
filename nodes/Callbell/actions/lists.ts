/** Return All / Limit, read and checked the same way by every list operation. */
import type { IExecuteFunctions } from 'n8n-workflow';

import { CallbellInputError, quoteValue } from '../helpers/validation';

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
