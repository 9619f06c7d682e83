'use strict';

/**
 * `npm run dev`: n8n with this package loaded, against the Apollo sandbox (or the real Apollo with
 * --apollo-key / APOLLO_API_KEY), with an owner login, a credential and two demo workflows ready.
 * Ctrl-C, or SIGINT / SIGTERM to the npm process, stops everything it started.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ApolloSandbox, MASTER_KEY } = require('../sandbox/server');
const { ROOT, cacheRoot, linkPackage, n8nEnv, startN8n, waitForReady } = require('./lib/n8n');
const { setUpOwner, createCredential, rest, OWNER } = require('./lib/n8n-rest');
const { demoWorkflow, triggerDemoWorkflow } = require('./lib/demo-workflow');
const { installN8nWithProgress } = require('./lib/install-progress');
const { stopTree } = require('./lib/processes');

const USAGE =
	'Usage: npm run dev -- [--apollo-key KEY] [--port 5678] [--sandbox-port 4010] [--user-folder DIR] [--fresh]';

/** What n8n would otherwise print while you work: its vetted-nodes lookup, which fails offline. */
const QUIET_N8N = {
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
};

/** @param {string[]} argv */
function options(argv) {
	const result = {
		port: Number(process.env.N8N_PORT || 5678),
		sandboxPort: Number(process.env.APOLLO_SANDBOX_PORT || 4010),
		apolloKey: process.env.APOLLO_API_KEY || '',
		userFolder: path.join(cacheRoot(), 'dev-user-folder'),
		fresh: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--apollo-key') result.apolloKey = value();
		else if (flag === '--port') result.port = Number(value());
		else if (flag === '--sandbox-port') result.sandboxPort = Number(value());
		else if (flag === '--user-folder') result.userFolder = path.resolve(value());
		else if (flag === '--fresh') result.fresh = true;
		else if (flag === '--help') {
			console.log(USAGE);
			process.exit(0);
		} else {
			console.error(`Unknown option ${flag}; see --help`);
			process.exit(2);
		}
	}
	return result;
}

/**
 * One shutdown for every way this process is asked to end: Ctrl-C, SIGTERM or SIGINT from npm (which
 * passes them on), SIGHUP when the terminal closes, or npm itself going away (this process is then
 * re-parented). What was started stops in reverse order, once.
 */
