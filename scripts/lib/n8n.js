'use strict';

/**
 * Installs a pinned n8n once per version, into a cache outside the repository, and starts it with this
 * package loaded. Shared by `npm run dev` and the end-to-end tests. Every function takes the n8n version
 * (default: the 2.x that `npm run dev` runs); the versions the tests run against are in N8N_VERSIONS.
 */

const { spawn, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

/** The n8n versions this package is tested against, newest first. */
const N8N_VERSIONS = ['2.41.1', '1.123.81'];
const N8N_VERSION = N8N_VERSIONS[0];
const ROOT = path.resolve(__dirname, '..', '..');

/** @param {string} version */
const major = (version) => Number(String(version).split('.')[0]);

function cacheRoot() {
	return process.env.APOLLO_TASKS_CACHE || path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'n8n-nodes-apollo-tasks');
}

function n8nDir(version = N8N_VERSION) {
	return path.join(cacheRoot(), `n8n-${version}`);
}

function n8nBin(version = N8N_VERSION) {
	return path.join(n8nDir(version), 'node_modules', 'n8n', 'bin', 'n8n');
}

/**
 * The folder holding a package that n8n itself uses (n8n-workflow, flatted, ...), as that n8n resolves it.
 * @param {string} name
 */
function n8nModule(name, version = N8N_VERSION) {
	const nested = path.join(n8nDir(version), 'node_modules', 'n8n', 'node_modules', name);
	return fs.existsSync(nested) ? nested : path.join(n8nDir(version), 'node_modules', name);
}

/** The folder of the Node.js headers that ship with the `node` package, for native rebuilds. */
function nodeHeadersDir() {
	const candidates = [
		path.join(ROOT, 'node_modules', 'node', 'node_modules', `node-${process.platform}-${process.arch}`),
		path.dirname(path.dirname(process.execPath)),
	];
	return candidates.find((dir) => fs.existsSync(path.join(dir, 'include', 'node', 'node_api.h'))) ?? candidates[1];
}

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} options
 * @param {(line: string) => void} log
 */
function run(command, args, options, log) {
	log(`$ ${command} ${args.join(' ')}`);
	const result = spawnSync(command, args, { stdio: 'inherit', ...options });
	if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed with exit code ${result.status}`);
}

/**
 * Installs n8n `version` into the cache unless it is there already. About 8 minutes the first time.
 * `ensureN8n(log)` and `ensureN8n(log, version)` both work.
 */
function ensureN8n(log = console.log, version = N8N_VERSION) {
	const dir = n8nDir(version);
	const ready = path.join(dir, '.ready');
	if (fs.existsSync(ready) && fs.existsSync(n8nBin(version))) return n8nBin(version);
	const nodeMajor = major(process.versions.node);
	if (major(version) >= 2 ? nodeMajor < 24 : nodeMajor < 20) {
		throw new Error(`n8n ${version} needs Node.js ${major(version) >= 2 ? 24 : '20 to 24'}; this is ${process.version}. Run it through npm (npm run dev), which puts the project's Node 24 first.`);
	}
	if (!takeInstallLock(dir, version, log)) return n8nBin(version);
	try {
		return fs.existsSync(ready) ? n8nBin(version) : install(dir, version, log);
	} finally {
		fs.rmSync(`${dir}.installing`, { recursive: true, force: true });
	}
}

/** @param {number} ms */
const sleepSync = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/** @param {number} pid */
const alive = (pid) => {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
};

/**
 * One installer per version at a time: a process that finds another installing waits for it (and then
 * answers false) instead of installing alongside it; a lock left by a process that died is taken over.
 * @param {string} dir
 * @param {string} version
 * @param {(line: string) => void} log
 */
function takeInstallLock(dir, version, log) {
	const lock = `${dir}.installing`;
	fs.mkdirSync(path.dirname(lock), { recursive: true });
	for (let said = false; ; sleepSync(2000)) {
		try {
			fs.mkdirSync(lock);
			fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
			return true;
		} catch (error) {
			if (error.code !== 'EEXIST') throw error;
		}
		if (fs.existsSync(path.join(dir, '.ready'))) return false;
		let holder = 0;
		let since = Date.now();
		try {
			holder = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8')) || 0;
			since = fs.statSync(lock).mtimeMs;
		} catch {
			// the holder is just writing its pid, or has just finished
		}
		if (holder ? !alive(holder) : Date.now() - since > 60_000) {
			fs.rmSync(lock, { recursive: true, force: true });
			continue;
		}
		if (!said) log(`Another process (${holder || 'starting'}) is installing n8n ${version}; waiting for it...`);
		said = true;
	}
}

