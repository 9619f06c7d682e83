import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { pollTrigger } from './harness/poll';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';
const create = loadWorkflow('create-tasks.json');
const search = loadWorkflow('search-tasks.json');
const byId = loadWorkflow('task-by-id.json');
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const items = [1, 2, 3].map((n) => ({ contact_id: contact(n) }));
const madeFor = (n: number) =>
	env.sandbox.tasks.filter((t) => t.contact_id === contact(n) && t.note === 'Call the contact');
const onTask = (operation: string, id: string, parameters = {}) =>
	withParameters(withItems(byId, [{ task_id: id }]), NODE, { operation, ...parameters });

describe('Create when Apollo answers oddly', () => {
	it.each([
		[
			'fewer tasks than contacts',
			{ action: 'short-bulk-create' as const, count: 2 },
			/returned no task for contact 5c0+3$/,
			3,
		],
		[
			'success: false',
			{ action: 'bulk-create-unsuccessful' as const },
			/answered "success: false" for contact/,
			0,
		],
		[
			'an empty body',
			{ action: 'empty-body' as const },
			/answered with an empty body for contact/,
			3,
		],
	])(
		'%s: the items concerned fail, saying the task may exist; a re-run creates only what is missing',
		async (_name, fault, message, madeByFirstRun) => {
			env.sandbox.addFault({ path: '/tasks/bulk_create', ...fault });
			const first = await runWorkflow(
				withNodeSettings(withItems(create, items), NODE, { continueOnFail: true }),
				env.credentials(),
			);
			const errors = first.output(NODE).filter((i) => i.json.error);
			expect(errors.length).toBeGreaterThan(0);
			expect(String(errors[0].json.error)).toMatch(message);
			expect(String(errors[0].json.description)).toMatch(
				/may or may not exist.*does not create it twice/,
			);
			expect([1, 2, 3].reduce((sum, n) => sum + madeFor(n).length, 0)).toBe(madeByFirstRun);

			const again = await runWorkflow(withItems(create, items), env.credentials());
			expect(again.error(NODE)).toBeUndefined();
			expect([1, 2, 3].map((n) => madeFor(n).length)).toEqual([1, 1, 1]);
		},
	);

	it('without Continue On Fail, the short answer stops the node with that error', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'short-bulk-create', count: 2 });
		const result = await runWorkflow(withItems(create, items), env.credentials());

		expect(result.error(NODE)).toMatchObject({
			message: expect.stringMatching(/returned no task for contact/),
		});
	});
});

describe('Get, Update, Complete and Skip when Apollo answers with an empty body', () => {
	it.each(['complete', 'skip', 'update'])(
		'%s reads the task again instead of crashing',
		async (operation) => {
			const task = env.sandbox.tasks.find((t) => t.status === 'scheduled')!;
			env.sandbox.addFault({
				path: `/tasks/${task.id}`,
				method: operation === 'update' ? 'PATCH' : 'POST',
				action: 'empty-body',
			});
			const result = await runWorkflow(
				onTask(
					operation,
					task.id,
					operation === 'update' ? { updateFields: { note: 'Moved' } } : {},
				),
				env.credentials(),
			);

			expect(result.error(NODE)).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({
				id: task.id,
				status: { complete: 'completed', skip: 'skipped', update: 'scheduled' }[operation],
			});
		},
	);

	it('get says clearly that Apollo sent no task', async () => {
		const task = env.sandbox.tasks[0];
		env.sandbox.addFault({
			path: `/tasks/${task.id}`,
			method: 'GET',
			action: 'empty-body',
			times: 2,
		});
		const result = await runWorkflow(onTask('get', task.id), env.credentials());

		expect(result.error(NODE)).toMatchObject({
			message: `Apollo answered api/v1/tasks/${task.id} without the task`,
		});
	});
});

describe('Update keeps what Apollo would reset', () => {
	it('a note-only update of a scheduled task keeps its priority and creator', async () => {
		const task = env.sandbox.tasks.find((t) => t.status === 'scheduled' && t.priority === 'high')!;
		const creator = task.creator_id;
		const result = await runWorkflow(
			onTask('update', task.id, { updateFields: { note: 'Left a voicemail' } }),
			env.credentials(),
		);

		expect(result.output(NODE)[0].json).toMatchObject({
			note: 'Left a voicemail',
			priority: 'high',
			creator_id: creator,
		});
		expect(env.sandbox.tasks.find((t) => t.id === task.id)).toMatchObject({
			priority: 'high',
			creator_id: creator,
		});
	});

	it('a completed task may change its priority', async () => {
		const task = env.sandbox.tasks.find((t) => t.status === 'completed' && t.priority !== 'low')!;
		const result = await runWorkflow(
			onTask('update', task.id, { updateFields: { priority: 'low' } }),
			env.credentials(),
		);

		expect(result.error(NODE)).toBeUndefined();
		expect(env.sandbox.tasks.find((t) => t.id === task.id)!.priority).toBe('low');
	});
});

