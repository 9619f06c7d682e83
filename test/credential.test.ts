import { ApolloTasksApi } from '../credentials/ApolloTasksApi.credentials';
import { checkBaseUrl } from '../credentials/baseUrl';
import * as net from 'node:net';

import type { IHttpRequestOptions } from 'n8n-workflow';

import { testCredential } from './harness/credentialTest';
import { FREE_KEY, MASTER_KEY, PLAIN_KEY, SCOPED_KEY, useSandbox } from './harness/sandbox';

const env = useSandbox();

describe('Apollo Tasks API credential test', () => {
	it.each([
		['a master key', MASTER_KEY],
		['a key scoped to the endpoints it needs, not a master key', SCOPED_KEY],
	])(
		'succeeds for %s, with one task search that carries the key only in x-api-key',
		async (_, key) => {
			const result = await testCredential('apolloTasksApi', {
				apiKey: key,
				baseUrl: env.sandbox.url,
			});
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(env.sandbox.requests).toHaveLength(1);
			const [request] = env.sandbox.requests;
			expect(request).toMatchObject({ method: 'POST', path: '/api/v1/tasks/search', status: 200 });
			expect(request.body).toEqual({ page: 1, per_page: 1, open_factor_names: ['task_types'] });
			expect(request.headers['x-api-key']).toBe(key);
			expect(request.url).not.toContain(key);
		},
	);

	it('says the key is wrong when Apollo answers 401', async () => {
		const result = await testCredential('apolloTasksApi', {
			apiKey: 'not-a-real-key',
			baseUrl: env.sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/wrong or was revoked/);
	});

	it('says the key may not search tasks when its scope lacks the endpoint (403 API_INACCESSIBLE)', async () => {
		const result = await testCredential('apolloTasksApi', {
			apiKey: PLAIN_KEY,
			baseUrl: env.sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/api\/v1\/tasks\/search is not in its scope/);
		expect(result.message).not.toContain(PLAIN_KEY);
	});

	it('says the plan has no access for a free-plan key', async () => {
		const result = await testCredential('apolloTasksApi', {
			apiKey: FREE_KEY,
			baseUrl: env.sandbox.url,
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/plan has no API access/);
	});

	it('accepts a base URL written with a trailing slash or the old /v1 path', async () => {
		for (const baseUrl of [
			`${env.sandbox.url}/`,
			`${env.sandbox.url}/v1`,
			`${env.sandbox.url}/api/v1/`,
		]) {
			const result = await testCredential('apolloTasksApi', { apiKey: MASTER_KEY, baseUrl });
			expect(result.status).toBe('OK');
		}
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(Array(3).fill('/api/v1/tasks/search'));
	});
});

describe('One Base URL rule for the node and the credential test', () => {
	it.each([
		['', 'https://api.apollo.io/api/v1/tasks/search'],
		['   ', 'https://api.apollo.io/api/v1/tasks/search'],
		[
			'https://proxy.example.com/apollo/v1/',
			'https://proxy.example.com/apollo/api/v1/tasks/search',
		],
	])(
		'sends the credential test for Base URL %j where the node sends its requests',
		async (baseUrl, url) => {
			const credential = new ApolloTasksApi();
			const sent = await credential.authenticate(
				{ apiKey: MASTER_KEY, baseUrl },
				credential.test.request as IHttpRequestOptions,
			);

			expect(sent.url).toBe(url);
			expect(sent.url).toBe(`${(checkBaseUrl(baseUrl) as { root: string }).root}/tasks/search`);
			expect(sent.headers).toEqual({ 'x-api-key': MASTER_KEY });
		},
	);
});

describe('Apollo Tasks API credential test, Base URL policy', () => {
	// Nothing here may leave this machine: a connection anywhere but the loopback fails the test.
	const outbound: string[] = [];
	let guard: jest.SpyInstance;
	beforeEach(() => {
		outbound.length = 0;
		const original = net.Socket.prototype.connect;
		guard = jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (
			this: net.Socket,
			...args: unknown[]
		) {
			const options = (
				typeof args[0] === 'object' ? args[0] : { port: args[0], host: args[1] }
			) as { host?: string };
			if (!['127.0.0.1', 'localhost', '::1', undefined].includes(options.host)) {
				outbound.push(String(options.host));
				throw new Error(`Test guard: no connection to ${options.host}`);
			}
			return (original as (...a: unknown[]) => net.Socket).apply(this, args);
		});
	});
	afterEach(() => guard.mockRestore());

	it.each([
		[
			'http://example.com',
			/must use https\. The API key travels in every request, so plain http is allowed only for localhost/,
		],
		[
			'https://metadata.google.internal',
			/points at a cloud metadata address\. The API key would be sent there/,
		],
		['https://169.254.169.254', /points at a cloud metadata address/],
		['https://[fe80::1]', /points at a link-local address/],
	])('refuses %s before sending anything, and says why', async (baseUrl, message) => {
		const result = await testCredential('apolloTasksApi', { apiKey: MASTER_KEY, baseUrl });
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(message);
		expect(result.message).not.toContain(MASTER_KEY);
		expect(outbound).toEqual([]);
		expect(env.sandbox.requests).toEqual([]);
	});
});
