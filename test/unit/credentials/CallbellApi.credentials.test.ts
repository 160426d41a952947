/**
 * The credential's `authenticate` (credentials/CallbellApi.credentials.ts): the API token as a
 * Bearer header, set by a function rather than an expression n8n would resolve per request.
 */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { CallbellApi } from '../../../credentials/CallbellApi.credentials';

describe('the Callbell API credential', () => {
	const authenticate = (apiToken: unknown, headers?: Record<string, string>) =>
		new CallbellApi().authenticate({ apiToken } as ICredentialDataDecryptedObject, {
			url: '/contacts',
			headers,
		});

	it('sends the token as a Bearer header, beside the headers the request has', async () => {
		const options = await authenticate('cb_token', { Accept: 'application/json' });
		expect(options).toEqual({
			url: '/contacts',
			headers: { Accept: 'application/json', Authorization: 'Bearer cb_token' },
		});
	});

	it('leaves the request it is given as it was', async () => {
		const headers = { Accept: 'application/json' };
		await authenticate('cb_token', headers);
		expect(headers).toEqual({ Accept: 'application/json' });
	});

	it('reads a token that is not a string as the transport does (String), a missing one as empty', async () => {
		expect((await authenticate(12345)).headers).toEqual({ Authorization: 'Bearer 12345' });
		expect((await authenticate(undefined)).headers).toEqual({ Authorization: 'Bearer ' });
	});
});
