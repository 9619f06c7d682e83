'use strict';

/** Installs a pinned n8n once per version into the cache; one installer per version at a time. */

const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { N8N_VERSION, major, n8nBin, n8nDir } = require('./n8n-paths');
const { provideSqlite } = require('./sqlite-build');

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import('node:child_process').SpawnSyncOptions} options
 */
function run(command, args, options) {
	return new Promise((resolve, reject) => {
		const child = spawn(command, args, { stdio: 'inherit', ...options });
		child.on('error', reject);
		child.on('exit', (code) =>
			code === 0
				? resolve(undefined)
				: reject(new Error(`${command} ${args.join(' ')} failed with exit code ${code}`)),
		);
	});
}

/** How long a first install takes on two cores with an empty npm cache, SQLite's compile included. */
const ABOUT = '3 to 5 minutes';

/**
 * Installs n8n `version` into the cache unless it is there already; resolves to its binary.
 * `ensureN8n(log)` and `ensureN8n(log, version)` both work.
 */
async function ensureN8n(log = console.log, version = N8N_VERSION) {
	const dir = n8nDir(version);
	const ready = path.join(dir, '.ready');
	if (isInstalled(version)) return n8nBin(version);
	const nodeMajor = major(process.versions.node);
	if (major(version) >= 2 ? nodeMajor < 24 : nodeMajor < 20) {
		throw new Error(
			`n8n ${version} needs Node.js ${major(version) >= 2 ? 24 : '20 to 24'}; this is ${process.version}. Run it through npm (npm run dev), which puts the project's Node 24 first.`,
		);
	}
	if (!takeInstallLock(dir, version, log)) return n8nBin(version);
	try {
		return fs.existsSync(ready) ? n8nBin(version) : await install(dir, version, log);
	} finally {
		fs.rmSync(`${dir}.installing`, { recursive: true, force: true });
	}
}

/** Whether n8n `version` is in the cache, ready to start. */
function isInstalled(version = N8N_VERSION) {
	return fs.existsSync(path.join(n8nDir(version), '.ready')) && fs.existsSync(n8nBin(version));
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
		if (!said)
			log(
				`Another process (${holder || 'starting'}) is installing n8n ${version}; waiting for it...`,
			);
		said = true;
	}
}

/**
 * @param {string} dir
 * @param {string} version
 * @param {(line: string) => void} log
 */
async function install(dir, version, log) {
	fs.mkdirSync(dir, { recursive: true });
	/** @type {{ name: string, private: boolean, overrides?: Record<string, string> }} */
	const runtime = { name: 'apollo-tasks-n8n-runtime', private: true };
	// n8n 1.x names xlsx by a URL outside the npm registry; the registry's last xlsx release stands in.
	if (major(version) < 2) runtime.overrides = { xlsx: '0.18.5' };
	fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(runtime, null, 2));
	const started = Date.now();
	log(`Installing n8n ${version} into ${dir} (once; ${ABOUT})...`);
	// SQLite compiles while npm downloads and unpacks, at a lower priority so that npm (the longer of the
	// two) is not slowed; if this fails, provideSqlite compiles in place.
	const side = [process.execPath, path.join(__dirname, 'sqlite-build.js'), version];
	const sqlite = (
		process.platform === 'linux'
			? run('nice', ['-n', '15', ...side], {})
			: run(side[0], side.slice(1), {})
	).catch(() => undefined);
	await run(
		'npm',
		[
			'install',
			`n8n@${version}`,
			'--omit=dev',
			'--ignore-scripts',
			'--no-audit',
			'--no-fund',
			'--loglevel=error',
		],
		{ cwd: dir },
	);
	await sqlite;
	provideSqlite(dir, log);
	fs.writeFileSync(path.join(dir, '.ready'), new Date().toISOString());
	log(`n8n ${version} installed in ${Math.round((Date.now() - started) / 1000)} s`);
	return n8nBin(version);
}

module.exports = { ensureN8n, isInstalled };

// `node scripts/lib/n8n-install.js VERSION`: what install-progress.js runs, one version per process.
if (require.main === module)
	ensureN8n(console.log, process.argv[2] || N8N_VERSION).catch((error) => {
		console.error(error.message);
		process.exit(1);
	});
