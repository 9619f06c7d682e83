'use strict';

/**
 * The Apollo endpoints the package uses, answered from the store: which route a request is for, and the
 * task endpoints (users and contacts are in contact-routes.js). Routes know nothing of faults, keys or
 * rate limits: they get a request that is allowed and answer it as a working Apollo would.
 */

const { pagingOf, pageOf, SORT_FIELDS, UNDOCUMENTED_FILTERS } = require('./search');
const { createFields, missingOnCreate, invalidTaskFields, updateOf } = require('./task-rules');
const { searchUsers, searchContacts, bulkCreateContacts } = require('./contact-routes');

/**
 * @typedef {import('./store').Store} Store
 * @typedef {import('./search').TaskSearch} TaskSearch
 * @typedef {{ status: number, payload: unknown }} Answer
 * @typedef {Record<string, any>} Input
 * @typedef {{ name: string, input: Input, run: (input: Input) => Answer }} Route
 * @typedef {import('./options').Behaviour} Behaviour
 */

/**
 * @param {number} status
 * @param {unknown} payload
 * @returns {Answer}
 */
const answer = (status, payload) => ({ status, payload });
/** @param {string} error */
const refuse = (error, status = 422) => answer(status, { error });

class ApolloRoutes {
	/**
	 * @param {Store} store
	 * @param {TaskSearch} search
	 * @param {Behaviour} behaviour read on every request, so a change applies at once
	 */
	constructor(store, search, behaviour) {
		this.store = store;
		this.search = search;
		this.behaviour = behaviour;
	}

	/**
	 * Which endpoint a request is for, what it takes as input, and how to answer it.
	 * @param {string} method
	 * @param {string} path
	 * @param {Record<string, string>} query
	 * @param {Input} body
	 * @returns {Route}
	 */
	resolve(method, path, query, body) {
		const p = path.replace(/\/+$/, '');
		const params = { ...query, ...body };
		/**
		 * @param {string} name
		 * @param {Input} input
		 * @param {(input: Input) => Answer} run
		 */
		const route = (name, input, run) => ({ name, input, run });
		let m;
		if (method === 'GET' && p === '/api/v1/users/search')
			return route('searchUsers', params, (input) => searchUsers(this.store, input));
		if (method === 'POST' && p === '/api/v1/contacts/search')
			return route('searchContacts', params, (input) => searchContacts(this.store, input));
		if (method === 'POST' && p === '/api/v1/contacts/bulk_create')
			return route('bulkCreateContacts', body, (input) => bulkCreateContacts(this.store, input));
		if (method === 'POST' && p === '/api/v1/tasks/bulk_create')
			return route('bulkCreate', body, (input) => this.bulkCreate(input));
		if (method === 'POST' && p === '/api/v1/tasks/search')
			return route('searchTasks', params, (input) => this.searchTasks(input));
		if (method === 'POST' && p === '/api/v1/tasks')
			return route('createTask', body, (input) => this.createTask(input));
		if ((m = /^\/api\/v1\/tasks\/([^/]+)$/.exec(p))) {
			const id = m[1];
			if (method === 'GET') return route('getTask', body, () => this.getTask(id));
			if (method === 'PATCH' || method === 'PUT')
				return route('updateTask', body, (input) => this.updateTask(id, input));
		}
		if (method === 'POST' && (m = /^\/api\/v1\/tasks\/([^/]+)\/(complete|skip)$/.exec(p))) {
			const [, id, verb] = m;
			return route(verb === 'complete' ? 'completeTask' : 'skipTask', body, (input) =>
				this.finishTask(id, verb === 'complete' ? 'completed' : 'skipped', input),
			);
		}
		return route('none', body, () => refuse(`No route for ${method} ${p}`, 404));
	}

