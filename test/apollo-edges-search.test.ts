import { loadWorkflow, runWorkflow, withItems, withParameters } from './harness/engine';
import { pollTrigger } from './harness/poll';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';
const create = loadWorkflow('create-tasks.json');
const search = loadWorkflow('search-tasks.json');
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const items = [1, 2, 3].map((n) => ({ contact_id: contact(n) }));
const madeFor = (n: number) =>
	env.sandbox.tasks.filter((t) => t.contact_id === contact(n) && t.note === 'Call the contact');

describe('Filters Apollo ignores are checked by the node', () => {
	beforeEach(() => env.sandbox.setOptions({ mode: 'documented' }));

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

		expect(mine.output(NODE)[0].json.existing).toBe(false);
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
