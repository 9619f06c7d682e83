import { callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 120 });
const call = (method: string, path: string, body?: unknown) =>
	callSandbox(env.sandbox, method, path, body);
const control = (method: string, route: string, body?: unknown) =>
	controlSandbox(env.sandbox, method, route, body);

function bulk(count: number, extra: Record<string, unknown> = {}) {
	const contact_ids = env.sandbox.contacts.slice(0, count).map((c) => c.id);
	return {
		user_id: env.sandbox.users[0].id,
		contact_ids,
		type: 'call',
		status: 'scheduled',
		due_at: '2027-03-01T09:00:00Z',
		...extra,
	};
}
const ids = (answer: { json: { tasks: { id: string }[] } }) => answer.json.tasks.map((t) => t.id);

describe('Sandbox fault short-bulk-create', () => {
	it('creates a task for every contact but lists all but one of them', async () => {
		await control('POST', 'faults', { path: '/tasks/bulk_create', action: 'short-bulk-create' });
		const created = await call('POST', '/api/v1/tasks/bulk_create', bulk(3));
		expect(created.status).toBe(200);
		expect(created.json.success).toBe(true);
		expect(env.sandbox.tasks).toHaveLength(123);
		expect(ids(created)).toEqual(env.sandbox.tasks.slice(120, 122).map((t) => t.id));
	});

	it('lists only the first `count`, once, then answers in full again', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'short-bulk-create', count: 1 });
		expect(ids(await call('POST', '/api/v1/tasks/bulk_create', bulk(4)))).toHaveLength(1);
		expect(ids(await call('POST', '/api/v1/tasks/bulk_create', bulk(4)))).toHaveLength(4);
		expect(env.sandbox.tasks).toHaveLength(128);
	});
});

describe('Sandbox fault bulk-create-unsuccessful', () => {
	it('answers 200 { success: false } and creates nothing', async () => {
		await control('POST', 'faults', {
			path: '/tasks/bulk_create',
			action: 'bulk-create-unsuccessful',
		});
		const answer = await call('POST', '/api/v1/tasks/bulk_create', bulk(3));
		expect([answer.status, answer.json]).toEqual([200, { success: false }]);
		expect(env.sandbox.tasks).toHaveLength(120);
		expect(env.sandbox.requests.map((r) => r.status)).toEqual([200]);
	});

	it('with creates: true, creates the tasks all the same', async () => {
		env.sandbox.addFault({
			path: '/tasks/bulk_create',
			action: 'bulk-create-unsuccessful',
			creates: true,
		});
		expect((await call('POST', '/api/v1/tasks/bulk_create', bulk(3))).json).toEqual({
			success: false,
		});
		expect(env.sandbox.tasks).toHaveLength(123);
	});

	it('leaves a request Apollo would refuse refused', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'bulk-create-unsuccessful' });
		expect(
			(await call('POST', '/api/v1/tasks/bulk_create', bulk(2, { type: 'email' }))).status,
		).toBe(422);
	});
});

describe('Sandbox fault empty-body', () => {
	it('carries the request out but answers a 2xx with an empty body', async () => {
		await control('POST', 'faults', {
			path: '/tasks',
			method: 'POST',
			action: 'empty-body',
			times: 2,
		});
		const created = await call('POST', '/api/v1/tasks/bulk_create', bulk(2));
		expect([created.status, created.text, created.headers.get('content-length')]).toEqual([
			200,
			'',
			'0',
		]);
		expect(created.headers.get('x-minute-usage')).toBe('1');
		expect(env.sandbox.tasks).toHaveLength(122);

		const refused = await call('POST', '/api/v1/tasks/bulk_create', bulk(2, { type: 'email' }));
		expect(refused.status).toBe(422);
		expect(refused.json.error).toMatch(/type must be one of/);
		expect((await call('POST', '/api/v1/tasks/search', {})).json.tasks).toHaveLength(25);
	});
});

describe('Sandbox fault insert-during-scan', () => {
	it('inserts a task before the page is computed, so the next page repeats the last task of the one before', async () => {
		env.sandbox.setClock('2027-01-01T00:00:00Z');
		env.sandbox.addFault({ path: '/tasks/search', action: 'insert-during-scan', after: 1 });
		const first = await call('POST', '/api/v1/tasks/search', { per_page: 50 });
		const second = await call('POST', '/api/v1/tasks/search', { per_page: 50, page: 2 });

		expect(first.json.pagination.total_entries).toBe(120);
		expect(second.json.pagination.total_entries).toBe(121);
		expect(ids(second)[0]).toBe(ids(first)[49]);
		const inserted = env.sandbox.tasks[120];
		expect(inserted).toMatchObject({
			user_id: env.sandbox.users[0].id,
			contact_id: env.sandbox.contacts[0].id,
			type: 'call',
			status: 'scheduled',
		});
	});

	it('inserts `count` tasks with the fault`s fields, created now and due a day from the clock', async () => {
		env.sandbox.setClock('2027-05-01T10:00:00.000Z');
		const user = env.sandbox.users[2].id;
		await control('POST', 'faults', {
			path: '/tasks/search',
			action: 'insert-during-scan',
			count: 3,
			fields: { user_id: user, priority: 'high' },
		});
		const page = await call('POST', '/api/v1/tasks/search', {
			user_id: user,
			priority: 'high',
			per_page: 100,
		});

		const inserted = env.sandbox.tasks.slice(120);
		expect(inserted).toHaveLength(3);
		for (const task of inserted) {
			expect(task).toMatchObject({
				user_id: user,
				priority: 'high',
				type: 'call',
				status: 'scheduled',
				created_at: '2027-05-01T10:00:00.000Z',
				due_at: '2027-05-02T10:00:00.000Z',
			});
		}
		expect(ids(page).slice(0, 3).sort()).toEqual(inserted.map((t) => t.id).sort());
		expect((await call('POST', '/api/v1/tasks/search', {})).json.pagination.total_entries).toBe(
			123,
		);
	});
});

describe('Sandbox timer', () => {
	afterEach(() => env.sandbox.setTimer(undefined));

	it('takes a slow answer and latencyMs on it, so a test can let them pass without real time', async () => {
		const sleeps: number[] = [];
		env.sandbox.setTimer({ now: () => 0, sleep: async (ms) => void sleeps.push(ms) });
		env.sandbox.setOptions({ latencyMs: 150 });
		await control('POST', 'faults', { path: '/tasks/search', action: 'slow', delayMs: 700 });

		const answer = await call('POST', '/api/v1/tasks/search', { per_page: 5 });
		expect(answer.status).toBe(200);
		expect(answer.json.tasks).toHaveLength(5);
		expect(sleeps).toEqual([150, 700]);
	});
});
