import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

export const DEFAULT_BASE_URL = 'https://api.apollo.io';

const LOCAL_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/**
 * The API root (`https://api.apollo.io/api/v1`, or a sandbox's) from the credential's Base URL, checked:
 * https, or plain http for this machine only, since the key travels in every request.
 */
export function apiRoot(node: INode, baseUrl: unknown): string {
	const raw = String(baseUrl ?? '').trim() || DEFAULT_BASE_URL;
	let url: URL;
	try {
		url = new URL(raw);
	} catch {
		throw new NodeOperationError(node, `The Base URL "${raw}" of the Apollo Tasks credential is not a URL`, {
			description: 'Set it to https://api.apollo.io (the default), or to the address of a local Apollo sandbox.',
		});
	}
	if (url.protocol !== 'https:' && !(url.protocol === 'http:' && LOCAL_HOSTS.has(url.hostname))) {
		throw new NodeOperationError(node, `The Base URL "${raw}" of the Apollo Tasks credential must use https`, {
			description: 'The API key travels in every request, so plain http is allowed only for localhost. Use https://api.apollo.io.',
		});
	}
	if (url.search || url.hash || url.username || url.password) {
		throw new NodeOperationError(node, 'The Base URL of the Apollo Tasks credential must not contain a query, a fragment or a login', {
			description: 'Set it to https://api.apollo.io (the default).',
		});
	}
	const path = url.pathname.replace(/\/+$/, '').replace(/(\/api)?\/v1$/, '');
	return `${url.origin}${path}/api/v1`;
}
