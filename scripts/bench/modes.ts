/**
 * What the node costs where Apollo's task search does only what its reference documents (the sandbox's
 * `documented` mode), against the `extended` search Apollo's own CLI relies on: Create with its duplicate
 * check, Search with Return All, and the trigger's share of the hourly quota. Prints Markdown.
 * Usage: node .bench/scripts/bench/modes.js <sandbox URL>
 */
import { loadWorkflow, runWorkflow, withItems, withParameters } from '../../test/harness/engine';
import { control, counted } from './create-costs';
import { EVENTS } from './events';
import { simulate, type SearchMode } from './share';

const [sandboxUrl] = process.argv.slice(2);
const credentials = { apolloTasksApi: { apiKey: 'sandbox-master-key', baseUrl: sandboxUrl } };
const NODE = 'Apollo Tasks';
const SEARCH_TASKS = 50_000;
const HOURLY_LIMIT = 400;
/** The trigger's default Quota Share: 10 % of the hourly limit. */
const SHARE = HOURLY_LIMIT / 10;

const thousands = (n: number) => n.toLocaleString('en-US');
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

/** One workflow run: its requests by endpoint, its time, and what its items came out as. */
async function measured(workflow: ReturnType<typeof loadWorkflow>) {
	await control('DELETE', 'requests');
	const started = performance.now();
	const result = await runWorkflow(workflow, credentials);
	const ms = performance.now() - started;
	const output = result.output(NODE);
	const nodeError = result.error(NODE);
	if (nodeError) throw new Error(`${NODE} failed: ${String(nodeError.message)}`);
	const requests = await counted();
	const total = Object.values(requests).reduce((sum, n) => sum + n, 0);
	return {
		ms,
		total,
		searches: requests['tasks/search'] ?? 0,
		bulkCreates: requests['tasks/bulk_create'] ?? 0,
		skips: Object.entries(requests)
			.filter(([path]) => path.endsWith('/skip'))
			.reduce((sum, [, n]) => sum + n, 0),
		items: output.length,
		existing: output.filter((i) => i.json.existing === true).length,
		errors: output.filter((i) => i.json.error !== undefined).length,
	};
}

type Measured = Awaited<ReturnType<typeof measured>>;

function requestsCell(run: Measured): string {
	const others = run.total - run.searches - run.bulkCreates - run.skips;
	const parts = [
		`${run.searches} searches`,
		`${run.bulkCreates} bulk creates`,
		`${run.skips} skips`,
		...(others ? [`${others} other`] : []),
	];
	return `${run.total} requests (${parts.join(', ')})`;
}

function outcomeCell(run: Measured): string {
	const created = run.items - run.existing - run.errors;
	const errors = run.errors ? `, **${run.errors} errors**` : '';
	return `${thousands(created)} created, ${thousands(run.existing)} existing: true${errors}, ${seconds(run.ms)}`;
}

/** Create for the sandbox's contacts, one item each, with the workflow's defaults. */
async function createFor(count: number) {
	const contacts = (await control('GET', 'contacts')) as Array<{ id: string }>;
	const items = contacts.slice(0, count).map((c) => ({ contact_id: c.id }));
	return await measured(withItems(loadWorkflow('create-tasks.json'), items));
}

/**
 * Create for 1,000 contacts, then the same items again. The account's 300 seeded tasks (100 of them the
 * assignee's) are older than the 72-hour lookback, so the extended duplicate check stops after one page;
 * a search that ignores the assignee filter and the sort makes the node read every task instead.
 */
async function creates(mode: SearchMode): Promise<[Measured, Measured]> {
	await control('POST', 'reset', { tasks: 300, contacts: 1000, users: 3, mode });
	const first = await createFor(1000);
	return [first, await createFor(1000)];
}

/** Search with Return All and the default sort (Created At), which documented Apollo ignores. */
async function searchAll(mode: SearchMode): Promise<Measured> {
	await control('POST', 'reset', { tasks: SEARCH_TASKS, contacts: 1000, mode });
	const run = await measured(
		withParameters(loadWorkflow('search-tasks.json'), NODE, { returnAll: true }),
	);
	if (run.items !== SEARCH_TASKS)
		throw new Error(`Search returned ${run.items} of ${SEARCH_TASKS} tasks in ${mode} mode`);
	return run;
}

