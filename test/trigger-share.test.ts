import { Logger } from '@n8n/backend-common';
import { Container } from '@n8n/di';
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { useVirtualClock } from './harness/clock';
import { pollTrigger } from './harness/poll';
import { addCallTask, MASTER_KEY, useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 150 });
const clock = useVirtualClock(() => env.sandbox);
const MINUTE = 60_000;
const searches = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/search');

const addTask = (createdAt: number) =>
	addCallTask(env.sandbox, { created_at: new Date(createdAt).toISOString() });

describe("The trigger's share of the hourly quota", () => {
	let info: jest.SpyInstance;
	beforeEach(() => {
		info = jest.spyOn(Container.get(Logger), 'info').mockImplementation(() => {});
	});
	afterEach(() => info.mockRestore());

	it('spends at most its share in an hour, spread over it; a skipped poll sends nothing and loses no event, across restarts', async () => {
		clock.set(Date.UTC(2026, 10, 28, 12, 0, 5));
		env.sandbox.setRateLimits({ hourly: 100 });
		const params: INodeParameters = { event: 'newTask', options: { quotaReserve: 0 } };
		let state: IDataObject = {};
		const emitted: string[] = [];
		const perPoll: number[] = [];
		const added: string[] = [];
		// An hour and ten minutes of polling every minute; a new task every ten minutes.
		for (let minute = 0; minute < 70; minute++) {
			if (minute % 10 === 5) added.push(addTask(clock.now() - 1_000).id);
			env.sandbox.clearRequests();
			const result = await pollTrigger(params, env.credentials(), state);
			perPoll.push(searches().length);
			emitted.push(...result.items.map((i) => String(i.json.id)));
			state = result.staticData;
			clock.set(clock.now() + MINUTE);
		}

		const firstHour = perPoll.slice(0, 60).reduce((a, b) => a + b, 0);
		expect(firstHour).toBe(10);
		// Spread over the hour: most polls send nothing, none more than two (a page and the one after it).
		expect(perPoll.slice(0, 60).filter((n) => n === 0).length).toBeGreaterThanOrEqual(50);
		expect(Math.max(...perPoll)).toBeLessThanOrEqual(2);
		expect(emitted.sort()).toEqual(added.sort());
		const shareLines = info.mock.calls.filter(([line]) => /used its share/.test(String(line)));
		expect(shareLines.map(([line]) => line)).toEqual([
			'Apollo Tasks Trigger used its share of the hourly quota: 10 of 100 requests (10 %); it skips its polls until 2026-11-28T13:00:00.000Z',
		]);
	});

	it('Task Completed on a 400/h account finds a completion near its due date within 10 minutes, at 40 requests an hour', async () => {
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		env.sandbox.reset({ tasks: 0 });
		const step = (365 * 24 * 60 * MINUTE) / 5000;
		const tasks = Array.from({ length: 5000 }, (_, i) =>
			addCallTask(env.sandbox, {
				contact_id: env.sandbox.contacts[i % 100].id,
				due_at: new Date(start - 182 * 1440 * MINUTE + i * step).toISOString(),
				created_at: new Date(start - 400 * 1440 * MINUTE + i * MINUTE).toISOString(),
			}),
		);
		env.sandbox.setRateLimits({ minute: 200, hourly: 400 });
		const nearDue = tasks.find((t) => Date.parse(t.due_at ?? '') > start + 600 * MINUTE)!;
		let state: IDataObject = {};
		let foundAt: number | undefined;
		let sent = 0;
		for (let minute = 0; minute < 60; minute++) {
			if (minute === 7) {
				const done = await fetch(`${env.sandbox.url}/api/v1/tasks/${nearDue.id}/complete`, {
					method: 'POST',
					headers: { 'x-api-key': MASTER_KEY, 'content-type': 'application/json' },
					body: '{}',
				});
				expect(done.status).toBe(200);
			}
			env.sandbox.clearRequests();
			const result = await pollTrigger({ event: 'taskCompleted' }, env.credentials(), state);
			sent += searches().length;
			if (result.items.some((i) => i.json.id === nearDue.id)) foundAt ??= minute;
			state = result.staticData;
			clock.set(clock.now() + MINUTE);
		}

		expect(sent).toBe(40);
		expect(foundAt! - 7).toBeLessThanOrEqual(10);
	});

	it('a trigger whose every poll fails still spends at most its share of the hour', async () => {
		clock.set(Date.UTC(2026, 10, 28, 12, 0, 5));
		env.sandbox.setRateLimits({ minute: 200, hourly: 400 });
		env.sandbox.addFault({
			path: '/tasks/search',
			action: 'status',
			status: 422,
			message: 'Something is wrong',
			times: Infinity,
		});
		let state: IDataObject = {};
		let failures = 0;
		for (let minute = 0; minute < 60; minute++) {
			const poll = await pollTrigger({ event: 'newTask' }, env.credentials(), state).catch(
				(error: Error & { staticData: IDataObject }) => error,
			);
			if (poll instanceof Error) failures++;
			state = poll.staticData;
			clock.set(clock.now() + MINUTE);
		}

		expect(failures).toBeGreaterThan(0);
		expect(searches().length).toBeLessThanOrEqual(40);
	});

	it("stops reading before n8n 2.x's poll time budget runs out, and the next poll goes on from there", async () => {
		env.sandbox.reset({ tasks: 0 });
		const first = await pollTrigger({ event: 'newTask' }, env.credentials());
		const added = Array.from({ length: 350 }, (_, i) => addTask(Date.now() + 1_000 + i).id);
		env.sandbox.clearRequests();
		env.sandbox.addFault({ path: '/tasks/search', action: 'slow', delayMs: 600, times: 10 });
		const started = clock.now();
		const params = { event: 'newTask', options: { maxRequests: 12 } };

		const squeezed = await pollTrigger(
			params,
			env.credentials(),
			first.staticData,
			'trigger',
			2_500,
		);
		// 600 ms a page: a page fits while 1.5 times the slowest request (1 s at first) is left of 2.5 s.
		expect(searches()).toHaveLength(2);
		expect(clock.now() - started).toBe(1_200);
		expect(squeezed.items).toHaveLength(200);
		env.sandbox.clearRequests();
		const rest = await pollTrigger(params, env.credentials(), squeezed.staticData);
		expect([...squeezed.items, ...rest.items].map((i) => i.json.id).sort()).toEqual(added.sort());
	});
});
