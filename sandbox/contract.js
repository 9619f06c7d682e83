'use strict';

/**
 * What Apollo's published reference promises for the endpoints this package uses, as data: each route's
 * method and path, the scope its key needs, the parameters and request fields it documents, the keys of
 * its answer, and the reference's own example errors with their statuses, word for word. The sandbox
 * answers from this file, and test/sandbox-contract.test.ts checks every route against it, so the
 * sandbox cannot drift from the reference.
 *
 * Source: Apollo's OpenAPI reference (docs.apollo.io, 2026-08), mirrored in the public repository
 * api-evangelist/apollo-api-documentation at commit 0e25fc3383dd8d4119fc56568f0beac36a9e655f:
 * openapi/apollo-api-documentation-tasks-api-openapi.yml (the task routes),
 * openapi/apollo-api-documentation-contacts-api-openapi.yml (contacts) and
 * openapi/apollo-api-documentation-miscellaneous-api-openapi.yml (users, usage stats).
 * Where the reference is silent (a contact ID that does not exist, a body the reference shows no error
 * for), the sandbox answers 422 with words of its own; those are not in this file.
 */

/** Every route's 401, as text/plain. */
const INVALID_KEY =
	'Invalid API key. See https://docs.apollo.io/reference/authentication for how to authenticate.';

/** @param {string} scope */
const inaccessible = (scope) => ({
	error: `This API key is not authorized to access ${scope}. Request an API key from your administrator that includes this endpoint in its configured scope.`,
	error_code: 'API_INACCESSIBLE',
});

const PAID_PLANS = { message: 'This endpoint is only available to Apollo users on paid plans.' };
const TASK_FUNCTIONS_OFF = { error: 'You do not have permissions to access task functions.' };
const ALREADY_DONE = {
	error: 'This task is already completed / skipped.',
	allow_moving_to_next_task: true,
};

/**
 * The 429 body: the reference's words, with the endpoint, the limit and the window that ran out.
 * @param {string} scope
 * @param {number} limit
 * @param {'minute' | 'hour' | 'day'} per
 */
const rateLimited = (scope, limit, per) => ({
	message: `The maximum number of api calls allowed for ${scope} is ${limit} times per ${per}. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.`,
});

/** Task fields every task answer carries (the reference's examples hold more). */
const TASK_KEYS = [
	'id',
	'user_id',
	'creator_id',
	'contact_id',
	'account_id',
	'type',
	'priority',
	'status',
	'due_at',
	'created_at',
	'completed_at',
	'skipped_at',
	'note',
	'title',
	'contact',
	'account',
];

const TASK_TYPES = [
	'call',
	'outreach_manual_email',
	'linkedin_step_connect',
	'linkedin_step_message',
	'linkedin_step_view_profile',
	'linkedin_step_interact_post',
	'action_item',
];

/**
 * @typedef {'invalidKey' | 'notInScope' | 'freePlan' | 'taskFunctionsOff' | 'othersTask' | 'deleted'
 *   | 'alreadyDone' | 'blankTypeAndUser' | 'noFacets' | 'perPage' | 'tooManyContacts' | 'noContacts'
 *   | 'rateLimited'} Case
 *   when a documented error happens (the contract test makes each happen)
 * @typedef {{ status: number, when: Case, body?: unknown, text?: string }} DocumentedError
 * @typedef {{
 *   method: string, path: string, pattern: RegExp, scope: string, access: string,
 *   limit: { per: 'minute' | 'hour' | 'day', count: number },
 *   query: string[], body: string[], required: string[],
 *   answer: Record<string, string[] | true>, errors: DocumentedError[],
 * }} Route
 *   `scope` is how Apollo's messages name the endpoint; `access` is the key scope its page lists;
 *   `answer` holds the answer's top-level keys (a task's keys where the value is a task)
 */

/**
 * Errors most routes share.
 * @param {string} scope
 * @param {{ paidPlans?: boolean, taskFunctions?: boolean, limit: Route['limit'] }} extra
 * @returns {DocumentedError[]}
 */
const common = (scope, extra) => [
	{ status: 401, when: 'invalidKey', text: INVALID_KEY },
	{ status: 403, when: 'notInScope', body: inaccessible(scope) },
	...(extra.paidPlans
		? [{ status: 403, when: /** @type {Case} */ ('freePlan'), body: PAID_PLANS }]
		: []),
	...(extra.taskFunctions
		? [{ status: 403, when: /** @type {Case} */ ('taskFunctionsOff'), body: TASK_FUNCTIONS_OFF }]
		: []),
	{
		status: 429,
		when: 'rateLimited',
		body: rateLimited(scope, extra.limit.count, extra.limit.per),
	},
];

const PER_HOUR_600 = /** @type {Route['limit']} */ ({ per: 'hour', count: 600 });
const PER_MINUTE_200 = /** @type {Route['limit']} */ ({ per: 'minute', count: 200 });

