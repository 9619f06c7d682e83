import { listSearch, loadWorkflow, runWorkflow, withParameters } from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 250 });
const base = loadWorkflow('search-tasks.json');
const NODE = 'Apollo Tasks';
const searches = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/search');

describe('Search: what the user sets is applied', () => {
	it('Task Type Counts gives the name Apollo shows beside each type key', async () => {
		const result = await runWorkflow(
			withParameters(base, NODE, { output: 'taskTypeCounts' }),
			env.credentials(),
		);

		expect(result.output(NODE)[0].json.task_type_names).toEqual({
			action_item: 'Action Item',
			call: 'Call',
			linkedin_step_connect: 'LinkedIn: Connect',
			linkedin_step_interact_post: 'LinkedIn: Interact With Post',
			linkedin_step_message: 'LinkedIn: Message',
			linkedin_step_view_profile: 'LinkedIn: View Profile',
			outreach_manual_email: 'Manual Email',
		});
	});

	it('Task Type Counts with Filters > Status counts only tasks with that status', async () => {
		env.sandbox.reset({ tasks: 0 });
		const [user] = env.sandbox.users;
		const contact = env.sandbox.contacts[0].id;
		const add = (type: string, status: string) =>
			env.sandbox.insertTask({
				user_id: user.id,
				contact_id: contact,
				type,
				priority: 'high',
				status,
			});
		add('call', 'scheduled');
		add('call', 'scheduled');
		add('call', 'completed');
		add('action_item', 'scheduled');
		add('outreach_manual_email', 'skipped');
		const result = await runWorkflow(
			withParameters(base, NODE, { output: 'taskTypeCounts', filters: { status: 'scheduled' } }),
			env.credentials(),
		);

		expect(result.output(NODE).map((i) => i.json)).toEqual([
			{
				total_entries: 3,
				task_types: { call: 2, action_item: 1 },
				task_type_names: { call: 'Call', action_item: 'Action Item' },
			},
		]);
		expect(searches()).toHaveLength(1);
	});

	it('reports a total that grows and then falls while paging as the totals it saw, page by page', async () => {
		env.sandbox.setOptions({ mode: 'extended' });
		env.sandbox.addFault({ path: '/tasks/search', action: 'grow-total', after: 1 });
		const result = await runWorkflow(
			withParameters(base, NODE, { returnAll: true }),
			env.credentials(),
		);

		expect(result.error(NODE)!.message).toBe(
			'The number of matching tasks changed while paging: 250 on page 1, then 350 on page 2, then 250 on page 3',
		);
		expect(searches()).toHaveLength(3);
	});

	it('finds a task in the picker by its label when it is past the first page and Apollo finds no keywords', async () => {
		env.sandbox.setOptions({ mode: 'extended' });
		const last = [...env.sandbox.tasks].sort((a, b) => a.due_at.localeCompare(b.due_at)).at(-1)!;
		const typed = `due ${last.due_at.slice(0, 10)}`;
		const found = await listSearch(
			loadWorkflow('task-by-id.json'),
			NODE,
			'searchTasks',
			env.credentials(),
			typed,
		);

		expect(found.results.map((r) => r.value)).toContain(last.id);
		expect(found.results.every((r) => String(r.name).includes(typed))).toBe(true);
		expect(searches().map((r) => [r.body.q_keywords, r.body.page])).toEqual([
			[typed, 1],
			[undefined, 1],
			[undefined, 2],
			[undefined, 3],
		]);
	});
});
