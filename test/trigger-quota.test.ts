import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { pollTrigger } from './harness/poll';
import { useVirtualClock } from './harness/clock';
import { MASTER_KEY, useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 0 });
const clock = useVirtualClock(() => env.sandbox);
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const YEAR = 365 * DAY;
const searches = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/search');

/** 5,000 scheduled tasks, due from 30 days ago to 11 months ahead, one every ~1.75 hours; returns those due within `hours` from now. */
function aYearOfTasks(hours: number): string[] {
	const now = Date.now();
	const [user] = env.sandbox.users;
	const step = YEAR / 5000;
	const inWindow: string[] = [];
	for (let i = 0; i < 5000; i++) {
		// Half a step off the window's edges, so the few ms between here and the poll change nothing.
		const dueAt = now - 30 * DAY + (i + 0.5) * step;
		const task = env.sandbox.insertTask({
			user_id: user.id,
			contact_id: env.sandbox.contacts[i % env.sandbox.contacts.length].id,
			type: 'call',
			priority: 'medium',
			status: 'scheduled',
			due_at: new Date(dueAt).toISOString(),
			created_at: new Date(now - YEAR + i * 60_000).toISOString(),
		});
		if (dueAt >= now && dueAt <= now + hours * HOUR) inWindow.push(task.id);
	}
	return inWindow;
}

/** Polls `times` times in a row, carrying the saved state as n8n does across restarts. */
async function pollTimes(times: number, params: INodeParameters, state: IDataObject) {
	const emitted: string[] = [];
	let mostRequests = 0;
	for (let poll = 0; poll < times; poll++) {
		env.sandbox.clearRequests();
		const result = await pollTrigger(params, env.credentials(), state);
		mostRequests = Math.max(mostRequests, searches().length);
		emitted.push(...result.items.map((i) => String(i.json.id)));
		state = result.staticData;
	}
	return { emitted, mostRequests, state };
}

async function complete(id: string) {
	const response = await fetch(`${env.sandbox.url}/api/v1/tasks/${id}/complete`, {
		method: 'POST',
		headers: { 'x-api-key': MASTER_KEY, 'content-type': 'application/json' },
		body: '{}',
	});
	expect(response.status).toBe(200);
}

describe('Apollo Tasks Trigger within the quota, over 5,000 tasks spread over a year', () => {
	it('Task Due finds the tasks due in the next 24 hours with a handful of requests, then one a poll', async () => {
		const expected = aYearOfTasks(24);
		expect(expected.length).toBeGreaterThan(10);

		const first = await pollTrigger({ event: 'taskDue', dueWithinHours: 24 }, env.credentials());
		expect(first.items.map((i) => i.json.id)).toEqual(expected);
		expect(searches().length).toBeLessThanOrEqual(12);
		expect(
			searches().every(
				(r) => r.body.sort_by_field === 'task_due_at' && r.body.sort_ascending === undefined,
			),
		).toBe(true);

		env.sandbox.clearRequests();
		const second = await pollTrigger(
			{ event: 'taskDue', dueWithinHours: 24 },
			env.credentials(),
			first.staticData,
		);
		expect(second.items).toHaveLength(0);
		expect(searches().length).toBeLessThanOrEqual(2);
	});

	it('New Task, where Apollo sorts by creation: a burst is read a budget at a time, each task once, across restarts; then one request a poll', async () => {
		// The cursor's cost; where Apollo ignores the sort the trigger sweeps instead (trigger-days.test.ts).
		env.sandbox.setOptions({ mode: 'extended' });
		aYearOfTasks(24);
		const params = { event: 'newTask', options: { maxRequests: 2 } };
		let state = (await pollTrigger({ event: 'newTask' }, env.credentials())).staticData;
		expect(searches()).toHaveLength(2);

		const [user] = env.sandbox.users;
		const added = Array.from(
			{ length: 250 },
			(_, i) =>
				env.sandbox.insertTask({
					user_id: user.id,
					contact_id: env.sandbox.contacts[i].id,
					type: 'call',
					status: 'scheduled',
					created_at: new Date(Date.now() + 1000 + i).toISOString(),
				}).id,
		);
		const polled = await pollTimes(3, params, state);
		expect(polled.mostRequests).toBeLessThanOrEqual(2);
		expect(polled.emitted).toEqual(added);
		state = polled.state;

		env.sandbox.clearRequests();
		const quiet = await pollTrigger(params, env.credentials(), state);
		expect(quiet.items).toHaveLength(0);
		expect(searches()).toHaveLength(1);
	});

	it('Task Completed: a bounded sweep announces each completion once, none from before activation', async () => {
		aYearOfTasks(24);
		const ids = env.sandbox.tasks.map((t) => t.id);
		await complete(ids[10]);
		const params = { event: 'taskCompleted', options: { maxRequests: 12 } };
		const state = (await pollTrigger(params, env.credentials())).staticData;

		clock.set(clock.now() + 60_000);
		await complete(ids[4000]);
		await complete(ids[20]);
		const polled = await pollTimes(6, params, state);
		expect(polled.mostRequests).toBeLessThanOrEqual(12);
		expect(polled.emitted.sort()).toEqual([ids[20], ids[4000]].sort());
	});
});

describe('Quota reserve', () => {
	it('skips polls with a log line, sending nothing, while the hourly quota left is below the reserve', async () => {
		// The middle of an hour for the sandbox and the trigger alike, so the window cannot reset between polls.
		const frozen = Date.UTC(2026, 10, 28, 12, 30, 0);
		clock.set(frozen);
		env.sandbox.setRateLimits({ hourly: 100 });
		const info = jest.spyOn(Container.get(Logger), 'info').mockImplementation(() => {});
		try {
			const first = await pollTrigger(
				{ event: 'newTask', options: { quotaReserve: 100 } },
				env.credentials(),
			);
			// Activation reads the first page, which here is the last one too.
			expect(searches()).toHaveLength(1);
			env.sandbox.clearRequests();

			const skipped = await pollTrigger(
				{ event: 'newTask', options: { quotaReserve: 100 } },
				env.credentials(),
				first.staticData,
			);
			expect(skipped.items).toHaveLength(0);
			expect(env.sandbox.requests).toHaveLength(0);
			expect(info).toHaveBeenCalledWith(
				expect.stringMatching(
					/skipped this poll: \d+ requests are left of the hourly quota, below the reserve of 100/,
				),
			);

			const noReserve = await pollTrigger(
				{ event: 'newTask', options: { quotaReserve: 0 } },
				env.credentials(),
				first.staticData,
			);
			expect(noReserve.items).toHaveLength(0);
			expect(searches()).toHaveLength(1);
		} finally {
			info.mockRestore();
		}
	});
});
