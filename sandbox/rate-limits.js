'use strict';

/**
 * Apollo's rate limits: fixed windows per minute, hour and day, counted per endpoint as the reference
 * names it (contract.js: api/v1/tasks/show and api/v1/tasks/update are two), with the `x-rate-limit-*`,
 * `x-*-requests-left` and `x-*-usage` headers Apollo sends.
 */

const { rateLimited } = require('./contract');

/** @typedef {'minute' | 'hourly' | 'daily'} RateWindow */
/** @typedef {Record<RateWindow, number>} Limits */

/** @type {readonly RateWindow[]} */
const WINDOWS = ['minute', 'hourly', 'daily'];
const WINDOW_MS = { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 };
/** @type {Record<RateWindow, 'minute' | 'hour' | 'day'>} */
const WINDOW_WORD = { minute: 'minute', hourly: 'hour', daily: 'day' };
/** Generous enough that nothing but a test that asks for it ever meets a limit. */
const DEFAULT_LIMITS = { minute: 100_000, hourly: 1_000_000, daily: 10_000_000 };

/** @typedef {import('./contract').Route} Route */

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
		this.counts = new Map();
	}

	/**
	 * Changes some limits and starts counting afresh.
	 * @param {Partial<Limits>} limits
	 */
	set(limits) {
		Object.assign(this.limits, limits);
		this.counts = new Map();
	}

	/**
	 * @param {Route} route
	 * @param {RateWindow} window
	 */
	windowState(route, window) {
		const key = `${route.scope} ${window}`;
		const start = Math.floor(this.now() / WINDOW_MS[window]) * WINDOW_MS[window];
		let state = this.counts.get(key);
		if (!state || state.start !== start) {
			state = { start, used: 0 };
			this.counts.set(key, state);
		}
		return state;
	}

	/**
	 * Counts a request; answers the name of the exhausted window, if any (and then counts nothing).
	 * @param {Route} route
	 * @returns {RateWindow | undefined}
	 */
	consume(route) {
		for (const window of WINDOWS) {
			if (this.windowState(route, window).used >= this.limits[window]) return window;
		}
		for (const window of WINDOWS) this.windowState(route, window).used++;
		return undefined;
	}

	/**
	 * The headers Apollo puts on every answer of an endpoint.
	 * @param {Route} route
	 * @returns {Record<string, string>}
	 */
	headers(route) {
		/** @type {Record<string, string>} */
		const headers = {};
		for (const window of WINDOWS) {
			const limit = this.limits[window];
			const used = this.windowState(route, window).used;
			headers[`x-rate-limit-${window}`] = String(limit);
			headers[`x-${window}-requests-left`] = String(Math.max(0, limit - used));
			headers[`x-${window}-usage`] = String(used);
		}
		return headers;
	}

	/**
	 * Apollo's 429 body, in the reference's words: the endpoint and the window that ran out.
	 * @param {Route} route
	 * @param {RateWindow} window
	 */
	message(route, window) {
		return rateLimited(route.scope, this.limits[window], WINDOW_WORD[window]);
	}

	/**
	 * What `POST /usage_stats/api_usage_stats` answers: for each endpoint counted so far, each window's
	 * limit, consumed and left over, keyed as Apollo keys them ('["api/v1/tasks", "search"]').
	 * @param {Route[]} routes
	 */
	usage(routes) {
		/** @type {Record<string, Record<string, { limit: number, consumed: number, left_over: number }>>} */
		const stats = {};
		for (const route of routes) {
			const cut = route.access.lastIndexOf('/');
			const key = JSON.stringify([route.access.slice(0, cut), route.access.slice(cut + 1)]).replace(
				',',
				', ',
			);
			stats[key] = {};
			for (const window of WINDOWS) {
				const limit = this.limits[window];
				const consumed = this.windowState(route, window).used;
				stats[key][WINDOW_WORD[window]] = {
					limit,
					consumed,
					left_over: Math.max(0, limit - consumed),
				};
			}
		}
		return stats;
	}
}

module.exports = { RateLimits };
