import { ApolloSandbox, callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 20 });
const call = (method: string, path: string, body?: unknown) =>
	callSandbox(env.sandbox, method, path, body);
const control = (method: string, route: string, body?: unknown) =>
	controlSandbox(env.sandbox, method, route, body);

const MINUTE_ENDS = Date.UTC(2027, 0, 4, 12, 0, 58);

describe('The sandbox clock', () => {
	it('starts a new rate window when the clock moves past the minute boundary, without waiting', async () => {
		let now = MINUTE_ENDS;
		env.sandbox.clock = () => now;
		env.sandbox.setRateLimits({ minute: 2 });
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(200);
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(200);
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(429);

		now = MINUTE_ENDS + 1_000;
		const sameMinute = await call('POST', '/api/v1/tasks/search', {});
		expect(sameMinute.status).toBe(429);
		expect(sameMinute.headers.get('x-minute-requests-left')).toBe('0');

		now = MINUTE_ENDS + 2_000;
		const nextMinute = await call('POST', '/api/v1/tasks/search', {});
		expect(nextMinute.status).toBe(200);
		expect(nextMinute.headers.get('x-minute-usage')).toBe('1');
		expect(nextMinute.headers.get('x-minute-requests-left')).toBe('1');
		expect(nextMinute.headers.get('x-hourly-usage')).toBe('3');
	});

	it('keeps the hourly window until the clock passes the hour, over the control API', async () => {
		await control('POST', 'clock', { now: '2027-01-04T12:59:59.000Z' });
		await control('POST', 'rate-limits', { hourly: 1 });
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(200);
		const limited = await call('POST', '/api/v1/tasks/search', {});
		expect(limited.status).toBe(429);
		expect(limited.json.message).toMatch(/is 1 times per hour/);

		const moved = await control('POST', 'clock', { advance: 1_000 });
		expect(moved.json).toEqual({ now: Date.UTC(2027, 0, 4, 13), iso: '2027-01-04T13:00:00.000Z' });
		expect((await call('POST', '/api/v1/tasks/search', {})).status).toBe(200);
	});

	it('stamps created_at, updated_at and completed_at with the clock', async () => {
		await control('POST', 'clock', { now: '2027-02-01T08:00:00.000Z' });
		const [user] = env.sandbox.users;
		const created = await call('POST', '/api/v1/tasks', {
			user_id: user.id,
			contact_id: env.sandbox.contacts[0].id,
			type: 'call',
			status: 'scheduled',
			due_at: '2027-02-02T09:00:00Z',
		});
		expect(created.json.task).toMatchObject({
			created_at: '2027-02-01T08:00:00.000Z',
			updated_at: '2027-02-01T08:00:00.000Z',
		});

		await control('POST', 'clock', { advance: 90_000 });
		await call('PATCH', `/api/v1/tasks/${created.json.task.id}`, {
			note: 'Moved',
			priority: 'high',
		});
		await control('POST', 'clock', { advance: 60_000 });
		const done = await call('POST', `/api/v1/tasks/${created.json.task.id}/complete`, {});
		expect(done.json.task).toMatchObject({
			created_at: '2027-02-01T08:00:00.000Z',
			completed_at: '2027-02-01T08:02:30.000Z',
			updated_at: '2027-02-01T08:02:30.000Z',
		});
		const stored = env.sandbox.tasks.find((t) => t.id === created.json.task.id);
		expect(stored).toMatchObject({ note: 'Moved', completed_at: '2027-02-01T08:02:30.000Z' });
	});

	it('reads, refuses a bad time, and goes back to real time on DELETE and on reset', async () => {
		await control('POST', 'clock', { now: 0 });
		expect((await control('GET', 'clock')).json).toEqual({
			now: 0,
			iso: '1970-01-01T00:00:00.000Z',
		});
		expect((await control('GET', 'state')).json.now).toBe('1970-01-01T00:00:00.000Z');
		const bad = await control('POST', 'clock', { now: 'next tuesday' });
		expect(bad.status).toBe(400);
		expect(bad.json.error).toMatch(/"next tuesday" is not a time/);

		const real = await control('DELETE', 'clock');
		expect(Math.abs(real.json.now - Date.now())).toBeLessThan(5_000);

		env.sandbox.setClock(0);
		env.sandbox.reset({ tasks: 1 });
		expect(Math.abs(env.sandbox.clock() - Date.now())).toBeLessThan(5_000);

		expect((await control('POST', 'reset', { tasks: 1, clock: 5 })).status).toBe(200);
		expect((await call('POST', '/api/v1/tasks/search', {})).json.tasks).toHaveLength(1);
	});

	it('takes a clock as a constructor option, and goes back to it on reset', async () => {
		const sandbox = new ApolloSandbox({ tasks: 0, clock: () => Date.UTC(2030, 5, 1) });
		await sandbox.start();
		try {
			sandbox.setClock(0);
			sandbox.reset({ tasks: 0 });
			const [user] = sandbox.users;
			const created = await callSandbox(sandbox, 'POST', '/api/v1/tasks', {
				user_id: user.id,
				contact_id: sandbox.contacts[0].id,
				type: 'call',
			});
			expect(created.json.task.created_at).toBe('2030-06-01T00:00:00.000Z');
		} finally {
			await sandbox.stop();
		}
	});
});
