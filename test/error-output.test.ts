import type { INodeExecutionData } from 'n8n-workflow';

import * as recentTasks from '../nodes/ApolloTasks/actions/task/create/recentTasks';
import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
	type RunResult,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const item = (i: INodeExecutionData) => (i.pairedItem as { item: number }).item;
/** The node's outputs: 0 is the success output, 1 the error output under "Continue (using error output)". */
const outputs = (result: RunResult) => {
	const runs = result.run.data.resultData.runData[NODE];
	return runs[runs.length - 1].data!.main as INodeExecutionData[][];
};
const errorOutput = { onError: 'continueErrorOutput' as const };

describe('On Error: Continue (using error output)', () => {
	it('Create: failed items go to the error output, paired, with what to do; created tasks to the success output', async () => {
		const items = [
			{ contact_id: contact(1) },
			{ contact_id: 'not-an-id' },
			{ contact_id: contact(3) },
		];
		const workflow = withNodeSettings(
			withItems(loadWorkflow('create-tasks.json'), items),
			NODE,
			errorOutput,
		);
		const result = await runWorkflow(workflow, env.credentials());

		const [success, failed] = outputs(result);
		expect(success.map((i) => [item(i), i.json.contact_id])).toEqual([
			[0, contact(1)],
			[2, contact(3)],
		]);
		expect(failed.map((i) => [item(i), i.json.error])).toEqual([
			[1, 'Contact IDs: "not-an-id" is not an Apollo contact ID'],
		]);
		expect(String(failed[0].json.message)).toMatch(/24 hexadecimal characters/);
	});

	it('Create: an Apollo error with a description also goes to the error output', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'status', status: 500 });
		const workflow = withNodeSettings(
			withItems(loadWorkflow('create-tasks.json'), [{ contact_id: contact(1) }]),
			NODE,
			errorOutput,
		);
		const result = await runWorkflow(workflow, env.credentials());

		const [success, failed] = outputs(result);
		expect(success).toEqual([]);
		expect(failed.map((i) => [item(i), i.json.error])).toEqual([
			[0, 'Apollo is unavailable (HTTP 500)'],
		]);
		expect(String(failed[0].json.message)).toMatch(/may or may not have been created/);
	});

	it('Get: a task that does not exist goes to the error output, the others to the success output', async () => {
		const [a] = env.sandbox.tasks;
		const workflow = withNodeSettings(
			withItems(loadWorkflow('task-by-id.json'), [
				{ task_id: a.id },
				{ task_id: 'ffffffffffffffffffffffff' },
			]),
			NODE,
			errorOutput,
		);
		const result = await runWorkflow(workflow, env.credentials());

		const [success, failed] = outputs(result);
		expect(success.map((i) => [item(i), i.json.id])).toEqual([[0, a.id]]);
		expect(failed.map(item)).toEqual([1]);
		expect(failed[0].json.message).toEqual(expect.any(String));
	});
});

describe('With Continue On Fail, a step that fails unexpectedly keeps what was done', () => {
	it('tasks created before the failure are output as created; only the rest get the error', async () => {
		const real = recentTasks.standingTask;
		let calls = 0;
		// The duplicate check asks twice (two contacts); the third call, after the creates, fails.
		const bug = jest.spyOn(recentTasks, 'standingTask').mockImplementation((tasks, same) => {
			if (++calls > 2) throw new TypeError("Cannot read properties of undefined (reading 'id')");
			return real(tasks, same);
		});
		try {
			const items = [{ contact_id: contact(1) }, { contact_id: contact(2) }];
			const workflow = withNodeSettings(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
				continueOnFail: true,
			});
			const result = await runWorkflow(workflow, env.credentials());

			const output = result.output(NODE);
			expect(output.map((i) => [item(i), i.json.contact_id, i.json.existing])).toEqual([
				[0, contact(1), false],
				[1, contact(2), false],
			]);
			expect(output.map((i) => env.sandbox.tasks.some((t) => t.id === i.json.id))).toEqual([
				true,
				true,
			]);
		} finally {
			bug.mockRestore();
		}
	});
});

describe('Options apply to the whole run', () => {
	it('an expression that gives another item other Options stops the run before any request, naming both', async () => {
		const items = [
			{ contact_id: contact(1), size: 100 },
			{ contact_id: contact(2), size: 50 },
		];
		const workflow = withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
			options: { batchSize: '={{ $json.size }}' },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toMatchObject({
			name: 'NodeOperationError',
			message: 'Options > Batch Size: "50" for input item 1, "100" for the first item',
		});
		expect(env.sandbox.requests).toEqual([]);
	});

	it('an expression that gives every item the same Options is fine', async () => {
		const items = [{ contact_id: contact(1) }, { contact_id: contact(2) }];
		const workflow = withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
			options: { batchSize: '={{ 1 }}' },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create')).toHaveLength(
			2,
		);
	});
});
