import { callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 120 });
const call = (method: string, path: string, body?: unknown) =>
	callSandbox(env.sandbox, method, path, body);
const control = (method: string, route: string, body?: unknown) =>
	controlSandbox(env.sandbox, method, route, body);

function fields(extra: Record<string, unknown> = {}) {
	return {
		user_id: env.sandbox.users[0].id,
		type: 'call',
		status: 'scheduled',
		due_at: '2027-03-01T09:00:00Z',
		...extra,
	};
}

describe('Sandbox option strict', () => {
	it('is off by default: a create without status and due_at is carried out', async () => {
		const loose = {
			user_id: env.sandbox.users[0].id,
			type: 'call',
			contact_id: env.sandbox.contacts[0].id,
		};
		expect((await call('POST', '/api/v1/tasks', loose)).status).toBe(200);
		expect(env.sandbox.tasks).toHaveLength(121);
	});

	it('as a reset option, refuses a bulk create without status or due_at with a 422 naming the field', async () => {
		env.sandbox.reset({ tasks: 120, strict: true });
		const contact_ids = env.sandbox.contacts.slice(0, 2).map((c) => c.id);
		const { status: _s, ...noStatus } = fields({ contact_ids });
		const { due_at: _d, ...noDue } = fields({ contact_ids });
		const { status: _s2, due_at: _d2, ...neither } = fields({ contact_ids });

		expect(await call('POST', '/api/v1/tasks/bulk_create', noStatus)).toMatchObject({
			status: 422,
			json: { error: 'status is required' },
		});
		expect(await call('POST', '/api/v1/tasks/bulk_create', noDue)).toMatchObject({
			status: 422,
			json: { error: 'due_at is required' },
		});
		expect(await call('POST', '/api/v1/tasks/bulk_create', neither)).toMatchObject({
			status: 422,
			json: { error: 'status and due_at are required' },
		});
		expect(env.sandbox.tasks).toHaveLength(120);
		expect((await call('POST', '/api/v1/tasks/bulk_create', fields({ contact_ids }))).status).toBe(
			200,
		);
		expect(env.sandbox.tasks).toHaveLength(122);
	});

	it('over the control API, refuses a single create without due_at', async () => {
		expect((await control('POST', 'options', { strict: true })).json.options).toMatchObject({
			strict: true,
			updateResetsOmitted: true,
		});
		const { due_at: _d, ...noDue } = fields({ contact_id: env.sandbox.contacts[0].id });
		expect(await call('POST', '/api/v1/tasks', noDue)).toMatchObject({
			status: 422,
			json: { error: 'due_at is required' },
		});
		expect(env.sandbox.tasks).toHaveLength(120);
		expect((await control('GET', 'options')).json.strict).toBe(true);
		expect((await control('GET', 'state')).json.options.strict).toBe(true);
	});

	it('refuses unknown options and values over the control API', async () => {
		expect((await control('POST', 'options', { strict: 'yes' })).status).toBe(400);
		expect((await control('POST', 'options', { lenient: true })).json.error).toMatch(
			/Unknown option lenient/,
		);
		expect(env.sandbox.options.strict).toBe(false);
	});
});

describe('Sandbox option mode', () => {
	const filters = () => ({
		user_id: env.sandbox.users[1].id,
		contact_id: env.sandbox.contacts[1].id,
		account_id: env.sandbox.contacts[1].account_id,
		priority: 'high',
		q_keywords: 'renewal',
	});
	const facets = { open_factor_names: ['task_types'] };

	it('extended: the filters narrow the search, and task_created_at and sort_ascending apply', async () => {
		env.sandbox.reset({ tasks: 120, mode: 'extended' });
		const narrowed = await call('POST', '/api/v1/tasks/search', {
			user_id: env.sandbox.users[1].id,
			sort_by_field: 'task_created_at',
			sort_ascending: true,
			per_page: 100,
		});
		const mine = env.sandbox.tasks.filter((t) => t.user_id === env.sandbox.users[1].id);
		expect(narrowed.json.pagination.total_entries).toBe(mine.length);
		expect(narrowed.json.pagination.total_entries).toBeLessThan(120);
		const created = narrowed.json.tasks.map((t: { created_at: string }) =>
			Date.parse(t.created_at),
		);
		expect(created).toEqual([...created].sort((a, b) => a - b));
	});

	it('documented: only the documented sort applies (the most future-dated first), filters and any other sort are ignored, and open_factor_names is required', async () => {
		env.sandbox.reset({ tasks: 120, mode: 'documented' });
		const page = await call('POST', '/api/v1/tasks/search', {
			...filters(),
			...facets,
			sort_by_field: 'task_created_at',
			sort_ascending: true,
			per_page: 100,
			page: 2,
		});
		expect(page.json.pagination).toEqual({
			page: 2,
			per_page: 100,
			total_entries: 120,
			total_pages: 2,
		});
		const dues = env.sandbox.tasks.map((t) => Date.parse(t.due_at)).sort((a, b) => b - a);
		expect(page.json.tasks.map((t: { due_at: string }) => Date.parse(t.due_at))).toEqual(
			dues.slice(100),
		);
		const byPriority = await call('POST', '/api/v1/tasks/search', {
			...facets,
			sort_by_field: 'task_priority',
			per_page: 100,
		});
		const ranks = byPriority.json.tasks.map((t: { priority: string }) =>
			['high', 'medium', 'low'].indexOf(t.priority),
		);
		expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
		expect(await call('POST', '/api/v1/tasks/search', { per_page: 10 })).toMatchObject({
			status: 422,
			json: { error: "Something's wrong with your API request. undefined method `[]' for nil" },
		});

		await control('POST', 'options', { mode: 'extended' });
		expect(
			(await call('POST', '/api/v1/tasks/search', filters())).json.pagination.total_entries,
		).toBe(0);
	});
});
