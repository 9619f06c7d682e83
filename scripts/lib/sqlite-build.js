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

/** @param {string} version */
const cachedBinary = (version) =>
	path.join(
		cacheRoot(),
		'native',
		`sqlite3-${version}-node${process.versions.node.split('.')[0]}-${process.platform}-${process.arch}`,
		'node_sqlite3.node',
	);

/**
 * Compiles sqlite3's binary in `dir` (an install holding node_modules/sqlite3) and keeps it in the cache.
 * @param {string} dir
 * @param {(line: string) => void} log
 */
function compileInto(dir, log) {
	const pkgDir = path.join(dir, 'node_modules', 'sqlite3');
	const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const started = Date.now();
	const build = spawnSync(
		'npm',
		['rebuild', 'sqlite3', '--build-from-source', '--loglevel=error'],
		{
			cwd: dir,
			stdio: ['ignore', 'pipe', 'pipe'],
			encoding: 'utf8',
			env: { ...process.env, npm_config_nodedir: nodeHeadersDir(log) },
		},
	);
	if (build.status !== 0 || !sqliteWorks(dir))
		throw new Error(`Compiling SQLite in ${pkgDir} failed:\n${build.stdout}${build.stderr}`);
	const cached = cachedBinary(version);
	fs.mkdirSync(path.dirname(cached), { recursive: true });
	fs.copyFileSync(path.join(pkgDir, 'build', 'Release', 'node_sqlite3.node'), `${cached}.part`);
	fs.renameSync(`${cached}.part`, cached);
	log(
		`SQLite ${version} compiled in ${Math.round((Date.now() - started) / 1000)} s (kept for the next install)`,
	);
}

/**
 * Compiles sqlite3 `version` on its own, into the cache, unless it is there: what an n8n install runs
 * beside its npm install, so the compile overlaps the download instead of following it.
 * @param {string} version
 * @param {(line: string) => void} log
 */
function prebuild(version, log) {
	if (fs.existsSync(cachedBinary(version))) return;
	fs.mkdirSync(cacheRoot(), { recursive: true });
	const dir = fs.mkdtempSync(path.join(cacheRoot(), `sqlite3-${version}-build-`));
	try {
		fs.writeFileSync(path.join(dir, 'package.json'), '{"name":"sqlite3-build","private":true}');
		const fetched = spawnSync(
			'npm',
			[
				'install',
				`sqlite3@${version}`,
				'--ignore-scripts',
				'--no-audit',
				'--no-fund',
				'--loglevel=error',
			],
			{ cwd: dir, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' },
		);
		if (fetched.status !== 0) throw new Error(`npm install sqlite3@${version}: ${fetched.stderr}`);
		compileInto(dir, log);
	} finally {
		fs.rmSync(dir, { recursive: true, force: true });
	}
}

/**
 * Puts a working SQLite binary into the n8n install in `dir`: the cached one (built beside the install,
 * or by an earlier one) when it loads there, else one compiled in place (about a minute on two cores).
 * @param {string} dir
 * @param {(line: string) => void} log
 */
function provideSqlite(dir, log) {
	const pkgDir = path.join(dir, 'node_modules', 'sqlite3');
	const { version } = JSON.parse(fs.readFileSync(path.join(pkgDir, 'package.json'), 'utf8'));
	const cached = cachedBinary(version);
	const target = path.join(pkgDir, 'build', 'Release', 'node_sqlite3.node');
	if (fs.existsSync(cached)) {
		fs.mkdirSync(path.dirname(target), { recursive: true });
		fs.copyFileSync(cached, target);
		if (sqliteWorks(dir)) return log(`SQLite ${version}: the build in ${path.dirname(cached)}`);
		fs.rmSync(cached, { force: true });
	}
	log('@step sqlite');
	compileInto(dir, log);
}

module.exports = { provideSqlite, prebuild, nodeHeadersDir };

// `node scripts/lib/sqlite-build.js N8N_VERSION`: the compile an n8n install starts beside its npm
// install, for the sqlite3 that n8n version pins.
if (require.main === module) {
	try {
		const view = spawnSync(
			'npm',
			['view', `n8n@${process.argv[2]}`, 'dependencies.sqlite3', '--prefer-offline'],
			{ encoding: 'utf8' },
		);
		const pinned = String(view.stdout).trim();
		if (/^\d+\.\d+\.\d+$/.test(pinned)) prebuild(pinned, console.log);
	} catch (error) {
		// The install then compiles in place, and says so if that fails too.
		console.log(`SQLite could not be compiled beside the install: ${String(error).split('\n')[0]}`);
	}
}
