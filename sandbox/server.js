'use strict';

/**
 * A local, stateful stand-in for the Apollo.io endpoints this package uses (see README, "The Apollo
 * sandbox"). It checks keys like Apollo, pages like Apollo (at most 100 a page, at most 500 pages), keeps
 * fixed-window rate limits with Apollo's headers, and can be told to misbehave in every way Apollo can.
 */

const http = require('node:http');
const { TASK_TYPES, PRIORITIES, STATUSES, random, makeId, pick, makeUsers, makeAccounts, makeContacts } = require('./data');

const MASTER_KEY = 'sandbox-master-key';
const PLAIN_KEY = 'sandbox-plain-key';
const FREE_KEY = 'sandbox-free-key';

const MAX_PER_PAGE = 100;
const MAX_PAGE = 500;

const WINDOWS = /** @type {const} */ (['minute', 'hourly', 'daily']);
const WINDOW_MS = { minute: 60_000, hourly: 3_600_000, daily: 86_400_000 };
const WINDOW_WORD = { minute: 'minute', hourly: 'hour', daily: 'day' };
const PRIORITY_RANK = { high: 0, medium: 1, low: 2 };

/**
 * @typedef {object} Fault
 * @property {string} [path] substring of the request path the fault applies to (any path if absent)
 * @property {string} [method] HTTP method it applies to (any if absent)
 * @property {number} [after] let this many matching requests through first
 * @property {number} [times] how many matching requests it hits (default 1; Infinity for all)
 * @property {'status'|'html'|'malformed'|'slow'|'drop'|'drop-after'|'rate-limit'|'repeat-page'|'empty-page'|'grow-total'} action
 * @property {number} [status] for 'status' and 'html'
 * @property {string} [message] body text for 'status'
 * @property {'minute'|'hourly'|'daily'} [window] for 'rate-limit'
 * @property {number} [delayMs] for 'slow'
 */

class ApolloSandbox {
	/**
	 * @param {object} [options]
	 * @param {number} [options.seed]
	 * @param {number} [options.users]
	 * @param {number} [options.accounts]
	 * @param {number} [options.contacts]
	 * @param {number} [options.tasks]
	 * @param {{minute?: number, hourly?: number, daily?: number}} [options.rateLimits]
	 * @param {'tasks'|'true'} [options.bulkCreateAnswer] 'true' answers bulk_create with a bare `true` (old API)
	 */
	constructor(options = {}) {
		/** @type {http.Server | undefined} */
		this.server = undefined;
		this.url = '';
		/** @type {any[]} */
		this.users = [];
		/** @type {any[]} */
		this.contacts = [];
		/** @type {any[]} */
		this.tasks = [];
		/** @type {{method: string, path: string, query: Record<string, string>, body: any, status: number, apiKeyHeader: boolean, url: string, headers: Record<string, any>}[]} */
		this.requests = [];
		/** @type {Fault[]} */
		this.faults = [];
		this.rateLimits = { minute: 0, hourly: 0, daily: 0 };
		/** Changes whenever tasks change; searches are cached per version. */
		this.version = 0;
		this.reset(options);
	}

	/** Replaces all data, counters, faults and the request log. */
	reset(options = {}) {
		const seed = options.seed ?? 42;
		this.rand = random(seed);
		this.users = makeUsers(options.users ?? 3);
		this.accounts = makeAccounts(options.accounts ?? 20);
		this.contacts = makeContacts(options.contacts ?? 300, this.accounts, this.rand);
		this.contactsById = new Map(this.contacts.map((c) => [c.id, c]));
		this.accountsById = new Map(this.accounts.map((a) => [a.id, a]));
		/** @type {any[]} */
		this.tasks = [];
		this.tasksById = new Map();
		this.nextTaskNumber = 1;
		this.version = 0;
		this.searchCache = new Map();
		this.bulkCreateAnswer = options.bulkCreateAnswer ?? 'tasks';
		this.rateLimits = { minute: 100_000, hourly: 1_000_000, daily: 10_000_000, ...options.rateLimits };
		this.usage = new Map();
		/** @type {Fault[]} */
		this.faults = [];
		this.faultHits = new Map();
		/** @type {{method: string, path: string, query: Record<string, string>, body: any, status: number, apiKeyHeader: boolean, url: string, headers: Record<string, any>}[]} */
		this.requests = [];
		const taskCount = options.tasks ?? 300;
		const base = Date.UTC(2026, 10, 1);
		for (let i = 0; i < taskCount; i++) {
			const contact = this.contacts[i % this.contacts.length];
			const status = this.rand() < 0.7 ? 'scheduled' : pick(this.rand, ['completed', 'skipped']);
			this.insertTask({
				user_id: this.users[i % this.users.length].id,
				contact_id: contact.id,
				type: pick(this.rand, TASK_TYPES),
				priority: pick(this.rand, PRIORITIES),
				status,
				due_at: new Date(base + Math.floor(this.rand() * 60) * 86_400_000 + 9 * 3_600_000).toISOString(),
				note: i % 3 === 0 ? `Follow up with ${contact.first_name} about the ${contact.organization_name} renewal` : null,
				created_at: new Date(base - (taskCount - i) * 60_000).toISOString(),
			});
		}
		return this;
	}

