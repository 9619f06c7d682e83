import type { INodeParameters } from 'n8n-workflow';

import { loadWorkflow, runWorkflow, withParameters } from './harness/engine';
import { SANDBOX_MODE, useSandbox } from './harness/sandbox';

// Runs in both sandbox modes (npm test runs it twice): where Apollo reads only what its reference
// documents, Search must still return exactly the matching tasks, in the order asked.
const env = useSandbox({ tasks: 250 });
const base = loadWorkflow('search-tasks.json');
const NODE = 'Apollo Tasks';
type Task = (typeof env.sandbox.tasks)[number];
const PRIORITY = { high: 3, medium: 2, low: 1 } as Record<string, number>;
const time = (value: unknown) => Date.parse(String(value));

/** What Search should give: the sandbox's own tasks, filtered and sorted here. */
function expected(
	keep: (t: Task) => boolean,
	order: { by: 'created' | 'due' | 'priority'; ascending: boolean },
	limit?: number,
): string[] {
	const value = (t: Task) =>
		order.by === 'created'
			? time(t.created_at)
			: order.by === 'due'
				? time(t.due_at)
				: PRIORITY[String(t.priority)];
	const sorted = env.sandbox.tasks.filter(keep).sort((a, b) => {
		const d = (value(a) - value(b)) * (order.ascending ? 1 : -1);
		return d !== 0 ? d : 0;
	});
	return sorted.slice(0, limit ?? sorted.length).map((t) => t.id);
}

/** Ties (tasks with equal keys) may come in any order: compare the keys in order, and the sets. */
function keysOf(ids: string[], by: 'created' | 'due' | 'priority'): number[] {
	const byId = new Map(env.sandbox.tasks.map((t) => [t.id, t]));
	return ids.map((id) => {
		const t = byId.get(id)!;
		return by === 'created'
			? time(t.created_at)
			: by === 'due'
				? time(t.due_at)
				: PRIORITY[String(t.priority)];
	});
}

describe(`Search returns exactly the matching tasks, in the order asked (sandbox mode: ${SANDBOX_MODE})`, () => {
	const user = () => env.sandbox.users[1].id;
	it.each([
		[
			'the defaults: the first 50, oldest created first',
			{},
			() => true,
			{ by: 'created', ascending: true },
			50,
		],
		[
			'an assignee and a priority, Return All, soonest due first',
			() => ({
				returnAll: true,
				filters: { userId: user(), priority: 'high' },
				options: { sortByField: 'task_due_at', sortAscending: true },
			}),
			(t: Task) => t.user_id === user() && t.priority === 'high',
			{ by: 'due', ascending: true },
			undefined,
		],
		[
			'Status Scheduled, a limit of 30, newest created first',
			{ limit: 30, filters: { status: 'scheduled' }, options: { sortByField: 'task_created_at' } },
			(t: Task) => t.status === 'scheduled',
			{ by: 'created', ascending: false },
			30,
		],
		[
			'highest priority first, as the reference documents it',
			{ returnAll: true, options: { sortByField: 'task_priority' } },
			() => true,
			{ by: 'priority', ascending: false },
			undefined,
		],
	] as const)('%s', async (_, given, keep, order, limit) => {
		const parameters = (typeof given === 'function' ? given() : given) as INodeParameters;
		const result = await runWorkflow(withParameters(base, NODE, parameters), env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		const ids = result.output(NODE).map((i) => String(i.json.id));
		const want = expected(keep, order, limit);
		expect(keysOf(ids, order.by)).toEqual(keysOf(want, order.by));
		if (limit === undefined) expect([...ids].sort()).toEqual([...want].sort());
	});

	it('says in the execution hints when Apollo did not apply what it asked beyond the reference', async () => {
		const result = await runWorkflow(
			withParameters(base, NODE, { filters: { userId: env.sandbox.users[1].id } }),
			env.credentials(),
		);

		const hints = result.run.data.resultData.runData[NODE][0].hints ?? [];
		expect(hints.map((h) => h.message)).toEqual(
			SANDBOX_MODE === 'documented'
				? [expect.stringMatching(/^Apollo's task search did not apply the filters or the sort/)]
				: [],
		);
	});
});
