import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	Icon,
	INodeProperties,
} from 'n8n-workflow';

export class CallbellApi implements ICredentialType {
	name = 'callbellApi';

	displayName = 'Callbell API';

	icon: Icon = {
		light: 'file:../nodes/Callbell/callbell.svg',
		dark: 'file:../nodes/Callbell/callbell.dark.svg',
	};

	documentationUrl = 'https://github.com/n8n-nodes-callbell/n8n-nodes-callbell#credentials';

	properties: INodeProperties[] = [
		{
			displayName: 'API Token',
			name: 'apiToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Create one in Callbell under Settings → API keys; it is shown only once',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.callbell.eu/v1',
			required: true,
			description:
				'Leave as it is for Callbell. Change it only to reach a proxy or the local Callbell emulator (e.g. http://127.0.0.1:4010/v1).',
		},
		{
			displayName: 'Requests per Second',
			name: 'requestsPerSecond',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 300,
			description:
				'Callbell allows 300 requests per second per account; the node keeps every workflow ' +
				'using this credential under it together. Lower it if other tools use the same Callbell ' +
				'account.',
		},
		{
			displayName: 'Webhook Signing Secret',
			name: 'webhookSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			placeholder: 'whsec_...',
			description:
				'For the Callbell Trigger: the secret Callbell shows once when you turn on webhook ' +
				'signing (it starts with whsec_). With it, the trigger accepts only requests Callbell ' +
				'signed in the last 5 minutes. Recommended; leave empty while signing is off in ' +
				'Callbell, or every event is refused.',
		},
	];

	/**
	 * The token as a Bearer header. A function rather than n8n's generic `=Bearer
	 * {{$credentials.apiToken}}`: n8n resolves a generic header as an expression, building its
	 * data proxy, for every request, which for a bulk update is as costly as one more parameter
	 * expression per item.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		return {
			...requestOptions,
			headers: {
				...requestOptions.headers,
				Authorization: `Bearer ${String(credentials.apiToken ?? '')}`,
			},
		};
	}

	test: ICredentialTestRequest = {
		request: {
			// A trailing slash in the base URL is tolerated, as in the node.
			baseURL: '={{$credentials.baseUrl.trim().replace(/\\/+$/, "")}}',
			url: '/auth/me',
			method: 'GET',
			// n8n 1.x drops the HTTP status of a failed test request before `responseCode` rules
			// see it, so the answer is judged by its body instead: only a valid token gets
			// Callbell's user back.
			ignoreHttpStatusErrors: true,
		},
		rules: [
			{
				type: 'responseSuccessBody',
				properties: {
					key: 'user_email',
					value: undefined,
					message:
						'The API token is invalid: Callbell did not accept it. Create a new one in Callbell ' +
						'(Settings → API keys) and paste it here. If you changed the Base URL, it must point to ' +
						"Callbell's API (https://api.callbell.eu/v1).",
				},
			},
		],
	};
}
