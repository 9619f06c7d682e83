import { FREE_KEY, MASTER_KEY, PLAIN_KEY, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 120 });

async function call(method: string, path: string, body?: unknown, key: string | null = MASTER_KEY) {
	const response = await fetch(`${env.sandbox.url}${path}`, {
		method,
		headers: { 'content-type': 'application/json', ...(key ? { 'x-api-key': key } : {}) },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers of any shape are inspected
	let json: any;
	try {
		json = JSON.parse(text);
	} catch {
		json = undefined;
	}
	return { status: response.status, headers: response.headers, json, text };
}

describe('The Apollo sandbox', () => {
	it("checks the key like Apollo's reference: none or unknown is a text 401, a key without the endpoint in its scope 403 API_INACCESSIBLE, a free plan 403", async () => {
		expect((await call('POST', '/api/v1/tasks/search', {}, null)).status).toBe(401);
		const unknown = await call('POST', '/api/v1/tasks/search', {}, 'nope');
		expect(unknown.text).toMatch(/^Invalid API key\./);
		expect(unknown.headers.get('content-type')).toMatch(/^text\/plain/);
		expect((await call('POST', '/api/v1/tasks/search', {}, PLAIN_KEY)).json.error_code).toBe(
			'API_INACCESSIBLE',
		);
		expect((await call('POST', '/api/v1/contacts/search', {}, PLAIN_KEY)).status).toBe(200);
		expect((await call('POST', '/api/v1/tasks/search', {}, FREE_KEY)).json).toEqual({
			message: 'This endpoint is only available to Apollo users on paid plans.',
		});
	});

	it('pages tasks with Apollo pagination and refuses more than 100 a page', async () => {
		const page = await call('POST', '/api/v1/tasks/search', { page: 2, per_page: 50 });
		expect(page.json.pagination).toEqual({
			page: 2,
			per_page: 50,
			total_entries: 120,
			total_pages: 3,
		});
		expect(page.json.tasks).toHaveLength(50);
		expect(page.json.tasks[0]).toHaveProperty('contact.email');
		expect((await call('POST', '/api/v1/tasks/search', { per_page: 101 })).json).toEqual({
			error: 'Per page not supported',
		});
		expect((await call('POST', '/api/v1/tasks/search', { page: 501, per_page: 100 })).status).toBe(
			422,
		);
	});

	it('creates one task per contact, answers with the tasks, and validates fields with 422', async () => {
		const [user] = env.sandbox.users;
		const ids = env.sandbox.contacts.slice(0, 2).map((c) => c.id);
		const created = await call('POST', '/api/v1/tasks/bulk_create', {
			user_id: user.id,
			contact_ids: ids,
			type: 'call',
			priority: 'low',
		});
		expect(created.json.success).toBe(true);
		expect(created.json.tasks.map((t: { contact_id: string }) => t.contact_id)).toEqual(ids);
		expect(env.sandbox.tasks).toHaveLength(122);
		const bad = await call('POST', '/api/v1/tasks/bulk_create', {
			user_id: user.id,
			contact_ids: ids,
			type: 'email',
		});
		expect(bad.status).toBe(422);
		expect(bad.json.error).toMatch(/type must be one of/);
	});

	it('gets, updates, completes and skips a task', async () => {
		const [task, other] = env.sandbox.tasks.filter((t) => t.status === 'scheduled');
		expect((await call('GET', `/api/v1/tasks/${task.id}`)).json.task.id).toBe(task.id);
		expect(
			(await call('PATCH', `/api/v1/tasks/${task.id}`, { priority: 'high' })).json.task.priority,
		).toBe('high');
		expect(
			(await call('POST', `/api/v1/tasks/${task.id}/complete`, { note: 'Done' })).json.task,
		).toMatchObject({ status: 'completed', note: 'Done' });
		expect(
			(await call('PATCH', `/api/v1/tasks/${task.id}`, { due_at: '2027-01-01T09:00:00Z' })).status,
		).toBe(422);
		expect((await call('POST', `/api/v1/tasks/${other.id}/skip`, {})).json.task.status).toBe(
			'skipped',
		);
		expect((await call('GET', '/api/v1/tasks/ffffffffffffffffffffffff')).status).toBe(422);
	});

	it('keeps fixed-window rate limits with Apollo headers and a 429 that names the window', async () => {
		env.sandbox.setRateLimits({ minute: 2 });
		const first = await call('POST', '/api/v1/tasks/search', {});
		expect(first.headers.get('x-rate-limit-minute')).toBe('2');
		expect(first.headers.get('x-minute-requests-left')).toBe('1');
		await call('POST', '/api/v1/tasks/search', {});
		const limited = await call('POST', '/api/v1/tasks/search', {});
		expect(limited.status).toBe(429);
		expect(limited.json.message).toBe(
			'The maximum number of api calls allowed for api/v1/tasks/search is 2 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.',
		);
		expect(limited.headers.get('retry-after')).toBeNull();
		expect((await call('POST', '/api/v1/contacts/search', {})).status).toBe(200);
	});

	it('injects faults on the Nth matching request, and can be driven over HTTP', async () => {
		await call(
			'POST',
			'/__sandbox/faults',
			[{ path: '/tasks/search', action: 'status', status: 503, after: 1 }],
			null,
		);
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(200);
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(503);
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(200);

		await call('POST', '/__sandbox/faults', { path: '/tasks/search', action: 'html' }, null);
		const html = await call('POST', '/api/v1/tasks/search', {});
		expect([html.status, html.text.startsWith('<html>')]).toEqual([502, true]);

		await call('POST', '/__sandbox/faults', { path: '/tasks/search', action: 'malformed' }, null);
		expect((await call('POST', '/api/v1/tasks/search', {})).json).toBeUndefined();

		const state = await call('GET', '/__sandbox/state', undefined, null);
		expect(state.json).toMatchObject({ tasks: 120, faults: expect.any(Array) });
		await call('DELETE', '/__sandbox/faults', undefined, null);
		expect(env.sandbox.faults).toHaveLength(0);
		const log = await call('GET', '/__sandbox/requests', undefined, null);
		expect(log.json.map((r: { status: number }) => r.status)).toEqual([200, 503, 200, 502, 200]);
	});

	it('makes a create happen and then drops the answer when told to', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop-after' });
		const [user] = env.sandbox.users;
		await expect(
			call('POST', '/api/v1/tasks/bulk_create', {
				user_id: user.id,
				contact_ids: [env.sandbox.contacts[0].id],
				type: 'call',
			}),
		).rejects.toThrow();
		expect(env.sandbox.tasks).toHaveLength(121);
	});
});
