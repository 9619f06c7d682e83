'use strict';

/**
 * Task search: the filters, the sort orders and the task-type facet of `POST /tasks/search`, and
 * the pages Apollo cuts (at most 100 records a page, at most 500 pages). Filtered, sorted lists are
 * cached until the next change to the tasks, so paging through tens of thousands stays fast. A task
 * created through the API while `searchLagMs` was on is left out until its time on the sandbox timer has come.
 */

const MAX_PER_PAGE = 100;
const MAX_PAGE = 500;
const SORT_FIELDS = ['task_due_at', 'task_priority', 'task_created_at'];
/** Filters seen in Apollo's own CLI but not in its reference. */
const UNDOCUMENTED_FILTERS = ['user_id', 'contact_id', 'account_id', 'priority', 'q_keywords'];
/** The sorts the reference documents: the most future-dated first, the highest priority first. */
const DOCUMENTED_SORTS = ['task_due_at', 'task_priority'];

/**
 * What a search reads of its parameters. `documented`: only the reference's sorts, each in its
 * documented order, and any other sort (or none) read as task_due_at; no filter. `extended`: all.
 * @param {Record<string, any>} params
 * @param {import('./options').Mode} mode
 * @returns {Record<string, any>}
 */
function searchParams(params, mode) {
	if (mode === 'extended') return params;
	const sort = DOCUMENTED_SORTS.includes(params.sort_by_field)
		? params.sort_by_field
		: 'task_due_at';
	// Both documented orders put the largest value first: the latest due date, the highest priority.
	return { sort_by_field: sort, sort_ascending: false };
}
/** @type {Record<string, number>} a higher priority is a larger value: the largest first is the highest first */
const PRIORITY_VALUE = { high: 3, medium: 2, low: 1 };

/**
 * @typedef {import('./store').Store} Store
 * @typedef {import('./store').Task} Task
 * @typedef {{ page: number, perPage: number }} Paging
 * @typedef {{ page: number, per_page: number, total_entries: number, total_pages: number }} Pagination
 */

/** @type {Record<string, (t: Task) => number>} */
const SORT_VALUE = {
	task_due_at: (t) => (t.due_at ? Date.parse(t.due_at) : Infinity),
	task_priority: (t) => PRIORITY_VALUE[t.priority] ?? 0,
	task_created_at: (t) => Date.parse(t.created_at),
};

/**
 * Apollo's page and per_page, checked as Apollo checks them.
 * @param {Record<string, any>} params
 * @param {number} defaultPerPage
 * @returns {Paging | { error: string }}
 */
function pagingOf(params, defaultPerPage) {
	const page = params.page === undefined ? 1 : Number(params.page);
	const perPage = params.per_page === undefined ? defaultPerPage : Number(params.per_page);
	if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
		return { error: 'Per page not supported' };
	if (!Number.isInteger(page) || page < 1) return { error: 'Page must be a positive integer' };
	if (page > MAX_PAGE)
		return {
			error: `Page ${page} is beyond the last page Apollo serves (${MAX_PAGE}). Narrow the search.`,
		};
	return { page, perPage };
}

/**
 * @template T
 * @param {T[]} list
 * @param {Paging} paging
 * @returns {{ items: T[], pagination: Pagination }}
 */
function pageOf(list, paging) {
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

/** @param {unknown} value */
const asList = (value) =>
	value === undefined || value === null || value === ''
		? undefined
		: Array.isArray(value)
			? value
			: [value];

class TaskSearch {
	/** @param {Store} store */
	constructor(store) {
		this.store = store;
		/** @type {Map<string, Task[]>} */
		this.cache = new Map();
		this.cachedVersion = -1;
	}

	/**
	 * The tasks that match the search's filters, in its order, less those the index has not caught up
	 * with yet. Filters left out match everything.
	 * @param {Record<string, any>} params
	 * @returns {Task[]}
	 */
	matching(params) {
		const list = this.sorted(params);
		const lagging = this.store.searchableAt;
		if (lagging.size === 0) return list;
		const now = this.store.elapsed();
		for (const [id, at] of lagging) if (at <= now) lagging.delete(id);
		return lagging.size === 0 ? list : list.filter((t) => !lagging.has(t.id));
	}

	/**
	 * Every task that matches, sorted; cached per version of the tasks.
	 * @param {Record<string, any>} params
	 * @returns {Task[]}
	 */
	sorted(params) {
		if (this.cachedVersion !== this.store.version) {
			this.cache.clear();
			this.cachedVersion = this.store.version;
		}
		const key = JSON.stringify([
			...UNDOCUMENTED_FILTERS.map((f) => params[f]),
			params.sort_by_field,
			params.sort_ascending,
		]);
		const cached = this.cache.get(key);
		if (cached) return cached;
		const users = asList(params.user_id);
		const contacts = asList(params.contact_id);
		const accounts = asList(params.account_id);
		const priorities = asList(params.priority);
		const words = String(params.q_keywords ?? '')
			.toLowerCase()
			.trim();
		let list = this.store.tasks.filter((t) => {
			if (users && !users.includes(t.user_id)) return false;
			if (contacts && !contacts.includes(t.contact_id)) return false;
			if (accounts && !accounts.includes(t.account_id)) return false;
			if (priorities && !priorities.includes(t.priority)) return false;
			if (words) {
				const contact =
					t.contact_id === undefined ? undefined : this.store.contactsById.get(t.contact_id);
				const about = contact ? [contact.name, contact.email, contact.organization_name] : [];
				const text = [t.note, ...about].filter(Boolean).join(' ');
				if (!text.toLowerCase().includes(words)) return false;
			}
			return true;
		});
		const value = SORT_VALUE[params.sort_by_field ?? 'task_created_at'];
		if (value) {
			const direction = params.sort_ascending === true || params.sort_ascending === 'true' ? 1 : -1;
			list = list
				.map((t, i) => ({ t, i, v: value(t) }))
				.sort((a, b) => (a.v === b.v ? a.i - b.i : a.v < b.v ? -direction : direction))
				.map((x) => x.t);
		}
		if (this.cache.size > 50) this.cache.clear();
		this.cache.set(key, list);
		return list;
	}

	/**
	 * Apollo's `faceting` for the requested facets (only `task_types` is known).
	 * @param {Task[]} list
	 * @param {unknown} names open_factor_names
	 */
	faceting(list, names) {
		if (!(/** @type {unknown[]} */ ([]).concat(names ?? []).includes('task_types'))) return {};
		/** @type {Map<string, number>} */
		const counts = new Map();
		for (const t of list) counts.set(String(t.type), (counts.get(String(t.type)) ?? 0) + 1);
		return {
			task_types: [...counts.entries()]
				.sort((a, b) => b[1] - a[1])
				.map(([value, count]) => ({ value, display_name: value.replace(/_/g, ' '), count })),
		};
	}
}

module.exports = { TaskSearch, pagingOf, pageOf, searchParams, SORT_FIELDS, MAX_PAGE };
