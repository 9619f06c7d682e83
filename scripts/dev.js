'use strict';

/**
 * `npm run dev`: n8n with this package loaded, against the Apollo sandbox (or the real Apollo with
 * --apollo-key / APOLLO_API_KEY), with an owner login, a credential and two demo workflows ready.
 * Ctrl-C, or SIGINT / SIGTERM to the npm process, stops everything it started.
 */

const { spawn } = require('node:child_process');
const fs = require('node:fs');

const { ApolloSandbox } = require('../sandbox/server');
const { MASTER_KEY } = require('../sandbox/keys');
const { ROOT, linkPackage, n8nEnv, startN8n, waitForReady } = require('./lib/n8n');
const { setUpOwner, createCredential } = require('./lib/n8n-rest');
const { demoWorkflow, triggerDemoWorkflow } = require('./lib/demo-workflow');
const { installN8nWithProgress } = require('./lib/install-progress');
const { stopTree } = require('./lib/processes');
const { options, lifecycle } = require('./lib/dev-life');
const { saveDemo, printSteps } = require('./lib/dev-demos');
const { showN8nLog } = require('./lib/dev-log');

/** What n8n would otherwise print while you work: its vetted-nodes lookup, which fails offline. */
const QUIET_N8N = {
	N8N_VERIFIED_PACKAGES_ENABLED: 'false',
	N8N_UNVERIFIED_PACKAGES_ENABLED: 'true',
};

/** @typedef {import('./lib/dev-life').Life} Life */

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
 * @param {ReturnType<typeof options>} opts
 * @param {Life} life
 */
async function main(opts, life) {
	// Only the n8n this start runs (the end-to-end tests install the other pinned line), and the build
	// beside it: the install waits on the network and one core, the build on the other.
	console.log('Building the package...');
	const built = build(life);
	const install = installN8nWithProgress({ version: opts.version });
	life.onStop(install.stop);
	await Promise.all([install.done, built]);

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
			version: opts.version,
			extra: QUIET_N8N,
		}),
		version: opts.version,
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
	console.log(`Starting n8n ${opts.version} on ${n8nUrl} ...`);
	const started = Date.now();
	await waitForReady(n8nUrl, n8n, { version: opts.version });
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

	printSteps({
		n8nUrl,
		demoId: demo.id,
		triggerDemoId: triggerDemo.id,
		realApollo: Boolean(opts.apolloKey),
		credential,
	});
	console.log('Ctrl-C stops n8n and the sandbox. n8n log:');
	showN8nLog(n8n);
}

const life = lifecycle();
main(options(process.argv.slice(2)), life).catch((error) => {
	if (!life.ending) console.error(error.message ?? error);
	return life.end(1);
});
