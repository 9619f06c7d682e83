'use strict';

/** Starting and stopping the processes `npm run dev` owns, so that a signal leaves none behind. */

const fs = require('node:fs');

/**
 * Every process below `pid` (children, grandchildren, ...), read from /proc; empty where there is none.
 * @param {number} pid
 * @returns {number[]}
 */
function descendants(pid) {
	let entries;
	try {
		entries = fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		return [];
	}
	/** @type {Map<number, number[]>} */
	const children = new Map();
	for (const entry of entries) {
		try {
			// "pid (command) state ppid ...": the command may hold spaces and parentheses, so read after the last ")".
			const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
			const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
			if (!children.has(ppid)) children.set(ppid, []);
			children.get(ppid)?.push(Number(entry));
		} catch {
			// the process ended while we looked
		}
	}
	/** @type {number[]} */
	const found = [];
	const queue = [pid];
	while (queue.length) {
		for (const child of children.get(/** @type {number} */ (queue.shift())) ?? []) {
			found.push(child);
			queue.push(child);
		}
	}
	return found;
}

/** @param {number} pid */
function alive(pid) {
	try {
		process.kill(pid, 0);
		return true;
	} catch (error) {
		return /** @type {NodeJS.ErrnoException} */ (error).code === 'EPERM';
	}
}

/**
 * @param {number} pid
 * @param {NodeJS.Signals} name
 */
function signal(pid, name) {
	try {
		process.kill(pid, name);
	} catch {
		// already gone
	}
}

/**
 * Stops a child and everything it started: SIGTERM, up to `graceMs` for it to shut down in order, then
 * SIGKILL. Processes it started that outlive it (n8n's task runners after a forced stop) get the same.
 * `group: true` signals the child's whole process group (a child spawned with `detached: true`).
 * @param {import('node:child_process').ChildProcess | undefined} child
 * @param {{ graceMs?: number, group?: boolean }} [options]
 */
async function stopTree(child, { graceMs = 15_000, group = false } = {}) {
	if (!child?.pid) return;
	const below = descendants(child.pid);
	const pid = child.pid;
	const send = (/** @type {NodeJS.Signals} */ name) =>
		group ? signal(-pid, name) : signal(pid, name);
	if (child.exitCode === null && child.signalCode === null) {
		const exited = new Promise((resolve) => child.once('exit', resolve));
		send('SIGTERM');
		/** @type {NodeJS.Timeout | undefined} */
		let timer;
		const late = new Promise((resolve) => (timer = setTimeout(resolve, graceMs, 'timeout')));
		const outcome = await Promise.race([exited, late]);
		clearTimeout(timer); // a pending timer would keep a test runner's process alive
		if (outcome === 'timeout') {
			send('SIGKILL');
			await exited;
		}
	}
	const left = below.filter(alive);
	for (const pid of left) signal(pid, 'SIGTERM');
	const deadline = Date.now() + 5_000;
	while (left.some(alive) && Date.now() < deadline)
		await new Promise((resolve) => setTimeout(resolve, 100));
	for (const pid of left.filter(alive)) signal(pid, 'SIGKILL');
}

module.exports = { descendants, alive, stopTree };
