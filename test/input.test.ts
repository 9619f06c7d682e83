import type { INodeParameters } from 'n8n-workflow';

import badInputs from './fixtures/bad-inputs.json';
import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

interface BadInput {
	name: string;
	/** The workflow: Create, Search, or one task by ID (Get, Update, Complete, Skip by `operation`). */
	operation: 'create' | 'search' | 'task';
	parameters: INodeParameters;
	message: string;
	items?: object[];
	credential?: { baseUrl: string };
	/** n8n itself refuses to start the workflow (a required or invalid parameter it can see). */
	refusedByN8n?: boolean;
	/** The node's version, when not 1. */
	typeVersion?: number;
}

const env = useSandbox();
const NODE = 'Apollo Tasks';
const workflows = {
	create: loadWorkflow('create-tasks.json'),
	search: loadWorkflow('search-tasks.json'),
	task: loadWorkflow('task-by-id.json'),
};

describe('Bad input gets a field-specific error before any request', () => {
	it.each((badInputs as BadInput[]).map((c) => [c.name, c]))('%s', async (_name, bad) => {
		const workflow = withNodeSettings(
			withParameters(
				withItems(
					workflows[bad.operation],
					bad.items ?? [{ contact_id: '5c0000000000000000000001' }],
				),
				NODE,
				bad.parameters,
			),
			NODE,
			{ typeVersion: bad.typeVersion ?? 1 },
		);
		const credentials = env.credentials();
		Object.assign(credentials.apolloTasksApi, bad.credential ?? {});
		if (bad.refusedByN8n) {
			await expect(runWorkflow(workflow, credentials)).rejects.toThrow(new RegExp(bad.message));
			expect(env.sandbox.requests).toHaveLength(0);
			return;
		}
		const result = await runWorkflow(workflow, credentials);

		const error = result.error(NODE);
		expect(error).toMatchObject({ name: 'NodeOperationError' });
		expect(String(error!.message)).toMatch(new RegExp(bad.message));
		expect(String(error!.description ?? '')).not.toBe('');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('names the item that was wrong', async () => {
		const items = [{ contact_id: '5c0000000000000000000001' }, { contact_id: 'bad' }];
		const result = await runWorkflow(withItems(workflows.create, items), env.credentials());

		expect(result.error(NODE)).toMatchObject({
			name: 'NodeOperationError',
			context: { itemIndex: 1 },
		});
		expect(env.sandbox.requests).toHaveLength(0);
	});
});
