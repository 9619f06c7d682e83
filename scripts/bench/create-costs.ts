/**
 * What Create costs when it confirms its tasks (at a search lag of 0 and 2 s), and when its items name
 * an owner and contacts by email, some of them new to Apollo, at 150 ms a request. Prints Markdown.
 * Usage: node .bench/scripts/bench/create-costs.js <sandbox URL>
 */
import type { IDataObject, INodeParameters } from 'n8n-workflow';

import { loadWorkflow, runWorkflow, withItems, withParameters } from '../../test/harness/engine';

const [sandboxUrl] = process.argv.slice(2);
const credentials = { apolloTasksApi: { apiKey: 'sandbox-master-key', baseUrl: sandboxUrl } };
const NODE = 'Apollo Tasks';

export async function control(method: string, route: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${sandboxUrl}/__sandbox/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

/** Requests by endpoint, as the sandbox logged them. */
export async function counted(): Promise<Record<string, number>> {
	const requests = (await control('GET', 'requests')) as Array<{ path: string }>;
	const counts: Record<string, number> = {};
	for (const { path } of requests) {
		const name = path.replace('/api/v1/', '');
		counts[name] = (counts[name] ?? 0) + 1;
	}
	return counts;
}

async function timed(workflow: ReturnType<typeof loadWorkflow>) {
	await control('DELETE', 'requests');
	const started = performance.now();
	const result = await runWorkflow(workflow, credentials);
	const ms = performance.now() - started;
	const output = result.output(NODE);
	const errors = output.filter((i) => i.json.error).length + (result.error(NODE) ? 1 : 0);
	return { ms, requests: await counted(), items: output.length, errors };
}

const describe = (requests: Record<string, number>) =>
	Object.entries(requests)
		.sort()
		.map(([path, n]) => `${n} ${path}`)
		.join(', ');

async function confirming(): Promise<string[]> {
	const lines = [
		'| 1,000 items, one assignee | requests | time | extra time for confirming |',
		'|---|---|---:|---:|',
	];
	const runs: Array<[string, number, number]> = [
		['Confirm Within 0 (off)', 0, 0],
		['confirmed, search lag 0', 10, 0],
		['confirmed, search lag 2 s', 10, 2000],
	];
	let off = 0;
	for (const [label, confirmWithin, lag] of runs) {
		await control('POST', 'reset', { tasks: 0, contacts: 1000, users: 3 });
		await control('POST', 'options', { searchLagMs: lag });
		const contacts = (await control('GET', 'contacts')) as Array<{ id: string }>;
		const workflow = withParameters(
			withItems(
				loadWorkflow('create-tasks.json'),
				contacts.map((c) => ({ contact_id: c.id })),
			),
			NODE,
			{ options: { confirmWithin } },
		);
		const run = await timed(workflow);
		if (confirmWithin === 0) off = run.ms;
		const seconds = (run.ms - off) / 1000;
		const extra =
			confirmWithin === 0 ? '' : seconds < 0.1 ? 'under 0.1 s' : `${seconds.toFixed(2)} s`;
		lines.push(
			`| ${label} | ${describe(run.requests)} | ${(run.ms / 1000).toFixed(2)} s | ${extra} |`,
		);
	}
	await control('POST', 'options', { searchLagMs: 0 });
	return lines;
}

/** Latency the sandbox adds to each request in the people-by-email runs: about Apollo's own. */
const LATENCY_MS = 150;

/** The cost before bulk look-ups: one contact search per email, each sent after the last answered. */
async function oneAfterAnother(emails: string[]): Promise<number> {
	const started = performance.now();
	for (const email of emails) {
		const response = await fetch(`${sandboxUrl}/api/v1/contacts/search`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': 'sandbox-master-key' },
			body: JSON.stringify({ q_keywords: email, page: 1, per_page: 10 }),
		});
		if (!response.ok) throw new Error(`contact search: HTTP ${response.status}`);
		await response.json();
	}
	return performance.now() - started;
}

async function byEmail(): Promise<string[]> {
	await control('POST', 'reset', { tasks: 0, contacts: 700, users: 3 });
	await control('POST', 'options', { latencyMs: LATENCY_MS });
	const [owner] = (await control('GET', 'users')) as Array<{ email: string }>;
	const contacts = (await control('GET', 'contacts')) as Array<{ email: string }>;
	const emails = Array.from({ length: 1000 }, (_, i) =>
		i < 700 ? contacts[i].email : `new.lead.${i}@prospects.example`,
	);
	const items = emails.map((email, i) => ({ email, first: `Lead${i}`, company: 'Prospects Inc' }));
	const staticData: IDataObject = {};
	const people = (type: string, options: INodeParameters) => ({
		...withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
			userId: { __rl: true, mode: 'email', value: owner.email.toUpperCase() },
			contactsBy: 'email',
			contactEmails: '={{ $json.email }}',
			newContactFields: {
				firstName: '={{ $json.first }}',
				organizationName: '={{ $json.company }}',
			},
			type,
			options,
		}),
		staticData,
	});
	const create = { unknownEmails: 'create' };
	const remember = { ...create, rememberContactIds: true };
	const rows: string[] = [];
	const row = async (label: string, mode: string, workflow: ReturnType<typeof people>) => {
		const run = await timed(workflow);
		const contactRequests = Object.entries(run.requests)
			.filter(([path]) => path.startsWith('contacts/'))
			.reduce((sum, [, n]) => sum + n, 0);
		rows.push(
			`| ${label} | ${mode} | ${contactRequests} | ${describe(run.requests)} | ${(run.ms / 1000).toFixed(2)} s | ${run.items} items, ${run.errors} errors |`,
		);
		return run.ms;
	};
	await row('first run, Remember Contact IDs on', 'Create the Contact', people('call', remember));
	const error = await row(
		'another task type, all 1,000 now in Apollo',
		'Error',
		people('action_item', {}),
	);
	await row('the same items again, Remember off', 'Create the Contact', people('call', create));
	await row('the same items again, Remember on', 'Create the Contact', people('call', remember));
	const sequential = await oneAfterAnother(emails);
	await control('POST', 'options', { latencyMs: 0 });
	return [
		`| 1,000 items, 1,000 distinct emails (300 new to Apollo), one owner by email, ${LATENCY_MS} ms a request | Unknown Emails | contact requests | all requests | time | output |`,
		'|---|---|---:|---|---:|---|',
		...rows,
		'',
		`Error mode looks the 1,000 emails up in ${(error / 1000).toFixed(1)} s, the whole run included; the same 1,000 contact searches sent one after another take ${(sequential / 1000).toFixed(1)} s (${(sequential / error).toFixed(1)}× longer).`,
	];
}

async function main(): Promise<void> {
	const lines = [...(await confirming()), '', ...(await byEmail())];
	console.log(lines.join('\n'));
}

// Run as a section; imported (by modes.ts) for its sandbox helpers alone.
if (require.main === module) {
	main().catch((error) => {
		console.error(error);
		process.exit(1);
	});
}