/** What one mode measured. */
interface Results {
	first: Measured;
	again: Measured;
	search: Measured;
	/** Task searches in the first hour, per event, in EVENTS' order. */
	triggers: number[];
}

async function measure(mode: SearchMode): Promise<Results> {
	process.stderr.write(`  ${mode}: create, search, triggers\n`);
	const [first, again] = await creates(mode);
	const search = await searchAll(mode);
	const triggers: number[] = [];
	for (const event of EVENTS)
		triggers.push((await simulate(event.value, HOURLY_LIMIT, { mode, hours: 1 })).firstHour);
	return { first, again, search, triggers };
}

interface Row {
	measurement: string;
	/** What the table shows, and the figures compared between modes (times always differ a little). */
	cell: (results: Results) => { text: string; figures: string };
	/** Why documented differs from extended; printed only when the figures do. */
	why: (extended: Results, documented: Results) => string;
}

const createCell = (run: Measured) => ({
	text: `${requestsCell(run)}; ${outcomeCell(run)}`,
	figures: requestsCell(run),
});

const ROWS: Row[] = [
	{
		measurement: 'Create 1,000 items (one contact each, one assignee, defaults): first run',
		cell: (r) => createCell(r.first),
		why: () =>
			"the duplicate check's first answer shows Apollo ignored the assignee filter and the sort by creation, so the node reads every task in the account by due date (one request per 100: the 300 there before, then all 1,300 to confirm its creates) and picks the assignee's itself.",
	},
	{
		measurement: 'the same 1,000 items again',
		cell: (r) => createCell(r.again),
		why: () =>
			"the re-run's duplicate check again finds its search ignored and reads all 1,300 tasks by due date, where extended reads only the assignee's tasks of the lookback, newest first.",
	},
	{
		measurement: `Search, Return All, ${thousands(SEARCH_TASKS)} tasks, default sort`,
		cell: (r) => ({
			text: `${r.search.total} requests, ${seconds(r.search.ms)}`,
			figures: String(r.search.total),
		}),
		why: (extended, documented) =>
			`Apollo ignores the default sort (Created At, oldest first); the node sees it in the answers, then reads all ${thousands(SEARCH_TASKS)} tasks by due date and sorts them itself: ${documented.search.total - extended.search.total} more requests, the pages read before the order showed wrong.`,
	},
	...EVENTS.map((event, i): Row => ({
		measurement: `Trigger ${event.name}, defaults, ${HOURLY_LIMIT}/h account: task searches in an hour of polling every minute`,
		cell: (r) => ({
			text: `${r.triggers[i]}, ${r.triggers[i] <= SHARE ? 'within' : '**over**'} its share (${SHARE})`,
			figures: String(r.triggers[i]),
		}),
		why: () =>
			`${event.name} finds its search ignored and sweeps every task by due date instead, within its budget.`,
	})),
];

async function main(): Promise<void> {
	// The first workflow run in a process pays for loading and compiling n8n-core's code: not a mode's cost.
	await control('POST', 'reset', { tasks: 0, contacts: 1000, users: 3 });
	await createFor(10);
	let extended: Results, documented: Results;
	try {
		extended = await measure('extended');
		documented = await measure('documented');
	} finally {
		// The sections after this one expect the sandbox as Apollo's CLI sees it, on real time, unlimited.
		await control('POST', 'options', { mode: 'extended' });
		await control('DELETE', 'clock');
		await control('POST', 'rate-limits', { minute: 100_000, hourly: 1_000_000, daily: 10_000_000 });
	}
	const lines = [
		"Apollo's reference documents a task search's sort by due date or priority, its facets and its pages, nothing else; Apollo's CLI also sends filters and a sort by creation. The same runs against a sandbox that honours those (extended) and one that does only what the reference promises (documented):",
		'',
		'| measurement | extended | documented |',
		'|---|---|---|',
	];
	const reasons: string[] = [];
	for (const row of ROWS) {
		const [e, d] = [row.cell(extended), row.cell(documented)];
		lines.push(`| ${row.measurement} | ${e.text} | ${d.text} |`);
		if (e.figures !== d.figures)
			reasons.push(`- ${row.measurement}, documented: ${row.why(extended, documented)}`);
	}
	console.log([...lines, ...(reasons.length ? ['', ...reasons] : [])].join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
