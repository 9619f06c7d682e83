import { ApolloSandbox, callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 120 });
const DAY = 86_400_000;
const FROM = Date.UTC(2027, 0, 1);

type Seeded = {
	id: string;
	status: string;
	due_at: string;
	created_at: string;
	completed_at: string | null;
	skipped_at: string | null;
};
const at = (iso: string | null) => Date.parse(String(iso));

describe('Sandbox seed data', () => {
	it('by default, keeps its dates: due 2026-11-01 plus up to 60 days at 09:00, created a minute apart before that', () => {
		const tasks: Seeded[] = env.sandbox.tasks;
		const base = Date.UTC(2026, 10, 1);
		expect(
			tasks.every(
				(t) =>
					at(t.due_at) >= base &&
					at(t.due_at) < base + 60 * DAY &&
					t.due_at.endsWith('T09:00:00.000Z'),
			),
		).toBe(true);
		expect(tasks.map((t) => t.created_at).slice(-2)).toEqual([
			'2026-10-31T23:58:00.000Z',
			'2026-10-31T23:59:00.000Z',
		]);
		expect(
			tasks.filter((t) => t.status === 'completed').every((t) => t.completed_at === t.created_at),
		).toBe(true);
	});

	it('with dueSpread, spreads due dates evenly over the days from `from`, created dates over the days before', () => {
		env.sandbox.reset({ tasks: 5_000, dueSpread: { from: '2027-01-01T00:00:00Z', days: 365 } });
		const tasks: Seeded[] = env.sandbox.tasks;
		expect(tasks).toHaveLength(5_000);
		expect(tasks.every((t) => at(t.due_at) >= FROM && at(t.due_at) < FROM + 365 * DAY)).toBe(true);
		const perMonth = Array.from(
			{ length: 12 },
			(_, m) => tasks.filter((t) => Math.floor((at(t.due_at) - FROM) / (30 * DAY)) === m).length,
		);
		for (const count of perMonth)
			expect(Math.abs(count - (5_000 * 30) / 365)).toBeLessThanOrEqual(2);

		const created = tasks.map((t) => at(t.created_at));
		expect(
			created.every(
				(c, i) => c >= FROM - 365 * DAY && c < FROM && (i === 0 || c >= created[i - 1]),
			),
		).toBe(true);
		const dueOrder = tasks.map((t) => at(t.due_at));
		expect(dueOrder.some((d, i) => i > 0 && d < dueOrder[i - 1])).toBe(true);
	});

	it('with dueSpread, finishes a share of the tasks between their creation and their due date', () => {
		env.sandbox.reset({ tasks: 5_000, dueSpread: { from: FROM, days: 365 } });
		const tasks: Seeded[] = env.sandbox.tasks;
		const completed = tasks.filter((t) => t.status === 'completed');
		const skipped = tasks.filter((t) => t.status === 'skipped');
		const finished = [...completed, ...skipped];
		expect(finished.length / tasks.length).toBeGreaterThan(0.25);
		expect(finished.length / tasks.length).toBeLessThan(0.35);
		expect(
			completed.every(
				(t) =>
					t.skipped_at === null &&
					at(t.completed_at) >= at(t.created_at) &&
					at(t.completed_at) <= at(t.due_at),
			),
		).toBe(true);
		expect(
			skipped.every(
				(t) =>
					t.completed_at === null &&
					at(t.skipped_at) >= at(t.created_at) &&
					at(t.skipped_at) <= at(t.due_at),
			),
		).toBe(true);
		expect(
			tasks
				.filter((t) => t.status === 'scheduled')
				.every((t) => t.completed_at === null && t.skipped_at === null),
		).toBe(true);
	});

	it('is the same for the same seed and differs for another', () => {
		const dates = (seed: number) =>
			new ApolloSandbox({ seed, tasks: 300, dueSpread: { from: FROM, days: 90 } }).tasks.map(
				(t) => [t.due_at, t.created_at, t.status],
			);
		expect(dates(7)).toEqual(dates(7));
		expect(dates(8)).not.toEqual(dates(7));
	});

	it('takes dueSpread over the control API, from now when `from` is left out, and refuses a bad one', async () => {
		const before = Date.now();
		const reset = await controlSandbox(env.sandbox, 'POST', 'reset', {
			tasks: 200,
			dueSpread: { days: 10 },
		});
		expect(reset.json).toEqual({ ok: true, tasks: 200 });
		const after = Date.now();
		expect(
			env.sandbox.tasks.every(
				(t) => at(t.due_at) >= before - 60_000 && at(t.due_at) < after + 10 * DAY,
			),
		).toBe(true);

		await controlSandbox(env.sandbox, 'POST', 'reset', {
			tasks: 200,
			dueSpread: { days: 10, from: '2027-06-01T00:00:00Z' },
		});
		expect(
			env.sandbox.tasks.every(
				(t) => at(t.due_at) >= Date.UTC(2027, 5, 1) && at(t.due_at) < Date.UTC(2027, 5, 11),
			),
		).toBe(true);

		const bad = await controlSandbox(env.sandbox, 'POST', 'reset', {
			dueSpread: { from: 'soon', days: 10 },
		});
		expect(bad.status).toBe(400);
		expect(bad.json.error).toMatch(/dueSpread.from "soon" is not a date/);
		expect(
			(await controlSandbox(env.sandbox, 'POST', 'reset', { dueSpread: { days: 0 } })).status,
		).toBe(400);
	});
});