/** @type {Record<string, Route>} */
const ROUTES = {
	createTask: {
		method: 'POST',
		path: '/api/v1/tasks',
		pattern: /^\/api\/v1\/tasks$/,
		scope: 'api/v1/tasks',
		access: 'api/v1/tasks/create',
		limit: PER_HOUR_600,
		query: [],
		body: ['user_id', 'contact_id', 'type', 'priority', 'status', 'due_at', 'title', 'note'],
		required: ['user_id', 'contact_id', 'type', 'status', 'due_at'],
		answer: { task: TASK_KEYS },
		errors: [
			...common('api/v1/tasks', { limit: PER_HOUR_600 }),
			{ status: 422, when: 'blankTypeAndUser', body: { error: 'type and user can not be blank' } },
		],
	},
	bulkCreate: {
		method: 'POST',
		path: '/api/v1/tasks/bulk_create',
		pattern: /^\/api\/v1\/tasks\/bulk_create$/,
		scope: 'api/v1/tasks/bulk_create',
		access: 'api/v1/tasks/bulk_create',
		limit: PER_HOUR_600,
		query: [],
		body: ['user_id', 'contact_ids', 'type', 'priority', 'status', 'due_at', 'note'],
		required: ['user_id', 'contact_ids', 'type', 'status', 'due_at'],
		answer: { success: true, tasks: TASK_KEYS },
		errors: [
			...common('api/v1/tasks/bulk_create', { limit: PER_HOUR_600 }),
			{ status: 422, when: 'blankTypeAndUser', body: { error: 'type and user can not be blank' } },
		],
	},
	searchTasks: {
		method: 'POST',
		path: '/api/v1/tasks/search',
		pattern: /^\/api\/v1\/tasks\/search$/,
		scope: 'api/v1/tasks/search',
		access: 'api/v1/tasks/search',
		limit: PER_HOUR_600,
		// sort_by_field: task_due_at (the most future-dated first) or task_priority (the highest first).
		query: ['sort_by_field', 'open_factor_names', 'page', 'per_page'],
		body: [],
		required: [],
		answer: { tasks: TASK_KEYS, breadcrumbs: true, pagination: true, faceting: true },
		errors: [
			...common('api/v1/tasks/search', { paidPlans: true, limit: PER_HOUR_600 }),
			{
				status: 422,
				when: 'noFacets',
				body: { error: "Something's wrong with your API request. undefined method `[]' for nil" },
			},
			{ status: 422, when: 'perPage', body: { error: 'Per page not supported' } },
		],
	},
	getTask: {
		method: 'GET',
		path: '/api/v1/tasks/{id}',
		pattern: /^\/api\/v1\/tasks\/([^/]+)$/,
		scope: 'api/v1/tasks/show',
		access: 'api/v1/tasks/show',
		limit: PER_MINUTE_200,
		query: [],
		body: [],
		required: [],
		answer: { task: TASK_KEYS },
		errors: [
			...common('api/v1/tasks/show', { taskFunctions: true, limit: PER_MINUTE_200 }),
			{
				status: 422,
				when: 'deleted',
				body: { error: 'This task or emailer message has been deleted. Please refresh your page.' },
			},
		],
	},
	updateTask: {
		method: 'PATCH',
		path: '/api/v1/tasks/{id}',
		pattern: /^\/api\/v1\/tasks\/([^/]+)$/,
		scope: 'api/v1/tasks/update',
		access: 'api/v1/tasks/update',
		limit: PER_MINUTE_200,
		query: [],
		body: [
			'user_id',
			'creator_id',
			'contact_id',
			'note',
			'type',
			'priority',
			'priority_cd',
			'status',
			'due_at',
			'title',
			'call_script',
			'relevant_fields',
		],
		required: [],
		answer: { task: TASK_KEYS },
		errors: [
			...common('api/v1/tasks/update', { taskFunctions: true, limit: PER_MINUTE_200 }),
			{
				status: 401,
				when: 'othersTask',
				body: {
					error:
						"This task belongs to another user. You do not have permissions to modify other people's tasks.",
				},
			},
			{
				status: 422,
				when: 'deleted',
				body: { error: 'This task has been deleted. Please refresh your page.' },
			},
		],
	},
	completeTask: {
		method: 'POST',
		path: '/api/v1/tasks/{id}/complete',
		pattern: /^\/api\/v1\/tasks\/([^/]+)\/complete$/,
		scope: 'api/v1/tasks/complete',
		access: 'api/v1/tasks/complete',
		limit: PER_MINUTE_200,
		query: [],
		body: ['note'],
		required: [],
		// A task that no longer exists answers 200 { task: { id, deleted: true } }.
		answer: { task: TASK_KEYS, contact: true },
		errors: [
			...common('api/v1/tasks/complete', { taskFunctions: true, limit: PER_MINUTE_200 }),
			{
				status: 422,
				when: 'othersTask',
				body: {
					error:
						"This task belongs to another user. Your admin has disabled non-admin users from completing other people's tasks.",
				},
			},
			{ status: 422, when: 'alreadyDone', body: ALREADY_DONE },
		],
	},
	skipTask: {
		method: 'POST',
		path: '/api/v1/tasks/{id}/skip',
		pattern: /^\/api\/v1\/tasks\/([^/]+)\/skip$/,
		scope: 'api/v1/tasks/skip',
		access: 'api/v1/tasks/skip',
		limit: PER_MINUTE_200,
		query: [],
		// on_task_page: reindex at once, so search shows the change without a lag.
		body: ['note', 'on_task_page'],
		required: [],
		// Only a stub of the task; one that no longer exists answers { task: { id, deleted: true } }.
		answer: { task: ['id', 'status', 'note', 'completed'] },
		errors: [
			...common('api/v1/tasks/skip', { taskFunctions: true, limit: PER_MINUTE_200 }),
			{
				status: 422,
				when: 'othersTask',
				body: {
					error:
						"This task belongs to another user. Your admin has disabled non-admins from skipping other people's tasks.",
				},
			},
			{ status: 422, when: 'alreadyDone', body: ALREADY_DONE },
		],
	},
	searchContacts: {
		method: 'POST',
		path: '/api/v1/contacts/search',
		pattern: /^\/api\/v1\/contacts\/search$/,
		scope: 'api/v1/contacts/search',
		access: 'api/v1/contacts/search',
		limit: PER_HOUR_600,
		query: [],
		body: [
			'q_keywords',
			'contact_stage_ids',
			'contact_label_ids',
			'sort_by_field',
			'sort_ascending',
			'per_page',
			'page',
		],
		required: [],
		answer: { contacts: true, breadcrumbs: true, pagination: true },
		errors: [
			{ status: 401, when: 'invalidKey', text: INVALID_KEY },
			{ status: 403, when: 'freePlan', body: PAID_PLANS },
			{
				status: 429,
				when: 'rateLimited',
				body: rateLimited('api/v1/contacts/search', 600, 'hour'),
			},
		],
	},
	bulkCreateContacts: {
		method: 'POST',
		path: '/api/v1/contacts/bulk_create',
		pattern: /^\/api\/v1\/contacts\/bulk_create$/,
		scope: 'api/v1/contacts/bulk_create',
		access: 'api/v1/contacts/bulk_create',
		limit: PER_HOUR_600,
		query: [],
		body: ['contacts', 'append_label_names', 'owner_id', 'run_dedupe'],
		required: ['contacts'],
		answer: { created_contacts: true, existing_contacts: true },
		errors: [
			{ status: 401, when: 'invalidKey', text: INVALID_KEY },
			{
				status: 422,
				when: 'noContacts',
				body: {
					error:
						'Please provide an array of contact attributes in the "contact_attributes" parameter.',
				},
			},
			{
				status: 422,
				when: 'tooManyContacts',
				body: { error: 'Please limit your array to 100 contacts or fewer.' },
			},
			{
				status: 429,
				when: 'rateLimited',
				body: rateLimited('api/v1/contacts/bulk_create', 600, 'hour'),
			},
		],
	},
	searchUsers: {
		method: 'GET',
		path: '/api/v1/users/search',
		pattern: /^\/api\/v1\/users\/search$/,
		scope: 'api/v1/users/search',
		access: 'api/v1/users/search',
		limit: PER_HOUR_600,
		query: ['page', 'per_page'],
		body: [],
		required: [],
		answer: { users: true, pagination: true },
		errors: common('api/v1/users/search', { paidPlans: true, limit: PER_HOUR_600 }),
	},
	usageStats: {
		method: 'POST',
		path: '/api/v1/usage_stats/api_usage_stats',
		pattern: /^\/api\/v1\/usage_stats\/api_usage_stats$/,
		scope: 'api/v1/usage_stats/api_usage_stats',
		access: 'api/v1/usage_stats/api_usage_stats',
		limit: PER_HOUR_600,
		query: [],
		body: [],
		required: [],
		// Keyed by '["api/v1/tasks", "search"]' and so on: { day, hour, minute } of { limit, consumed, left_over }.
		answer: {},
		errors: [
			{ status: 401, when: 'invalidKey', text: INVALID_KEY },
			{ status: 403, when: 'notInScope', body: inaccessible('api/v1/usage_stats/api_usage_stats') },
		],
	},
};

/**
 * The route a request is for, by method and path.
 * @param {string} method
 * @param {string} path
 * @returns {[string, Route, string | undefined] | undefined} name, route and the task ID in the path
 */
function routeOf(method, path) {
	const p = path.replace(/\/+$/, '');
	const wanted = method === 'PUT' ? 'PATCH' : method;
	for (const [name, route] of Object.entries(ROUTES)) {
		const m = route.method === wanted ? route.pattern.exec(p) : null;
		if (m) return [name, route, m[1]];
	}
	return undefined;
}

/**
 * A documented error of a route.
 * @param {string} name the route
 * @param {Case} when
 * @returns {{ status: number, body?: unknown, text?: string }}
 */
function documentedError(name, when) {
	const found = ROUTES[name]?.errors.find((e) => e.when === when);
	if (!found) throw new Error(`The reference documents no ${when} error for ${name}`);
	return found;
}

module.exports = {
	ROUTES,
	TASK_TYPES,
	INVALID_KEY,
	inaccessible,
	rateLimited,
	routeOf,
	documentedError,
};