	/** @param {Fault} fault */
	addFault(fault) {
		this.faults.push({ times: 1, after: 0, ...fault });
		return this;
	}

	clearFaults() {
		this.faults = [];
		this.faultHits = new Map();
	}

	/** @param {{minute?: number, hourly?: number, daily?: number}} limits */
	setRateLimits(limits) {
		Object.assign(this.rateLimits, limits);
		this.usage = new Map();
	}

	/** The requests that reached an Apollo endpoint (not the control API), oldest first. */
	apiRequests() {
		return this.requests;
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
				this.handle(req, res).catch((error) => {
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

	stop() {
		return new Promise((resolve) => {
			if (!this.server) return resolve(undefined);
			this.server.closeAllConnections();
			this.server.close(() => resolve(undefined));
			this.server = undefined;
		});
	}

	// ---- tasks ---------------------------------------------------------------------------------

	insertTask(fields) {
		const id = makeId('6a', this.nextTaskNumber++);
		const contact = this.contactsById.get(fields.contact_id);
		const now = new Date().toISOString();
		const task = {
			id,
			user_id: fields.user_id,
			created_at: fields.created_at ?? now,
			updated_at: fields.created_at ?? now,
			completed_at: fields.status === 'completed' ? (fields.created_at ?? now) : null,
			skipped_at: fields.status === 'skipped' ? (fields.created_at ?? now) : null,
			due_at: fields.due_at ?? null,
			type: fields.type,
			priority: fields.priority ?? 'medium',
			status: fields.status ?? 'scheduled',
			note: fields.note ?? null,
			title: fields.title ?? null,
			answered: null,
			emailer_campaign_id: null,
			contact_id: fields.contact_id,
			account_id: contact ? contact.account_id : null,
			created_from: 'api',
		};
		this.tasks.push(task);
		this.tasksById.set(id, task);
		this.version++;
		return task;
	}

	/** A task as Apollo answers it: with its contact and account embedded. */
	present(task) {
		const contact = this.contactsById.get(task.contact_id) ?? null;
		const account = task.account_id ? (this.accountsById.get(task.account_id) ?? null) : null;
		return { ...task, contact, account };
	}

	// ---- HTTP ----------------------------------------------------------------------------------

	async handle(req, res) {
		const url = new URL(req.url ?? '/', 'http://sandbox');
		const raw = await readBody(req);
		if (url.pathname.startsWith('/__sandbox/')) return this.control(req.method ?? 'GET', url, raw, res);

		const query = Object.fromEntries(url.searchParams.entries());
		/** @type {any} */
		let body;
		try {
			body = raw ? JSON.parse(raw) : {};
		} catch {
			body = undefined;
		}
		const entry = {
			method: req.method ?? 'GET',
			path: url.pathname,
			query,
			body,
			status: 0,
			apiKeyHeader: typeof req.headers['x-api-key'] === 'string',
			url: req.url ?? '',
			headers: { ...req.headers },
		};
		this.requests.push(entry);
		const reply = (status, payload, extraHeaders = {}) => {
			entry.status = status;
			send(res, status, payload, { ...this.rateHeaders(url.pathname), ...extraHeaders });
		};

		const fault = this.takeFault(entry.method, url.pathname);
		if (fault) {
			switch (fault.action) {
				case 'status':
					return reply(fault.status ?? 500, { error: fault.message ?? 'Internal Server Error' });
				case 'html':
					entry.status = fault.status ?? 502;
					res.writeHead(entry.status, { 'content-type': 'text/html' });
					return res.end('<html><head><title>502 Bad Gateway</title></head><body><h1>Bad Gateway</h1></body></html>');
				case 'malformed':
					entry.status = 200;
					res.writeHead(200, { 'content-type': 'application/json' });
					return res.end('{"tasks": [{"id": ');
				case 'slow':
					await new Promise((resolve) => setTimeout(resolve, fault.delayMs ?? 5000));
					break;
				case 'drop':
					entry.status = -1;
					return req.socket.destroy();
				case 'rate-limit':
					return reply(429, { error: rateMessage(url.pathname, this.rateLimits[fault.window ?? 'minute'], fault.window ?? 'minute') });
				default:
					break;
			}
		}

		const keyError = this.checkKey(req.headers['x-api-key'], url.pathname);
		if (keyError) return reply(keyError.status, keyError.body);

		const limited = this.consumeRate(url.pathname);
		if (limited) return reply(429, { error: rateMessage(url.pathname, this.rateLimits[limited], limited) });

		if (body === undefined) return reply(400, { error: 'Request body is not valid JSON' });
		const [status, payload] = this.route(entry.method, url.pathname, query, body, fault);
		if (fault && fault.action === 'drop-after') {
			entry.status = -1;
			return req.socket.destroy();
		}
		return reply(status, payload);
	}

	/** @returns {[number, any]} */
	route(method, path, query, body, fault) {
		const p = path.replace(/\/+$/, '');
		let m;
		if (method === 'GET' && p === '/api/v1/users/api_profile') {
			return [200, { id: this.users[0].id, email: this.users[0].email, team_id: makeId('5e', 1), is_logged_in: true }];
		}
		if (method === 'GET' && p === '/api/v1/auth/health') return [200, { healthy: true, is_logged_in: true }];
		if (method === 'GET' && p === '/api/v1/users/search') return this.searchUsers({ ...query, ...body });
		if (method === 'POST' && p === '/api/v1/contacts/search') return this.searchContacts({ ...query, ...body });
		if (method === 'POST' && p === '/api/v1/tasks/bulk_create') return this.bulkCreate(body);
		if (method === 'POST' && p === '/api/v1/tasks/search') return this.searchTasks({ ...query, ...body }, fault);
		if (method === 'POST' && p === '/api/v1/tasks') return this.createOne(body);
		if ((m = /^\/api\/v1\/tasks\/([^/]+)$/.exec(p))) {
			if (method === 'GET') return this.getTask(m[1]);
			if (method === 'PATCH' || method === 'PUT') return this.updateTask(m[1], body);
		}
		if (method === 'POST' && (m = /^\/api\/v1\/tasks\/([^/]+)\/(complete|skip)$/.exec(p))) {
			return this.finishTask(m[1], m[2] === 'complete' ? 'completed' : 'skipped', body);
		}
		return [404, { error: `No route for ${method} ${p}` }];
	}

	checkKey(key, path) {
		if (typeof key !== 'string' || key === '') {
			return { status: 401, body: { status: 401, message: 'Invalid access credentials.' } };
		}
		if (path.endsWith('/auth/health')) return undefined;
		if (key === MASTER_KEY) return undefined;
		if (key === FREE_KEY) {
			return {
				status: 403,
				body: { error: `api/v1${path.replace(/^\/api\/v1/, '')} is not accessible with this access token on a free plan. Please upgrade your plan.`, error_code: 'API_INACCESSIBLE' },
			};
		}
		if (key === PLAIN_KEY) {
			if (path.endsWith('/api_profile') || path.endsWith('/contacts/search')) return undefined;
			return { status: 403, body: { error: 'This endpoint requires a master API key. Create one under Settings > Integrations > API.' } };
		}
		return { status: 401, body: { status: 401, message: 'Invalid access credentials.' } };
	}

	rateKey(path) {
		return path.replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/:id');
	}

	windowState(path, window) {
		const key = `${this.rateKey(path)} ${window}`;
		const start = Math.floor(Date.now() / WINDOW_MS[window]) * WINDOW_MS[window];
		let state = this.usage.get(key);
		if (!state || state.start !== start) {
			state = { start, used: 0 };
			this.usage.set(key, state);
		}
		return state;
	}

	/** Counts a request; answers the name of the exhausted window, if any. */
	consumeRate(path) {
		for (const window of WINDOWS) {
			if (this.windowState(path, window).used >= this.rateLimits[window]) return window;
		}
		for (const window of WINDOWS) this.windowState(path, window).used++;
		return undefined;
	}

	rateHeaders(path) {
		if (path.startsWith('/__sandbox/')) return {};
		const headers = {};
		for (const window of WINDOWS) {
			const limit = this.rateLimits[window];
			const used = this.windowState(path, window).used;
			headers[`x-rate-limit-${window}`] = String(limit);
			headers[`x-${window}-requests-left`] = String(Math.max(0, limit - used));
			headers[`x-${window}-usage`] = String(used);
		}
		return headers;
	}

	takeFault(method, path) {
		for (let i = 0; i < this.faults.length; i++) {
			const fault = this.faults[i];
			if (fault.method && fault.method !== method) continue;
			if (fault.path && !path.includes(fault.path)) continue;
			const seen = (this.faultHits.get(fault) ?? 0) + 1;
			this.faultHits.set(fault, seen);
			if (seen <= (fault.after ?? 0)) continue;
			if (seen > (fault.after ?? 0) + (fault.times ?? 1)) continue;
			return fault;
		}
		return undefined;
	}

	// ---- endpoints -----------------------------------------------------------------------------

	paging(params, defaultPerPage) {
		const page = params.page === undefined ? 1 : Number(params.page);
		const perPage = params.per_page === undefined ? defaultPerPage : Number(params.per_page);
		if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE) return { error: 'Per page not supported' };
		if (!Number.isInteger(page) || page < 1) return { error: 'Page must be a positive integer' };
		if (page > MAX_PAGE) return { error: `Page ${page} is beyond the last page Apollo serves (${MAX_PAGE}). Narrow the search.` };
		return { page, perPage };
	}

	pageOf(list, paging) {
		const start = (paging.page - 1) * paging.perPage;
		return {
			items: list.slice(start, start + paging.perPage),
			pagination: {
				page: paging.page,
				per_page: paging.perPage,
				total_entries: list.length,
				total_pages: Math.ceil(list.length / paging.perPage),
			},
		};
	}

	searchUsers(params) {
		const paging = this.paging(params, 25);
		if ('error' in paging) return [422, { error: paging.error }];
		const words = String(params.q_keywords ?? '').toLowerCase().trim();
		const users = this.users.filter((u) => !words || `${u.name} ${u.email}`.toLowerCase().includes(words));
		const { items, pagination } = this.pageOf(users, paging);
		return [200, { users: items, pagination }];
	}

	searchContacts(params) {
		const paging = this.paging(params, 25);
		if ('error' in paging) return [422, { error: paging.error }];
		const words = String(params.q_keywords ?? '').toLowerCase().trim();
		const contacts = this.contacts.filter(
			(c) => !words || `${c.name} ${c.email} ${c.title} ${c.organization_name}`.toLowerCase().includes(words),
		);
		const { items, pagination } = this.pageOf(contacts, paging);
		return [200, { contacts: items, pagination }];
	}

	/** @returns {string | undefined} an Apollo-style 422 message for bad task fields */
	invalidTaskFields(body, { partial = false } = {}) {
		if (!partial || body.user_id !== undefined) {
			if (!this.users.some((u) => u.id === body.user_id)) return `user_id ${JSON.stringify(body.user_id)} is not a user of this team`;
		}
		if (!partial || body.type !== undefined) {
			if (!TASK_TYPES.includes(body.type)) return `type must be one of ${TASK_TYPES.join(', ')}`;
		}
		if (body.priority !== undefined && !PRIORITIES.includes(body.priority)) return `priority must be one of ${PRIORITIES.join(', ')}`;
		if (body.status !== undefined && !STATUSES.includes(body.status)) return `status must be one of ${STATUSES.join(', ')}`;
		if (body.due_at !== undefined && body.due_at !== null && Number.isNaN(Date.parse(body.due_at))) return 'due_at is not a valid date';
		return undefined;
	}

	bulkCreate(body) {
		if (body.api_key !== undefined) return [422, { error: 'api_key must not be sent in the body' }];
		const invalid = this.invalidTaskFields(body);
		if (invalid) return [422, { error: invalid }];
		if (!Array.isArray(body.contact_ids) || body.contact_ids.length === 0) return [422, { error: 'contact_ids must be a non-empty array' }];
		const unknown = body.contact_ids.find((id) => !this.contactsById.has(id));
		if (unknown !== undefined) return [422, { error: `Contact ${JSON.stringify(unknown)} not found` }];
		const created = body.contact_ids.map((contactId) => this.insertTask({ ...pickTaskFields(body), contact_id: contactId }));
		if (this.bulkCreateAnswer === 'true') return [200, true];
		return [200, { success: true, tasks: created.map((t) => this.present(t)) }];
	}

	createOne(body) {
		const invalid = this.invalidTaskFields(body);
		if (invalid) return [422, { error: invalid }];
		if (!this.contactsById.has(body.contact_id)) return [422, { error: `Contact ${JSON.stringify(body.contact_id)} not found` }];
		const task = this.insertTask({ ...pickTaskFields(body), contact_id: body.contact_id });
		return [200, { task: this.present(task) }];
	}

	matchingTasks(params) {
		const key = JSON.stringify([
			this.version,
			params.user_id,
			params.contact_id,
			params.account_id,
			params.priority,
			params.q_keywords,
			params.sort_by_field,
			params.sort_ascending,
		]);
		const cached = this.searchCache.get(key);
		if (cached) return cached;
		const asList = (v) => (v === undefined || v === null || v === '' ? undefined : Array.isArray(v) ? v : [v]);
		const users = asList(params.user_id);
		const contacts = asList(params.contact_id);
		const accounts = asList(params.account_id);
		const priorities = asList(params.priority);
		const words = String(params.q_keywords ?? '').toLowerCase().trim();
		let list = this.tasks.filter((t) => {
			if (users && !users.includes(t.user_id)) return false;
			if (contacts && !contacts.includes(t.contact_id)) return false;
			if (accounts && !accounts.includes(t.account_id)) return false;
			if (priorities && !priorities.includes(t.priority)) return false;
			if (words) {
				const contact = this.contactsById.get(t.contact_id);
				const text = `${t.note ?? ''} ${contact ? `${contact.name} ${contact.email} ${contact.organization_name}` : ''}`;
				if (!text.toLowerCase().includes(words)) return false;
			}
			return true;
		});
		const field = params.sort_by_field ?? 'task_created_at';
		const ascending = params.sort_ascending === true || params.sort_ascending === 'true';
		const value = {
			task_due_at: (t) => (t.due_at ? Date.parse(t.due_at) : Infinity),
			task_priority: (t) => PRIORITY_RANK[t.priority] ?? 3,
			task_created_at: (t) => Date.parse(t.created_at),
		}[field];
		if (value) {
			const direction = ascending ? 1 : -1;
			list = list
				.map((t, i) => ({ t, i, v: value(t) }))
				.sort((a, b) => (a.v === b.v ? a.i - b.i : a.v < b.v ? -direction : direction))
				.map((x) => x.t);
		}
		if (this.searchCache.size > 50) this.searchCache.clear();
		this.searchCache.set(key, list);
		return list;
	}

	searchTasks(params, fault) {
		const paging = this.paging(params, 25);
		if ('error' in paging) return [422, { error: paging.error }];
		if (params.sort_by_field !== undefined && !['task_due_at', 'task_priority', 'task_created_at'].includes(params.sort_by_field)) {
			return [422, { error: `sort_by_field ${JSON.stringify(params.sort_by_field)} is not supported` }];
		}
		const list = this.matchingTasks(params);
		let effective = paging;
		if (fault && fault.action === 'repeat-page') effective = { ...paging, page: Math.max(1, paging.page - 1) };
		const { items, pagination } = this.pageOf(list, effective);
		pagination.page = paging.page;
		const response = {
			tasks: fault && fault.action === 'empty-page' ? [] : items.map((t) => this.present(t)),
			pagination,
			breadcrumbs: [],
			faceting: {},
		};
		if (fault && fault.action === 'grow-total') {
			pagination.total_entries += paging.perPage;
			pagination.total_pages = Math.ceil(pagination.total_entries / paging.perPage);
		}
		const facets = [].concat(params.open_factor_names ?? []);
		if (facets.includes('task_types')) {
			const counts = new Map();
			for (const t of list) counts.set(t.type, (counts.get(t.type) ?? 0) + 1);
			response.faceting = {
				task_types: [...counts.entries()]
					.sort((a, b) => b[1] - a[1])
					.map(([value, count]) => ({ value, display_name: value.replace(/_/g, ' '), count })),
			};
		}
		return [200, response];
	}

	getTask(id) {
		const task = this.tasksById.get(id);
		if (!task) return [404, { error: `Task ${id} not found` }];
		return [200, { task: this.present(task) }];
	}

	updateTask(id, body) {
		const task = this.tasksById.get(id);
		if (!task) return [404, { error: `Task ${id} not found` }];
		const allowed = task.status === 'scheduled' ? ['user_id', 'type', 'priority', 'due_at', 'note', 'title'] : ['note'];
		const refused = Object.keys(body).filter((k) => !allowed.includes(k));
		if (refused.length) return [422, { error: `Cannot change ${refused.join(', ')} of a ${task.status} task` }];
		const invalid = this.invalidTaskFields(body, { partial: true });
		if (invalid) return [422, { error: invalid }];
		Object.assign(task, body, { updated_at: new Date().toISOString() });
		this.version++;
		return [200, { task: this.present(task) }];
	}

	finishTask(id, status, body) {
		const task = this.tasksById.get(id);
		if (!task) return [404, { error: `Task ${id} not found` }];
		if (task.status !== 'scheduled') return [422, { error: `Task is already ${task.status}` }];
		const now = new Date().toISOString();
		task.status = status;
		if (status === 'completed') task.completed_at = now;
		else task.skipped_at = now;
		if (typeof body.note === 'string' && body.note) task.note = body.note;
		task.updated_at = now;
		this.version++;
		return [200, { task: this.present(task) }];
	}

	// ---- control API (for processes that cannot hold this object: n8n, benchmarks) ----------------

	control(method, url, raw, res) {
		const body = raw ? JSON.parse(raw) : {};
		const route = `${method} ${url.pathname}`;
		switch (route) {
			case 'GET /__sandbox/state':
				return send(res, 200, {
					users: this.users.length,
					contacts: this.contacts.length,
					tasks: this.tasks.length,
					requests: this.requests.length,
					faults: this.faults,
					rateLimits: this.rateLimits,
				});
			case 'GET /__sandbox/requests':
				return send(res, 200, this.requests.map(({ headers, ...rest }) => rest));
			case 'DELETE /__sandbox/requests':
				this.clearRequests();
				return send(res, 200, { ok: true });
			case 'GET /__sandbox/tasks':
				return send(res, 200, this.tasks);
			case 'GET /__sandbox/users':
				return send(res, 200, this.users);
			case 'GET /__sandbox/contacts':
				return send(res, 200, this.contacts);
			case 'POST /__sandbox/reset':
				this.reset(body);
				return send(res, 200, { ok: true, tasks: this.tasks.length });
			case 'POST /__sandbox/faults':
				for (const fault of [].concat(body)) this.addFault(fault);
				return send(res, 200, { ok: true, faults: this.faults.length });
			case 'DELETE /__sandbox/faults':
				this.clearFaults();
				return send(res, 200, { ok: true });
			case 'POST /__sandbox/rate-limits':
				this.setRateLimits(body);
				return send(res, 200, { ok: true, rateLimits: this.rateLimits });
			default:
				return send(res, 404, { error: `No control route ${route}` });
		}
	}
}

function pickTaskFields(body) {
	const fields = {};
	for (const key of ['user_id', 'type', 'priority', 'status', 'due_at', 'note', 'title']) {
		if (body[key] !== undefined) fields[key] = body[key];
	}
	return fields;
}

function rateMessage(path, limit, window) {
	const endpoint = path.replace(/^\//, '').replace(/\/[0-9a-f]{24}(?=\/|$)/g, '/:id');
	return `The maximum number of api calls allowed for ${endpoint} is ${limit} times per ${WINDOW_WORD[window]}. Please upgrade your plan`;
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

function send(res, status, payload, headers = {}) {
	const text = JSON.stringify(payload);
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
	res.end(text);
}

module.exports = { ApolloSandbox, MASTER_KEY, PLAIN_KEY, FREE_KEY };
