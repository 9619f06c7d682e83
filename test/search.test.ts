import { listSearch, loadWorkflow, runWorkflow, withItems, withParameters } from './harness/engine';
import { useSandbox } from './harness/sandbox';

// Paging as the node does it where Apollo applies the search's sort and filters (one request a page);
// where it does not, search-modes.test.ts holds what Search must still return.
const env = useSandbox({ mode: 'extended', tasks: 250 });
const base = loadWorkflow('search-tasks.json');
const NODE = 'Apollo Tasks';
const searches = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/search');

describe('Search', () => {
	it('returns the first 50 tasks by default in one request of 50', async () => {
		const result = await runWorkflow(base, env.credentials());

		expect(searches().map((r) => [r.body.page, r.body.per_page])).toEqual([[1, 50]]);
		const output = result.output(NODE);
		expect(output).toHaveLength(50);
		expect(output[0].json).toHaveProperty('contact');
		expect(output.every((i) => (i.pairedItem as { item: number }).item === 0)).toBe(true);
	});

	it('with Return All pages with 100 a page until the last page and returns every task once', async () => {
		const result = await runWorkflow(
			withParameters(base, NODE, { returnAll: true }),
			env.credentials(),
		);

		expect(searches().map((r) => [r.body.page, r.body.per_page])).toEqual([
			[1, 100],
			[2, 100],
			[3, 100],
		]);
		const ids = result.output(NODE).map((i) => i.json.id);
		expect(ids).toHaveLength(250);
		expect(new Set(ids).size).toBe(250);
	});

	it('stops at the limit across pages', async () => {
		const result = await runWorkflow(withParameters(base, NODE, { limit: 150 }), env.credentials());

		expect(searches().map((r) => r.body.page)).toEqual([1, 2]);
		expect(result.output(NODE)).toHaveLength(150);
	});

	it('sends filters and sorting as Apollo names them and returns what matches', async () => {
		const user = env.sandbox.users[1].id;
		const workflow = withParameters(base, NODE, {
			returnAll: true,
			filters: { userId: user, priority: 'high' },
			options: { sortByField: 'task_due_at', sortAscending: true },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(searches()[0].body).toEqual({
			user_id: user,
			priority: 'high',
			sort_by_field: 'task_due_at',
			sort_ascending: true,
			open_factor_names: ['task_types'],
			page: 1,
			per_page: 100,
		});
		// The seeded data (seed 42) gives this assignee 31 high-priority tasks of 250.
		const output = result.output(NODE);
		expect(output).toHaveLength(31);
		expect(new Set(output.map((i) => [i.json.user_id, i.json.priority].join()))).toEqual(
			new Set([`${user},high`]),
		);
		const due = output.map((i) => Date.parse(String(i.json.due_at)));
		expect(due).toEqual([...due].sort((a, b) => a - b));
	});

	it('reads on/off fields that an expression gives as text', async () => {
		const workflow = withParameters(base, NODE, {
			returnAll: '={{ "true" }}',
			simplify: '={{ " TRUE " }}',
			options: { sortByField: 'task_due_at', sortAscending: '={{ "True" }}' },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(searches()[0].body).toMatchObject({ sort_ascending: true, per_page: 100 });
		expect(result.output(NODE)).toHaveLength(250);
		expect(Object.keys(result.output(NODE)[0].json)).toContain('contact_name');
	});

	it('reads an on/off field of only spaces as off', async () => {
		const workflow = withParameters(base, NODE, {
			returnAll: '={{ "  " }}',
			simplify: '={{ " " }}',
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(searches().map((r) => r.body.per_page)).toEqual([50]);
		expect(result.output(NODE)).toHaveLength(50);
		expect(result.output(NODE)[0].json).toHaveProperty('contact');
		expect(result.output(NODE)[0].json).not.toHaveProperty('contact_name');
	});

	it('sends a number from an expression as Keywords text', async () => {
		const workflow = withParameters(base, NODE, { filters: { keywords: '={{ 42 }}' } });
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(searches()[0].body).toMatchObject({ q_keywords: '42' });
	});

	it('filters by contact, account and keywords', async () => {
		const task = env.sandbox.tasks[5];
		const contact = env.sandbox.contacts.find((c) => c.id === task.contact_id);
		const workflow = withParameters(base, NODE, {
			filters: {
				contactId: task.contact_id,
				accountId: task.account_id,
				keywords: contact.last_name,
			},
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(searches()[0].body).toMatchObject({
			contact_id: task.contact_id,
			account_id: task.account_id,
			q_keywords: contact.last_name,
		});
		expect(result.output(NODE).map((i) => i.json.id)).toContain(task.id);
		expect(result.output(NODE).every((i) => i.json.contact_id === task.contact_id)).toBe(true);
	});

	it("returns the task type counts in one item when asked, by Apollo's task types: one request per 100 tasks", async () => {
		const result = await runWorkflow(
			withParameters(base, NODE, { output: 'taskTypeCounts' }),
			env.credentials(),
		);

		expect(searches()).toHaveLength(3);
		const [item] = result.output(NODE);
		expect(item.json.total_entries).toBe(250);
		// The seeded data (seed 42): 250 tasks of seven types.
		expect(item.json.task_types).toEqual({
			action_item: 34,
			call: 39,
			linkedin_step_connect: 29,
			linkedin_step_interact_post: 31,
			linkedin_step_message: 39,
			linkedin_step_view_profile: 36,
			outreach_manual_email: 42,
		});
	});

	it('runs one search per input item, each paired with its item', async () => {
		const [first, second] = env.sandbox.users;
		const workflow = withParameters(
			withItems(base, [{ user: first.id }, { user: second.id }]),
			NODE,
			{
				limit: 5,
				filters: { userId: '={{ $json.user }}' },
			},
		);
		const result = await runWorkflow(workflow, env.credentials());

		const output = result.output(NODE);
		expect(output.map((i) => [(i.pairedItem as { item: number }).item, i.json.user_id])).toEqual([
			...Array(5).fill([0, first.id]),
			...Array(5).fill([1, second.id]),
		]);
	});

	it('refuses a Return All that goes past the 50,000 tasks Apollo pages through, after one request', async () => {
		env.sandbox.reset({ tasks: 50_001 });
		const result = await runWorkflow(
			withParameters(base, NODE, { returnAll: true }),
			env.credentials(),
		);

		expect(result.error(NODE)).toMatchObject({ name: 'NodeOperationError' });
		expect(result.error(NODE)!.message).toMatch(/matches 50,001 tasks, more than the 50,000/);
		expect(String(result.error(NODE)!.description)).toMatch(
			/Narrow it with Filters .* or turn off Return All/,
		);
		expect(searches()).toHaveLength(1);
	});

	it('reads up to the cap: a limit of 50,000 over more tasks is 500 pages', async () => {
		env.sandbox.reset({ tasks: 50_100, contacts: 50 });
		const result = await runWorkflow(
			withParameters(base, NODE, { limit: 50_000 }),
			env.credentials(),
		);

		expect(result.error(NODE)).toBeUndefined();
		expect(searches()).toHaveLength(500);
		expect(result.output(NODE)).toHaveLength(50_000);
	});

	it('lists Apollo users for the Assigned To picker, filtered by what is typed', async () => {
		const create = loadWorkflow('create-tasks.json');
		const all = await listSearch(create, NODE, 'searchUsers', env.credentials());
		expect(all.results).toEqual(
			env.sandbox.users.map((u) => ({ name: `${u.name} (${u.email})`, value: u.id })),
		);

		const filtered = await listSearch(
			create,
			NODE,
			'searchUsers',
			env.credentials(),
			env.sandbox.users[1].first_name,
		);
		expect(filtered.results.map((r) => r.value)).toEqual([env.sandbox.users[1].id]);
	});

	describe('paging that goes wrong', () => {
		const returnAll = () => withParameters(base, NODE, { returnAll: true });

		it('stops with a clear error when Apollo repeats a page', async () => {
			env.sandbox.addFault({ path: '/tasks/search', action: 'repeat-page', after: 1 });
			const result = await runWorkflow(returnAll(), env.credentials());

			expect(result.error(NODE)!.message).toMatch(/sent page 2 of the tasks again/);
			expect(searches()).toHaveLength(2);
		});

		it('stops with a clear error on an empty page before the last', async () => {
			env.sandbox.addFault({ path: '/tasks/search', action: 'empty-page', after: 1 });
			const result = await runWorkflow(returnAll(), env.credentials());

			expect(result.error(NODE)!.message).toMatch(/empty page 2 of 3/);
		});

		it('stops with a clear error when the total falls while paging, since tasks could be missed', async () => {
			env.sandbox.addFault({ path: '/tasks/search', action: 'grow-total' });
			const result = await runWorkflow(returnAll(), env.credentials());

			expect(result.error(NODE)!.message).toMatch(/fell from 350 to 250 while paging/);
			expect(String(result.error(NODE)!.description)).toMatch(/sort by Created At/);
		});
	});
});
