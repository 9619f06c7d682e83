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
