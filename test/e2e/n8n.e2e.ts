import { credentialTests } from './n8n-credential';
import { operationTests } from './n8n-operations';
import { N8N_VERSIONS, Stack, START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './stack';

/**
 * The n8n layer in every n8n version this package supports, one n8n after the other, each started once
 * for all its tests: the operations (n8n-operations.ts) and the credential test (n8n-credential.ts).
 */
describe.each(N8N_VERSIONS)('In a real n8n %s', (version) => {
	const stack = new Stack({ version, sandbox: { tasks: 250 } });
	let started = 0;
	let ready = 0;

	beforeAll(async () => {
		started = Date.now();
		await stack.start();
		ready = Date.now();
	}, START_TIMEOUT_MS);

	// Also after a start that failed or timed out: whatever it began is stopped.
	afterAll(async () => {
		await stack.stop();
		const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
		if (ready)
			console.log(
				`n8n ${version}: started in ${s(ready - started)}, tests ran in ${s(Date.now() - ready)}, ${s(Date.now() - started)} in all`,
			);
	}, STOP_TIMEOUT_MS);

	beforeEach(() => {
		stack.sandbox.clearRequests();
		stack.sandbox.clearFaults();
		stack.outbound.length = 0;
	});

	operationTests(stack);
	credentialTests(stack);
});
