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
				'In Apollo open Settings > Integrations > API and create a key: a master key, or one whose scope holds the endpoints your workflows use (api/v1/tasks/search, tasks/bulk_create (tasks/create for a Title), tasks/show, tasks/update, tasks/complete, tasks/skip; users/search for owners by email; contacts/search and contacts/bulk_create for contacts by email)',
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

	// Searching tasks (one task) is what nearly every workflow of this node does: it tells a wrong key,
	// a key whose scope lacks the task search, and a plan without API access.
	test: ICredentialTestRequest = {
		request: {
			url: '/tasks/search',
			method: 'POST',
			body: { page: 1, per_page: 1, open_factor_names: ['task_types'] },
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
						"This key may not search tasks (api/v1/tasks/search is not in its scope), or the Apollo plan has no API access. In Apollo > Settings > Integrations > API, add the task endpoints to the key's scope or use a master key.",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 422,
					message:
						'Apollo refused the test search with this key. Check the key, or use a master key of a paid plan.',
				},
			},
		],
	};
}
