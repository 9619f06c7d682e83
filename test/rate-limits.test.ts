import { loadWorkflow, runWorkflow, withParameters } from './harness/engine';
import { useVirtualClock } from './harness/clock';
import { callSandbox, useSandbox } from './harness/sandbox';

// Retries and pacing, counted where Apollo applies what a search asks: one request a page.
const env = useSandbox({ mode: 'extended' });
const NODE = 'Apollo Tasks';
const search = loadWorkflow('search-tasks.json');
const clock = useVirtualClock(() => env.sandbox);

describe('Rate limits', () => {
	it("keeps each endpoint's windows apart, as Apollo counts them: a used-up search minute does not hold back a create", async () => {
		clock.set(Date.UTC(2026, 10, 28, 12, 0, 30));
		env.sandbox.setRateLimits({ minute: 1 });
		const create = loadWorkflow('create-tasks.json');
		const result = await runWorkflow(create, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		// The duplicate check used the search's minute; the create goes at once, on its own window; the
		// confirming search waits for the next minute.
		expect(
			env.sandbox.requests.map((r) => [
				r.path.replace('/api/v1', ''),
				r.status,
				new Date(r.at).toISOString().slice(11, 19),
			]),
		).toEqual([
			['/tasks/search', 200, '12:00:30'],
			['/tasks/bulk_create', 200, '12:00:30'],
			['/tasks/search', 200, '12:01:00'],
		]);
	});

	it('paces a Return All by the headers: the request after a used-up minute goes to the next window, with no 429', async () => {
		clock.set(Date.UTC(2026, 10, 28, 12, 0, 50));
		env.sandbox.setRateLimits({ minute: 2 });
		const result = await runWorkflow(
			withParameters(search, NODE, { returnAll: true }),
			env.credentials(),
		);

		expect(result.output(NODE)).toHaveLength(300);
		expect(
			env.sandbox.requests.map((r) => [r.status, new Date(r.at).toISOString().slice(11, 19)]),
		).toEqual([
			[200, '12:00:50'],
			[200, '12:00:50'],
			[200, '12:01:00'],
		]);
		expect(clock.now()).toBeLessThan(Date.UTC(2026, 10, 28, 12, 1, 1));
	});

	it('after a 429 whose headers say the minute window is used up, asks again only after the window resets', async () => {
		clock.set(Date.UTC(2026, 10, 28, 12, 0, 30));
		env.sandbox.setRateLimits({ minute: 2 });
		// Another workflow with the same key used up this minute.
		await callSandbox(env.sandbox, 'POST', '/api/v1/tasks/search', {});
		await callSandbox(env.sandbox, 'POST', '/api/v1/tasks/search', {});
		env.sandbox.clearRequests();
		const result = await runWorkflow(search, env.credentials());

		expect(result.output(NODE)).toHaveLength(50);
		const [refused, next] = env.sandbox.requests;
		expect(refused).toMatchObject({ status: 429, at: Date.UTC(2026, 10, 28, 12, 0, 30) });
		expect(next.status).toBe(200);
		expect(next.at).toBeGreaterThanOrEqual(Date.UTC(2026, 10, 28, 12, 1, 0));
		expect(env.sandbox.requests).toHaveLength(2);
	});

	it('waits for an hourly window when its reset is within Max Wait, and stops at once when it is not', async () => {
		clock.set(Date.UTC(2026, 10, 28, 12, 59, 0));
		env.sandbox.setRateLimits({ hourly: 1 });
		const waited = await runWorkflow(
			withParameters(search, NODE, { limit: 150, options: { maxRateLimitWait: 90 } }),
			env.credentials(),
		);
		expect(waited.output(NODE)).toHaveLength(150);
		expect(env.sandbox.requests.map((r) => new Date(r.at).toISOString().slice(11, 16))).toEqual([
			'12:59',
			'13:00',
		]);

		env.sandbox.clearRequests();
		clock.set(Date.UTC(2026, 10, 28, 13, 30, 0));
		const refused = await runWorkflow(
			withParameters(search, NODE, { limit: 150, options: { maxRateLimitWait: 90 } }),
			env.credentials(),
		);
		expect(refused.error(NODE)!.message).toBe(
			"Apollo's hourly rate limit for api/v1/tasks/search is used up",
		);
		expect(String(refused.error(NODE)!.description)).toMatch(/It resets at 2026-11-28T14:00:00Z/);
		expect(env.sandbox.requests).toHaveLength(1);
	});

	it('a cancelled execution ends a rate-limit wait at once and sends nothing more', async () => {
		// Time stands still at 30 s into a minute, and the wait holds until the cancel ends it.
		const frozen = Date.UTC(2026, 10, 28, 12, 0, 30);
		clock.set(frozen);
		const waiting = clock.holdWaits();
		env.sandbox.setRateLimits({ minute: 1 });
		const result = runWorkflow(
			withParameters(search, NODE, { limit: 150, options: { maxRateLimitWait: 600 } }),
			env.credentials(),
			'UTC',
			(execution) => void waiting.then(() => execution.cancel()),
		);
		const run = await result.catch((error: Error) => error);

		// The node waited for the next minute window (30 s); the cancel, not the time, ended the wait.
		expect(await waiting).toBeGreaterThanOrEqual(29_000);
		expect(clock.now()).toBe(frozen);
		expect(env.sandbox.requests).toHaveLength(1);
		expect(JSON.stringify(run instanceof Error ? run.message : run.run.data.resultData)).toMatch(
			/cancel/i,
		);
	});
});
