'use strict';

/**
 * Faults: the ways Apollo misbehaves, injected on the Nth matching request. This is the one place that
 * matches a request to a fault and the one place that knows what each fault action does; the routes
 * never see a fault.
 */

const { MAX_PAGE } = require('./search');

/**
 * @typedef {'status' | 'html' | 'malformed' | 'slow' | 'drop' | 'drop-after' | 'rate-limit' | 'repeat-page' | 'empty-page' | 'grow-total'
 *   | 'short-bulk-create' | 'bulk-create-unsuccessful' | 'empty-body' | 'insert-during-scan'} FaultAction
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
 * @property {number} [count] for 'short-bulk-create' (tasks listed) and 'insert-during-scan' (tasks inserted)
 * @property {boolean} [creates] for 'bulk-create-unsuccessful': create the tasks all the same
 * @property {import('./data').TaskFields} [fields] for 'insert-during-scan': fields of the inserted tasks
 *
 * @typedef {{ status: number, payload?: unknown, raw?: string, contentType?: string, bare?: boolean, drop?: boolean }} Reply
 *   what goes back on the socket: JSON `payload`, or `raw` text; `bare` leaves out the rate-limit headers;
 *   `drop` closes the connection without an answer
 * @typedef {import('./routes').Route} Route
 * @typedef {import('./store').Store} Store
 * @typedef {import('./rate-limits').RateLimits} RateLimits
 */

const DAY_MS = 86_400_000;
const HTML_502 =
	'<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>';
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
 * @param {import('./contract').Route | undefined} endpoint the route in the reference, for a 429's words
 * @param {RateLimits} rateLimits
 * @param {(ms: number) => Promise<void>} sleep the sandbox timer's, for 'slow'
 * @returns {Promise<Reply | undefined>}
 */
async function answerInstead(fault, endpoint, rateLimits, sleep) {
	switch (fault?.action) {
		case 'status':
			return {
				status: fault.status ?? 500,
				payload: { error: fault.message ?? 'Internal Server Error' },
			};
		case 'html':
			return { status: fault.status ?? 502, raw: HTML_502, contentType: 'text/html', bare: true };
		case 'malformed':
			return {
				status: 200,
				raw: '{"tasks": [{"id": ',
				contentType: 'application/json',
				bare: true,
			};
		case 'slow':
			await sleep(fault.delayMs ?? 5000);
			return undefined;
		case 'drop':
			return { status: -1, drop: true };
		case 'rate-limit':
			return {
				status: 429,
				payload: endpoint
					? rateLimits.message(endpoint, fault.window ?? 'minute')
					: { message: 'Too many requests' },
			};
		default:
			return undefined;
	}
}

/**
 * Carries out an allowed request through its route, with what the fault changes around it: the data
 * before, the page asked for, the answer after, or the answer's delivery.
 * @param {Fault | undefined} fault
 * @param {Route} route
 * @param {Store} store
 * @returns {Reply}
 */
function carryOut(fault, route, store) {
	if (!fault) return route.run(route.input);
	let reply;
	if (route.name === 'searchTasks') reply = searchUnder(fault, route, store);
	else if (route.name === 'bulkCreate') reply = bulkCreateUnder(fault, route, store);
	else reply = route.run(route.input);
	if (fault.action === 'empty-body' && ok(reply.status))
		return { ...reply, raw: '', contentType: 'application/json; charset=utf-8' };
	if (fault.action === 'drop-after') return { status: -1, drop: true };
	return reply;
}

/**
 * A task search under a fault: tasks appear while a client pages, a page comes twice, comes empty, or the
 * total grows.
 * @param {Fault} fault
 * @param {Route} route
 * @param {Store} store
 * @returns {Reply}
 */
function searchUnder(fault, route, store) {
	const input = { ...route.input };
	const asked = input.page === undefined ? 1 : Number(input.page);
	if (fault.action === 'insert-during-scan') {
		for (let i = 0; i < (fault.count ?? 1); i++)
			store.insertTask(insertedTaskFields(store, fault.fields));
	}
	if (fault.action === 'repeat-page' && Number.isInteger(asked) && asked > 1 && asked <= MAX_PAGE)
		input.page = asked - 1;
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

/**
 * A bulk create under a fault: Apollo lists fewer tasks than it made, or says it failed.
 * @param {Fault} fault
 * @param {Route} route
 * @param {Store} store
 * @returns {Reply}
 */
function bulkCreateUnder(fault, route, store) {
	const before = store.tasks.length;
	const reply = route.run(route.input);
	if (!ok(reply.status)) return reply;
	if (fault.action === 'bulk-create-unsuccessful') {
		if (!fault.creates) store.truncateTasks(before);
		return { status: reply.status, payload: { success: false } };
	}
	/** @type {any} */
	const payload = reply.payload;
	if (fault.action === 'short-bulk-create' && Array.isArray(payload?.tasks)) {
		const count = fault.count ?? payload.tasks.length - 1;
		return { ...reply, payload: { ...payload, tasks: payload.tasks.slice(0, Math.max(0, count)) } };
	}
	return reply;
}

/**
 * A task made by someone else now: a real user and contact, a call, scheduled, due a day from now.
 * @param {Store} store
 * @param {import('./data').TaskFields} [fields]
 */
function insertedTaskFields(store, fields = {}) {
	return {
		user_id: store.keyUser.id,
		contact_id: store.contacts[0]?.id,
		type: 'call',
		status: 'scheduled',
		due_at: new Date(store.now() + DAY_MS).toISOString(),
		...fields,
	};
}

module.exports = { Faults, answerInstead, carryOut };
