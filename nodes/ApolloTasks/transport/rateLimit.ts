import type { IDataObject } from 'n8n-workflow';

import type { ClientSettings } from './settings';

type RateWindow = 'minute' | 'hourly' | 'daily';

const WINDOWS: RateWindow[] = ['minute', 'hourly', 'daily'];
const WINDOW_MS: Record<RateWindow, number> = {
	minute: 60_000,
	hourly: 3_600_000,
	daily: 86_400_000,
};
export const WINDOW_NAME: Record<RateWindow, string> = {
	minute: 'per-minute',
	hourly: 'hourly',
	daily: 'daily',
};

/** What Apollo's `x-*-requests-left` headers say is left in each window. */
export type RequestsLeft = Partial<Record<RateWindow, number>>;

/** A number from one of Apollo's rate-limit headers, per window (`x-${window}-requests-left`, say). */
function readWindows(
	headers: IDataObject | undefined,
	name: (window: RateWindow) => string,
): RequestsLeft {
	const found: RequestsLeft = {};
	for (const window of WINDOWS) {
		const raw = headers?.[name(window)];
		const value = Number(raw);
		if (raw !== undefined && raw !== '' && Number.isFinite(value)) found[window] = value;
	}
	return found;
}

/** The longest window the headers say is used up, if they say so. */
function emptyWindow(left: RequestsLeft): RateWindow | undefined {
	return (['daily', 'hourly', 'minute'] as RateWindow[]).find((window) => left[window] === 0);
}

/** The window Apollo's message names ("... 200 times per minute ..."), for a 429 whose headers say nothing. */
function windowInMessage(message: string): RateWindow {
	if (/per (day|daily)/i.test(message)) return 'daily';
	if (/per hour/i.test(message)) return 'hourly';
	return 'minute';
}

/**
 * The endpoint a request counts against, as Apollo counts them: the method and the path with record
 * IDs folded, so a task's show and update are two endpoints and every task's show is one.
 */
export const endpointOf = (method: string, path: string): string =>
	`${method.toUpperCase()} ${path.replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/:id')}`;

/** Apollo's windows are fixed and follow the clock (UTC): the next one starts at the next boundary. */
export function nextWindowStart(window: RateWindow, now: number): number {
	const length = WINDOW_MS[window];
	return Math.floor(now / length) * length + length;
}

/** Why the pacer will not wait: which window, and when it resets. */
export interface RateLimitStop {
	window: RateWindow;
	resetsAt: number;
}

export type PacerDecision = { wait: number } | { stop: RateLimitStop };

/**
 * Paces one endpoint of one client by Apollo's rate-limit headers (Apollo keeps minute, hour and day
 * windows for each endpoint). When the headers say a window is used up, the next request waits for that
 * window's reset; a 429 whose headers do not say which window waits for the hourly or daily reset its
 * message names, or else backs off 1 s, 2 s, 4 s ... within the minute. All waits of the client
 * together (`waited`, shared by its endpoints' pacers) stay within the settings' longest wait.
 */
export class RatePacer {
	private blocked: RateLimitStop | undefined;

	private backoffs = 0;

	constructor(
		private readonly settings: ClientSettings,
		private readonly waited: { ms: number } = { ms: 0 },
	) {}

	/** What the latest answer's headers said is left of each window. */
	left: RequestsLeft = {};

	/** Each window's limit, as the latest answer's `x-rate-limit-*` headers gave it. */
	limits: RequestsLeft = {};

	/** Reads the headers of every answer. */
	observe(headers: IDataObject | undefined): RequestsLeft {
		this.left = readWindows(headers, (window) => `x-${window}-requests-left`);
		this.limits = readWindows(headers, (window) => `x-rate-limit-${window}`);
		const window = emptyWindow(this.left);
		if (window) this.blocked = { window, resetsAt: nextWindowStart(window, this.settings.now()) };
		return this.left;
	}

	/** Whether `count` requests may be on their way at once: every window the headers name has room. */
	roomFor(count: number): boolean {
		const left = Object.values(this.left);
		return left.length > 0 ? Math.min(...left) >= count : count <= 1;
	}

	/** Before a request: how long to wait first, or that the wait would pass Max Wait. */
	beforeRequest(): PacerDecision {
		if (!this.blocked) return { wait: 0 };
		const wait = this.blocked.resetsAt - this.settings.now();
		if (wait <= 0) {
			this.blocked = undefined;
			return { wait: 0 };
		}
		return this.allow(wait, this.blocked);
	}

	/** After a 429 (already observed): wait for the window the headers name, or back off. */
	afterRateLimited(left: RequestsLeft, message: string): PacerDecision {
		const now = this.settings.now();
		const known = emptyWindow(left);
		if (known) {
			const stop = { window: known, resetsAt: nextWindowStart(known, now) };
			return this.allow(stop.resetsAt - now, stop);
		}
		const window = windowInMessage(message);
		const stop = { window, resetsAt: nextWindowStart(window, now) };
		// An hour or a day does not pass by asking again: wait for the reset the message names, or stop.
		if (window !== 'minute') return this.allow(stop.resetsAt - now, stop);
		const wait = Math.min(stop.resetsAt - now, 1000 * 2 ** this.backoffs);
		this.backoffs++;
		return this.allow(wait, stop);
	}

	private allow(wait: number, stop: RateLimitStop): PacerDecision {
		if (this.waited.ms + wait > this.settings.longestRateLimitWaitMs) return { stop };
		this.waited.ms += wait;
		return { wait };
	}
}
