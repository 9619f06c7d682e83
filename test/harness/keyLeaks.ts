import type { WorkflowFile } from './engine';
import { runWorkflow, withParameters } from './engine';
import { MASTER_KEY, type useSandbox } from './sandbox';

/**
 * Runs, and checks that the key appears nowhere but in the x-api-key header: not in what n8n keeps of
 * the run (output items, errors with their descriptions), not in a URL or body, not in a log line.
 */
export async function runWithoutKeyLeaks(
	env: ReturnType<typeof useSandbox>,
	workflow: WorkflowFile,
	apiKey = MASTER_KEY,
	baseUrl?: string,
) {
	const credentials = env.credentials(apiKey);
	if (baseUrl) credentials.apolloTasksApi.baseUrl = baseUrl;
	const printed: string[] = [];
	const capture = (stream: NodeJS.WriteStream) =>
		jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
			printed.push(String(chunk));
			return true;
		});
	const spies = [capture(process.stdout), capture(process.stderr)];
	let result;
	try {
		result = await runWorkflow(workflow, credentials);
	} finally {
		spies.forEach((spy) => spy.mockRestore());
	}
	expect(JSON.stringify(result.run)).not.toContain(apiKey);
	expect(printed.join('')).not.toContain(apiKey);
	for (const request of env.sandbox.requests) {
		expect(request.url).not.toContain(apiKey);
		expect(JSON.stringify(request.body ?? null)).not.toContain(apiKey);
		expect(request.headers['x-api-key']).toBe(apiKey);
	}
	return result;
}

/** Create without the duplicate check, for tests about the create request alone. */
export const createOnly = (workflow: WorkflowFile, node = 'Apollo Tasks') =>
	withParameters(workflow, node, {
		options: {
			...(workflow.nodes.find((n) => n.name === node)!.parameters.options as object),
			ifTaskExists: 'create',
		},
	});
