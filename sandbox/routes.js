'use strict';

/**
 * The Apollo endpoints the package uses, answered from the store as the reference (contract.js) says:
 * the task endpoints here, users and contacts in contact-routes.js. Routes know nothing of faults or rate
 * limits, and of keys only who holds one: they get a request that is allowed and answer it.
 */

const { pagingOf, pageOf, searchParams, SORT_FIELDS } = require('./search');
const { createFields, missingOnCreate, invalidTaskFields, updateOf } = require('./task-rules');
const { searchUsers, searchContacts, bulkCreateContacts } = require('./contact-routes');
const { ROUTES, documentedError } = require('./contract');

/**
 * @typedef {import('./store').Store} Store
 * @typedef {import('./store').Task} Task
 * @typedef {import('./search').TaskSearch} TaskSearch
 * @typedef {{ status: number, payload: unknown }} Answer
 * @typedef {Record<string, any>} Input
 * @typedef {{ name: string, input: Input, run: (input: Input) => Answer }} Route
 * @typedef {import('./options').Behaviour} Behaviour
 * @typedef {import('./keys').KeyHolder} KeyHolder
 * @typedef {import('./rate-limits').RateLimits} RateLimits
 */

/**
 * @param {number} status
 * @param {unknown} payload
 * @returns {Answer}
 */
const answer = (status, payload) => ({ status, payload });
/** @param {string} error */
const refuse = (error, status = 422) => answer(status, { error });
/**
 * A documented error of a route, as the reference words it.
 * @param {string} name
 * @param {import('./contract').Case} when
 * @returns {Answer}
 */
const documented = (name, when) => {
	const { status, body } = documentedError(name, when);
	return answer(status, body);
};
/** @param {unknown} value */
const blank = (value) => value === undefined || value === null || value === '';

class ApolloRoutes {
	/**
	 * @param {Store} store
	 * @param {TaskSearch} search
	 * @param {Behaviour} behaviour read on every request, so a change applies at once
	 * @param {() => RateLimits} rates for the usage stats
	 */
	constructor(store, search, behaviour, rates) {
		this.store = store;
		this.search = search;
		this.behaviour = behaviour;
		this.rates = rates;
	}

	/**
	 * What a request to the route `name` takes as input, and how to answer it.
	 * @param {string} name the route's name in the contract
	 * @param {string} path
	 * @param {Record<string, string>} query
	 * @param {Input} body
	 * @param {KeyHolder} holder
	 * @returns {Route}
	 */
	resolve(name, path, query, body, holder) {
		const id = ROUTES[name].pattern.exec(path.replace(/\/+$/, ''))?.[1] ?? '';
		const params = { ...query, ...body };
		/**
		 * @param {Input} input
		 * @param {(input: Input) => Answer} run
		 */
		const route = (input, run) => ({ name, input, run });
		switch (name) {
			case 'searchUsers':
				return route(params, (input) => searchUsers(this.store, input));
			case 'searchContacts':
				return route(params, (input) => searchContacts(this.store, input));
			case 'bulkCreateContacts':
				return route(body, (input) => bulkCreateContacts(this.store, input));
			case 'bulkCreate':
				return route(body, (input) => this.bulkCreate(input));
			case 'searchTasks':
				return route(params, (input) => this.searchTasks(input));
			case 'createTask':
				return route(body, (input) => this.createTask(input));
			case 'getTask':
				return route(body, () => this.getTask(id));
			case 'updateTask':
				return route(body, (input) => this.updateTask(id, input, holder));
			case 'completeTask':
			case 'skipTask':
				return route(body, (input) => this.finishTask(name, id, input, holder));
			case 'usageStats':
				return route(body, () => answer(200, this.rates().usage(Object.values(ROUTES))));
			default:
				return route(body, () => refuse(`No route for ${path}`, 404));
		}
	}

	/** @param {Input} body */
	bulkCreate(body) {
		if (body.api_key !== undefined) return refuse('api_key must not be sent in the body');
		if (blank(body.type) || blank(body.user_id))
			return documented('bulkCreate', 'blankTypeAndUser');
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
		if (blank(body.type) || blank(body.user_id))
			return documented('createTask', 'blankTypeAndUser');
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
		if ('error' in paging)
			return paging.error === 'Per page not supported'
				? documented('searchTasks', 'perPage')
				: refuse(paging.error);
		const facets = params.open_factor_names ?? params['open_factor_names[]'];
		const documentedOnly = this.behaviour.mode === 'documented';
		if (documentedOnly && blank(facets)) return documented('searchTasks', 'noFacets');
		if (
			!documentedOnly &&
			params.sort_by_field !== undefined &&
			!SORT_FIELDS.includes(params.sort_by_field)
		)
			return refuse(`sort_by_field ${JSON.stringify(params.sort_by_field)} is not supported`);
		const list = this.search.matching(searchParams(params, this.behaviour.mode));
		const { items, pagination } = pageOf(list, paging);
		return answer(200, {
			tasks: items.map((t) => this.store.present(t)),
			pagination,
			breadcrumbs: [],
			faceting: this.search.faceting(list, facets),
		});
	}

	/**
	 * A task the store holds; none for one deleted or never made (Apollo answers both alike).
	 * @param {string} id
	 * @returns {Task | undefined}
	 */
	task(id) {
		return this.store.tasksById.get(id);
	}

	/** @param {string} id */
	getTask(id) {
		const task = this.task(id);
		if (!task) return documented('getTask', 'deleted');
		return answer(200, { task: this.store.present(task) });
	}

	/**
	 * @param {string} id
	 * @param {Input} body
	 * @param {KeyHolder} holder
	 */
	updateTask(id, body, holder) {
		const task = this.task(id);
		if (!task) return documented('updateTask', 'deleted');
		if (holder.member && task.user_id !== this.store.users[1]?.id)
			return documented('updateTask', 'othersTask');
		const update = updateOf(this.store, task.status, body, this.behaviour.updateResetsOmitted);
		if ('error' in update) return refuse(update.error);
		this.store.changeTask(task, update.changes);
		return answer(200, { task: this.store.present(task) });
	}

	/**
	 * Complete answers the task and its contact; skip only a stub of the task. A task that no longer
	 * exists answers 200 with `deleted: true`, as the reference says.
	 * @param {'completeTask' | 'skipTask'} name
	 * @param {string} id
	 * @param {Input} body
	 * @param {KeyHolder} holder
	 */
	finishTask(name, id, body, holder) {
		const task = this.task(id);
		if (!task) return answer(200, { task: { id, deleted: true } });
		if (holder.member && task.user_id !== this.store.users[1]?.id)
			return documented(name, 'othersTask');
		if (task.status !== 'scheduled') return documented(name, 'alreadyDone');
		const now = new Date(this.store.now()).toISOString();
		const status = name === 'completeTask' ? 'completed' : 'skipped';
		this.store.changeTask(task, {
			status,
			...(status === 'completed' ? { completed_at: now } : { skipped_at: now }),
			...(typeof body.note === 'string' && body.note ? { note: body.note } : {}),
		});
		const shown = this.store.present(task);
		if (name === 'completeTask') return answer(200, { task: shown, contact: shown.contact });
		return answer(200, {
			task: { id: task.id, status: task.status, note: task.note, completed: false },
		});
	}
}

module.exports = { ApolloRoutes };
