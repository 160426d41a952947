import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

/**
 * Test-only credential with a function `authenticate` (token in the query string) and a test whose
 * `responseSuccessBody` rule flags a 200 answer by its body. (n8n types `rules` as one rule kind
 * per array, which is one reason this is a separate credential.)
 */
export class TestApiQueryToken implements ICredentialType {
	name = 'testApiQueryToken';

	displayName = 'Test API (query token)';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.example.invalid',
		},
	];

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return { ...requestOptions, qs: { ...requestOptions.qs, token: credentials.apiToken } };
	}

	test: ICredentialTestRequest = {
		request: { baseURL: '={{$credentials.baseUrl}}', url: '/me' },
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'account.status',
					value: 'suspended',
					message: 'The account is suspended',
				},
			},
		],
	};
}
