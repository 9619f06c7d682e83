'use strict';

/**
 * `npm run bench`: measures this node against the alternatives, side by side, against the local
 * Apollo sandbox (run in its own process), and prints the report; `--write` also saves it as
 * docs/benchmarks.md. Figures, not assertions.
 */

require('../lib/node24').onNode24();

const { execFileSync, spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { N8N_VERSION } = require('../lib/n8n-paths');
const { installN8nWithProgress } = require('../lib/install-progress');
const { benchSections } = require('./sections');
const { render, RUNS, TASKS, CREATE_ITEMS } = require('./report');

const ROOT = path.resolve(__dirname, '..', '..');

/**
 * @typedef {{ ms: number, requests: number, items: number, peakRssMb: number, baselineRssMb: number, heapGrowthMb: number, payloadBytes: number }} Run
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
	/** @type {import('./report').Series} */
	const figures = {
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
	return figures;
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

async function main() {
	// The HTTP Request node compared here is n8n's own, from the n8n that `npm run dev` runs.
	await installN8nWithProgress({ version: N8N_VERSION }).done;
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
		const sections = benchSections(sandbox.url);
		const load = coldRequire();
		const pack = packedSize();
		const report = render({ search, create, quota, load, pack, sections });
		if (process.argv.includes('--write')) {
			fs.mkdirSync(path.join(ROOT, 'docs'), { recursive: true });
			fs.writeFileSync(path.join(ROOT, 'docs', 'benchmarks.md'), report);
		}
		console.log(report);
	} finally {
		sandbox.child.kill('SIGTERM');
	}
}

main().catch((error) => {
	console.error(error.message ?? error);
	process.exit(1);
});
