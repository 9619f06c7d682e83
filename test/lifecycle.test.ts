import {
	listSearch,
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';
const base = loadWorkflow('task-by-id.json');
const scheduled = () => env.sandbox.tasks.filter((t) => t.status === 'scheduled');
const done = () => env.sandbox.tasks.find((t) => t.status !== 'scheduled');
const onTasks = (operation: string, tasks: { id: string }[], parameters = {}) =>
	withParameters(
		withItems(
			base,
			tasks.map((t) => ({ task_id: t.id })),
		),
		NODE,
		{ operation, ...parameters },
	);

describe('Get, Update, Complete, Skip', () => {
	it('Get returns each task with its contact and account, paired with its item', async () => {
		const [a, b] = scheduled();
		const result = await runWorkflow(onTasks('get', [a, b]), env.credentials());

		const output = result.output(NODE);
		expect(output.map((i) => [i.json.id, (i.pairedItem as { item: number }).item])).toEqual([
			[a.id, 0],
			[b.id, 1],
		]);
		expect(output[0].json).toHaveProperty('contact.email');
		expect(env.sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			`GET /api/v1/tasks/${a.id}`,
			`GET /api/v1/tasks/${b.id}`,
		]);
	});

	it('Get with Simplify returns the fields people read', async () => {
		const [task] = scheduled();
		const contact = env.sandbox.contacts.find((c) => c.id === task.contact_id);
		const result = await runWorkflow(onTasks('get', [task], { simplify: true }), env.credentials());

		expect(result.output(NODE)[0].json).toEqual({
			id: task.id,
			type: task.type,
			priority: task.priority,
			status: 'scheduled',
			due_at: task.due_at,
			note: task.note,
			user_id: task.user_id,
			contact_id: task.contact_id,
			contact_name: contact.name,
			contact_email: contact.email,
			account_name: contact.organization_name,
		});
	});

	it('Get of a task that does not exist says so', async () => {
		const result = await runWorkflow(
			onTasks('get', [{ id: 'ffffffffffffffffffffffff' }]),
			env.credentials(),
		);

		expect(result.error(NODE)).toMatchObject({
			httpCode: '422',
			message: 'The task no longer exists in Apollo: it was deleted',
		});
	});

	it('Update sends only the fields given, with the due date in UTC', async () => {
		const [task] = scheduled();
		const user = env.sandbox.users[2].id;
		const workflow = onTasks('update', [task], {
			updateFields: {
				priority: 'low',
				userId: user,
				dueAt: '2026-12-24T10:00:00Z',
				note: 'Moved',
				type: 'action_item',
			},
		});
		const result = await runWorkflow(workflow, env.credentials());

		const patch = env.sandbox.requests.find((r) => r.method === 'PATCH')!;
		expect(patch.body).toMatchObject({
			user_id: user,
			type: 'action_item',
			priority: 'low',
			due_at: '2026-12-24T10:00:00.000Z',
			note: 'Moved',
		});
		expect(result.output(NODE)[0].json).toMatchObject({
			id: task.id,
			priority: 'low',
			user_id: user,
			note: 'Moved',
		});
	});

	it("Update changes a task's Title, and its contact, of a completed task too", async () => {
		const [task] = scheduled();
		const other = env.sandbox.contacts.find((c) => c.id !== task.contact_id)!;
		const titled = await runWorkflow(
			onTasks('update', [task], { updateFields: { title: 'Renewal call', contactId: other.id } }),
			env.credentials(),
		);
		expect(env.sandbox.requests.find((r) => r.method === 'PATCH')!.body).toMatchObject({
			title: 'Renewal call',
			contact_id: other.id,
		});
		expect(titled.output(NODE)[0].json).toMatchObject({
			title: 'Renewal call',
			contact_id: other.id,
		});

		const done = env.sandbox.tasks.find((t) => t.status === 'completed')!;
		const moved = await runWorkflow(
			onTasks('update', [done], { updateFields: { contactId: other.id } }),
			env.credentials(),
		);
		expect(moved.error(NODE)).toBeUndefined();
		expect(moved.output(NODE)[0].json).toMatchObject({ id: done.id, contact_id: other.id });
	});

	it('Update of a completed task: a field Apollo does not let change is refused by name, before writing; the note may change', async () => {
		const task = done()!;
		const refused = await runWorkflow(
			onTasks('update', [task], { updateFields: { type: 'action_item' } }),
			env.credentials(),
		);
		expect(refused.error(NODE)).toMatchObject({ name: 'NodeOperationError' });
		expect(refused.error(NODE)!.message).toMatch(
			/^Update Fields > Type: the task is (completed|skipped), so Apollo does not let its Type change/,
		);
		expect(env.sandbox.requests.filter((r) => r.method === 'PATCH')).toHaveLength(0);

		env.sandbox.clearRequests();
		const noted = await runWorkflow(
			onTasks('update', [task], { updateFields: { note: 'Left a voicemail' } }),
			env.credentials(),
		);
		expect(noted.output(NODE)[0].json.note).toBe('Left a voicemail');
		expect(env.sandbox.requests.map((r) => r.method)).toEqual(['GET', 'PATCH']);
	});

	it('Update with nothing to change is an input error', async () => {
		const [task] = scheduled();
		const result = await runWorkflow(
			onTasks('update', [task], { updateFields: {} }),
			env.credentials(),
		);

		expect(result.error(NODE)!.message).toBe('Update Fields: nothing to change');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('Complete and Skip set the status, with an optional note', async () => {
		const [a, b] = scheduled();
		const completed = await runWorkflow(
			onTasks('complete', [a], { note: 'Meeting booked' }),
			env.credentials(),
		);
		expect(completed.output(NODE)[0].json).toMatchObject({
			id: a.id,
			status: 'completed',
			note: 'Meeting booked',
		});
		const skipped = await runWorkflow(onTasks('skip', [b]), env.credentials());
		expect(skipped.output(NODE)[0].json).toMatchObject({ id: b.id, status: 'skipped' });

		expect(env.sandbox.requests.map((r) => [r.path, r.body])).toEqual([
			[`/api/v1/tasks/${a.id}/complete`, { note: 'Meeting booked' }],
			[`/api/v1/tasks/${b.id}/skip`, {}],
			// Apollo answers a skip with a stub: the task is read again, to output it whole.
			[`/api/v1/tasks/${b.id}`, {}],
		]);
	});

	it('Complete is not retried after a 5xx, and Continue On Fail keeps the other items going', async () => {
		const [a, b] = scheduled();
		env.sandbox.addFault({ path: `/tasks/${a.id}/complete`, action: 'status', status: 502 });
		const workflow = withNodeSettings(onTasks('complete', [a, b]), NODE, { continueOnFail: true });
		const result = await runWorkflow(workflow, env.credentials());

		const output = result.output(NODE);
		expect(output[0].json.error).toBe('Apollo is unavailable (HTTP 502)');
		expect(output[0].json.message).toMatch(/may or may not be completed now: get it/);
		expect(output[0].json.message).not.toMatch(/created|search for them/);
		expect(output[1].json).toMatchObject({ id: b.id, status: 'completed' });
		expect(env.sandbox.requests.filter((r) => r.path.endsWith(`${a.id}/complete`))).toHaveLength(1);
	});

	it('Update whose answer is lost says the task may or may not have changed, not that tasks were created', async () => {
		const [a] = scheduled();
		env.sandbox.addFault({ path: `/tasks/${a.id}`, method: 'PATCH', action: 'drop-after' });
		const result = await runWorkflow(
			onTasks('update', [a], { updateFields: { note: 'Call after lunch' } }),
			env.credentials(),
		);

		const error = result.error(NODE)!;
		expect(error.message).toMatch(/^Could not get an answer from Apollo/);
		expect(String(error.description)).toMatch(
			/may or may not have carried it out\. The task may or may not have been changed: get it \(Get\)/,
		);
		expect(String(error.description)).not.toMatch(/created|search for them/);
		expect(env.sandbox.tasks.find((t) => t.id === a.id)!.note).toBe('Call after lunch');
	});

	it('a malformed task ID is an input error before any request', async () => {
		const result = await runWorkflow(onTasks('skip', [{ id: 'task-42' }]), env.credentials());

		expect(result.error(NODE)!.message).toBe('Task: "task-42" is not an Apollo task ID');
		expect(env.sandbox.requests).toHaveLength(0);
	});
});

describe('Pickers', () => {
	it('lists tasks to pick by due date, a page at a time, searchable', async () => {
		env.sandbox.setOptions({ mode: 'extended' });
		const found = await listSearch(base, NODE, 'searchTasks', env.credentials());
		expect(found.results).toHaveLength(100);
		expect(found.paginationToken).toBe('2');
		const contact = env.sandbox.contacts[0];
		const filtered = await listSearch(base, NODE, 'searchTasks', env.credentials(), contact.email);
		expect(filtered.results).toHaveLength(
			env.sandbox.tasks.filter((t) => t.contact_id === contact.id).length,
		);
		expect(filtered.results.every((r) => String(r.name).includes(contact.name))).toBe(true);
	});

	it('lists contacts to pick, searchable by email', async () => {
		const contact = env.sandbox.contacts[3];
		const found = await listSearch(base, NODE, 'searchContacts', env.credentials(), contact.email);
		expect(found.results).toEqual([
			{
				name: `${contact.name} · ${contact.organization_name} · ${contact.email}`,
				value: contact.id,
			},
		]);
	});

	it('shows in the dropdown that the key may not list users', async () => {
		await expect(
			listSearch(base, NODE, 'searchUsers', env.credentials('sandbox-plain-key')),
		).rejects.toThrow(/This API key may not use api\/v1\/users\/search/);
	});
});
