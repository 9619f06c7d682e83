'use strict';

/**
 * `npm run bench`: measures this node against the alternatives, side by side, against the local
 * Apollo sandbox (run in its own process), and prints the report; `--write` also saves it as
 * docs/benchmarks.md. Figures, not assertions.
 */

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const RUNS = Number(process.env.BENCH_RUNS || 3);
const TASKS = 50_000;
const CREATE_ITEMS = 1000;

/**
 * @typedef {{ ms: number, requests: number, items: number, peakRssMb: number, baselineRssMb: number, heapGrowthMb: number, payloadBytes: number }} Run
 * @typedef {Awaited<ReturnType<typeof series>>} Series
 */

/** @param {number[]} values */
const median = (values) => {
	const sorted = [...values].sort((a, b) => a - b);
	const mid = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

function compile() {
	/**
	 * @param {string} cmd
	 * @param {string[]} args
	 */
	const run = (cmd, args) => {
		const result = spawnSync(cmd, args, { cwd: ROOT, stdio: 'inherit' });
		if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed`);
	};
	run('npm', ['run', 'build', '--silent']);
	fs.rmSync(path.join(ROOT, '.bench'), { recursive: true, force: true });
	run('npx', ['tsc', '-p', 'tsconfig.bench.json']);
	fs.cpSync(path.join(ROOT, 'test', 'workflows'), path.join(ROOT, '.bench', 'test', 'workflows'), {
		recursive: true,
	});
}

async function startSandbox() {
	const port = 4300 + Math.floor(Math.random() * 500);
	const child = spawn(
		process.execPath,
		[
			path.join(ROOT, 'sandbox', 'cli.js'),
			'--port',
			String(port),
			'--tasks',
			String(TASKS),
			'--contacts',
			'1000',
		],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	await new Promise((resolve, reject) => {
		child.stdout.on(
			'data',
			(chunk) => chunk.toString().includes('listening') && resolve(undefined),
		);
		child.on('exit', (code) => reject(new Error(`sandbox exited ${code}`)));
	});
	return { url: `http://127.0.0.1:${port}`, child };
}

/**
 * @param {string} url
 * @param {string} method
 * @param {string} route
 * @param {object} [body]
 */
async function control(url, method, route, body) {
	await fetch(`${url}/__sandbox/${route}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body && JSON.stringify(body),
	});
}

/**
 * @param {string} contender
 * @param {string} sandboxUrl
 * @param {number | string} [count]
 * @returns {Run}
 */
function measure(contender, sandboxUrl, count = '') {
	const userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'apollo-bench-'));
	const output = execFileSync(
		process.execPath,
		[
			path.join(ROOT, '.bench', 'scripts', 'bench', 'worker.js'),
			contender,
			sandboxUrl,
			String(count),
		],
		{
			env: { ...process.env, N8N_LOG_LEVEL: 'silent', N8N_USER_FOLDER: userFolder },
			encoding: 'utf8',
			maxBuffer: 64 * 2 ** 20,
		},
	);
	fs.rmSync(userFolder, { recursive: true, force: true });
	return JSON.parse(output.trim().split('\n').pop() ?? '');
}

/**
 * @param {string} contender
 * @param {{ url: string }} sandbox
 * @param {{ count?: number, reset?: Record<string, unknown> }} options
 */
async function series(contender, sandbox, { count, reset }) {
	/** @type {Run[]} */
	const runs = [];
	for (let i = 0; i < RUNS; i++) {
		if (reset) await control(sandbox.url, 'POST', 'reset', reset);
		runs.push(measure(contender, sandbox.url, count));
		const last = runs[runs.length - 1];
		process.stderr.write(
			`  ${contender} run ${i + 1}: ${Math.round(last.ms)} ms, ${last.requests} requests\n`,
		);
	}
	return {
		contender,
		requests: median(runs.map((r) => r.requests)),
		items: median(runs.map((r) => r.items)),
		ms: median(runs.map((r) => r.ms)),
		peakRssMb: median(runs.map((r) => r.peakRssMb)),
		growthMb: median(runs.map((r) => r.peakRssMb - r.baselineRssMb)),
		heapGrowthMb: median(runs.map((r) => r.heapGrowthMb)),
		payloadBytes: runs[0].payloadBytes,
		all: runs.map((r) => Math.round(r.ms)),
	};
}

function coldRequire() {
	/** @param {boolean} withWorkflow */
	const script = (withWorkflow) => `
		${withWorkflow ? "require('n8n-workflow');" : ''}
		const t = process.hrtime.bigint();
		require(${JSON.stringify(path.join(ROOT, 'dist', 'nodes', 'ApolloTasks', 'ApolloTasks.node.js'))});
		console.log(Number(process.hrtime.bigint() - t) / 1e6);`;
	/** @param {boolean} withWorkflow */
	const time = (withWorkflow) =>
		median(
			Array.from({ length: 9 }, () =>
				Number(
					execFileSync(process.execPath, ['-e', script(withWorkflow)], {
						cwd: ROOT,
						encoding: 'utf8',
					}).trim(),
				),
			),
		);
	return { nodeOnly: time(true), withN8nWorkflow: time(false) };
}

function packedSize() {
	const [info] = JSON.parse(
		execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], {
			cwd: ROOT,
			encoding: 'utf8',
		}),
	);
	return { size: info.size, unpackedSize: info.unpackedSize, files: info.entryCount };
}

/** @param {number} ms */
const fmt = (ms) => (ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`);

async function main() {
	compile();
	const sandbox = await startSandbox();
	const searchReset = { tasks: TASKS, contacts: 1000 };
	try {
		process.stderr.write(`Search of ${TASKS} tasks, ${RUNS} runs each:\n`);
		const search = [];
		for (const contender of ['search:raw', 'search:node', 'search:http-request-node']) {
			search.push(await series(contender, sandbox, { reset: searchReset }));
		}
		process.stderr.write(`Create for ${CREATE_ITEMS} items sharing fields:\n`);
		const create = [];
		for (const contender of ['create:node', 'create:node-batch-1', 'create:http-request-node']) {
			create.push(
				await series(contender, sandbox, {
					count: CREATE_ITEMS,
					reset: { tasks: 0, contacts: 1000 },
				}),
			);
		}
		process.stderr.write('Requests per trigger poll and per duplicate-checked create:\n');
		const quota = JSON.parse(
			execFileSync(
				process.execPath,
				[path.join(ROOT, '.bench', 'scripts', 'bench', 'quota.js'), sandbox.url],
				{
					env: {
						...process.env,
						N8N_LOG_LEVEL: 'silent',
						N8N_USER_FOLDER: fs.mkdtempSync(path.join(os.tmpdir(), 'apollo-bench-')),
					},
					encoding: 'utf8',
				},
			)
				.trim()
				.split('\n')
				.pop() ?? '{}',
		);
		const load = coldRequire();
		const pack = packedSize();
		const report = render({ search, create, quota, load, pack });
		if (process.argv.includes('--write')) {
			fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
			fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), report);
		}
		console.log(report);
	} finally {
		sandbox.child.kill('SIGTERM');
	}
}

/**
 * @param {{ search: Series[], create: Series[], quota: { trigger: Record<string, { first: number, steady: number, max: number }>, create: Array<{ reads: number, creates: number, existing: number, created: number }> }, load: { nodeOnly: number, withN8nWorkflow: number }, pack: { size: number, unpackedSize: number, files: number } }} results
 */
function render({ search, create, quota, load, pack }) {
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
		'| run | search requests (the duplicate check) | bulk_create requests | tasks created | found existing |',
		'|---|---:|---:|---:|---:|',
		...quota.create.map(
			(r, i) =>
				`| ${i === 0 ? 'first' : 'the same input again'} | ${r.reads} | ${r.creates} | ${r.created} | ${r.existing} |`,
		),
		'',
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

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
