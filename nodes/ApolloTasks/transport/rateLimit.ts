import type { IDataObject } from 'n8n-workflow';

import type { RateWindow } from './types';

const WINDOWS: RateWindow[] = ['minute', 'hourly', 'daily'];
const WINDOW_MS: Record<RateWindow, number> = { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 };
export const WINDOW_NAME: Record<RateWindow, string> = { minute: 'per-minute', hourly: 'hourly', daily: 'daily' };

/** What Apollo's `x-*-requests-left` headers say is left in each window. */
export type RequestsLeft = Partial<Record<RateWindow, number>>;

export function readRequestsLeft(headers: IDataObject | undefined): RequestsLeft {
	const left: RequestsLeft = {};
	for (const window of WINDOWS) {
		const value = Number(headers?.[`x-${window}-requests-left`]);
		if (headers?.[`x-${window}-requests-left`] !== undefined && Number.isFinite(value)) left[window] = value;
	}
	return left;
}

/**
 * The window a 429 was about. The headers are the better witness; Apollo's message ("... 200 times per
 * minute ...") is the fallback; a 429 that says neither is treated as the minute window.
 */
export function exhaustedWindow(left: RequestsLeft, message: string): RateWindow {
	for (const window of ['daily', 'hourly', 'minute'] as RateWindow[]) {
		if (left[window] === 0) return window;
	}
	if (/per (day|daily)/i.test(message)) return 'daily';
	if (/per hour/i.test(message)) return 'hourly';
	return 'minute';
}

/** Apollo's windows are fixed and follow the clock (UTC): the next one starts at the next boundary. */
export function nextWindowStart(window: RateWindow, now: number): number {
	const length = WINDOW_MS[window];
	return Math.floor(now / length) * length + length;
}
