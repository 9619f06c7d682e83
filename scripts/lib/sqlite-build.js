'use strict';

/**
 * SQLite for an installed n8n. n8n's `sqlite3` fetches its prebuilt binary from outside the npm registry
 * (prebuild-install), so here it is compiled from the source in the package, once: the binary is a
 * Node-API module, the same for every n8n that pins the same sqlite3, so it is kept in the cache and
 * copied into each install after the first. Compiling needs Node's headers: the running Node's own when
 * they are there, else the ones in the npm package of this Node's release (`node-<platform>-<arch>`,
 * which the project's `node` dev dependency put in npm's cache already).
 */

const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const { ROOT, cacheRoot } = require('./n8n-paths');

const hasHeaders = (/** @type {string} */ dir) =>
	fs.existsSync(path.join(dir, 'include', 'node', 'common.gypi'));

/**
 * A folder holding include/node/ for the running Node.js, unpacked into the cache when needed.
 * @param {(line: string) => void} log
 */
function nodeHeadersDir(log) {
	const release = `node-${process.platform}-${process.arch}`;
	const unpacked = path.join(cacheRoot(), `node-headers-${process.versions.node}`);
	const candidates = [
		path.join(ROOT, 'node_modules', 'node', 'node_modules', release),
		path.dirname(path.dirname(process.execPath)),
		unpacked,
	];
	const found = candidates.find(hasHeaders);
	if (found) return found;
	log(`Unpacking the headers of Node.js ${process.versions.node} (npm package ${release})...`);
	const work = fs.mkdtempSync(path.join(os.tmpdir(), 'apollo-tasks-headers-'));
	try {
		const pack = spawnSync(
			'npm',
			['pack', `${release}@${process.versions.node}`, '--prefer-offline', '--silent'],
			{ cwd: work, encoding: 'utf8' },
		);
		const tarball = path.join(work, String(pack.stdout).trim().split('\n').pop() ?? '');
		if (pack.status !== 0 || !fs.existsSync(tarball))
			throw new Error(`npm pack ${release}@${process.versions.node} failed: ${pack.stderr}`);
		const untar = spawnSync('tar', ['-xzf', tarball, '-C', work, 'package/include']);
		if (untar.status !== 0) throw new Error(`Could not unpack ${tarball}: ${untar.stderr}`);
		fs.rmSync(unpacked, { recursive: true, force: true });
		fs.mkdirSync(unpacked, { recursive: true });
		fs.renameSync(path.join(work, 'package', 'include'), path.join(unpacked, 'include'));
	} finally {
		fs.rmSync(work, { recursive: true, force: true });
	}
	return unpacked;
}

/**
 * Whether `dir`'s sqlite3 loads and opens a database in a fresh process.
 * @param {string} dir
 */
function sqliteWorks(dir) {
	const check = spawnSync(
		process.execPath,
		['-e', "new (require('sqlite3').Database)(':memory:').close()"],
		{ cwd: dir, encoding: 'utf8' },
	);
	return check.status === 0;
}

/**
 * Puts a working SQLite binary into the n8n install in `dir`: the cached one when it loads there,
 * else a new build (about a minute on two cores), which is then cached for the next install.
 * @param {string} dir
 * @param {(line: string) => void} log
 * @param {(command: string, args: string[], options: import('node:child_process').SpawnSyncOptions) => void} run
 */
function provideSqlite(dir, log, run) {
	const pkgDir = path.join(dir, 'node_modules', 'sqlite3');
	const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const key = `sqlite3-${version}-node${process.versions.node.split('.')[0]}-${process.platform}-${process.arch}`;
	const cached = path.join(cacheRoot(), 'native', key, 'node_sqlite3.node');
	const target = path.join(pkgDir, 'build', 'Release', 'node_sqlite3.node');
	if (fs.existsSync(cached)) {
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(cached, target);
		if (sqliteWorks(dir)) {
			log(`SQLite: reused the build in ${path.dirname(cached)}`);
			return;
		}
		fs.rmSync(cached, { force: true });
	}
	log('@step sqlite');
	const started = Date.now();
	run('npm', ['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'], {
		cwd: dir,
		env: { ...process.env, npm_config_nodedir: nodeHeadersDir(log) },
	});
	if (!sqliteWorks(dir)) throw new Error(`SQLite was built in ${pkgDir} but does not load`);
	fs.mkdirSync(path.dirname(cached), { recursive: true });
	fs.copyFileSync(target, `${cached}.part`);
	fs.renameSync(`${cached}.part`, cached);
	log(
		`SQLite compiled in ${Math.round((Date.now() - started) / 1000)} s (kept for the next install)`,
	);
}

module.exports = { provideSqlite, nodeHeadersDir };
