'use strict';

/**
 * Starts a pinned n8n (installed by n8n-install.js) with this package loaded. Shared by `npm run dev` and
 * the end-to-end tests. Every function takes the n8n version (default: the 2.x that `npm run dev` runs);
 * the versions the tests run against are in N8N_VERSIONS.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ensureN8n, isInstalled } = require('./n8n-install');
const {
	N8N_VERSION,
	N8N_VERSIONS,
	ROOT,
	major,
	cacheRoot,
	n8nDir,
	n8nBin,
	n8nModule,
} = require('./n8n-paths');

/**
 * Environment for an n8n that makes no outbound calls and loads this package as users install it.
 * @param {{ userFolder: string, port: number, brokerPort: number, version?: string, extra?: Record<string, string> }} options
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv({ userFolder, port, brokerPort, version = N8N_VERSION, extra = {} }) {
	const inherited = { ...process.env };
	// A test runner's NODE_ENV=test and its own variables change how n8n starts; n8n gets a clean slate.
	for (const key of Object.keys(inherited))
		if (key === 'NODE_ENV' || key.startsWith('JEST_') || key.startsWith('N8N_'))
			delete inherited[key];
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
		// n8n 1.x has no mcp-registry module and refuses to start when told to disable one it does not have.
		...(major(version) >= 2 ? { N8N_DISABLED_MODULES: 'mcp-registry' } : {}),
		N8N_COMMUNITY_PACKAGES_ENABLED: 'true',
		N8N_SECURE_COOKIE: 'false',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		N8N_LOG_LEVEL: process.env.N8N_LOG_LEVEL || 'warn',
		DB_SQLITE_POOL_SIZE: '2',
		...extra,
	};
}

/**
 * The package.json n8n keeps in `<user folder>/.n8n/nodes`, naming this package as installed.
 * @param {string} nodesDir
 * @param {string} version
 */
function writeInstalledNodes(nodesDir, version) {
	const installed = {
		name: 'installed-nodes',
		private: true,
		dependencies: { 'n8n-nodes-apollo-tasks': version },
	};
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify(installed, null, 2));
}

/**
 * Puts this package where n8n finds installed community packages (`<user folder>/.n8n/nodes`), so node
 * types carry the package name exactly as after an install from Settings > Community Nodes.
 *
 * Only package.json and dist/ are linked, and n8n runs with NODE_PRESERVE_SYMLINKS (see n8nEnv): the
 * package then finds no node_modules of its own and gets n8n-workflow from n8n, as an installed package
 * does. Linking the whole repository would load our dev copy of n8n-workflow, whose error classes n8n
 * does not recognise (it logs each node error with a stack trace instead of one line).
 * @param {string} userFolder
 */
function linkPackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', 'n8n-nodes-apollo-tasks');
	fs.mkdirSync(path.dirname(target), { recursive: true });
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	writeInstalledNodes(nodesDir, pkg.version);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target);
	for (const entry of ['package.json', 'dist'])
		fs.symlinkSync(path.join(ROOT, entry), path.join(target, entry));
}

/**
 * Installs this package into `<user folder>/.n8n/nodes` from the tarball `npm pack` makes, as
 * Settings > Community Nodes does: the published files only, no node_modules, so `n8n-workflow` resolves
 * to n8n's own copy (n8n drops a package's peerDependencies on install and adds its own modules to the
 * search path). The end-to-end tests use this; `npm run dev` links the working copy instead.
 * @param {string} userFolder
 */
function installPackedPackage(userFolder) {
	const nodesDir = path.join(userFolder, '.n8n', 'nodes');
	const target = path.join(nodesDir, 'node_modules', 'n8n-nodes-apollo-tasks');
	fs.mkdirSync(target, { recursive: true });
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'apollo-tasks-pack-'));
	try {
		const [packed] = JSON.parse(
			spawnSync('npm', ['pack', '--json', '--pack-destination', packDir], {
				cwd: ROOT,
				encoding: 'utf8',
			}).stdout,
		);
		const untar = spawnSync('tar', [
			'-xzf',
			path.join(packDir, packed.filename),
			'-C',
			target,
			'--strip-components=1',
		]);
		if (untar.status !== 0) throw new Error(`Could not unpack ${packed.filename}: ${untar.stderr}`);
		writeInstalledNodes(nodesDir, packed.version);
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * Starts n8n; with `quiet`, keeps what it prints in `output` instead of showing it.
 * @param {{ args?: string[], env: NodeJS.ProcessEnv, version?: string, log?: (line: string) => void, quiet?: boolean }} options
 */
function startN8n({
	args = ['start'],
	env,
	version = N8N_VERSION,
	log = console.log,
	quiet = false,
}) {
	/** @type {string[]} */
	const output = [];
	const child = Object.assign(
		spawn(process.execPath, [n8nBin(version), ...args], {
			env,
			stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit',
		}),
		{ output },
	);
	if (quiet) {
		for (const stream of [child.stdout, child.stderr])
			stream?.on('data', (chunk) => output.push(chunk.toString()));
	}
	child.on('exit', (code, signal) => log(`n8n ${args[0]} exited (${signal ?? code})`));
	return child;
}

/** How long n8n may take to answer after it was started: its first start runs every migration. */
const READY_TIMEOUT_MS = 300_000;

/**
 * The last lines n8n printed, for an error message.
 * @param {{ output?: string[] }} child
 */
function lastLines(child, count = 30) {
	const lines = (child.output ?? []).join('').trimEnd().split('\n').slice(-count);
	return lines.join('\n').trim() || '(nothing)';
}

/**
 * Waits until n8n answers /healthz/readiness and its REST API; says which did not answer, with n8n's
 * last lines, when n8n exits first or the time is up.
 * @param {string} baseUrl
 * @param {import('node:child_process').ChildProcess & { output?: string[] }} child
 * @param {{ version?: string, timeoutMs?: number }} [options]
 */
async function waitForReady(
	baseUrl,
	child,
	{ version = N8N_VERSION, timeoutMs = READY_TIMEOUT_MS } = {},
) {
	const deadline = Date.now() + timeoutMs;
	let step = '/healthz/readiness';
	while (Date.now() < deadline) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(
				`n8n ${version} exited (${child.signalCode ?? child.exitCode}) before it answered ${step}; last log lines:\n${lastLines(child)}`,
			);
		try {
			// n8n 1.x answers readiness before its REST API is mounted; the settings route tells when it is.
			if ((await fetch(`${baseUrl}/healthz/readiness`)).ok) {
				step = '/rest/settings';
				if ((await fetch(`${baseUrl}/rest/settings`)).ok) return;
			}
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(
		`n8n ${version} did not answer ${step} within ${Math.round(timeoutMs / 1000)} s; last log lines:\n${lastLines(child)}`,
	);
}

module.exports = {
	N8N_VERSION,
	N8N_VERSIONS,
	ROOT,
	cacheRoot,
	n8nDir,
	n8nBin,
	n8nModule,
	ensureN8n,
	isInstalled,
	n8nEnv,
	linkPackage,
	installPackedPackage,
	startN8n,
	waitForReady,
	READY_TIMEOUT_MS,
};
