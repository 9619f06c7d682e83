/**
 * What the node costs where Apollo's task search does only what its reference documents (the sandbox's
 * `documented` mode), against the `extended` search Apollo's own CLI relies on: Create with its duplicate
 * check, Search with Return All, and the triggers' share of the hourly quota. Prints Markdown.
 * Usage: node .bench/scripts/bench/modes.js <sandbox URL>
 */
import { loadWorkflow, runWorkflow, withItems, withParameters } from '../../test/harness/engine';
import { control, counted } from './create-costs';
import { EVENTS } from './events';
import { simulate, type SearchMode } from './share';

const [sandboxUrl] = process.argv.slice(2);
const KEY = 'sandbox-master-key';
const credentials = { apolloTasksApi: { apiKey: KEY, baseUrl: sandboxUrl } };
const NODE = 'Apollo Tasks';
/** Create's account: few tasks, all older than the 72-hour lookback, a third of them the assignee's. */
const SEEDED = 300;
const ITEMS = 1000;
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
	const failed = result.error(NODE);
	if (failed) throw new Error(`${NODE} failed: ${String(failed.message)}`);
	const output = result.output(NODE);
	const requests = await counted();
	return {
		ms,
		total: Object.values(requests).reduce((sum, n) => sum + n, 0),
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

/**
 * The run's logged requests sent again straight to the sandbox, one after another: the time the
 * sandbox itself takes to answer them, which the node's time includes.
 */
async function replayed(): Promise<number> {
	const log = (await control('GET', 'requests')) as Array<{
		method: string;
		path: string;
		body: unknown;
	}>;
	const started = performance.now();
	for (const { method, path, body } of log) {
		const response = await fetch(`${sandboxUrl}${path}`, {
			method,
			headers: { 'content-type': 'application/json', 'x-api-key': KEY },
			body: method === 'GET' ? undefined : JSON.stringify(body),
		});
		await response.arrayBuffer();
	}
	return performance.now() - started;
}

function requestsCell(run: Measured): string {
	const others = run.total - run.searches - run.bulkCreates - run.skips;
	const parts = [
		`${run.searches} searches`,
		`${run.bulkCreates} bulk creates`,
		`${run.skips} skips`,
	];
	if (others) parts.push(`${others} other`);
	return `${run.total} requests (${parts.join(', ')})`;
}

function outcomeCell(run: Measured): string {
	const created = run.items - run.existing - run.errors;
	const errors = run.errors ? `, **${run.errors} errors**` : '';
	return `${thousands(created)} created, ${thousands(run.existing)} existing: true${errors}, ${seconds(run.ms)}`;
}

/** Create for the sandbox's first contacts, one item each, with the workflow's default options. */
async function createFor(count: number): Promise<Measured> {
	const contacts = (await control('GET', 'contacts')) as Array<{ id: string }>;
	const items = contacts.slice(0, count).map((c) => ({ contact_id: c.id }));
	return await measured(withItems(loadWorkflow('create-tasks.json'), items));
}

/** What one mode measured. */
interface Results {
	first: Measured;
	again: Measured;
	search: Measured & { directMs: number };
	/** Task searches in the first hour, per event, in EVENTS' order. */
	triggers: number[];
}

async function measure(mode: SearchMode): Promise<Results> {
	process.stderr.write(`  ${mode}: create, search, triggers\n`);
	await control('POST', 'reset', { tasks: SEEDED, contacts: ITEMS, users: 3, mode });
	const first = await createFor(ITEMS);
	const again = await createFor(ITEMS);
	await control('POST', 'reset', { tasks: SEARCH_TASKS, contacts: 1000, mode });
	const search = await measured(
		withParameters(loadWorkflow('search-tasks.json'), NODE, { returnAll: true }),
	);
	if (search.items !== SEARCH_TASKS)
		throw new Error(`Search returned ${search.items} of ${SEARCH_TASKS} tasks (${mode})`);
	const directMs = await replayed();
	const triggers: number[] = [];
	for (const event of EVENTS)
		triggers.push((await simulate(event.value, HOURLY_LIMIT, { mode, hours: 1 })).firstHour);
	return { first, again, search: { ...search, directMs }, triggers };
}

interface Row {
	measurement: string;
	/** The row's name in the sentence saying why the modes differ. */
	name: string;
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
		measurement: `Create ${thousands(ITEMS)} items (one contact each, one assignee, default options: Skip, Confirm Within 10 s), first run`,
		name: 'Create, first run',
		cell: (r) => createCell(r.first),
		why: () =>
			`the duplicate check's first answer shows Apollo ignored the assignee filter and the sort by creation, so the node reads every task in the account by due date, one request per 100 (the ${SEEDED} there before, then all ${thousands(SEEDED + ITEMS)} to confirm its creates), and picks the assignee's itself.`,
	},
	{
		measurement: `Create, the same ${thousands(ITEMS)} items again`,
		name: 'Create, the same items again',
		cell: (r) => createCell(r.again),
		why: () =>
			`the duplicate check again finds its search ignored and reads all ${thousands(SEEDED + ITEMS)} tasks in the account by due date, where extended reads only the assignee's tasks of the lookback, newest first.`,
	},
	{
		measurement: `Search, Return All, ${thousands(SEARCH_TASKS)} tasks, default sort`,
		name: 'Search, Return All',
		cell: ({ search }) => ({
			text: `${search.total} requests, ${seconds(search.ms)} (the same requests sent straight to the sandbox: ${seconds(search.directMs)})`,
			figures: String(search.total),
		}),
		why: ({ search: e }, { search: d }) => {
			const sandboxShare = (d.directMs - e.directMs) / (d.ms - e.ms);
			const time =
				sandboxShare > 0.5
					? '; most of the extra time is the sandbox answering pages by due date more slowly, as the requests sent straight to it show'
					: '';
			return `Apollo ignores the default sort (Created At, oldest first); the node sees it in the answers, then reads all ${thousands(SEARCH_TASKS)} tasks by due date and sorts them itself: ${d.total - e.total} more requests, the pages it read before an answer showed the order was not the one asked for${time}.`;
		},
	},
	...EVENTS.map((event, i): Row => ({
		measurement: `Trigger ${event.name}, defaults, ${HOURLY_LIMIT}/h account: task searches in an hour of polling every minute`,
		name: `Trigger ${event.name}`,
		cell: (r) => ({
			text: `${r.triggers[i]}, ${r.triggers[i] <= SHARE ? 'within' : '**over**'} its share (${SHARE})`,
			figures: String(r.triggers[i]),
		}),
		why: () =>
			`${event.name} finds its search ignored and sweeps every task by due date instead, as its budget allows.`,
	})),
];

async function main(): Promise<void> {
	// The first workflow run in a process pays for loading and compiling n8n-core: no mode's cost.
	await control('POST', 'reset', { tasks: 0, contacts: 10, users: 3 });
	await createFor(10);
	let extended: Results, documented: Results;
	try {
		extended = await measure('extended');
		documented = await measure('documented');
	} finally {
		// Later sections expect the sandbox as Apollo's CLI sees it: extended, on real time, unlimited.
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
			reasons.push(`- ${row.name}, documented: ${row.why(extended, documented)}`);
	}
	console.log([...lines, ...(reasons.length ? ['', ...reasons] : [])].join('\n'));
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