/**
 * @param {string} dir
 * @param {string} version
 * @param {(line: string) => void} log
 */
function install(dir, version, log) {
	fs.mkdirSync(dir, { recursive: true });
	/** @type {{ name: string, private: boolean, overrides?: Record<string, string> }} */
	const runtime = { name: 'apollo-tasks-n8n-runtime', private: true };
	// n8n 1.x names xlsx by a URL outside the npm registry; the registry's last xlsx release stands in.
	if (major(version) < 2) runtime.overrides = { xlsx: '0.18.5' };
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(runtime, null, 2));
	const started = Date.now();
	log(`Installing n8n ${version} into ${dir} (once; about 8 minutes)...`);
	run('npm', ['install', `n8n@${version}`, '--omit=dev', '--ignore-scripts', '--no-audit', '--no-fund', '--loglevel=error'], { cwd: dir }, log);
	run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], { cwd: dir, env: { ...process.env, npm_config_nodedir: nodeHeadersDir() } }, log);
	fs.writeFileSync(path.join(dir, '.ready'), new Date().toISOString());
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return n8nBin(version);
}

/**
 * Environment for an n8n that makes no outbound calls and loads this package as users install it.
 * @param {{ userFolder: string, port: number, brokerPort: number, version?: string, extra?: Record<string, string> }} options
 * @returns {NodeJS.ProcessEnv}
 */
function n8nEnv({ userFolder, port, brokerPort, version = N8N_VERSION, extra = {} }) {
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
	fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-apollo-tasks': pkg.version } }, null, 2));
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target);
	for (const entry of ['package.json', 'dist']) fs.symlinkSync(path.join(ROOT, entry), path.join(target, entry));
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
		const [packed] = JSON.parse(spawnSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }).stdout);
		const untar = spawnSync('tar', ['-xzf', path.join(packDir, packed.filename), '-C', target, '--strip-components=1']);
		if (untar.status !== 0) throw new Error(`Could not unpack ${packed.filename}: ${untar.stderr}`);
		fs.writeFileSync(path.join(nodesDir, 'package.json'), JSON.stringify({ name: 'installed-nodes', private: true, dependencies: { 'n8n-nodes-apollo-tasks': packed.version } }, null, 2));
	} finally {
		fs.rmSync(packDir, { recursive: true, force: true });
	}
}

/**
 * Starts n8n; with `quiet`, keeps what it prints in `output` instead of showing it.
 * @param {{ args?: string[], env: NodeJS.ProcessEnv, version?: string, log?: (line: string) => void, quiet?: boolean }} options
 */
function startN8n({ args = ['start'], env, version = N8N_VERSION, log = console.log, quiet = false }) {
	/** @type {string[]} */
	const output = [];
	const child = Object.assign(spawn(process.execPath, [n8nBin(version), ...args], { env, stdio: quiet ? ['ignore', 'pipe', 'pipe'] : 'inherit' }), { output });
	if (quiet) {
		for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk) => output.push(chunk.toString()));
	}
	child.on('exit', (code, signal) => log(`n8n ${args[0]} exited (${signal ?? code})`));
	return child;
}

/**
 * @param {string} baseUrl
 * @param {import('node:child_process').ChildProcess & { output?: string[] }} child
 * @param {number} [timeoutMs]
 */
async function waitForReady(baseUrl, child, timeoutMs = 180_000) {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exitCode !== null) throw new Error(`n8n exited before it was ready:\n${(child.output ?? []).join('').slice(-4000)}`);
		try {
			// n8n 1.x answers readiness before its REST API is mounted; the settings route tells when it is.
			const ready = (await fetch(`${baseUrl}/healthz/readiness`)).ok && (await fetch(`${baseUrl}/rest/settings`)).ok;
			if (ready) return;
		} catch {
			// not listening yet
		}
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`n8n was not ready within ${timeoutMs / 1000} s`);
}

module.exports = { N8N_VERSION, N8N_VERSIONS, ROOT, cacheRoot, n8nDir, n8nBin, n8nModule, ensureN8n, n8nEnv, linkPackage, installPackedPackage, startN8n, waitForReady };
