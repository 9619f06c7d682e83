import type { IDataObject } from 'n8n-workflow';

import { useVirtualClock } from './harness/clock';
import { pollTrigger } from './harness/poll';
import { addCallTask, MASTER_KEY, useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 0 });
const clock = useVirtualClock(() => env.sandbox);
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const searches = () => env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/search');

/** A scheduled call task created and due at these times. */
const addTask = (createdAt: number, dueAt: number) =>
	addCallTask(env.sandbox, {
		due_at: new Date(dueAt).toISOString(),
		created_at: new Date(createdAt).toISOString(),
	});

describe('Each trigger event emits each task once over days of polling', () => {
	it('Task Completed: a completion near its due date is emitted once in two days of polls every minute', async () => {
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		// 300 tasks (3 pages) due from three days ago to three days ahead.
		const tasks = Array.from({ length: 300 }, (_, i) =>
			addCallTask(env.sandbox, {
				contact_id: env.sandbox.contacts[i % 100].id,
				due_at: new Date(start - 3 * DAY + i * 29 * MINUTE).toISOString(),
				created_at: new Date(start - 10 * DAY + i * MINUTE).toISOString(),
			}),
		);
		const nearDue = tasks.find((t) => Date.parse(t.due_at ?? '') > start + 60 * MINUTE)!;
		let state: IDataObject = {};
		const emittedAt: number[] = [];
		for (let minute = 0; minute < 2 * 1440; minute++) {
			if (minute === 3) {
				const done = await fetch(`${env.sandbox.url}/api/v1/tasks/${nearDue.id}/complete`, {
					method: 'POST',
					headers: { 'x-api-key': MASTER_KEY, 'content-type': 'application/json' },
					body: '{}',
				});
				expect(done.status).toBe(200);
			}
			const result = await pollTrigger({ event: 'taskCompleted' }, env.credentials(), state);
			for (const item of result.items) {
				expect(item.json.id).toBe(nearDue.id);
				emittedAt.push(minute);
			}
			state = result.staticData;
			env.sandbox.clearRequests();
			clock.set(clock.now() + MINUTE);
		}

		expect(emittedAt).toHaveLength(1);
		expect(emittedAt[0]).toBeLessThanOrEqual(3 + 10);
	}, 120_000);

	it('New Task: thirteen new tasks in two hours and more, each emitted once in two days of polls every two minutes, within its share of a 400/h account', async () => {
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		env.sandbox.setRateLimits({ minute: 200, hourly: 400 });
		for (let i = 0; i < 300; i++)
			addTask(start - 10 * DAY + i * MINUTE, start + (i - 150) * 17 * MINUTE);
		let state: IDataObject = {};
		const added: string[] = [];
		const emitted: string[] = [];
		const perHour = new Map<number, number>();
		for (let minute = 0; minute < 2 * 1440; minute += 2) {
			// One every ten minutes, from minute 10 to minute 130.
			if (minute > 0 && minute <= 130 && minute % 10 === 0)
				added.push(addTask(clock.now() - 1_000, clock.now() + DAY).id);
			const result = await pollTrigger({ event: 'newTask' }, env.credentials(), state);
			emitted.push(...result.items.map((i) => String(i.json.id)));
			const hour = Math.floor(minute / 60);
			perHour.set(hour, (perHour.get(hour) ?? 0) + searches().length);
			state = result.staticData;
			env.sandbox.clearRequests();
			clock.set(clock.now() + 2 * MINUTE);
		}

		expect(added).toHaveLength(13);
		expect(emitted.sort()).toEqual(added.sort());
		expect(Math.max(...perHour.values())).toBeLessThanOrEqual(40);
	}, 120_000);

	it('Task Due: each task coming due is announced once in two days of polls every five minutes', async () => {
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		// 300 scheduled tasks due from a day ago to four days ahead.
		const tasks = Array.from({ length: 300 }, (_, i) =>
			addTask(start - 10 * DAY + i * MINUTE, start - DAY + i * 24 * MINUTE),
		);
		let state: IDataObject = {};
		const announced = new Map<string, number>();
		const end = start + 2 * DAY;
		for (let now = start; now < end; now += 5 * MINUTE) {
			clock.set(now);
			const result = await pollTrigger(
				{ event: 'taskDue', dueWithinHours: 24 },
				env.credentials(),
				state,
			);
			for (const item of result.items)
				announced.set(String(item.json.id), (announced.get(String(item.json.id)) ?? 0) + 1);
			state = result.staticData;
		}

		// Every task due before the last poll's window closed was announced, each once.
		const lastWindowEnd = end - 5 * MINUTE + 24 * 60 * MINUTE;
		const due = tasks.filter((t) => {
			const at = Date.parse(String(t.due_at));
			return at >= start && at <= lastWindowEnd;
		});
		expect([...announced.keys()].sort()).toEqual(due.map((t) => t.id).sort());
		expect([...announced.values()].every((times) => times === 1)).toBe(true);
	}, 120_000);
});

describe('New Task when the last page is full', () => {
	it('emits a new task within minutes on a 400/h account when the tasks fill exactly 50 pages', async () => {
		env.sandbox.setOptions({ mode: 'extended' });
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		env.sandbox.setRateLimits({ minute: 200, hourly: 400 });
		for (let i = 0; i < 5000; i++) addTask(start - 10 * DAY + i * MINUTE, start + i * MINUTE);
		let state: IDataObject = {};
		let added: string | undefined;
		let emittedAt: number | undefined;
		for (let minute = 0; minute < 60; minute++) {
			if (minute === 5) added = addTask(clock.now() - 1_000, clock.now() + DAY).id;
			const result = await pollTrigger({ event: 'newTask' }, env.credentials(), state);
			if (result.items.some((i) => i.json.id === added)) emittedAt ??= minute;
			state = result.staticData;
			clock.set(clock.now() + MINUTE);
		}

		expect(emittedAt).toBeDefined();
		expect(emittedAt! - 5).toBeLessThanOrEqual(3);
	});
});

describe('New Task when Apollo stops applying the sort by creation', () => {
	it('emits the tasks created since the cursor moved, however long ago, once: the sweep starts from the cursor', async () => {
		env.sandbox.setOptions({ mode: 'extended' });
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		for (let i = 0; i < 120; i++) addTask(start - 10 * DAY + i * MINUTE, start + i * MINUTE);
		let state = (await pollTrigger({ event: 'newTask' }, env.credentials())).staticData;
		clock.set(start + 5 * MINUTE);
		const early = addTask(clock.now(), clock.now() + DAY).id;
		clock.set(start + 40 * MINUTE);
		const late = addTask(clock.now(), clock.now() + DAY).id;
		env.sandbox.setOptions({ mode: 'documented' });
		const emitted: string[] = [];
		for (let poll = 0; poll < 5; poll++) {
			clock.set(clock.now() + MINUTE);
			const result = await pollTrigger({ event: 'newTask' }, env.credentials(), state);
			emitted.push(...result.items.map((i) => String(i.json.id)));
			state = result.staticData;
		}

		expect(emitted.sort()).toEqual([early, late].sort());
	});
});
