/**
 * What Create costs when it confirms its tasks (at a search lag of 0 and 2 s), and when its items name
 * owners and contacts by email, some of them new to Apollo. Prints a Markdown section.
 * Usage: node .bench/scripts/bench/create-costs.js <sandbox URL>
 */
import { loadWorkflow, runWorkflow, withItems, withParameters } from '../../test/harness/engine';

const [sandboxUrl] = process.argv.slice(2);
const credentials = { apolloTasksApi: { apiKey: 'sandbox-master-key', baseUrl: sandboxUrl } };
const NODE = 'Apollo Tasks';

async function control(method: string, route: string, body?: unknown): Promise<unknown> {
	const response = await fetch(`${sandboxUrl}/__sandbox/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	return await response.json();
}

/** Requests by endpoint, as the sandbox logged them. */
async function counted(): Promise<Record<string, number>> {
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

async function byEmail(): Promise<string[]> {
	await control('POST', 'reset', { tasks: 0, contacts: 700, users: 20 });
	const users = (await control('GET', 'users')) as Array<{ email: string }>;
	const contacts = (await control('GET', 'contacts')) as Array<{ email: string }>;
	const items = Array.from({ length: 1000 }, (_, i) => ({
		owner: users[i % 20].email.toUpperCase(),
		email: i < 700 ? contacts[i].email : `new.lead.${i}@prospects.example`,
		first: `Lead${i}`,
		company: 'Prospects Inc',
	}));
	const workflow = withParameters(withItems(loadWorkflow('create-tasks.json'), items), NODE, {
		userId: { __rl: true, mode: 'email', value: '={{ $json.owner }}' },
		contactsBy: 'email',
		contactEmails: '={{ $json.email }}',
		newContactFields: { firstName: '={{ $json.first }}', organizationName: '={{ $json.company }}' },
		options: { unknownEmails: 'create' },
	});
	const first = await timed(workflow);
	const again = await timed(workflow);
	return [
		'| 1,000 items, 20 owner emails, 300 emails new to Apollo | requests | time | output |',
		'|---|---|---:|---|',
		`| first run | ${describe(first.requests)} | ${(first.ms / 1000).toFixed(2)} s | ${first.items} items, ${first.errors} errors |`,
		`| the same items again | ${describe(again.requests)} | ${(again.ms / 1000).toFixed(2)} s | ${again.items} items, ${again.errors} errors |`,
	];
}

async function main(): Promise<void> {
	const lines = [...(await confirming()), '', ...(await byEmail())];
	console.log(lines.join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
