import { sleep } from 'n8n-workflow';

import type { Clock } from './types';

export type { Clock };

/** How one client talks to Apollo. Every default lives here. */
export interface ClientSettings extends Clock {
	/** How long the node may wait in all for a rate-limit window to reset. */
	longestRateLimitWaitMs: number;
	/** How long one request may take. */
	timeoutMs: number;
	/** How many times a read is tried in all when Apollo fails or the connection drops. */
	readAttempts: number;
	/** First backoff step for read retries; doubles each time, with jitter. */
	backoffMs: number;
	/** What the user can do when a minute window's reset is further off than the node may wait. */
	toWaitLonger: string;
	/** Once it aborts, no request is sent any more and waits end: the caller has stopped. */
	stop?: AbortSignal;
}

export const DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS = 90;
export const MAX_RATE_LIMIT_WAIT_SECONDS = 600;
export const DEFAULT_TIMEOUT_SECONDS = 30;
export const MAX_TIMEOUT_SECONDS = 300;

/**
 * Waits `ms`, or less when `signal` aborts first. Older n8n's `sleep` takes no signal, so the abort is
 * also raced here.
 */
export async function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
	if (ms <= 0 || signal?.aborted) return;
	let onAbort = () => {};
	const aborted = new Promise<void>((resolve) => {
		onAbort = () => resolve();
		signal?.addEventListener('abort', onAbort, { once: true });
	});
	await Promise.race([sleep(ms, signal).catch(() => undefined), aborted]);
	signal?.removeEventListener('abort', onAbort);
}

/** The machine's clock: what n8n runs the nodes with. */
export const SYSTEM_CLOCK: Clock = { now: () => Date.now(), sleep: abortableSleep };

/** The settings of one client: the node's clock, the defaults, and what the node's options change. */
export const clientSettings = (
	clock: Clock,
	options: Partial<ClientSettings> = {},
): ClientSettings => ({
	longestRateLimitWaitMs: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS * 1000,
	timeoutMs: DEFAULT_TIMEOUT_SECONDS * 1000,
	readAttempts: 4,
	backoffMs: 500,
	toWaitLonger: 'Run fewer requests at once, or run again after the reset.',
	now: clock.now,
	sleep: clock.sleep,
	...options,
});
