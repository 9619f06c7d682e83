import type { ChildProcess } from 'node:child_process';
import type { Server } from 'node:http';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { stopTree } = require('../../scripts/lib/processes');

/** Thrown by a start that was asked to stop while it was still starting. */
export class StartStopped extends Error {}

/**
 * What a start has begun, each registered the moment it exists (before anything waits on it), and
 * stopped in reverse order by `close()`. A start still running when `close()` is called (an afterAll
 * after a timed-out beforeAll) goes on only until its next step: whatever it begins after the close is
 * stopped at once, and `check()` or `add()` ends the start with StartStopped.
 */
export class Cleanup {
	private stops: Array<{ what: string; stop: () => Promise<unknown> }> = [];
	private closing?: Promise<void>;

	get closed(): boolean {
		return this.closing !== undefined;
	}

	/** Ends a start that was asked to stop. */
	check(what: string): void {
		if (this.closed) throw new StartStopped(`Stopped while starting, before ${what}`);
	}

	add(what: string, stop: () => Promise<unknown> | unknown): void {
		const entry = { what, stop: async () => await stop() };
		if (this.closed) {
			void entry.stop().catch(() => undefined);
			throw new StartStopped(
				`Stopped while starting: ${what} came up after the stop and was ended`,
			);
		}
		this.stops.push(entry);
	}

	/** A child process and every process below it (n8n's task runners, ...). */
	process<T extends ChildProcess>(what: string, child: T, graceMs = 15_000): T {
		this.add(what, () => stopTree(child, { graceMs }));
		return child;
	}

	server<T extends Server>(what: string, server: T): T {
		this.add(
			what,
			() =>
				new Promise((resolve) => {
					server.closeAllConnections?.();
					server.close(() => resolve(undefined));
					if (!server.listening) resolve(undefined);
				}),
		);
		return server;
	}

	/** Stops everything, last first; an error stopping one does not keep the others running. */
	close(): Promise<void> {
		this.closing ??= (async () => {
			const errors: string[] = [];
			for (const { what, stop } of this.stops.reverse())
				await stop().catch((error: Error) => errors.push(`${what}: ${error.message}`));
			this.stops = [];
			if (errors.length) throw new Error(`Stopping failed for ${errors.join('; ')}`);
		})();
		return this.closing;
	}
}

/** Resolves or rejects as `promise` does, but at most after `ms`, with `message`. */
export async function within<T>(promise: Promise<T>, ms: number, message: string): Promise<T> {
	let timer: NodeJS.Timeout | undefined;
	try {
		return await Promise.race([
			promise,
			new Promise<never>((_, reject) => {
				timer = setTimeout(() => reject(new Error(message)), ms);
			}),
		]);
	} finally {
		clearTimeout(timer);
	}
}
