'use strict';

/**
 * `npm run dev`: n8n with this package loaded, against the Apollo sandbox (or the real Apollo with
 * --apollo-key / APOLLO_API_KEY), with an owner login, a credential and a demo workflow ready.
 * Ctrl-C stops everything it started.
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { ApolloSandbox, MASTER_KEY } = require('../sandbox/server');
const { ROOT, cacheRoot, ensureN8n, linkPackage, n8nEnv, startN8n, waitForReady } = require('./lib/n8n');
const { setUpOwner, createCredential, createWorkflow, OWNER } = require('./lib/n8n-rest');
const { demoWorkflow } = require('./lib/demo-workflow');

/** @param {string[]} argv */
function options(argv) {
	const result = {
		port: Number(process.env.N8N_PORT || 5678),
		sandboxPort: Number(process.env.APOLLO_SANDBOX_PORT || 4010),
		apolloKey: process.env.APOLLO_API_KEY || '',
		fresh: false,
	};
	for (let i = 0; i < argv.length; i++) {
		const [flag, inline] = argv[i].split('=');
		const value = () => (inline !== undefined ? inline : argv[++i]);
		if (flag === '--apollo-key') result.apolloKey = value();
		else if (flag === '--port') result.port = Number(value());
		else if (flag === '--sandbox-port') result.sandboxPort = Number(value());
		else if (flag === '--fresh') result.fresh = true;
		else if (flag === '--help') {
			console.log('Usage: npm run dev -- [--apollo-key KEY] [--port 5678] [--sandbox-port 4010] [--fresh]');
			process.exit(0);
		} else {
			console.error(`Unknown option ${flag}; see --help`);
			process.exit(2);
		}
	}
	return result;
}

async function main() {
	const opts = options(process.argv.slice(2));
	ensureN8n();

	console.log('Building the package...');
	const build = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('The build failed');

	/** @type {(() => Promise<unknown>)[]} */
	const stops = [];
	const stopAll = async () => {
		for (const stop of stops.reverse()) await stop();
	};
	process.on('SIGINT', () => stopAll().then(() => process.exit(0)));
	process.on('SIGTERM', () => stopAll().then(() => process.exit(0)));

	let credential;
	if (opts.apolloKey) {
		credential = { name: 'Apollo Tasks', data: { apiKey: opts.apolloKey, baseUrl: 'https://api.apollo.io' } };
		console.log('Using the real Apollo API with the given key.');
	} else {
		const sandbox = new ApolloSandbox({ users: 4, contacts: 400, tasks: 400, rateLimits: { minute: 200, hourly: 6000, daily: 20000 } });
		const url = await sandbox.start(opts.sandboxPort);
		stops.push(() => sandbox.stop());
		credential = { name: 'Apollo Tasks (sandbox)', data: { apiKey: MASTER_KEY, baseUrl: url } };
		console.log(`Apollo sandbox on ${url}: ${sandbox.users.length} users, ${sandbox.contacts.length} contacts, ${sandbox.tasks.length} tasks.`);
	}

	const userFolder = path.join(cacheRoot(), 'dev-user-folder');
	if (opts.fresh) fs.rmSync(userFolder, { recursive: true, force: true });
	fs.mkdirSync(userFolder, { recursive: true });
	linkPackage(userFolder);
	const n8nUrl = `http://127.0.0.1:${opts.port}`;
	const n8n = startN8n({ env: n8nEnv({ userFolder, port: opts.port, brokerPort: opts.port + 1 }), quiet: true });
	stops.push(
		() =>
			new Promise((resolve) => {
				if (n8n.exitCode !== null) return resolve(undefined);
				n8n.once('exit', resolve);
				n8n.kill('SIGTERM');
			}),
	);
	console.log(`Starting n8n on ${n8nUrl} ...`);
	const started = Date.now();
	await waitForReady(n8nUrl, n8n);
	console.log(`n8n ready in ${Math.round((Date.now() - started) / 1000)} s.`);

	const session = await setUpOwner(n8nUrl);
	const savedCredential = await createCredential(n8nUrl, session, credential.name, credential.data);
	const users = opts.apolloKey ? [] : /** @type {{ id: string }[]} */ (await (await fetch(`${credential.data.baseUrl}/__sandbox/users`)).json());
	const contacts = opts.apolloKey ? [] : /** @type {{ id: string }[]} */ (await (await fetch(`${credential.data.baseUrl}/__sandbox/contacts`)).json());
	const workflow = await createWorkflow(n8nUrl, session, demoWorkflow({ credential: savedCredential, userId: users[0]?.id ?? '', contactIds: contacts.slice(0, 3).map((c) => c.id) }));

	console.log('');
	console.log(`  n8n:       ${n8nUrl}/workflow/${workflow.id}`);
	console.log(`  login:     ${OWNER.email} / ${OWNER.password}`);
	console.log(`  credential "${credential.name}" -> ${credential.data.baseUrl}`);
	console.log('');
	console.log('Open the demo workflow and click "Execute workflow". Ctrl-C stops n8n and the sandbox.');
	n8n.stdout?.pipe(process.stdout);
	n8n.stderr?.pipe(process.stderr);
	n8n.on('exit', () => stopAll().then(() => process.exit(n8n.exitCode ?? 0)));
}

main().catch((error) => {
	console.error(error.message ?? error);
	process.exit(1);
});
