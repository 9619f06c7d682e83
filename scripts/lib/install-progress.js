'use strict';

/**
 * Runs scripts/install-n8n.js (a no-op once n8n is installed) in its own process group and, while it
 * works, says every few seconds what it is doing and how much npm has written and unpacked, so a first
 * start that takes minutes does not look stuck. `stop()` ends the install and every npm process under it.
 */

const { execFile, spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const { n8nBin, n8nDir, N8N_VERSION } = require('./n8n');
const { descendants, stopTree } = require('./processes');

const RESOLVING = 'fetching package metadata';
const UNPACKING = 'downloading and unpacking packages';
const COMPILING = 'compiling SQLite for this Node.js';

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
 * @returns {Promise<number | undefined>}
 */
function megabytes(dir) {
	return new Promise((resolve) => {
		execFile('du', ['-sk', dir], (error, stdout) =>
			resolve(
				error && !stdout ? undefined : Math.round(Number(String(stdout).split(/\s/)[0]) / 1024),
			),
		);
	});
}

/**
 * Megabytes npm has written so far (its cache and the unpacked files), from /proc/<pid>/io of every
 * process under `pid`. Before npm unpacks anything it spends a minute or more fetching the metadata of
 * n8n's ~2,000 dependencies into its cache; this is what moves then. Undefined where there is no /proc.
 * @param {number | undefined} pid
 * @returns {number | undefined}
 */
function megabytesWritten(pid) {
	if (pid === undefined) return undefined;
	/** @type {number | undefined} */
	let bytes;
	for (const each of descendants(pid)) {
		try {
			const wchar = /^wchar: (\d+)$/m.exec(fs.readFileSync(`/proc/${each}/io`, 'utf8'));
			if (wchar) bytes = (bytes ?? 0) + Number(wchar[1]);
		} catch {
			// ended, or not ours to read
		}
	}
	return bytes === undefined ? undefined : Math.round(bytes / 1024 / 1024);
}

/**
 * @param {{ out?: NodeJS.WritableStream & { isTTY?: boolean }, everyMs?: number, quietMs?: number }} [options]
 * @returns {{ done: Promise<void>, stop: () => Promise<void> }}
 */
function installN8nWithProgress({ out = process.stdout, everyMs = 5_000, quietMs = 2_000 } = {}) {
	const started = Date.now();
	const dir = n8nDir();
	const child = spawn(process.execPath, [path.join(__dirname, '..', 'install-n8n.js')], {
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	let compiling = false;
	let finished = false;
	let written = 0;
	// In a terminal the progress is one line, rewritten in place; in a log, a line every few seconds.
	let progressShown = false;
	const clearProgress = () => {
		if (progressShown) out.write('\r\x1b[K');
		progressShown = false;
	};
	const showProgress = (/** @type {string} */ text) => {
		if (out.isTTY) {
			clearProgress();
			out.write(text);
			progressShown = true;
		} else out.write(`${text}\n`);
	};

	const onLine = (/** @type {string} */ line) => {
		if (!line.trim() || line.trim() === n8nBin()) return;
		if (/^\$ npm rebuild/.test(line)) compiling = true;
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
		// npm's processes come and go (the rebuild is a new one): keep the largest total seen.
		written = Math.max(written, megabytesWritten(child.pid) ?? 0);
		const phase = compiling ? COMPILING : installed ? UNPACKING : RESOLVING;
		const facts = [
			written && `npm has written ${written} MB`,
			installed && `node_modules is ${installed} MB`,
			duration(Date.now() - started),
		];
		showProgress(`  n8n ${N8N_VERSION}: ${phase} (${facts.filter(Boolean).join(', ')})`);
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
							? `The n8n install was stopped (${signal})`
							: `The n8n install failed (exit code ${code}); run it again, it picks up where it stopped`,
					),
				);
		});
	});
	return { done, stop: () => stopTree(child, { group: true, graceMs: 5_000 }) };
}

module.exports = { installN8nWithProgress };