	/** @param {Input} body */
	bulkCreate(body) {
		if (body.api_key !== undefined) return refuse('api_key must not be sent in the body');
		const missing = this.behaviour.strict ? missingOnCreate(body) : undefined;
		if (missing) return refuse(missing);
		const invalid = invalidTaskFields(this.store, body);
		if (invalid) return refuse(invalid);
		if (!Array.isArray(body.contact_ids) || body.contact_ids.length === 0)
			return refuse('contact_ids must be a non-empty array');
		const unknown = body.contact_ids.find((id) => !this.store.contactsById.has(id));
		if (unknown !== undefined) return refuse(`Contact ${JSON.stringify(unknown)} not found`);
		const created = body.contact_ids.map((contactId) =>
			this.insertTask({ ...createFields(body), contact_id: contactId }),
		);
		if (this.behaviour.bulkCreateAnswer === 'true') return answer(200, true);
		return answer(200, { success: true, tasks: created.map((t) => this.store.present(t)) });
	}

	/** @param {Input} body */
	createTask(body) {
		const missing = this.behaviour.strict ? missingOnCreate(body) : undefined;
		if (missing) return refuse(missing);
		const invalid = invalidTaskFields(this.store, body);
		if (invalid) return refuse(invalid);
		if (!this.store.contactsById.has(body.contact_id))
			return refuse(`Contact ${JSON.stringify(body.contact_id)} not found`);
		const task = this.insertTask({ ...createFields(body), contact_id: body.contact_id });
		return answer(200, { task: this.store.present(task) });
	}

	/**
	 * A task created through the API: it shows in search only `searchLagMs` (on the sandbox timer) from now.
	 * @param {import('./data').TaskFields} fields
	 */
	insertTask(fields) {
		const task = this.store.insertTask(fields);
		this.store.lagInSearch(task, this.behaviour.searchLagMs);
		return task;
	}

	/** @param {Input} params */
	searchTasks(params) {
		const paging = pagingOf(params, 25);
		if ('error' in paging) return refuse(paging.error);
		if (params.sort_by_field !== undefined && !SORT_FIELDS.includes(params.sort_by_field)) {
			return refuse(`sort_by_field ${JSON.stringify(params.sort_by_field)} is not supported`);
		}
		const filters = { ...params };
		if (this.behaviour.ignoreUndocumentedFilters)
			for (const name of UNDOCUMENTED_FILTERS) delete filters[name];
		const list = this.search.matching(filters);
		const { items, pagination } = pageOf(list, paging);
		return answer(200, {
			tasks: items.map((t) => this.store.present(t)),
			pagination,
			breadcrumbs: [],
			faceting: this.search.faceting(list, params.open_factor_names),
		});
	}

	/** @param {string} id */
	getTask(id) {
		const task = this.store.tasksById.get(id);
		if (!task) return refuse(`Task ${id} not found`, 404);
		return answer(200, { task: this.store.present(task) });
	}

	/**
	 * @param {string} id
	 * @param {Input} body
	 */
	updateTask(id, body) {
		const task = this.store.tasksById.get(id);
		if (!task) return refuse(`Task ${id} not found`, 404);
		const update = updateOf(this.store, task.status, body, this.behaviour.updateResetsOmitted);
		if ('error' in update) return refuse(update.error);
		this.store.changeTask(task, update.changes);
		return answer(200, { task: this.store.present(task) });
	}

	/**
	 * @param {string} id
	 * @param {'completed' | 'skipped'} status
	 * @param {Input} body
	 */
	finishTask(id, status, body) {
		const task = this.store.tasksById.get(id);
		if (!task) return refuse(`Task ${id} not found`, 404);
		if (task.status !== 'scheduled') return refuse(`Task is already ${task.status}`);
		const now = new Date(this.store.now()).toISOString();
		this.store.changeTask(task, {
			status,
			...(status === 'completed' ? { completed_at: now } : { skipped_at: now }),
			...(typeof body.note === 'string' && body.note ? { note: body.note } : {}),
		});
		return answer(200, { task: this.store.present(task) });
	}
}

module.exports = { ApolloRoutes };
