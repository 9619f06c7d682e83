import { loadWorkflow, runWorkflow, withItems, withParameters } from './harness/engine';
import { pollTrigger } from './harness/poll';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 120, mode: 'documented' });
const NODE = 'Apollo Tasks';
const create = loadWorkflow('create-tasks.json');
const search = loadWorkflow('search-tasks.json');
const byEmail = (value: string) => ({ __rl: true, mode: 'email', value });
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const userReads = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/users/search');
const creates = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');

describe('Assigned To by email', () => {
	it('assigns each task to the user with that email, in any case and with spaces, with one read of the team', async () => {
		const grace = env.sandbox.users[1];
		const workflow = withParameters(
			withItems(
				create,
				[1, 2, 3].map((n) => ({ contact_id: contact(n), owner: ` ${grace.email.toUpperCase()} ` })),
			),
			NODE,
			{ userId: byEmail('={{ $json.owner }}') },
		);
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE).map((i) => i.json.user_id)).toEqual(Array(3).fill(grace.id));
		expect(creates().map((r) => r.body.user_id)).toEqual([grace.id]);
		expect(userReads()).toHaveLength(1);
	});

	it('an email no user of the team has fails its item, naming it, and nothing is created', async () => {
		const workflow = withParameters(withItems(create, [{ contact_id: contact(1) }]), NODE, {
			userId: byEmail('new.rep@sandbox-sales.example'),
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)!.message).toBe(
			'Assigned To: no user of your Apollo team has the email "new.rep@sandbox-sales.example"',
		);
		expect(String(result.error(NODE)!.description)).toMatch(/Add the person to your Apollo team/);
		expect(creates()).toHaveLength(0);
	});

	it('never matches a deleted user', async () => {
		const alan = env.sandbox.users[2];
		alan.deleted = true;
		const workflow = withParameters(withItems(create, [{ contact_id: contact(1) }]), NODE, {
			userId: byEmail(alan.email),
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)!.message).toMatch(/no user of your Apollo team has the email/);
		expect(creates()).toHaveLength(0);
	});

	it('is an error before any request when it is not an email', async () => {
		const workflow = withParameters(withItems(create, [{ contact_id: contact(1) }]), NODE, {
			userId: byEmail('={{ "Grace" }}'),
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)!.message).toBe('Assigned To: "Grace" is not an email address');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('filters Search by the owner and Update moves a task to the owner, each by email', async () => {
		const [ada, grace] = env.sandbox.users;
		const found = await runWorkflow(
			withParameters(search, NODE, { returnAll: true, filters: { userId: byEmail(grace.email) } }),
			env.credentials(),
		);
		const tasks = found.output(NODE);
		expect(tasks).toHaveLength(env.sandbox.tasks.filter((t) => t.user_id === grace.id).length);
		expect(new Set(tasks.map((i) => i.json.user_id))).toEqual(new Set([grace.id]));

		const task = env.sandbox.tasks.find((t) => t.status === 'scheduled' && t.user_id === grace.id)!;
		const moved = await runWorkflow(
			withParameters(loadWorkflow('task-by-id.json'), NODE, {
				operation: 'update',
				taskId: task.id,
				updateFields: { userId: byEmail(ada.email.toUpperCase()) },
			}),
			env.credentials(),
		);
		expect(moved.output(NODE)[0].json).toMatchObject({ id: task.id, user_id: ada.id });
	});

	it('filters the trigger by the owner, looking the email up once across polls', async () => {
		const grace = env.sandbox.users[1];
		const params = { event: 'newTask', filters: { userId: byEmail(grace.email) } };
		const first = await pollTrigger(params, env.credentials());
		const mine = env.sandbox.insertTask({
			user_id: grace.id,
			contact_id: contact(1),
			type: 'call',
			priority: 'medium',
			status: 'scheduled',
			created_at: new Date(Date.now() + 1000).toISOString(),
		});
		const second = await pollTrigger(params, env.credentials(), first.staticData);

		expect(second.items.map((i) => i.json.id)).toEqual([mine.id]);
		expect(userReads()).toHaveLength(1);
	});
});

describe('Search by Contact Email', () => {
	it("returns only that contact's tasks, even when Apollo ignores the filters", async () => {
		const task = env.sandbox.tasks[7];
		const person = env.sandbox.contacts.find((c) => c.id === task.contact_id)!;
		const result = await runWorkflow(
			withParameters(search, NODE, {
				returnAll: true,
				filters: { contactEmail: person.email.toUpperCase() },
			}),
			env.credentials(),
		);

		const ids = result.output(NODE).map((i) => i.json.id);
		expect(ids).toContain(task.id);
		expect(new Set(result.output(NODE).map((i) => i.json.contact_id))).toEqual(
			new Set([person.id]),
		);
		expect(env.sandbox.requests[0]).toMatchObject({ path: '/api/v1/contacts/search' });
	});

	it('returns nothing, without searching tasks, for an email no contact has', async () => {
		const result = await runWorkflow(
			withParameters(search, NODE, { filters: { contactEmail: 'nobody@nowhere.example' } }),
			env.credentials(),
		);

		expect(result.output(NODE)).toEqual([]);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/api/v1/contacts/search']);
	});
});
