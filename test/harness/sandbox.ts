import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { MASTER_KEY } from '../../sandbox/keys';
import { ApolloSandbox } from '../../sandbox/server';

export { ApolloSandbox, MASTER_KEY };
export { FREE_KEY, MEMBER_KEY, PLAIN_KEY, SCOPED_KEY, TASKS_OFF_KEY } from '../../sandbox/keys';

/**
 * The mode the sandbox runs the tests in: `npm test` runs them in both. `documented` reads only the
 * search parameters Apollo's reference documents; `extended` (the default) also what Apollo's CLI sends.
 */
export const SANDBOX_MODE: 'documented' | 'extended' =
	process.env.APOLLO_SANDBOX_MODE === 'documented' ? 'documented' : 'extended';

/**
 * Starts a fresh sandbox on 127.0.0.1 (random port) for a test file, and stops it afterwards; in the
 * mode of this run unless `options` names one.
 */
export function useSandbox(given: ConstructorParameters<typeof ApolloSandbox>[0] = {}) {
	const options = { mode: SANDBOX_MODE, ...given };
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
	// A test's own reset keeps the run's mode unless it names one.
	const reset = sandbox.reset.bind(sandbox);
	sandbox.reset = (more = {}) => reset({ mode: options.mode, ...more });
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

/** A scheduled call of the first user for the first contact, with `fields` on top. */
export function addCallTask(
	sandbox: ApolloSandbox,
	fields: Partial<Parameters<ApolloSandbox['insertTask']>[0]> = {},
) {
	return sandbox.insertTask({
		user_id: sandbox.users[0].id,
		contact_id: sandbox.contacts[0].id,
		type: 'call',
		priority: 'medium',
		status: 'scheduled',
		...fields,
	});
}
