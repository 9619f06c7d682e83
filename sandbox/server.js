'use strict';

/**
 * A local, stateful stand-in for the Apollo.io endpoints this package uses (see README, "The Apollo
 * sandbox"). It checks keys like Apollo, pages like Apollo (at most 100 a page, at most 500 pages), keeps
 * fixed-window rate limits with Apollo's headers, and can be told to misbehave in every way Apollo can.
 * This file is the HTTP server and the object tests hold; the work is done by the store, the routes, the
 * rate limits, the faults and the control API, each in its own file.
 */

const http = require('node:http');
const { Store } = require('./store');
const { TaskSearch } = require('./search');
const { RateLimits } = require('./rate-limits');
const { Faults } = require('./faults');
const { ApolloRoutes } = require('./routes');
const { handle, send } = require('./http');
const { DEFAULT_BEHAVIOUR, behaviourOf } = require('./options');
const { SearchMeeting } = require('./meet-searches');

/**
 * @typedef {import('./faults').Fault} Fault
 * @typedef {import('./options').Behaviour} Behaviour
 * @typedef {import('./rate-limits').Limits} Limits
 * @typedef {import('./http').RequestEntry} RequestEntry
 * @typedef {import('./store').SeedOptions & import('./options').BehaviourOptions & { rateLimits?: Partial<Limits>, clock?: () => number }} SandboxOptions
 */

/**
 * @typedef {{ now: () => number, sleep: (ms: number) => Promise<void> }} Timer
 *   how the sandbox lets time pass: how long an answer takes (`latencyMs`, a 'slow' fault), how long a
 *   new task stays out of search (`searchLagMs`) and how long searches wait to meet (`meetSearches`)
 */

/** @type {Timer} real time: what Apollo's own delays take */
const REAL_TIMER = {
	now: () => Date.now(),
	// Unref'd: a wait never keeps the process alive on its own (a request in flight does).
	sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms).unref()),
};

class ApolloSandbox {
	/** @param {SandboxOptions} [options] */
	constructor(options = {}) {
		/** @type {http.Server | undefined} */
		this.server = undefined;
		this.url = '';
		/** The clock `reset()` and `setClock()` go back to: the `clock` option, or real time. */
		this.defaultClock = options.clock ?? Date.now;
		/** Milliseconds since the epoch for rate windows and task stamps; replace it to move time. */
		this.clock = this.defaultClock;
		const now = () => this.clock();
		/** @type {Timer} real time unless a test hands it a virtual one; apart from the clock, which tests freeze. */
		this.timer = REAL_TIMER;
		this.store = new Store(now, () => this.timer.now());
		this.search = new TaskSearch(this.store);
		this.rates = new RateLimits(now);
		this.faultBook = new Faults();
		/** @type {Behaviour} */
		this.behaviour = { ...DEFAULT_BEHAVIOUR };
		this.routes = new ApolloRoutes(this.store, this.search, this.behaviour, () => this.rates);
		/** Holds task searches while `meetSearches` is on; switches it off when they have met. */
		this.meeting = new SearchMeeting(
			() => {
				this.behaviour.meetSearches = null;
			},
			(ms) => this.timer.sleep(ms),
		);
		/** @type {RequestEntry[]} */
		this.requests = [];
		this.reset(options);
	}

	/**
	 * Replaces all data, counters, faults, behaviours and the request log, and goes back to the default clock.
	 * @param {SandboxOptions} [options]
	 */
	reset(options = {}) {
		this.clock = typeof options.clock === 'function' ? options.clock : this.defaultClock;
		Object.assign(this.behaviour, DEFAULT_BEHAVIOUR, behaviourOf(options, false));
		this.meeting.arm(this.behaviour.meetSearches);
		this.rates = new RateLimits(this.rates.now, options.rateLimits);
		this.faultBook.clear();
		this.requests = [];
		this.store.seed(options);
		return this;
	}

