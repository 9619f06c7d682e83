/**
 * Requests per trigger poll and per duplicate-checked create, against a sandbox of 5,000 tasks.
 * Prints one JSON line for bench.js. Usage: node .bench/scripts/bench/quota.js <sandbox URL>
 */
import type { IDataObject } from 'n8n-workflow';

import { loadWorkflow, runWorkflow, withItems, withParameters } from '../../test/harness/engine';
import { pollTrigger } from '../../test/harness/poll';
import { EVENTS } from './events';

const [sandboxUrl] = process.argv.slice(2);
const KEY = 'sandbox-master-key';
const credentials = { apolloTasksApi: { apiKey: KEY, baseUrl: sandboxUrl } };
const DAY = 86_400_000;

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${sandboxUrl}/__sandbox/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

async function apollo(path: string, body: unknown): Promise<void> {
	const response = await fetch(`${sandboxUrl}/api/v1${path}`, {
		method: 'POST',
		headers: { 'x-api-key': KEY, 'content-type': 'application/json' },
		body: JSON.stringify(body),
	});
	if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
}

const searches = async () =>
	((await control('GET', 'requests')) as Array<{ path: string }>).filter(
		(r) => r.path === '/api/v1/tasks/search',
	).length;
const requestsOf = async (path: string) =>
	((await control('GET', 'requests')) as Array<{ path: string }>).filter((r) => r.path === path)
		.length;

/** `count` tasks for the first user, in bulk_creates of 100, due dates spread evenly from 30 days ago over a year. */
async function seed(
	count: number,
	type: string,
	contacts: Array<{ id: string }>,
	userId: string,
): Promise<void> {
	const batches = Math.ceil(count / 100);
	for (let b = 0; b < batches; b++) {
		const dueAt = new Date(
			Date.now() - 30 * DAY + (b + 0.5) * ((365 * DAY) / batches),
		).toISOString();
		const ids = contacts
			.slice((b * 100) % contacts.length, ((b * 100) % contacts.length) + 100)
			.map((c) => c.id);
		await apollo('/tasks/bulk_create', {
			user_id: userId,
			contact_ids: ids,
			type,
			priority: 'medium',
			status: 'scheduled',
			due_at: dueAt,
		});
	}
}

async function polls(
	event: string,
	extra: IDataObject = {},
): Promise<{ first: number; steady: number; max: number }> {
	const parameters = { event, dueWithinHours: 24, options: { maxRequests: 12 }, ...extra };
	await control('DELETE', 'requests');
	let { staticData } = await pollTrigger(parameters, credentials);
	const first = await searches();
	const counts: number[] = [];
	for (let i = 0; i < 10; i++) {
		await control('DELETE', 'requests');
		staticData = (await pollTrigger(parameters, credentials, staticData)).staticData;
		counts.push(await searches());
	}
	return { first, steady: counts[counts.length - 1], max: Math.max(first, ...counts) };
}

async function main(): Promise<void> {
	await control('POST', 'reset', { tasks: 0, contacts: 3000, users: 3 });
	const users = (await control('GET', 'users')) as Array<{ id: string }>;
	const contacts = (await control('GET', 'contacts')) as Array<{ id: string }>;
	await seed(5000, 'call', contacts, users[0].id);
	const trigger: Record<string, Awaited<ReturnType<typeof polls>>> = {};
	for (const event of EVENTS) trigger[event.name] = await polls(event.value);

	// An assignee with 2,000 tasks created within the lookback, then Create for 1,000 contacts, twice.
	await control('POST', 'reset', { tasks: 0, contacts: 3000, users: 3 });
	await seed(2000, 'action_item', contacts.slice(1000), users[0].id);
	const items = contacts.slice(0, 1000).map((c) => ({ contact_id: c.id }));
	const create = withItems(loadWorkflow('create-tasks.json'), items);
	const runs: Array<{ reads: number; creates: number; existing: number; created: number }> = [];
	for (let run = 0; run < 2; run++) {
		await control('DELETE', 'requests');
		const result = await runWorkflow(
			withParameters(create, 'Apollo Tasks', { options: {} }),
			credentials,
		);
		const output = result.output('Apollo Tasks');
		runs.push({
			reads: await requestsOf('/api/v1/tasks/search'),
			creates: await requestsOf('/api/v1/tasks/bulk_create'),
			existing: output.filter((item) => item.json.existing === true).length,
			created: output.filter((item) => item.json.existing !== true && !item.json.error).length,
		});
	}
	console.log(JSON.stringify({ trigger, create: runs }));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
