'use strict';

/** The report `npm run bench` prints (and `--write` saves as docs/benchmarks.md), from its figures. */

const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS || 3);
const TASKS = 50_000;
const CREATE_ITEMS = 1000;

/**
 * @typedef {{ contender: string, requests: number, items: number, ms: number, peakRssMb: number, growthMb: number, heapGrowthMb: number, payloadBytes: number, all: number[] }} Series
 */

/** @param {number} ms */
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

/**
 * @param {{ search: Series[], create: Series[], quota: { trigger: Record<string, { first: number, steady: number, max: number }>, create: Array<{ reads: number, creates: number, existing: number, created: number }> }, load: { nodeOnly: number, withN8nWorkflow: number }, pack: { size: number, unpackedSize: number, files: number }, sections: string[] }} results
 */
function render({ search, create, quota, load, pack, sections }) {
	const [raw, node] = ['search:raw', 'search:node'].map((name) => {
		const found = search.find((s) => s.contender === name);
		if (!found) throw new Error(`No figures for ${name}`);
		return found;
	});
	/** @type {Record<string, string>} */
	const names = {
		'search:raw': 'raw `fetch` loop (the floor)',
		'search:node': '**Apollo Tasks node**, Search, Return All',
		'search:http-request-node': "n8n's HTTP Request node with pagination",
		'create:node': '**Apollo Tasks node**, Create (batch size 100)',
		'create:node-batch-1': 'Apollo Tasks node with Batch Size 1 (one request per item)',
		'create:http-request-node': "n8n's HTTP Request node, `POST /tasks` per item",
	};
	const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
	const lines = [
		'# Benchmarks',
		'',
		`Measured with \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${os.cpus().length} × ${cpu}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node.js ${process.version}, n8n-core ${require(path.join(ROOT, 'node_modules', 'n8n-core', 'package.json')).version}.`,
		`Each figure is the median of ${RUNS} runs, each run in a fresh process, against the Apollo sandbox running in its own process on 127.0.0.1.`,
		"Workflows run through n8n-core's `WorkflowExecute`, as in n8n. Peak memory is the highest resident set size seen during the run (sampled every 5 ms); growth is that minus the process's size before the run.",
		'',
		`## Search all of ${TASKS.toLocaleString('en-US')} tasks`,
		'',
		'| contender | requests | wall time | vs raw loop | peak RSS | RSS growth | JS heap growth | items out |',
		'|---|---:|---:|---:|---:|---:|---:|---:|',
		...search.map(
			(s) =>
				`| ${names[s.contender]} | ${s.requests} | ${fmt(s.ms)} | ${(s.ms / raw.ms).toFixed(2)}× | ${Math.round(s.peakRssMb)} MB | ${Math.round(s.growthMb)} MB | ${Math.round(s.heapGrowthMb)} MB | ${s.items.toLocaleString('en-US')} |`,
		),
		'',
		`Payload: ${(raw.payloadBytes / 2 ** 20).toFixed(1)} MB of JSON over all pages. Runs (ms): ${search.map((s) => `${s.contender.split(':')[1]} ${s.all.join(', ')}`).join('; ')}.`,
		`Memory against the payload: the node's JS heap grows by ${(node.heapGrowthMb / (raw.payloadBytes / 2 ** 20)).toFixed(2)}× the payload (the raw loop: ${(raw.heapGrowthMb / (raw.payloadBytes / 2 ** 20)).toFixed(2)}×). Its resident set grows by ${(node.growthMb / (raw.payloadBytes / 2 ** 20)).toFixed(2)}× (the raw loop: ${(raw.growthMb / (raw.payloadBytes / 2 ** 20)).toFixed(2)}×): RSS also counts network buffers and heap the garbage collector has freed but not returned, which the raw loop pays as well. The node adds ${Math.round(node.growthMb - raw.growthMb)} MB of RSS over the floor.`,
		'The HTTP Request node returns one item per page (500 items holding arrays); a user still has to split them into tasks.',
		'',
		`## Create tasks for ${CREATE_ITEMS.toLocaleString('en-US')} input items sharing their fields`,
		'',
		'| contender | requests | wall time | tasks out |',
		'|---|---:|---:|---:|',
		...create.map(
			(c) =>
				`| ${names[c.contender]} | ${c.requests} | ${fmt(c.ms)} | ${c.items.toLocaleString('en-US')} |`,
		),
		'',
		`At Apollo's paid-plan limit of about 200 requests a minute, ${CREATE_ITEMS} requests would also take 5 minutes of rate-limit windows; 10 requests fit in one.`,
		'',
		'## Trigger: requests per poll over 5,000 tasks due across a year',
		'',
		'Max Requests per Poll set to 12; steady state is the tenth poll after the first with no new tasks.',
		'',
		'| event | first poll | steady poll | most in any poll | per hour, polling every minute (steady) | per hour, every 5 minutes |',
		'|---|---:|---:|---:|---:|---:|',
		...Object.entries(quota.trigger).map(
			([event, q]) =>
				`| ${event} | ${q.first} | ${q.steady} | ${q.max} | ${q.steady * 60} | ${q.steady * 12} |`,
		),
		'',
		'## Create with If an Open Task Exists: Skip, 1,000 contacts, an assignee with 2,000 tasks created within the lookback',
		'',
		'| run | search requests (duplicate check and confirmation) | bulk_create requests | tasks created | found existing |',
		'|---|---:|---:|---:|---:|',
		...quota.create.map(
			(r, i) =>
				`| ${i === 0 ? 'first' : 'the same input again'} | ${r.reads} | ${r.creates} | ${r.created} | ${r.existing} |`,
		),
		'',
		...sections,
		'## Package',
		'',
		'| measure | value |',
		'|---|---:|',
		`| cold \`require\` of the built node, n8n-workflow already loaded (as in n8n) | ${load.nodeOnly.toFixed(1)} ms |`,
		`| cold \`require\` of the built node including n8n-workflow itself | ${load.withN8nWorkflow.toFixed(1)} ms |`,
		`| packed size (\`npm pack\`) | ${(pack.size / 1024).toFixed(1)} KB (${pack.files} files, ${(pack.unpackedSize / 1024).toFixed(1)} KB unpacked) |`,
		'',
	];
	return lines.join('\n');
}

module.exports = { render, RUNS, TASKS, CREATE_ITEMS };
