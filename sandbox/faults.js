'use strict';

/**
 * Faults: the ways Apollo misbehaves, injected on the Nth matching request. This is the one place that
 * matches a request to a fault and the one place that knows what each fault action does; the routes
 * never see a fault.
 */

const { MAX_PAGE } = require('./search');

/**
 * @typedef {'status' | 'html' | 'malformed' | 'slow' | 'drop' | 'drop-after' | 'rate-limit' | 'repeat-page' | 'empty-page' | 'grow-total'} FaultAction
 * @typedef {object} Fault
 * @property {string} [path] substring of the request path the fault applies to (any path if absent)
 * @property {string} [method] HTTP method it applies to (any if absent)
 * @property {number} [after] let this many matching requests through first
 * @property {number} [times] how many matching requests it hits (default 1; Infinity for all)
 * @property {FaultAction} action
 * @property {number} [status] for 'status' and 'html'
 * @property {string} [message] body text for 'status'
 * @property {import('./rate-limits').RateWindow} [window] for 'rate-limit'
 * @property {number} [delayMs] for 'slow'
 *
 * @typedef {{ status: number, payload?: unknown, raw?: string, contentType?: string, bare?: boolean, drop?: boolean }} Reply
 *   what goes back on the socket: JSON `payload`, or `raw` text; `bare` leaves out the rate-limit headers;
 *   `drop` closes the connection without an answer
 * @typedef {import('./routes').Route} Route
 * @typedef {import('./rate-limits').RateLimits} RateLimits
 */

const HTML_502 = '<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
/** @param {number} status */
const ok = (status) => status >= 200 && status < 300;

class Faults {
	constructor() {
		/** @type {Fault[]} */
		this.list = [];
		/** @type {Map<Fault, number>} */
		this.hits = new Map();
	}

	/** @param {Fault} fault */
	add(fault) {
		this.list.push({ times: 1, after: 0, ...fault });
	}

	clear() {
		this.list = [];
		this.hits = new Map();
	}

	/**
	 * Counts the request against every fault it matches; answers the first one whose turn it is.
	 * @param {string} method
	 * @param {string} path
	 * @returns {Fault | undefined}
	 */
	take(method, path) {
		for (const fault of this.list) {
			if (fault.method && fault.method !== method) continue;
			if (fault.path && !path.includes(fault.path)) continue;
			const seen = (this.hits.get(fault) ?? 0) + 1;
			this.hits.set(fault, seen);
			if (seen <= (fault.after ?? 0)) continue;
			if (seen > (fault.after ?? 0) + (fault.times ?? 1)) continue;
			return fault;
		}
		return undefined;
	}
}

/**
 * What Apollo (or what stands in front of it) answers instead, before the key is looked at or the request
 * counted: nothing is carried out. Undefined lets the request go on.
 * @param {Fault | undefined} fault
 * @param {string} path
 * @param {RateLimits} rateLimits
 * @returns {Promise<Reply | undefined>}
 */
async function answerInstead(fault, path, rateLimits) {
	switch (fault?.action) {
		case 'status':
			return { status: fault.status ?? 500, payload: { error: fault.message ?? 'Internal Server Error' } };
		case 'html':
			return { status: fault.status ?? 502, raw: HTML_502, contentType: 'text/html', bare: true };
		case 'malformed':
			return { status: 200, raw: '{"tasks": [{"id": ', contentType: 'application/json', bare: true };
		case 'slow':
			await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 5000));
			return undefined;
		case 'drop':
			return { status: -1, drop: true };
		case 'rate-limit':
			return { status: 429, payload: { error: rateLimits.message(path, fault.window ?? 'minute') } };
		default:
			return undefined;
	}
}

/**
 * Carries out an allowed request through its route, with what the fault changes around it: the page
 * asked for, the answer after, or the answer's delivery.
 * @param {Fault | undefined} fault
 * @param {Route} route
 * @returns {Reply}
 */
function carryOut(fault, route) {
	if (!fault) return route.run(route.input);
	const reply = route.name === 'searchTasks' ? searchUnder(fault, route) : route.run(route.input);
	if (fault.action === 'drop-after') return { status: -1, drop: true };
	return reply;
}

/**
 * A task search under a fault: a page comes twice, comes empty, or the total grows.
 * @param {Fault} fault
 * @param {Route} route
 * @returns {Reply}
 */
function searchUnder(fault, route) {
	const input = { ...route.input };
	const asked = input.page === undefined ? 1 : Number(input.page);
	if (fault.action === 'repeat-page' && Number.isInteger(asked) && asked > 1 && asked <= MAX_PAGE) input.page = asked - 1;
	const reply = route.run(input);
	/** @type {any} */
	const payload = reply.payload;
	if (!ok(reply.status) || !payload?.pagination) return reply;
	const pagination = { ...payload.pagination, page: asked };
	if (fault.action === 'grow-total') {
		pagination.total_entries += pagination.per_page;
		pagination.total_pages = Math.ceil(pagination.total_entries / pagination.per_page);
	}
	const tasks = fault.action === 'empty-page' ? [] : payload.tasks;
	return { ...reply, payload: { ...payload, tasks, pagination } };
}

module.exports = { Faults, answerInstead, carryOut };