function lifecycle() {
	/** @type {Array<() => Promise<unknown>>} */
	const stops = [];
	/** @type {Promise<void> | undefined} */
	let ending;
	const end = (/** @type {number} */ code, /** @type {string | undefined} */ why = undefined) => {
		if (!ending) {
			if (why) console.log(`\n${why}: stopping everything npm run dev started...`);
			ending = (async () => {
				for (const stop of stops.reverse())
					await stop().catch((/** @type {Error} */ error) => console.error(error.message));
				process.exit(code);
			})();
		}
		return ending;
	};
	for (const name of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(name, () => end(0, name));
	const parent = process.ppid;
	setInterval(() => process.ppid !== parent && end(0, 'npm exited'), 1000).unref();
	return {
		onStop: (/** @type {() => Promise<unknown>} */ stop) => stops.push(stop),
		end,
		get ending() {
			return Boolean(ending);
		},
	};
}

/** @typedef {ReturnType<typeof lifecycle>} Life */

/**
 * `npm run build`, its output shown only when it fails.
 * @param {Life} life
 * @returns {Promise<void>}
 */
function build(life) {
	return new Promise((resolve, reject) => {
		const child = spawn('npm', ['run', 'build', '--silent'], {
			cwd: ROOT,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		/** @type {Buffer[]} */
		const output = [];
		for (const stream of [child.stdout, child.stderr])
			stream.on('data', (chunk) => output.push(chunk));
		life.onStop(() => stopTree(child, { graceMs: 2_000 }));
		child.on('exit', (code) =>
			code === 0
				? resolve()
				: reject(new Error(`The build failed:\n${Buffer.concat(output).toString()}`)),
		);
	});
}

/**
 * Saves a demo workflow: creates it, or brings it up to date while it is still as this script left it.
 * A demo you changed and saved in n8n is kept (--fresh starts over).
 * @param {string} baseUrl
 * @param {{ cookie: string }} session
 * @param {{ name: string } & Record<string, unknown>} workflow
 * @param {string} userFolder
 * @returns {Promise<{ id: string }>}
 */
async function saveDemo(baseUrl, session, workflow, userFolder) {
	const recordFile = path.join(userFolder, 'apollo-tasks-demos.json');
	const record = fs.existsSync(recordFile) ? JSON.parse(fs.readFileSync(recordFile, 'utf8')) : {};
	const { json: existing } = await rest(baseUrl, session, 'GET', '/workflows');
	const found = (existing ?? []).find(
		(/** @type {{ name: string }} */ w) => w.name === workflow.name,
	);
	let saved;
	if (!found) {
		saved = (await rest(baseUrl, session, 'POST', '/workflows', workflow)).json;
	} else if (record[found.id] === undefined || record[found.id] === found.versionId) {
		saved = (
			await rest(baseUrl, session, 'PATCH', `/workflows/${found.id}`, {
				...workflow,
				versionId: found.versionId,
			})
		).json;
	} else {
		console.log(
			`Kept your changed "${workflow.name}" (npm run dev -- --fresh starts over with the current demo).`,
		);
		return found;
	}
	fs.writeFileSync(recordFile, JSON.stringify({ ...record, [saved.id]: saved.versionId }, null, 2));
	return saved;
}

/**
 * @param {ReturnType<typeof options>} opts
 * @param {Life} life
 */
async function main(opts, life) {
	const install = installN8nWithProgress();
	life.onStop(install.stop);
	await install.done;

	console.log('Building the package...');
	await build(life);

	let credential;
	let users = [];
	let contacts = [];
	if (opts.apolloKey) {
		credential = {
			name: 'Apollo Tasks',
			data: { apiKey: opts.apolloKey, baseUrl: 'https://api.apollo.io' },
		};
		console.log('Using the real Apollo API with the given key.');
	} else {
		const sandbox = new ApolloSandbox({
			users: 4,
			contacts: 400,
			tasks: 400,
			rateLimits: { minute: 200, hourly: 6000, daily: 20000 },
		});
		const url = await sandbox.start(opts.sandboxPort);
		life.onStop(() => sandbox.stop());
		credential = { name: 'Apollo Tasks (sandbox)', data: { apiKey: MASTER_KEY, baseUrl: url } };
		users = sandbox.users;
		contacts = sandbox.contacts.slice(0, 3);
		console.log(
			`Apollo sandbox on ${url}: ${sandbox.users.length} users, ${sandbox.contacts.length} contacts, ${sandbox.tasks.length} tasks.`,
		);
	}

	if (opts.fresh) fs.rmSync(opts.userFolder, { recursive: true, force: true });
	fs.mkdirSync(opts.userFolder, { recursive: true });
	linkPackage(opts.userFolder);
	const n8nUrl = `http://127.0.0.1:${opts.port}`;
	const n8n = startN8n({
		env: n8nEnv({
			userFolder: opts.userFolder,
			port: opts.port,
			brokerPort: opts.port + 1,
			extra: QUIET_N8N,
		}),
		quiet: true,
		log: () => undefined,
	});
	life.onStop(() => stopTree(n8n));
	n8n.on('exit', (code, signal) => {
		if (life.ending) return;
		console.error(
			`n8n exited (${signal ?? code}).${code ? `\n${n8n.output.join('').slice(-4000)}` : ''}`,
		);
		life.end(code || 1);
	});
	console.log(`Starting n8n on ${n8nUrl} ...`);
	const started = Date.now();
	await waitForReady(n8nUrl, n8n);
	console.log(`n8n ready in ${Math.round((Date.now() - started) / 1000)} s.`);

	const session = await setUpOwner(n8nUrl);
	const savedCredential = await createCredential(n8nUrl, session, credential.name, credential.data);
	const demo = await saveDemo(
		n8nUrl,
		session,
		demoWorkflow({
			credential: savedCredential,
			user: users[0],
			contactIds: contacts.map((c) => c.id),
		}),
		opts.userFolder,
	);
	const triggerDemo = await saveDemo(
		n8nUrl,
		session,
		triggerDemoWorkflow({ credential: savedCredential }),
		opts.userFolder,
	);

	console.log('');
	console.log(`  1. Open ${n8nUrl}/workflow/${demo.id}`);
	console.log(`  2. Sign in as ${OWNER.email} with the password ${OWNER.password}`);
	if (opts.apolloKey) {
		console.log(
			'  3. In "Create call tasks" pick Assigned To, and in "Contacts from your CRM" put contact IDs of your Apollo;',
		);
		console.log(
			'     then click "Execute workflow" at the bottom of the canvas: the demo creates, reads, notes, completes',
		);
		console.log('     and skips real tasks. Double-click a node to see its fields and output.');
	} else {
		console.log(
			'  3. Click "Execute workflow" at the bottom of the canvas: the demo creates, reads, notes, completes and',
		);
		console.log(
			'     skips tasks in the Apollo sandbox. Double-click a node to see its fields and output.',
		);
	}
	console.log(`  The trigger has its own demo: ${n8nUrl}/workflow/${triggerDemo.id}`);
	console.log(`  Credential "${credential.name}" -> ${credential.data.baseUrl}`);
	console.log('');
	console.log('Ctrl-C stops n8n and the sandbox. n8n log:');
	n8n.stdout?.pipe(process.stdout);
	n8n.stderr?.pipe(process.stderr);
}

const life = lifecycle();
main(options(process.argv.slice(2)), life).catch((error) => {
	if (!life.ending) console.error(error.message ?? error);
	return life.end(1);
});
