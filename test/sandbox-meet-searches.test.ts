import { callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 10 });
const call = (method: string, path: string, body?: unknown) =>
	callSandbox(env.sandbox, method, path, body);
const control = (method: string, route: string, body?: unknown) =>
	controlSandbox(env.sandbox, method, route, body);
const search = () => call('POST', '/api/v1/tasks/search', { per_page: 100 });
const state = async () => (await control('GET', 'state')).json.meetSearches;

/** Asks the sandbox's state until `arrived` searches are being held: each ask lets the requests on their way arrive. */
async function held(arrived: number) {
	for (let i = 0; i < 200; i++) {
		const now = await state();
		if (now?.waiting && now.arrived === arrived) return now;
	}
	throw new Error(`never saw ${arrived} searches held`);
}
/** A request, and whether it has been answered yet. */
function watched<T>(request: Promise<T>) {
	const w = { answered: false, answer: request };
	void request.then(() => (w.answered = true));
	return w;
}

describe('Sandbox option meetSearches', () => {
	afterEach(() => env.sandbox.setTimer(undefined));

	it('is off by default: a search is answered at once and the state shows no meeting', async () => {
		expect(env.sandbox.options.meetSearches).toBeNull();
		expect((await search()).status).toBe(200);
		expect(await state()).toBeNull();
	});

	it('holds the first search until the second arrives, then answers both from the data as it is then, and switches itself off', async () => {
		env.sandbox.setOptions({ meetSearches: { count: 2, timeoutMs: 5_000 } });
		expect(env.sandbox.options.meetSearches).toEqual({ count: 2, timeoutMs: 5_000 });
		const first = watched(search());
		expect(await held(1)).toMatchObject({ count: 2, arrived: 1, waiting: true });

		const created = await call('POST', '/api/v1/tasks/bulk_create', {
			user_id: env.sandbox.users[0].id,
			contact_ids: [env.sandbox.contacts[0].id],
			type: 'call',
		});
		expect(created.status).toBe(200);
		expect(first.answered).toBe(false);

		const [a, b] = await Promise.all([first.answer, search()]);
		for (const answer of [a, b]) {
			expect(answer.status).toBe(200);
			expect(answer.json.pagination.total_entries).toBe(11);
			expect(answer.json.tasks.map((t: { id: string }) => t.id)).toContain(
				created.json.tasks[0].id,
			);
		}
		expect(await state()).toEqual({
			count: 2,
			timeoutMs: 5_000,
			arrived: 2,
			waiting: false,
			timedOut: false,
		});
		expect(env.sandbox.options.meetSearches).toBeNull();
		expect((await search()).status).toBe(200);
		expect((await state()).arrived).toBe(2);
	});

	it('holds only task searches: other requests go through while it waits', async () => {
		env.sandbox.setOptions({ meetSearches: { count: 2 } });
		const first = watched(search());
		await held(1);
		const task = env.sandbox.tasks[0];
		expect((await call('GET', `/api/v1/tasks/${task.id}`)).status).toBe(200);
		expect((await call('POST', '/api/v1/contacts/search', {})).status).toBe(200);
		expect(first.answered).toBe(false);
		expect((await state()).arrived).toBe(1);
		await search();
		expect((await first.answer).status).toBe(200);
	});

	it('lets the held searches go when timeoutMs has passed on the sandbox timer since the first, and is off afterwards', async () => {
		const timeouts: Array<{ ms: number; pass: () => void }> = [];
		env.sandbox.setTimer({
			now: () => 0,
			sleep: (ms) => new Promise<void>((pass) => timeouts.push({ ms, pass })),
		});
		await control('POST', 'options', { meetSearches: { count: 3, timeoutMs: 80 } });
		const first = watched(search());
		const second = watched(search());
		await held(2);
		expect(timeouts.map((t) => t.ms)).toEqual([80]);
		expect([first.answered, second.answered]).toEqual([false, false]);

		timeouts[0].pass();
		const [a, b] = await Promise.all([first.answer, second.answer]);
		expect([a.status, b.status]).toEqual([200, 200]);
		expect(await state()).toMatchObject({ arrived: 2, waiting: false, timedOut: true });
		expect((await control('GET', 'options')).json.meetSearches).toBeNull();
	});

	it('switched off, or the sandbox reset, lets a held search go at once', async () => {
		env.sandbox.setOptions({ meetSearches: { count: 2 } });
		const first = watched(search());
		await held(1);
		await control('POST', 'options', { meetSearches: null });
		expect((await first.answer).status).toBe(200);
		expect(await state()).toBeNull();

		env.sandbox.reset({ tasks: 10, meetSearches: { count: 2 } });
		expect(env.sandbox.options.meetSearches).toEqual({ count: 2, timeoutMs: 5_000 });
		const second = watched(search());
		await held(1);
		env.sandbox.reset({ tasks: 10 });
		expect((await second.answer).status).toBe(200);
		expect(env.sandbox.options.meetSearches).toBeNull();
	});

	it('refuses a meeting without a positive whole count or with a bad timeout', async () => {
		for (const meetSearches of [
			{ count: 0 },
			{ count: 1.5 },
			{ count: 2, timeoutMs: 0 },
			2,
			true,
		]) {
			const answer = await control('POST', 'options', { meetSearches });
			expect(answer.status).toBe(400);
			expect(answer.json.error).toMatch(/Option meetSearches cannot be/);
		}
		expect(env.sandbox.options.meetSearches).toBeNull();
	});
});
