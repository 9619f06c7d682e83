import { callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 30 });
const call = (method: string, path: string, body?: unknown) =>
	callSandbox(env.sandbox, method, path, body);
const control = (method: string, route: string, body?: unknown) =>
	controlSandbox(env.sandbox, method, route, body);
const LAG = 120;
/** The sandbox timer, moved by hand: the lag ends on it, whatever the sandbox clock does. */
let elapsed = 0;
const pass = (ms: number) => {
	elapsed += ms;
};
beforeEach(() => {
	elapsed = 0;
	env.sandbox.setTimer({ now: () => elapsed, sleep: async (ms) => pass(ms) });
});
afterEach(() => env.sandbox.setTimer(undefined));

const contactId = () => env.sandbox.contacts[29].id;
const fields = (extra: Record<string, unknown> = {}) => ({
	user_id: env.sandbox.users[0].id,
	type: 'call',
	status: 'scheduled',
	due_at: '2027-03-01T09:00:00Z',
	...extra,
});
/** The IDs task search finds for the contact, and the total it reports. */
async function searched() {
	const answer = await call('POST', '/api/v1/tasks/search', {
		contact_id: contactId(),
		per_page: 100,
		open_factor_names: ['task_types'],
	});
	expect(answer.status).toBe(200);
	return {
		ids: answer.json.tasks.map((t: { id: string }) => t.id).sort(),
		total: answer.json.pagination.total_entries,
		facets: answer.json.faceting.task_types,
	};
}
const seededIds = () =>
	env.sandbox.tasks
		.filter((t) => t.contact_id === contactId())
		.map((t) => t.id)
		.sort();

describe('Sandbox option searchLagMs', () => {
	it('is 0 by default: a task bulk-created shows in search at once', async () => {
		expect(env.sandbox.options.searchLagMs).toBe(0);
		const created = await call(
			'POST',
			'/api/v1/tasks/bulk_create',
			fields({ contact_ids: [contactId()] }),
		);
		expect((await searched()).ids).toContain(created.json.tasks[0].id);
	});

	it('keeps bulk-created tasks out of search, its total and its facets until the lag has passed on the sandbox timer, while get finds them at once', async () => {
		env.sandbox.reset({ tasks: 30, searchLagMs: LAG });
		const before = await searched();
		expect(before.ids).toEqual(seededIds());
		const created = await call(
			'POST',
			'/api/v1/tasks/bulk_create',
			fields({ contact_ids: [contactId(), contactId()], type: 'action_item' }),
		);
		const ids: string[] = created.json.tasks.map((t: { id: string }) => t.id);
		expect(ids).toHaveLength(2);

		const during = await searched();
		expect(during).toEqual(before);
		expect(during.facets.some((f: { value: string }) => f.value === 'action_item')).toBe(false);
		for (const id of ids) expect((await call('GET', `/api/v1/tasks/${id}`)).status).toBe(200);

		pass(LAG - 1);
		expect(await searched()).toEqual(before);
		pass(1);
		const after = await searched();
		expect(after.ids).toEqual([...before.ids, ...ids].sort());
		expect(after.total).toBe(before.total + 2);
		expect(after.facets).toContainEqual(
			expect.objectContaining({ value: 'action_item', count: 2 }),
		);
	});

	it('ends on the timer, not the clock: a frozen sandbox clock does not hold it, and advancing that clock does not end it', async () => {
		env.sandbox.reset({ tasks: 30, searchLagMs: LAG });
		env.sandbox.setClock('2027-01-01T00:00:00Z');
		const created = await call('POST', '/api/v1/tasks', fields({ contact_id: contactId() }));
		const id = created.json.task.id;
		env.sandbox.advanceClock(86_400_000);
		expect((await searched()).ids).not.toContain(id);

		pass(LAG);
		expect((await searched()).ids).toContain(id);
		expect(env.sandbox.clock()).toBe(Date.parse('2027-01-02T00:00:00Z'));
	});

	it('switched on over the control API, hides a single create even after it is skipped; tasks made by hand and seeded never lag', async () => {
		expect((await control('POST', 'options', { searchLagMs: LAG })).json.options.searchLagMs).toBe(
			LAG,
		);
		const created = await call('POST', '/api/v1/tasks', fields({ contact_id: contactId() }));
		const id = created.json.task.id;
		const skipped = await call('POST', `/api/v1/tasks/${id}/skip`, { note: 'Not needed' });
		expect(skipped.json.task.status).toBe('skipped');
		const byHand = env.sandbox.insertTask(fields({ contact_id: contactId() }));

		const during = await searched();
		expect(during.ids).toContain(byHand.id);
		expect(during.ids).not.toContain(id);
		expect(during.ids).toEqual(expect.arrayContaining(seededIds().filter((t) => t !== id)));

		pass(LAG);
		expect((await searched()).ids).toContain(id);
	});

	it('applies to tasks created while it is on; reset forgets the lagging ones', async () => {
		env.sandbox.setOptions({ searchLagMs: 60_000 });
		await call('POST', '/api/v1/tasks', fields({ contact_id: contactId() }));
		env.sandbox.setOptions({ searchLagMs: 0 });
		const now = await call('POST', '/api/v1/tasks', fields({ contact_id: contactId() }));
		const shown = (await searched()).ids;
		expect(shown).toContain(now.json.task.id);
		expect(shown).toHaveLength(seededIds().length - 1);

		env.sandbox.reset({ tasks: 30 });
		expect((await searched()).ids).toEqual(seededIds());
	});

	it('refuses a lag that is not a number of milliseconds', async () => {
		expect((await control('POST', 'options', { searchLagMs: -1 })).status).toBe(400);
		expect((await control('POST', 'options', { searchLagMs: '100' })).json.error).toMatch(
			/Option searchLagMs cannot be "100"/,
		);
		expect(() => env.sandbox.reset({ searchLagMs: Number.NaN })).toThrow(/searchLagMs/);
		env.sandbox.reset({ tasks: 30 });
		expect(env.sandbox.options.searchLagMs).toBe(0);
	});
});
