'use strict';

/**
 * Apollo's rate limits: fixed windows per minute, hour and day, counted per endpoint (task IDs folded
 * into `:id`), with the `x-rate-limit-*`, `x-*-requests-left` and `x-*-usage` headers Apollo sends.
 */

/** @typedef {'minute' | 'hourly' | 'daily'} RateWindow */
/** @typedef {Record<RateWindow, number>} Limits */

/** @type {readonly RateWindow[]} */
const WINDOWS = ['minute', 'hourly', 'daily'];
const WINDOW_MS = { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 };
const WINDOW_WORD = { minute: 'minute', hourly: 'hour', daily: 'day' };
/** Generous enough that nothing but a test that asks for it ever meets a limit. */
const DEFAULT_LIMITS = { minute: 100_000, hourly: 1_000_000, daily: 10_000_000 };

/** @param {string} path */
const endpointOf = (path) => path.replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/:id');

class RateLimits {
	/**
	 * @param {() => number} now the sandbox clock: windows start on its minute, hour and day boundaries
	 * @param {Partial<Limits>} [limits]
	 */
	constructor(now, limits = {}) {
		this.now = now;
		/** @type {Limits} */
		this.limits = { ...DEFAULT_LIMITS, ...limits };
		/** @type {Map<string, { start: number, used: number }>} */
		this.usage = new Map();
	}

	/**
	 * Changes some limits and starts counting afresh.
	 * @param {Partial<Limits>} limits
	 */
	set(limits) {
		Object.assign(this.limits, limits);
		this.usage = new Map();
	}

	/**
	 * @param {string} path
	 * @param {RateWindow} window
	 */
	windowState(path, window) {
		const key = `${endpointOf(path)} ${window}`;
		const start = Math.floor(this.now() / WINDOW_MS[window]) * WINDOW_MS[window];
		let state = this.usage.get(key);
		if (!state || state.start !== start) {
			state = { start, used: 0 };
			this.usage.set(key, state);
		}
		return state;
	}

	/**
	 * Counts a request; answers the name of the exhausted window, if any (and then counts nothing).
	 * @param {string} path
	 * @returns {RateWindow | undefined}
	 */
	consume(path) {
		for (const window of WINDOWS) {
			if (this.windowState(path, window).used >= this.limits[window]) return window;
		}
		for (const window of WINDOWS) this.windowState(path, window).used++;
		return undefined;
	}

	/**
	 * The headers Apollo puts on every answer of an endpoint.
	 * @param {string} path
	 * @returns {Record<string, string>}
	 */
	headers(path) {
		/** @type {Record<string, string>} */
		const headers = {};
		for (const window of WINDOWS) {
			const limit = this.limits[window];
			const used = this.windowState(path, window).used;
			headers[`x-rate-limit-${window}`] = String(limit);
			headers[`x-${window}-requests-left`] = String(Math.max(0, limit - used));
			headers[`x-${window}-usage`] = String(used);
		}
		return headers;
	}

	/**
	 * Apollo's 429 text, which names the endpoint and the window that ran out.
	 * @param {string} path
	 * @param {RateWindow} window
	 */
	message(path, window) {
		const endpoint = endpointOf(path.replace(/^\//, ''));
		return `The maximum number of api calls allowed for ${endpoint} is ${this.limits[window]} times per ${WINDOW_WORD[window]}. Please upgrade your plan`;
	}
}

module.exports = { RateLimits };
