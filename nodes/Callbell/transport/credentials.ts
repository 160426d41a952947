/**
 * The Callbell credential as one run of the node uses it: read and checked once, with the
 * account its requests are paced as (pacing.ts).
 */
import type { ICredentialDataDecryptedObject, ICredentialsDecrypted } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { accountKey } from './pacing';
import type { CallbellContext } from './request';

export const CREDENTIAL_TYPE = 'callbellApi';

export const DEFAULT_REQUESTS_PER_SECOND = 300;

export interface CallbellCredentials {
	apiToken: string;
	baseUrl: string;
	requestsPerSecond: number;
	/** The account whose pace the requests take (pacing.ts). */
	account: string;
	decrypted: ICredentialsDecrypted;
}

/** Trailing slashes and spaces are tolerated in the credential's base URL. */
export function normalizeBaseUrl(baseUrl: string): string {
	return baseUrl.trim().replace(/\/+$/, '');
}

/**
 * The credential as read once per node run. n8n fetches a credential from its database and
 * decrypts it on every `getCredentials` (and every authenticated request): for 10,000 items that
 * was a third of the node's CPU. Keyed by n8n's context object of the run, so it is dropped with
 * it and no two runs (or credential edits between runs) ever share an entry.
 */
const credentialsOfRun = new WeakMap<CallbellContext, Promise<CallbellCredentials>>();

export function readCredentials(this: CallbellContext): Promise<CallbellCredentials> {
	let credentials = credentialsOfRun.get(this);
	if (credentials === undefined) {
		credentials = readCredentialsOnce.call(this);
		credentialsOfRun.set(this, credentials);
	}
	return credentials;
}

async function readCredentialsOnce(this: CallbellContext): Promise<CallbellCredentials> {
	const data = await this.getCredentials<ICredentialDataDecryptedObject>(CREDENTIAL_TYPE);
	const baseUrl = normalizeBaseUrl(String(data.baseUrl ?? ''));
	if (!/^https?:\/\/[^/]+/i.test(baseUrl)) {
		throw new NodeOperationError(
			this.getNode(),
			'The Base URL in the Callbell credential is not a web address',
			{
				description: 'Use https://api.callbell.eu/v1 unless Callbell told you otherwise.',
			},
		);
	}
	// Credentials saved before the field existed have none.
	const requestsPerSecond = Number(data.requestsPerSecond ?? DEFAULT_REQUESTS_PER_SECOND);
	if (!Number.isFinite(requestsPerSecond) || requestsPerSecond < 1) {
		throw new NodeOperationError(
			this.getNode(),
			'Requests per Second in the Callbell credential must be a number from 1',
			{
				description: `Use ${DEFAULT_REQUESTS_PER_SECOND}, Callbell's limit, unless other tools use the same account.`,
			},
		);
	}
	const reference = this.getNode().credentials?.[CREDENTIAL_TYPE];
	const apiToken = String(data.apiToken ?? '');
	return {
		apiToken,
		baseUrl,
		requestsPerSecond,
		account: accountKey(baseUrl, apiToken),
		// Handed to n8n's request helper, so that it does not read the credential again.
		decrypted: {
			id: reference?.id ?? '',
			name: reference?.name ?? '',
			type: CREDENTIAL_TYPE,
			data,
		},
	};
}
