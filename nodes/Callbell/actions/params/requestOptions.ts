/**
 * Options → Concurrency, Retries and Timeout, which every operation has, and the Options
 * collection that holds them beside the operation's own options.
 */
import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { requireNumberIn, requireWholeNumber } from '../../helpers/validation';
import type { RequestSettings } from '../../transport';
import {
	DEFAULT_RETRIES,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_RETRIES,
	MAX_TIMEOUT_SECONDS,
} from '../../transport/retry';
import { concurrencyOption } from '../scheduling';

/** How every operation's requests run side by side, are retried and timed out (see router.ts, transport/retry.ts). */
const requestOptions: INodeProperties[] = [
	concurrencyOption,
	{
		displayName: 'Retries',
		name: 'retries',
		type: 'number',
		typeOptions: { minValue: 0, maxValue: MAX_RETRIES, numberPrecision: 0 },
		default: DEFAULT_RETRIES,
		description:
			'How many times a request is sent again after a Callbell error (5xx), a timeout or a ' +
			'dropped connection, waiting between tries. Only requests that are safe to repeat are: a ' +
			'message, create, note or bot change that may have reached Callbell is never sent twice. ' +
			"Callbell's rate limit (429) is waited out apart from this, up to 10 times.",
	},
	{
		displayName: 'Timeout (Seconds)',
		name: 'timeout',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_TIMEOUT_SECONDS },
		default: DEFAULT_TIMEOUT_SECONDS,
		description:
			"How long to wait for Callbell's answer to one request before giving up on it (or retrying it)",
	},
];

/** The "Options" collection: the operation's own options and the request options, sorted by name as the panel shows them. */
export function optionsCollection(options: INodeProperties[]): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...options, ...requestOptions].sort((a, b) =>
			a.displayName.localeCompare(b.displayName),
		),
	};
}

/** Options → Retries and Timeout of one item, checked, for the transport (router.ts hands them over). */
export function readRequestSettings(this: IExecuteFunctions, itemIndex: number): RequestSettings {
	const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
	return {
		retries: requireWholeNumber('Retries', options.retries ?? DEFAULT_RETRIES, 0, MAX_RETRIES),
		timeoutMs:
			requireNumberIn(
				'Timeout',
				options.timeout ?? DEFAULT_TIMEOUT_SECONDS,
				1,
				MAX_TIMEOUT_SECONDS,
			) * 1000,
	};
}
