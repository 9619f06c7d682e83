import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { ApolloSandbox, MASTER_KEY } from '../../sandbox/server';

export { ApolloSandbox, MASTER_KEY };
export { FREE_KEY, PLAIN_KEY } from '../../sandbox/server';

/** Starts a fresh sandbox on 127.0.0.1 (random port) for a test file, and stops it afterwards. */
export function useSandbox(options: ConstructorParameters<typeof ApolloSandbox>[0] = {}) {
	const sandbox = new ApolloSandbox(options);
	const state = {
		sandbox,
		credentials(apiKey = MASTER_KEY): Record<string, ICredentialDataDecryptedObject> {
			return { apolloTasksApi: { apiKey, baseUrl: sandbox.url } };
		},
	};
	beforeAll(async () => {
		await sandbox.start();
	});
	beforeEach(() => {
		sandbox.reset(options);
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	return state;
}

export interface SandboxAnswer {
	status: number;
	headers: Headers;
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of any shape are inspected
	json: any;
	text: string;
}

/** A request to the sandbox over HTTP, as a client sends it: JSON in; status, headers, text and JSON out. */
export async function callSandbox(
	sandbox: ApolloSandbox,
	method: string,
	path: string,
	body?: unknown,
	key: string | null = MASTER_KEY,
): Promise<SandboxAnswer> {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let json;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, json, text };
}

/** The control API (`/__sandbox/...`), which needs no key. */
export function controlSandbox(
	sandbox: ApolloSandbox,
	method: string,
	route: string,
	body?: unknown,
) {
	return callSandbox(sandbox, method, `/__sandbox/${route}`, body, null);
}
