'use strict';

/**
 * Installs a pinned n8n once, into a cache outside the repository, and starts it with this package
 * loaded. Shared by `npm run dev` and the end-to-end tests.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const ROOT = path.resolve(__dirname, '..', '..');

function cacheRoot() {
	return process.env.APOLLO_TASKS_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-apollo-tasks');
}

function n8nDir() {
	return path.join(cacheRoot(), `n8n-${N8N_VERSION}`);
}

function n8nBin() {
	return path.join(n8nDir(), 'node_modules', 'n8n', 'bin', 'n8n');
}

/** The folder of the Node.js headers that ship with the `node` package, for native rebuilds. */
function nodeHeadersDir() {
	const candidates = [
		path.join(ROOT, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
		path.dirname(path.dirname(process.execPath)),
	];
	return candidates.find((dir) => fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) ?? candidates[1];
}

function run(command, args, options, log) {
	log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/** Installs n8n into the cache unless it is there already. About 8 minutes the first time. */
function ensureN8n(log = console.log) {
	const dir = n8nDir();
	const ready = path.join(dir, '.ready');
	if (fs.existsSync(ready) && fs.existsSync(n8nBin())) return n8nBin();
	if (Number(process.versions.node.split('.')[0]) < 24) {
		throw new Error(`n8n ${N8N_VERSION} needs Node.js 24; this is ${process.version}. Run it through npm (npm run dev), which puts the project's Node 24 first.`);
	}
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'apollo-tasks-n8n-runtime', private: true }, null, 2));
	const started = Date.now();
	log(`Installing n8n ${N8N_VERSION} into ${dir} (once; about 8 minutes)...`);
	run('npm', ['install', `n8n@${N8N_VERSION}`, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir }, log);
	run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], { cwd: dir, env: { ...process.env, npm_config_nodedir: nodeHeadersDir() } }, log);
	fs.writeFileSync(ready, new Date().toISOString());
	log(`n8n ${N8N_VERSION} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return n8nBin();
}

/** Environment for an n8n that makes no outbound calls and loads this package as users install it. */
function n8nEnv({ userFolder, port, brokerPort, extra = {} }) {
	const inherited = { ...process.env };
	// A test runner's NODE_ENV=test and its own variables change how n8n starts; n8n gets a clean slate.
	for (const key of Object.keys(inherited)) if (key === 'NODE_ENV' || key.startsWith('JEST_') || key.startsWith('N8N_')) delete inherited[key];
	return {
		...inherited,
		N8N_USER_FOLDER: userFolder,
		NODE_PRESERVE_SYMLINKS: '1', // see linkPackage
		N8N_PORT: String(port),
		N8N_LISTEN_ADDRESS: '127.0.0.1',
		N8N_HOST: '127.0.0.1',
		N8N_RUNNERS_BROKER_PORT: String(brokerPort),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_TEMPLATES_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_DISABLED_MODULES: 'mcp-registry',
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
}

/**
 * Puts this package where n8n finds installed community packages (`<user folder>/.n8n/nodes`), so node
 * types carry the package name exactly as after an install from Settings > Community Nodes.
 *
 * Only package.json and dist/ are linked, and n8n runs with NODE_PRESERVE_SYMLINKS (see n8nEnv): the
 * package then finds no node_modules of its own and gets n8n-workflow from n8n, as an installed package
 * does. Linking the whole repository would load our dev copy of n8n-workflow, whose error classes n8n
 * does not recognise (it logs each node error with a stack trace instead of one line).
 */
function linkPackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', 'n8n-nodes-apollo-tasks');
	fs.mkdirSync(path.dirname(target), { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-apollo-tasks': pkg.version } }, null, 2));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target);
	for (const entry of ['package.json', 'dist']) fs.symlinkSync(path.join(ROOT, entry), path.join(target, entry));
}

function startN8n({ args = ['start'], env, log = console.log, quiet = false }) {
	const child = spawn(process.execPath, [n8nBin(), ...args], { env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' });
	const output = [];
	if (quiet) {
		for (const stream of [child.stdout, child.stderr]) stream.on('data', (chunk) => output.push(chunk.toString()));
	}
	child.output = output;
	child.on('exit', (code, signal) => log(`n8n ${args[0]} exited (${signal ?? code})`));
	return child;
}

async function waitForReady(baseUrl, child, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited before it was ready:\n${(child.output ?? []).join('').slice(-4000)}`);
		try {
			const response = await fetch(`${baseUrl}/healthz/readiness`);
			if (response.ok) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs / 1000} s`);
}

module.exports = { N8N_VERSION, ROOT, cacheRoot, n8nDir, n8nBin, ensureN8n, n8nEnv, linkPackage, startN8n, waitForReady };
