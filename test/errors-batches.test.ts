import {
	loadWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
	type WorkflowFile,
} from './harness/engine';
import { useVirtualClock } from './harness/clock';
import { createOnly, runWithoutKeyLeaks } from './harness/keyLeaks';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
useVirtualClock(() => env.sandbox);
const NODE = 'Apollo Tasks';
const apiCalls = () => env.sandbox.requests;

const run = (workflow: WorkflowFile, apiKey?: string, baseUrl?: string) =>
	runWithoutKeyLeaks(env, workflow, apiKey, baseUrl);

describe('Create across batches, with and without Continue On Fail', () => {
	it('a failed batch gives its items errors; the other batch still succeeds', async () => {
		const items = [
			{ contact_id: '5c0000000000000000000001', type: 'call' },
			{ contact_id: '5c0000000000000000000002', type: 'action_item' },
		];
		const workflow = withNodeSettings(
			withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
				type: '={{ $json.type }}',
			}),
			NODE,
			{
				continueOnFail: true,
			},
		);
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'status', status: 500 });
		const result = await run(workflow);

		const output = result.output(NODE);
		expect(
			output.map((i) => [
				(i.pairedItem as { item: number }).item,
				i.json.error ? 'error' : i.json.type,
			]),
		).toEqual([
			[0, 'error'],
			[1, 'action_item'],
		]);
		expect(output[0].json.message).toMatch(/may or may not have been created/);
	});

	it('after a 401, later batches are not sent and say so', async () => {
		const items = [
			{ contact_id: '5c0000000000000000000001', type: 'call' },
			{ contact_id: '5c0000000000000000000002', type: 'action_item' },
		];
		const workflow = withNodeSettings(
			createOnly(
				withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
					type: '={{ $json.type }}',
				}),
			),
			NODE,
			{
				onError: 'continueRegularOutput',
			},
		);
		const result = await run(workflow, 'a-wrong-key-1234');

		expect(result.output(NODE).map((i) => i.json.error)).toEqual([
			expect.stringMatching(/^Apollo rejected the API key/),
			expect.stringMatching(/^Not sent: Apollo rejected the API key/),
		]);
		expect(apiCalls()).toHaveLength(1);
	});

	it('without it, a failure says which items already have their tasks', async () => {
		const items = Array.from({ length: 3 }, (_, i) => ({
			contact_id: `5c00000000000000000000${String(i + 1).padStart(2, '0')}`,
		}));
		const workflow = withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
			options: { batchSize: 2 },
		});
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'status', status: 503, after: 1 });
		const result = await run(workflow);

		expect(String(result.error(NODE)!.description)).toMatch(
			/Tasks were already created for input items 0, 1 \(counting from 0\); the failed request held items 2/,
		);
	});
});

describe('Create says one true thing about a lost answer', () => {
	const three = Array.from({ length: 3 }, (_, i) => ({
		contact_id: `5c00000000000000000000${String(i + 1).padStart(2, '0')}`,
	}));
	const lostSecondBatch = (options: object) =>
		withParameters(withItems(loadWorkflow('create-tasks.json'), three), NODE, {
			options: { batchSize: 2, ...options },
		});

	it('with Skip: running again is safe, and nothing tells to search first', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop', after: 1 });
		const result = await run(lostSecondBatch({ confirmWithin: 0 }));

		const description = String(result.error(NODE)!.description);
		expect(description).toMatch(/may or may not have been created/);
		expect(description).toMatch(/Skip \(the default\) does not create it twice/);
		expect(description).toMatch(/already created for input items 0, 1 .*held items 2/);
		expect(description).not.toMatch(/search for them|before running/);
	});

	it('with Skip but Status Completed (not checked): search first; nothing says running again is safe', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop', after: 1 });
		const result = await run(
			withParameters(lostSecondBatch({}), NODE, { additionalFields: { status: 'completed' } }),
		);

		const description = String(result.error(NODE)!.description);
		expect(description).toMatch(/may or may not have been created, and search did not show them/);
		expect(description).toMatch(/search for them in Apollo before running this again/);
		expect(description).not.toMatch(/safe|does not create it twice/);
	});

	it('with Create Another: search first, since a re-run creates them again; nothing says it is safe', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop', after: 1 });
		const result = await run(lostSecondBatch({ ifTaskExists: 'create' }));

		const description = String(result.error(NODE)!.description);
		expect(description).toMatch(/may or may not have been created/);
		expect(description).toMatch(/search for them in Apollo before running this again/);
		expect(description).not.toMatch(/safe|does not create it twice/);
	});
});

describe('A duplicate check that cannot read', () => {
	it('fails only the tasks it was for, saying no task was created; a record of past work is still created', async () => {
		env.sandbox.addFault({ path: '/tasks/search', action: 'status', status: 500, times: 4 });
		const items = [
			{ contact_id: '5c0000000000000000000001', status: 'scheduled' },
			{ contact_id: '5c0000000000000000000002', status: 'completed' },
		];
		const workflow = withNodeSettings(
			withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
				additionalFields: { status: '={{ $json.status }}' },
			}),
			NODE,
			{ continueOnFail: true },
		);
		const result = await run(workflow);

		const output = result.output(NODE);
		expect(
			output.map((i) => [(i.pairedItem as { item: number }).item, i.json.error ?? i.json.status]),
		).toEqual([
			[0, 'Apollo is unavailable (HTTP 500)'],
			[1, 'completed'],
		]);
		expect(String(output[0].json.message)).toMatch(
			/No task was created for this item: the node could not check/,
		);
	});
});
