'use strict';

/**
 * Installs one pinned n8n version (n8n-install.js, a no-op once it is there) in its own process group and,
 * while it works, says every few seconds which install it is, what it is doing, how much npm has written
 * and unpacked and for how long, so a first start that takes minutes does not look stuck; a step that
 * moves nothing for a minute says what it is waiting for. `stop()` ends the install and every process
 * under it.
 */

const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { N8N_VERSION, n8nDir } = require('./n8n-paths');
const { descendants, stopTree } = require('./processes');

const PHASES = {
	resolving: 'resolving and downloading packages',
	unpacking: 'unpacking packages',
	sqlite: 'compiling SQLite for this Node.js',
};
/** What a quiet phase waits for, when no process below says more. */
const WAITING = {
	resolving: "the npm registry's answers",
	unpacking: 'npm (the last downloads, the disk)',
	sqlite: 'the C compiler (SQLite is one large file)',
};

/** @param {number} ms */
function duration(ms) {
	const seconds = Math.round(ms / 1000);
	return seconds < 60
		? `${seconds} s`
		: `${Math.floor(seconds / 60)} min ${String(seconds % 60).padStart(2, '0')} s`;
}

/**
 * Megabytes on disk under `dir`, from `du` (it runs beside the install without blocking this process).
 * @param {string} dir
 * @returns {Promise<number>}
 */
function megabytes(dir) {
	return new Promise((resolve) => {
		execFile('du', ['-sk', dir], (_error, stdout) =>
			resolve(Math.round(Number(String(stdout).split(/\s/)[0]) / 1024) || 0),
		);
	});
}

/**
 * Megabytes written so far by the processes under `pid` (npm's cache and the unpacked files), from
 * /proc/<pid>/io; 0 where there is no /proc. Also the newest process's command, to say what is running.
 * @param {number | undefined} pid
 */
function activity(pid) {
	let bytes = 0;
	let newest = '';
	let compiling = false;
	for (const each of pid === undefined ? [] : descendants(pid)) {
		try {
			const wchar = /^wchar: (\d+)$/m.exec(fs.readFileSync(`/proc/${each}/io`, 'utf8'));
			if (wchar) bytes += Number(wchar[1]);
			const argv = fs.readFileSync(`/proc/${each}/cmdline`, 'utf8').split('\0').filter(Boolean);
			const file = argv.find((arg) => /\.(c|cc|cpp)$/.test(arg));
			compiling ||= /^cc1/.test(path.basename(argv[0] ?? ''));
			newest = file
				? `${path.basename(argv[0])} on ${path.basename(file)}`
				: path.basename(argv[0] ?? '');
		} catch {
			// ended, or not ours to read
		}
	}
	return { written: Math.round(bytes / 1024 / 1024), newest, compiling };
}

/**
 * @param {{ version?: string, out?: NodeJS.WritableStream & { isTTY?: boolean }, everyMs?: number, quietMs?: number, stallMs?: number }} [options]
 * @returns {{ done: Promise<void>, stop: () => Promise<void> }}
 */
function installN8nWithProgress({
	version = N8N_VERSION,
	out = process.stdout,
	everyMs = 5_000,
	quietMs = 2_000,
	stallMs = 60_000,
} = {}) {
	const started = Date.now();
	const dir = n8nDir(version);
	const child = spawn(process.execPath, [path.join(__dirname, 'n8n-install.js'), version], {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	/** @type {keyof typeof PHASES} */
	let phase = 'resolving';
	let finished = false;
	// npm's processes come and go (the SQLite build is a new one): the total of each step adds up.
	let writtenBefore = 0;
	let writtenNow = 0;
	let moved = { at: Date.now(), what: '' };
	// In a terminal the progress is one line, rewritten in place; in a log, a line every few seconds.
	let progressShown = false;
	const clearProgress = () => {
		if (progressShown) out.write('\r\x1b[K');
		progressShown = false;
	};
	const showProgress = (/** @type {string} */ text) => {
		clearProgress();
		if (out.isTTY) {
			out.write(text);
			progressShown = true;
		} else out.write(`${text}\n`);
	};

	const onLine = (/** @type {string} */ line) => {
		const step = /^@step (\w+)$/.exec(line.trim());
		if (step) {
			phase = /** @type {keyof typeof PHASES} */ (step[1]);
			writtenBefore += writtenNow;
			writtenNow = 0;
			return;
		}
		if (!line.trim()) return;
		clearProgress();
		out.write(`${line}\n`);
	};
	for (const stream of [child.stdout, child.stderr]) {
		let rest = '';
		stream.on('data', (chunk) => {
			const lines = (rest + chunk.toString()).split('\n');
			rest = lines.pop() ?? '';
			lines.forEach(onLine);
		});
		stream.on('end', () => rest && onLine(rest));
	}

	let ticking = false;
	const tick = async () => {
		if (ticking || finished || Date.now() - started < quietMs) return;
		ticking = true;
		const installed = await megabytes(path.join(dir, 'node_modules'));
		ticking = false;
		if (finished) return;
		const now = activity(child.pid);
		writtenNow = Math.max(writtenNow, now.written);
		const written = writtenBefore + writtenNow;
		if (phase === 'resolving' && installed > 0) phase = 'unpacking';
		const state = `${phase} ${written} ${installed}`;
		if (state !== moved.what) moved = { at: Date.now(), what: state };
		const facts = [
			written && `npm has written ${written} MB`,
			installed && `node_modules is ${installed} MB`,
			now.compiling && phase !== 'sqlite' && 'SQLite compiling alongside',
			duration(Date.now() - started),
		];
		const quiet = Date.now() - moved.at;
		const waitingFor = now.newest ? `${WAITING[phase]}; running: ${now.newest}` : WAITING[phase];
		const waiting =
			quiet >= stallMs ? `; nothing moved for ${duration(quiet)}, waiting for ${waitingFor}` : '';
		showProgress(
			`  n8n ${version}: ${PHASES[phase]} (${facts.filter(Boolean).join(', ')})${waiting}`,
		);
	};
	const timer = setInterval(tick, everyMs);

	/** @type {Promise<void>} */
	const done = new Promise((resolve, reject) => {
		child.on('exit', (code, signal) => {
			finished = true;
			clearInterval(timer);
			clearProgress();
			if (code === 0) resolve();
			else
				reject(
					new Error(
						signal
							? `The install of n8n ${version} was stopped (${signal})`
							: `The install of n8n ${version} failed (exit code ${code}); run it again, it starts over cleanly`,
					),
				);
		});
	});
	return { done, stop: () => stopTree(child, { group: true, graceMs: 5_000 }) };
}

/**
 * Installs the given versions one after the other, each with its progress lines.
 * @param {string[]} versions
 * @param {(stop: () => Promise<void>) => void} [onStop] receives each install's stop, for a signal handler
 */
async function installVersions(versions, onStop = () => undefined) {
	for (const version of versions) {
		const install = installN8nWithProgress({ version });
		onStop(install.stop);
		await install.done;
	}
}

module.exports = { installN8nWithProgress, installVersions, duration };
