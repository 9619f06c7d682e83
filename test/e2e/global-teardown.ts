/**
 * After the last end-to-end test: nothing a test started may still run. Every start and stop cleans up
 * after itself (see cleanup.ts); a process left anyway fails the run, named, and is ended so that jest
 * can exit instead of waiting on it.
 */
import { readFileSync } from 'node:fs';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { alive, descendants } = require('../../scripts/lib/processes');

const commandOf = (pid: number) => {
	try {
		return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim();
	} catch {
		return '';
	}
};

export default async function globalTeardown(): Promise<void> {
	// jest's own workers (when run with more than one) are not the tests' doing.
	const left = (descendants(process.pid) as number[]).filter(
		(pid) => alive(pid) && !/jest/.test(commandOf(pid)),
	);
	if (left.length === 0) return;
	const named = left.map((pid) => `${pid} ${commandOf(pid).slice(0, 160)}`);
	for (const pid of left) {
		try {
			process.kill(pid, 'SIGKILL');
		} catch {
			// ended meanwhile
		}
	}
	throw new Error(`Processes the tests left running (now killed):\n${named.join('\n')}`);
}
