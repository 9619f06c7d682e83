import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { runWorkflow, type WorkflowFile } from './harness/engine';
import { SANDBOX_MODE, useSandbox } from './harness/sandbox';

/**
 * Workflows in test/workflows/cases, each with what Apollo should receive and what the node should put
 * out beside it (`<name>.expected.json`), run against the seeded sandbox.
 */
interface Expected {
	requests: Array<[string, string, unknown]>;
	output: Array<{ json: unknown; pairedItem: unknown }>;
}

const dir = join(__dirname, 'workflows', 'cases');
const cases = readdirSync(dir)
	.filter((file) => file.endsWith('.json') && !file.endsWith('.expected.json'))
	.map((file) => file.replace(/\.json$/, ''));
const env = useSandbox();
const read = <T>(file: string): T => JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

describe('Workflow cases with their expected results as data', () => {
	it.each(cases)('%s', async (name) => {
		const expected = read<Expected>(`${name}.expected.json`);
		const result = await runWorkflow(read<WorkflowFile>(`${name}.json`), env.credentials());

		// The requests are those where Apollo applies what the node asks; the output holds in both modes.
		if (SANDBOX_MODE === 'extended')
			expect(
				env.sandbox.requests.map((r) => [r.method, r.path, r.method === 'GET' ? null : r.body]),
			).toEqual(expected.requests);
		expect(
			result.output('Apollo Tasks').map(({ json, pairedItem }) => ({ json, pairedItem })),
		).toEqual(expected.output);
	});
});