describe('Filters Apollo ignores are checked by the node', () => {
	beforeEach(() => env.sandbox.setOptions({ ignoreUndocumentedFilters: true }));

	it("a search with an assignee filter returns only that assignee's tasks, and Limit counts them", async () => {
		const user = env.sandbox.users[1].id;
		const result = await runWorkflow(
			withParameters(search, NODE, { limit: 40, filters: { userId: user, status: 'scheduled' } }),
			env.credentials(),
		);

		const output = result.output(NODE);
		expect(output).toHaveLength(40);
		expect(output.every((i) => i.json.user_id === user && i.json.status === 'scheduled')).toBe(
			true,
		);
	});

	it("the duplicate check does not take another assignee's task for this one's", async () => {
		const other = env.sandbox.users[1].id;
		await runWorkflow(
			withParameters(withItems(create, items.slice(0, 1)), NODE, {
				userId: { __rl: true, mode: 'id', value: other },
			}),
			env.credentials(),
		);
		const mine = await runWorkflow(withItems(create, items.slice(0, 1)), env.credentials());

		expect(mine.output(NODE)[0].json.existing).toBeUndefined();
		expect(
			madeFor(1)
				.map((t) => t.user_id)
				.sort(),
		).toEqual([env.sandbox.users[0].id, other].sort());
	});

	it("the trigger emits only the assignee's new tasks", async () => {
		const [me, other] = env.sandbox.users.map((u) => u.id);
		const params = {
			event: 'newTask',
			filters: { userId: { __rl: true, mode: 'list', value: me } },
		};
		const first = await pollTrigger(params, env.credentials());
		const mine = env.sandbox.insertTask({
			user_id: me,
			contact_id: contact(1),
			type: 'call',
			status: 'scheduled',
			created_at: new Date(Date.now() + 1000).toISOString(),
		});
		env.sandbox.insertTask({
			user_id: other,
			contact_id: contact(2),
			type: 'call',
			status: 'scheduled',
			created_at: new Date(Date.now() + 1000).toISOString(),
		});
		const second = await pollTrigger(params, env.credentials(), first.staticData);

		expect(second.items.map((i) => i.json.id)).toEqual([mine.id]);
	});
});

describe('Tasks created while paging', () => {
	it('Return All returns every task that existed at the start, once, and never fails', async () => {
		const before = env.sandbox.tasks.map((t) => t.id);
		env.sandbox.addFault({
			path: '/tasks/search',
			action: 'insert-during-scan',
			count: 7,
			times: 3,
		});
		const result = await runWorkflow(
			withParameters(search, NODE, { returnAll: true }),
			env.credentials(),
		);

		expect(result.error(NODE)).toBeUndefined();
		const ids = result.output(NODE).map((i) => String(i.json.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(before.every((id) => ids.includes(id))).toBe(true);
	});

	it('sorted by due date, tasks pushed to later pages are returned once', async () => {
		const before = env.sandbox.tasks.map((t) => t.id);
		env.sandbox.addFault({
			path: '/tasks/search',
			action: 'insert-during-scan',
			count: 30,
			times: 3,
			fields: { due_at: '2026-01-01T00:00:00Z' },
		});
		const result = await runWorkflow(
			withParameters(search, NODE, {
				returnAll: true,
				options: { sortByField: 'task_due_at', sortAscending: true },
			}),
			env.credentials(),
		);

		const ids = result.output(NODE).map((i) => String(i.json.id));
		expect(new Set(ids).size).toBe(ids.length);
		expect(before.every((id) => ids.includes(id))).toBe(true);
	});

	it('the trigger emits a task created during its scan once, in this poll or the next', async () => {
		const first = await pollTrigger({ event: 'newTask' }, env.credentials());
		const fresh = Array.from({ length: 150 }, (_, i) =>
			env.sandbox.insertTask({
				user_id: env.sandbox.users[0].id,
				contact_id: contact(i + 1),
				type: 'call',
				status: 'scheduled',
				created_at: new Date(Date.now() + 1000 + i).toISOString(),
			}),
		);
		env.sandbox.addFault({
			path: '/tasks/search',
			action: 'insert-during-scan',
			count: 1,
			fields: { created_at: new Date(Date.now() + 5000).toISOString() },
		});
		const second = await pollTrigger({ event: 'newTask' }, env.credentials(), first.staticData);
		const third = await pollTrigger({ event: 'newTask' }, env.credentials(), second.staticData);

		const emitted = [...second.items, ...third.items].map((i) => String(i.json.id));
		expect(new Set(emitted).size).toBe(emitted.length);
		expect(emitted).toHaveLength(151);
		expect(fresh.every((t) => emitted.includes(t.id))).toBe(true);
	});
});