describe('Sandbox search over many tasks', () => {
	it('pages a search over 5,000 tasks from one sorted list, rebuilt on every change', async () => {
		env.sandbox.reset({ tasks: 5_000, dueSpread: { from: FROM, days: 365 } });
		const params = { sort_by_field: 'task_due_at', sort_ascending: true, per_page: 100 };
		const sorted = env.sandbox.search.matching(params);
		expect(env.sandbox.search.matching(params)).toBe(sorted);

		for (let page = 1; page <= 21; page++) {
			const answer = await callSandbox(env.sandbox, 'POST', '/api/v1/tasks/search', {
				...params,
				page,
			});
			expect(answer.json.tasks[0].id).toBe(sorted[(page - 1) * 100].id);
		}
		expect(env.sandbox.search.matching(params)).toBe(sorted);

		const early = env.sandbox.insertTask({
			user_id: env.sandbox.users[0].id,
			contact_id: env.sandbox.contacts[0].id,
			type: 'call',
			due_at: '2026-12-01T00:00:00Z',
		});
		expect(env.sandbox.search.matching(params)).not.toBe(sorted);
		expect(
			(await callSandbox(env.sandbox, 'POST', '/api/v1/tasks/search', params)).json.tasks[0].id,
		).toBe(early.id);
	});

	it('never answers a search from the data before a reset', () => {
		env.sandbox.reset({ tasks: 5, dueSpread: { from: FROM, days: 10 } });
		const before = env.sandbox.search.matching({});
		env.sandbox.reset({ tasks: 5, dueSpread: { from: FROM + 365 * DAY, days: 10 } });
		const after = env.sandbox.search.matching({});
		expect(after).not.toBe(before);
		expect(after.map((t) => t.due_at)).toEqual(
			[...env.sandbox.tasks].reverse().map((t) => t.due_at),
		);
	});

	it('seeds 20,000 tasks spread over a year', () => {
		env.sandbox.reset({ tasks: 20_000, dueSpread: { from: FROM, days: 365 } });
		expect(env.sandbox.tasks).toHaveLength(20_000);
		const due = env.sandbox.tasks.map((t) => Date.parse(t.due_at));
		expect(Math.min(...due)).toBeGreaterThanOrEqual(FROM);
		expect(Math.max(...due)).toBeLessThanOrEqual(FROM + 366 * 86_400_000);
	});
});
