/**
 * The triggers' share of the hourly quota, simulated on the sandbox's clock: 5,000 tasks due across a
 * year, polling every minute, 30 completions over the first hour (24 on tasks due within two days of
 * now, 6 anywhere). Prints a Markdown section. Usage: node .bench/scripts/bench/share.js <sandbox URL>
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import type { Clock } from '../../nodes/ApolloTasks/transport/settings';
import { ApolloTasksTrigger } from '../../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';
import { APOLLO_TASKS_TRIGGER, registerNodeType } from '../../test/harness/nodeTypes';
import { pollTrigger } from '../../test/harness/poll';
import { EVENTS } from './events';

const [sandboxUrl] = process.argv.slice(2);
const KEY = 'sandbox-master-key';
const credentials = { apolloTasksApi: { apiKey: KEY, baseUrl: sandboxUrl } };
const MINUTE = 60_000;
const DAY = 1440 * MINUTE;
const START = Date.UTC(2026, 11, 1, 10, 0, 30);
const HOURS = 4;

let now = START;
const clock: Clock = { now: () => now, sleep: async (ms) => void (now += Math.max(0, ms)) };
registerNodeType(APOLLO_TASKS_TRIGGER, new ApolloTasksTrigger(clock));

async function call(method: string, path: string, body?: unknown): Promise<unknown> {
	const headers = { 'x-api-key': KEY, 'content-type': 'application/json' };
	const response = await fetch(`${sandboxUrl}${path}`, {
		method,
		headers,
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
	return await response.json();
}
const control = async (method: string, route: string, body?: unknown) =>
	await call(method, `/__sandbox/${route}`, body);

/** A fixed sequence of pseudo-random numbers in [0, 1), the same every run. */
function random(seed: number): () => number {
	let state = seed;
	return () => {
		state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
		return state / 2 ** 31;
	};
}

type Task = { id: string; due_at: string };

/** What the sandbox's task search reads: see sandbox/options.js. */
export type SearchMode = 'extended' | 'documented';

async function seed(mode: SearchMode): Promise<Task[]> {
	await control('POST', 'reset', { tasks: 0, contacts: 500, users: 3, mode });
	await control('POST', 'clock', { now: START - 200 * DAY });
	const [user] = (await control('GET', 'users')) as Array<{ id: string }>;
	const contacts = (await control('GET', 'contacts')) as Array<{ id: string }>;
	// 250 creates of 20 tasks, each with its own due date: one every 1.5 days across the year.
	for (let b = 0; b < 250; b++) {
		await control('POST', 'clock', { now: START - 200 * DAY + b * 0.75 * DAY });
		const dueAt = new Date(START - 182 * DAY + (b + 0.5) * ((365 * DAY) / 250)).toISOString();
		const ids = contacts.slice((b * 20) % 500, ((b * 20) % 500) + 20).map((c) => c.id);
		await call('POST', '/api/v1/tasks/bulk_create', {
			user_id: user.id,
			contact_ids: ids,
			type: 'call',
			priority: 'medium',
			status: 'scheduled',
			due_at: dueAt,
		});
	}
	return (await control('GET', 'tasks')) as Task[];
}

/** 30 completions at random minutes of the first hour: 24 on tasks due within two days of now. */
function completions(tasks: Task[]): Array<{ at: number; id: string; nearDue: boolean }> {
	const next = random(7);
	const near = tasks.filter((t) => Math.abs(Date.parse(t.due_at) - START) <= 2 * DAY);
	const pick = (list: Task[]) => list.splice(Math.floor(next() * list.length), 1)[0];
	const others = tasks.filter((t) => !near.includes(t));
	return Array.from({ length: 30 }, (_, i) => {
		const nearDue = i < 24;
		return {
			at: START + Math.floor(next() * 59) * MINUTE,
			id: pick(nearDue ? near : others).id,
			nearDue,
		};
	});
}

const percentile = (values: number[], p: number) => {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
};

/**
 * Polls one event every minute for `hours` on the sandbox's clock; `firstHour` counts the task searches
 * of the first hour.
 */
export async function simulate(
	event: string,
	limit: number,
	{ mode = 'extended', hours = HOURS }: { mode?: SearchMode; hours?: number } = {},
) {
	const tasks = await seed(mode);
	await control('POST', 'rate-limits', { minute: 200, hourly: limit });
	const plan = event === 'taskCompleted' ? completions(tasks) : [];
	const seen = new Map<string, number>();
	let state: IDataObject = {};
	let firstHour = 0;
	let skipped = 0;
	const params: INodeParameters = { event, dueWithinHours: 24 };
	for (let minute = 0; minute < hours * 60; minute++) {
		now = START + minute * MINUTE;
		await control('POST', 'clock', { now });
		for (const done of plan.filter((c) => c.at <= now && !c.id.startsWith('!'))) {
			await call('POST', `/api/v1/tasks/${done.id}/complete`, {});
			done.id = `!${done.id}`;
		}
		await control('DELETE', 'requests');
		const result = await pollTrigger(params, credentials, state);
		state = result.staticData;
		for (const item of result.items)
			if (!seen.has(String(item.json.id))) seen.set(String(item.json.id), now);
		const sent = ((await control('GET', 'requests')) as Array<{ path: string }>).filter(
			(r) => r.path === '/api/v1/tasks/search',
		).length;
		if (minute < 60) {
			firstHour += sent;
			if (sent === 0) skipped++;
		}
	}
	const delays = (nearDue: boolean) =>
		plan
			.filter((c) => c.nearDue === nearDue)
			.map((c) => seen.get(c.id.slice(1)))
			.map((at, i) =>
				at === undefined
					? Infinity
					: (at - plan.filter((c) => c.nearDue === nearDue)[i].at) / MINUTE,
			);
	return { firstHour, skipped, near: delays(true), others: delays(false) };
}

async function main(): Promise<void> {
	const lines = [
		'| account | event | requests in the hour | share | polls skipped of 60 | near-due delay p50 / p95 / max (min) | other delay p50 / p95 / max (min) |',
		'|---|---|---:|---:|---:|---|---|',
	];
	for (const limit of [400, 600]) {
		for (const event of EVENTS) {
			const run = await simulate(event.value, limit);
			const show = (values: number[]) =>
				values.length
					? [50, 95, 100]
							.map((p) =>
								Number.isFinite(percentile(values, p)) ? percentile(values, p) : 'not found',
							)
							.join(' / ')
					: '';
			lines.push(
				`| ${limit}/h | ${event.name} | ${run.firstHour} | ${((100 * run.firstHour) / limit).toFixed(1)} % | ${run.skipped} | ${show(run.near)} | ${show(run.others)} |`,
			);
		}
	}
	console.log(lines.join('\n'));
}

// Run as a section; imported (by modes.ts) for `simulate` alone.
if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
