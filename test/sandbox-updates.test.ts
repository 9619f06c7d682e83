import { callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 120 });
const call = (method: string, path: string, body?: unknown) =>
	callSandbox(env.sandbox, method, path, body);
const control = (method: string, route: string, body?: unknown) =>
	controlSandbox(env.sandbox, method, route, body);
const stored = (id: string) => env.sandbox.tasks.find((t) => t.id === id);

function fields(extra: Record<string, unknown> = {}) {
	return {
		user_id: env.sandbox.users[0].id,
		type: 'call',
		status: 'scheduled',
		due_at: '2027-03-01T09:00:00Z',
		...extra,
	};
}

describe('Sandbox option updateResetsOmitted', () => {
	async function createTask(extra: Record<string, unknown> = {}) {
		const created = await call(
			'POST',
			'/api/v1/tasks',
			fields({ contact_id: env.sandbox.contacts[0].id, ...extra }),
		);
		expect(created.status).toBe(200);
		return created.json.task;
	}

	it('gives every task a creator: the one named at create, else the key user', async () => {
		const [keyUser, other] = env.sandbox.users;
		expect((await createTask()).creator_id).toBe(keyUser.id);
		expect((await createTask({ creator_id: other.id })).creator_id).toBe(other.id);
		expect(
			(
				await call(
					'POST',
					'/api/v1/tasks',
					fields({ contact_id: env.sandbox.contacts[0].id, creator_id: 'nobody' }),
				)
			).status,
		).toBe(422);
		expect(env.sandbox.tasks.every((t) => typeof t.creator_id === 'string')).toBe(true);
	});

	it('is on by default: an update of a scheduled task resets the priority and creator it leaves out', async () => {
		const [keyUser, other, third] = env.sandbox.users;
		const task = await createTask({ priority: 'high', creator_id: other.id });

		const noted = await call('PATCH', `/api/v1/tasks/${task.id}`, { note: 'Called, no answer' });
		expect(noted.json.task).toMatchObject({
			note: 'Called, no answer',
			priority: 'medium',
			creator_id: keyUser.id,
		});
		expect(stored(task.id)).toMatchObject({ priority: 'medium', creator_id: keyUser.id });

		const kept = await call('PATCH', `/api/v1/tasks/${task.id}`, {
			note: 'Again',
			priority: 'low',
			creator_id: third.id,
		});
		expect(kept.json.task).toMatchObject({ priority: 'low', creator_id: third.id });
	});

	it('switched off (reset option or control API), an update keeps what it leaves out', async () => {
		const other = env.sandbox.users[1];
		env.sandbox.reset({ tasks: 120, updateResetsOmitted: false });
		const task = await createTask({ priority: 'high', creator_id: other.id });
		await call('PATCH', `/api/v1/tasks/${task.id}`, { note: 'Kept' });
		expect(stored(task.id)).toMatchObject({ note: 'Kept', priority: 'high', creator_id: other.id });

		env.sandbox.reset({ tasks: 120 });
		await control('POST', 'options', { updateResetsOmitted: false });
		const again = await createTask({ priority: 'low' });
		expect(
			(await call('PATCH', `/api/v1/tasks/${again.id}`, { note: 'Kept' })).json.task.priority,
		).toBe('low');
	});

	it('lets a scheduled task change its contact, moving its account with it, but not its status', async () => {
		const task = await createTask();
		const contact = env.sandbox.contacts[7];
		const moved = await call('PATCH', `/api/v1/tasks/${task.id}`, {
			contact_id: contact.id,
			due_at: '2027-04-01T09:00:00Z',
			title: 'T',
		});
		expect(moved.json.task).toMatchObject({
			contact_id: contact.id,
			account_id: contact.account_id,
			account: { id: contact.account_id },
		});
		expect(await call('PATCH', `/api/v1/tasks/${task.id}`, { status: 'completed' })).toMatchObject({
			status: 422,
			json: { error: 'Cannot change status of a scheduled task' },
		});
		expect(
			(await call('PATCH', `/api/v1/tasks/${task.id}`, { contact_id: 'ffffffffffffffffffffffff' }))
				.status,
		).toBe(422);
	});

	it('lets a completed or skipped task change only its note, priority, contact and creator, and resets nothing', async () => {
		const [completed, skipped] = ['completed', 'skipped'].map((status) =>
			env.sandbox.tasks.find((t) => t.status === status),
		);
		const other = env.sandbox.users[2];
		const contact = env.sandbox.contacts[9];
		const changed = await call('PATCH', `/api/v1/tasks/${completed.id}`, {
			note: 'After the call',
			priority: 'low',
			contact_id: contact.id,
			creator_id: other.id,
		});
		expect(changed.status).toBe(200);
		expect(stored(completed.id)).toMatchObject({
			note: 'After the call',
			priority: 'low',
			contact_id: contact.id,
			creator_id: other.id,
			status: 'completed',
		});

		expect(
			(await call('PATCH', `/api/v1/tasks/${completed.id}`, { note: 'Only the note' })).json.task,
		).toMatchObject({ priority: 'low', creator_id: other.id });
		expect(
			await call('PATCH', `/api/v1/tasks/${completed.id}`, {
				due_at: '2027-01-01T00:00:00Z',
				type: 'call',
			}),
		).toMatchObject({
			status: 422,
			json: { error: 'Cannot change due_at, type of a completed task' },
		});
		expect(await call('PATCH', `/api/v1/tasks/${skipped.id}`, { user_id: other.id })).toMatchObject(
			{
				status: 422,
				json: { error: 'Cannot change user_id of a skipped task' },
			},
		);
	});
});

describe('Sandbox skip with a note', () => {
	it('replaces the note, stamps skipped_at on the clock and shows the skip in the data and in search', async () => {
		env.sandbox.setClock('2027-02-01T10:00:00Z');
		const task = env.sandbox.tasks.find((t) => t.status === 'scheduled' && t.note);
		const skipped = await call('POST', `/api/v1/tasks/${task.id}/skip`, {
			note: 'Duplicate of another task',
		});
		const expected = {
			id: task.id,
			status: 'skipped',
			note: 'Duplicate of another task',
			skipped_at: '2027-02-01T10:00:00.000Z',
			completed_at: null,
		};
		// Apollo answers a skip with a stub of the task only.
		expect(skipped.json).toEqual({
			task: { id: task.id, status: 'skipped', note: 'Duplicate of another task', completed: false },
		});
		const data = (await control('GET', 'tasks')).json;
		expect(data.find((t: { id: string }) => t.id === task.id)).toMatchObject(expected);
		const found = await call('POST', '/api/v1/tasks/search', {
			contact_id: task.contact_id,
			per_page: 100,
		});
		expect(found.json.tasks.find((t: { id: string }) => t.id === task.id)).toMatchObject(expected);

		expect(await call('POST', `/api/v1/tasks/${task.id}/skip`, { note: 'Again' })).toMatchObject({
			status: 422,
			json: { error: 'This task is already completed / skipped.', allow_moving_to_next_task: true },
		});
		expect(stored(task.id).note).toBe('Duplicate of another task');
	});

	it('keeps the note a skip without one leaves out', async () => {
		const task = env.sandbox.tasks.find((t) => t.status === 'scheduled' && t.note);
		const note = task.note;
		expect((await call('POST', `/api/v1/tasks/${task.id}/skip`, {})).json.task).toMatchObject({
			status: 'skipped',
			note,
		});
	});
});
