import type {
	Icon,
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
} from 'n8n-workflow';

import { checkBaseUrl } from './baseUrl';

export class ApolloTasksApi implements ICredentialType {
	name = 'apolloTasksApi';

	displayName = 'Apollo Tasks API';

	icon: Icon = { light: 'file:../icons/apollo.svg', dark: 'file:../icons/apollo.dark.svg' };

	documentationUrl = 'https://docs.apollo.io/docs/create-api-key';

	properties: INodeProperties[] = [
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				'A master API key: in Apollo open Settings > Integrations > API, create a key and turn on "Set as master key". Task endpoints refuse other keys.',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://api.apollo.io',
			description:
				'Leave as is for Apollo. Change it only to point at a proxy or a local Apollo sandbox (plain http is accepted for localhost only; link-local and cloud metadata addresses are refused).',
		},
	];

	/**
	 * Adds the key in the x-api-key header, only for requests to the Base URL's own host, and only when the
	 * Base URL passes the node's policy (`checkBaseUrl`). A path without a host (the credential test's) is
	 * sent to the API root that the same policy gives, so the test and the node read the Base URL by one
	 * rule. Runs before n8n sends anything, so a refused address is refused without a request.
	 */
	authenticate = async (
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> => {
		const checked = checkBaseUrl(credentials.baseUrl);
		if ('refusal' in checked)
			throw new Error(`${checked.refusal.message}. ${checked.refusal.description}`);
		const allowed = new URL(checked.root).origin;
		const options =
			requestOptions.baseURL || /^[a-z][a-z0-9+.-]*:/i.test(requestOptions.url)
				? requestOptions
				: { ...requestOptions, url: `${checked.root}${requestOptions.url}` };
		let target: string | undefined;
		try {
			target = new URL(options.url, options.baseURL || undefined).origin;
		} catch {
			target = undefined;
		}
		if (target !== allowed) {
			throw new Error(
				`The Apollo Tasks API key is sent only to the credential's Base URL (${allowed}), not to ${target ?? options.url}.`,
			);
		}
		return {
			...options,
			headers: { ...options.headers, 'x-api-key': String(credentials.apiKey ?? '') },
		};
	};

	// Listing users needs a master key, so one cheap call tells both a wrong key and a non-master key.
	test: ICredentialTestRequest = {
		request: {
			url: '/users/search',
			method: 'GET',
			qs: { per_page: 1 },
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Apollo rejected this API key: it is wrong or was revoked. Copy a key from Apollo > Settings > Integrations > API.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						'This key is not a master API key, or your Apollo plan has no API access. In Apollo > Settings > Integrations > API, create a key with "Set as master key" turned on.',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 422,
					message:
						'Apollo refused this key for the Tasks API (free plans have no access). Upgrade the plan or use a master key of a paid plan.',
				},
			},
		],
	};
}