	// Records are loosely typed for the tests, which read and change them freely.
	/** @returns {any[]} */
	get users() {
		return this.store.users;
	}
	/** @returns {any[]} */
	get contacts() {
		return this.store.contacts;
	}
	/** @returns {any[]} */
	get tasks() {
		return this.store.tasks;
	}

	/** Bump it after changing a task object by hand, so searches see the change. */
	get version() {
		return this.store.version;
	}
	set version(value) {
		this.store.version = value;
	}

	get faults() {
		return this.faultBook.list;
	}

	get rateLimits() {
		return this.rates.limits;
	}

	/** The switchable behaviours now in force. */
	get options() {
		return { ...this.behaviour };
	}

	get bulkCreateAnswer() {
		return this.behaviour.bulkCreateAnswer;
	}
	set bulkCreateAnswer(value) {
		this.behaviour.bulkCreateAnswer = value;
	}

	/** @param {import('./options').BehaviourOptions} options */
	setOptions(options) {
		const picked = behaviourOf(options, true);
		Object.assign(this.behaviour, picked);
		if (picked.meetSearches !== undefined) this.meeting.arm(picked.meetSearches);
		return this;
	}

	/**
	 * Freezes the clock at a time (ms or ISO), hands it a function, or with undefined goes back to the default.
	 * @param {number | string | Date | (() => number) | undefined} time
	 */
	setClock(time) {
		if (time === undefined) this.clock = this.defaultClock;
		else if (typeof time === 'function') this.clock = time;
		else {
			const at = typeof time === 'number' ? time : new Date(time).getTime();
			if (!Number.isFinite(at)) throw new Error(`${JSON.stringify(time)} is not a time`);
			this.clock = () => at;
		}
		return this;
	}

	/**
	 * Lets answers take and search lag end on this timer instead of real time; undefined goes back to real time.
	 * @param {Timer | undefined} timer
	 */
	setTimer(timer) {
		this.timer = timer ?? REAL_TIMER;
		return this;
	}

	/** @param {number} ms moves the clock on (and freezes it there) */
	advanceClock(ms) {
		if (!Number.isFinite(ms)) throw new Error('advance must be a number of milliseconds');
		return this.setClock(this.clock() + ms);
	}

	/** @param {import('./data').TaskFields} fields */
	insertTask(fields) {
		return this.store.insertTask(fields);
	}

	/** @param {import('./store').ContactFields} fields */
	insertContact(fields) {
		return this.store.insertContact(fields);
	}

	/** @param {string} id a contact deleted in Apollo: its ID is unknown from now on */
	removeContact(id) {
		this.store.removeContact(id);
	}

	/** @param {string} id a task deleted in Apollo (or removed with its sequence): gone from search too */
	removeTask(id) {
		this.store.removeTask(id);
	}

	/** @param {Fault} fault */
	addFault(fault) {
		this.faultBook.add(fault);
		return this;
	}

	clearFaults() {
		this.faultBook.clear();
	}

	/** @param {Partial<Limits>} limits */
	setRateLimits(limits) {
		this.rates.set(limits);
	}

	clearRequests() {
		this.requests = [];
	}

	/**
	 * @param {number} [port]
	 * @param {string} [host]
	 * @returns {Promise<string>} the base URL, e.g. http://127.0.0.1:43121
	 */
	start(port = 0, host = '127.0.0.1') {
		return new Promise((resolve, reject) => {
			const server = http.createServer((req, res) => {
				handle(this, req, res).catch((error) => {
					if (!res.headersSent) send(res, 500, { error: String(error && error.message) });
				});
			});
			server.keepAliveTimeout = 1000;
			server.on('error', reject);
			server.listen(port, host, () => {
				const address = /** @type {import('node:net').AddressInfo} */ (server.address());
				this.server = server;
				this.url = `http://${host}:${address.port}`;
				resolve(this.url);
			});
		});
	}

	/** @returns {Promise<void>} */
	stop() {
		this.meeting.arm(null);
		return new Promise((resolve) => {
			if (!this.server) return resolve();
			this.server.closeAllConnections();
			this.server.close(() => resolve());
			this.server = undefined;
		});
	}
}

module.exports = { ApolloSandbox };
