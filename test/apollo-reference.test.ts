import type { INodeParameters } from 'n8n-workflow';

import { loadWorkflow, withItems, withParameters, type WorkflowFile } from './harness/engine';
import { runWithoutKeyLeaks } from './harness/keyLeaks';
import {
	FREE_KEY,
	MEMBER_KEY,
	PLAIN_KEY,
	SCOPED_KEY,
	TASKS_OFF_KEY,
	useSandbox,
} from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';
const search = loadWorkflow('search-tasks.json');
const byId = loadWorkflow('task-by-id.json');
const scheduled = () => env.sandbox.tasks.filter((t) => t.status === 'scheduled');
/** A task of the team's first user: not the member's. */
const othersTask = () => scheduled().find((t) => t.user_id === env.sandbox.users[0].id)!;
const onTask = (operation: string, id: string, parameters: INodeParameters = {}) =>
	withParameters(withItems(byId, [{ task_id: id }]), NODE, { operation, ...parameters });
const run = (workflow: WorkflowFile, key?: string) => runWithoutKeyLeaks(env, workflow, key);

describe("Apollo's documented errors, each with its own message and what to do", () => {
	it.each([
		[
			'a key whose scope lacks the endpoint (403 API_INACCESSIBLE)',
			() => run(search, PLAIN_KEY),
			'403',
			'This API key may not use api/v1/tasks/search',
			/add api\/v1\/tasks\/search to the key's scope, or use a master key/,
		],
		[
			'a free plan (403)',
			() => run(search, FREE_KEY),
			'403',
			'Apollo refused this request: this endpoint is only for paid plans',
			/Free Apollo plans cannot use the API/,
		],
		[
			'task functions turned off (403)',
			() => run(onTask('get', othersTask().id), TASKS_OFF_KEY),
			'403',
			"Apollo's task functions are turned off for the user of this key",
			/An Apollo admin can allow tasks for this user/,
		],
		[
			"someone else's task on Update (401, not the key)",
			() => run(onTask('update', othersTask().id, { updateFields: { note: 'x' } }), MEMBER_KEY),
			'401',
			'This task belongs to another Apollo user, and Apollo does not let this key change it',
			/use a key of that user/,
		],
		[
			"someone else's task on Complete (422)",
			() => run(onTask('complete', othersTask().id), MEMBER_KEY),
			'422',
			'This task belongs to another Apollo user, and Apollo does not let this key change it',
			/use a key of that user/,
		],
		[
			"someone else's task on Skip (422)",
			() => run(onTask('skip', othersTask().id), MEMBER_KEY),
			'422',
			'This task belongs to another Apollo user, and Apollo does not let this key change it',
			/use a key of that user/,
		],
	])('%s', async (_, go, httpCode, message, description) => {
		const result = await go();

		expect(result.error(NODE)).toMatchObject({ name: 'NodeApiError', httpCode, message });
		expect(String(result.error(NODE)!.description)).toMatch(description);
	});

	it('a wrong key: the text/plain 401 says the key is wrong', async () => {
		const result = await run(search, 'not-a-key-of-this-account');

		expect(result.error(NODE)).toMatchObject({
			httpCode: '401',
			message: 'Apollo rejected the API key (401): it is wrong or was revoked',
		});
		expect(String(result.error(NODE)!.description)).toMatch(/Invalid API key/);
	});

	it('a key scoped to the endpoints Create and Search use works, no master key needed', async () => {
		const created = await run(
			withItems(loadWorkflow('create-tasks.json'), [{ contact_id: env.sandbox.contacts[0].id }]),
			SCOPED_KEY,
		);
		expect(created.error(NODE)).toBeUndefined();
		expect(created.output(NODE)).toHaveLength(1);
		const found = await run(search, SCOPED_KEY);
		expect(found.error(NODE)).toBeUndefined();
	});
});

describe('Deleted tasks, as Apollo answers them', () => {
	it.each([
		['Get (422)', 'get', {}],
		['Update (422)', 'update', { updateFields: { note: 'x' } }],
		['Complete (200 with deleted: true)', 'complete', {}],
		['Skip (200 with deleted: true)', 'skip', {}],
	])(
		'%s: the item fails saying the task was deleted, nothing is changed',
		async (_, operation, parameters) => {
			const gone = scheduled()[0];
			env.sandbox.removeTask(gone.id);
			const result = await run(onTask(operation, gone.id, parameters));

			expect(result.error(NODE)).toMatchObject({
				name: 'NodeApiError',
				message: 'The task no longer exists in Apollo: it was deleted',
			});
			expect(String(result.error(NODE)!.description)).toMatch(/Leave it out of the input/);
			expect(result.output(NODE)).toEqual([]);
		},
	);
});

describe('Complete and Skip output the whole task', () => {
	it('Skip: Apollo answers a stub ({ id, status, note, completed }); the node reads the task and outputs it whole', async () => {
		const task = scheduled()[0];
		const result = await run(onTask('skip', task.id, { note: 'Not reachable' }));

		expect(result.output(NODE).map((i) => i.json)).toEqual([
			expect.objectContaining({
				id: task.id,
				status: 'skipped',
				note: 'Not reachable',
				type: task.type,
				user_id: task.user_id,
				contact: expect.objectContaining({ id: task.contact_id }),
			}),
		]);
		expect(env.sandbox.requests.map((r) => [r.method, r.path.replace(task.id, ':id')])).toEqual([
			['POST', '/api/v1/tasks/:id/skip'],
			['GET', '/api/v1/tasks/:id'],
		]);
	});

	it('Complete: the task Apollo answers with, completed, in one request', async () => {
		const task = scheduled()[0];
		const result = await run(onTask('complete', task.id));

		expect(result.output(NODE)[0].json).toMatchObject({
			id: task.id,
			status: 'completed',
			type: task.type,
		});
		expect(env.sandbox.requests).toHaveLength(1);
	});
});
