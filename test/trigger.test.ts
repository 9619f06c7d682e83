import { pollTrigger } from './harness/poll';
import { addCallTask, useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 150 });
const HOUR = 3_600_000;

const addTask = (fields: Parameters<typeof addCallTask>[1]) => addCallTask(env.sandbox, fields);

describe('Apollo Tasks Trigger', () => {
	describe('New Task', () => {
		it('remembers where it was on the first poll, then emits each new task once, across restarts', async () => {
			const first = await pollTrigger({ event: 'newTask' }, env.credentials());
			expect(first.items).toHaveLength(0);

			const a = addTask({ created_at: new Date(Date.now() + 1000).toISOString() });
			const b = addTask({ created_at: new Date(Date.now() + 2000).toISOString() });
			const second = await pollTrigger({ event: 'newTask' }, env.credentials(), first.staticData);
			expect(second.items.map((i) => i.json.id).sort()).toEqual([a.id, b.id].sort());

			const third = await pollTrigger({ event: 'newTask' }, env.credentials(), second.staticData);
			expect(third.items).toHaveLength(0);

			const c = addTask({ created_at: b.created_at });
			const fourth = await pollTrigger({ event: 'newTask' }, env.credentials(), third.staticData);
			expect(fourth.items.map((i) => i.json.id)).toEqual([c.id]);
		});

		it('in steady state reads one page: the one where it stopped, oldest created first (where Apollo sorts by creation)', async () => {
			env.sandbox.setOptions({ mode: 'extended' });
			const first = await pollTrigger({ event: 'newTask' }, env.credentials());
			env.sandbox.clearRequests();
			const task = addTask({ created_at: new Date(Date.now() + 1000).toISOString() });
			const second = await pollTrigger({ event: 'newTask' }, env.credentials(), first.staticData);

			expect(second.items.map((i) => i.json.id)).toEqual([task.id]);
			expect(
				env.sandbox.requests.map((r) => [r.body.sort_by_field, r.body.sort_ascending, r.body.page]),
			).toEqual([['task_created_at', true, 2]]);
		});

		it('filters by assignee in the search and by type', async () => {
			const user = env.sandbox.users[1].id;
			const params = { event: 'newTask', filters: { userId: user, types: ['action_item'] } };
			const first = await pollTrigger(params, env.credentials());
			const mine = addTask({
				user_id: user,
				type: 'action_item',
				created_at: new Date(Date.now() + 1000).toISOString(),
			});
			addTask({
				user_id: user,
				type: 'call',
				created_at: new Date(Date.now() + 1000).toISOString(),
			});
			addTask({ type: 'action_item', created_at: new Date(Date.now() + 1000).toISOString() });
			const primed = await pollTrigger(params, env.credentials(), first.staticData);

			expect(primed.items.map((i) => i.json.id)).toEqual([mine.id]);
			expect(env.sandbox.requests.at(-1)!.body.user_id).toBe(user);
		});

		it('shows the newest matching task when run by hand, also once the trigger has a cursor', async () => {
			// Newer than every seeded task, and created before the trigger was activated.
			const user = env.sandbox.users[1].id;
			const theirs = addTask({
				user_id: user,
				type: 'linkedin_step_message',
				created_at: new Date(Date.now() - 10_000).toISOString(),
			});
			const newest = addTask({ created_at: new Date(Date.now() - 5_000).toISOString() });
			const fresh = await pollTrigger({ event: 'newTask' }, env.credentials(), {}, 'manual');
			expect(fresh.items.map((i) => i.json.id)).toEqual([newest.id]);

			const active = await pollTrigger({ event: 'newTask' }, env.credentials());
			const byHand = (parameters: object) =>
				pollTrigger(
					{ event: 'newTask', ...parameters },
					env.credentials(),
					active.staticData,
					'manual',
				);
			expect((await byHand({})).items.map((i) => i.json.id)).toEqual([newest.id]);
			const filtered = await byHand({
				filters: { userId: user, types: ['linkedin_step_message'] },
			});
			expect(filtered.items.map((i) => i.json.id)).toEqual([theirs.id]);
		});
	});

	describe('Task Due', () => {
		it('announces each scheduled task once when it comes within the window, and again if its due date moves', async () => {
			env.sandbox.reset({ tasks: 0 });
			const soon = addTask({ due_at: new Date(Date.now() + 2 * HOUR).toISOString() });
			const later = addTask({ due_at: new Date(Date.now() + 20 * HOUR).toISOString() });
			addTask({ due_at: new Date(Date.now() + 30 * HOUR).toISOString() });
			addTask({ due_at: new Date(Date.now() + HOUR).toISOString(), status: 'completed' });
			addTask({ due_at: new Date(Date.now() - HOUR).toISOString() });

			const first = await pollTrigger({ event: 'taskDue', dueWithinHours: 24 }, env.credentials());
			expect(first.items.map((i) => i.json.id)).toEqual([soon.id, later.id]);

			const second = await pollTrigger(
				{ event: 'taskDue', dueWithinHours: 24 },
				env.credentials(),
				first.staticData,
			);
			expect(second.items).toHaveLength(0);

			soon.due_at = new Date(Date.now() + 3 * HOUR).toISOString();
			env.sandbox.version++;
			const third = await pollTrigger(
				{ event: 'taskDue', dueWithinHours: 24 },
				env.credentials(),
				second.staticData,
			);
			expect(third.items.map((i) => i.json.id)).toEqual([soon.id]);
		});
	});

	describe('Task Completed', () => {
		it('emits tasks completed since the last poll, once', async () => {
			const task = addTask({ due_at: new Date(Date.now() - HOUR).toISOString() });
			const first = await pollTrigger({ event: 'taskCompleted' }, env.credentials());
			expect(first.items).toHaveLength(0);

			const response = await fetch(`${env.sandbox.url}/api/v1/tasks/${task.id}/complete`, {
				method: 'POST',
				headers: { 'x-api-key': 'sandbox-master-key', 'content-type': 'application/json' },
				body: '{}',
			});
			expect(response.status).toBe(200);
			const second = await pollTrigger(
				{ event: 'taskCompleted' },
				env.credentials(),
				first.staticData,
			);
			expect(second.items.map((i) => [i.json.id, i.json.status])).toEqual([[task.id, 'completed']]);

			const third = await pollTrigger(
				{ event: 'taskCompleted' },
				env.credentials(),
				second.staticData,
			);
			expect(third.items).toHaveLength(0);
		});
	});

	it('stops with a clear error when Due Within (Hours) is not a whole number, sending nothing', async () => {
		const result = await pollTrigger(
			{ event: 'taskDue', dueWithinHours: '={{ "soon" }}' },
			env.credentials(),
		).catch((error: Error) => error);

		expect(result).toBeInstanceOf(Error);
		expect((result as Error).message).toBe(
			'Due Within (Hours): "soon" is not a whole number from 1 to 744',
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('stops with a clear error when an expression gives an event it does not have, sending nothing', async () => {
		await expect(pollTrigger({ event: '={{ "taskdue" }}' }, env.credentials())).rejects.toThrow(
			/^Event: "taskdue" is not one of its choices$/,
		);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('stops with a clear error for a malformed assignee filter, sending nothing', async () => {
		await expect(
			pollTrigger({ event: 'newTask', filters: { userId: 'me' } }, env.credentials()),
		).rejects.toThrow(/Filters > Assigned To: "me" is not an Apollo user ID/);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('stops with a clear error when an expression gives Types a value Apollo does not have, sending nothing', async () => {
		// Before the check, "call" as text matched every type whose name contains it, by substring.
		await expect(
			pollTrigger({ event: 'newTask', filters: { types: '={{ "cal" }}' } }, env.credentials()),
		).rejects.toThrow(/^Filters > Types: "cal" is not a value Apollo knows$/);
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it.each([
		['text with commas', '={{ "call, action_item" }}'],
		['a list', '={{ ["call", "action_item"] }}'],
	])('reads Types from an expression given as %s', async (_, types) => {
		const params = { event: 'newTask', filters: { types } };
		const first = await pollTrigger(params, env.credentials());
		const later = (type: string) =>
			addTask({ type, created_at: new Date(Date.now() + 1000).toISOString() });
		const wanted = [later('call'), later('action_item')];
		later('outreach_manual_email');
		const next = await pollTrigger(params, env.credentials(), first.staticData);

		expect(next.items.map((i) => i.json.id).sort()).toEqual(wanted.map((t) => t.id).sort());
	});
});
