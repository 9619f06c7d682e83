import type { IDataObject } from 'n8n-workflow';

import { useVirtualClock } from './harness/clock';
import { pollTrigger } from './harness/poll';
import { MASTER_KEY, useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 0 });
const clock = useVirtualClock(() => env.sandbox);
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;

describe('Each trigger event emits each task once over days of polling', () => {
	it('Task Completed: a completion near its due date is emitted once in two days of polls every minute', async () => {
		const start = Date.UTC(2026, 10, 28, 12, 0, 20);
		clock.set(start);
		// 300 tasks (3 pages) due from three days ago to three days ahead.
		const tasks = Array.from({ length: 300 }, (_, i) =>
			env.sandbox.insertTask({
				user_id: env.sandbox.users[0].id,
				contact_id: env.sandbox.contacts[i % 100].id,
				type: 'call',
				priority: 'medium',
				status: 'scheduled',
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
});
