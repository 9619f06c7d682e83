'use strict';

/**
 * The API keys the sandbox knows, and Apollo's answers, from the reference (contract.js), for a key that
 * may not call an endpoint. Apollo scopes keys per endpoint: a master key may call every one, another
 * key only the endpoints in its scope.
 */

const { INVALID_KEY, inaccessible, documentedError } = require('./contract');

const MASTER_KEY = 'sandbox-master-key';
/** A key whose scope holds only contact search. */
const PLAIN_KEY = 'sandbox-plain-key';
/** A master key of an account on a free plan. */
const FREE_KEY = 'sandbox-free-key';
/** A key scoped to exactly what Create and Search need: no master key. */
const SCOPED_KEY = 'sandbox-scoped-key';
/** A master key of an account whose task functions are turned off. */
const TASKS_OFF_KEY = 'sandbox-tasks-off-key';
/** A master key of the team's second user, who is no admin: other people's tasks are not theirs to change. */
const MEMBER_KEY = 'sandbox-member-key';

/** Every key the sandbox knows, with what it stands for. */
const KEYS = {
	[MASTER_KEY]: 'master',
	[SCOPED_KEY]: 'scoped to what Create and Search need',
	[PLAIN_KEY]: 'contact search only',
	[FREE_KEY]: 'free plan',
	[TASKS_OFF_KEY]: 'task functions off',
	[MEMBER_KEY]: 'a user who is no admin',
};

/** The scope of SCOPED_KEY, as Apollo's key settings name the endpoints. */
const SCOPED_KEY_SCOPE = [
	'api/v1/tasks/bulk_create',
	'api/v1/tasks/create',
	'api/v1/tasks/search',
	'api/v1/users/search',
	'api/v1/contacts/search',
	'api/v1/contacts/bulk_create',
];

/**
 * @typedef {import('./contract').Route} Route
 * @typedef {{ status: number, payload?: unknown, raw?: string, contentType?: string }} Refusal
 * @typedef {{ member: boolean }} KeyHolder what a key that may call the endpoint says of who holds it
 */

/**
 * Why this key may not call this route, as Apollo answers it; or who holds the key.
 * @param {unknown} key the x-api-key header
 * @param {string} name the route's name in the contract
 * @param {Route} route
 * @returns {{ refused: Refusal } | { holder: KeyHolder }}
 */
function checkKey(key, name, route) {
	const refuse = (/** @type {import('./contract').Case} */ when) => {
		const { status, body } = documentedError(name, when);
		return { refused: { status, payload: body } };
	};
	if (typeof key !== 'string' || !Object.hasOwn(KEYS, key))
		return { refused: { status: 401, raw: INVALID_KEY, contentType: 'text/plain; charset=utf-8' } };
	const documents = (/** @type {string} */ when) => route.errors.some((e) => e.when === when);
	if (key === FREE_KEY)
		return documents('freePlan')
			? refuse('freePlan')
			: { refused: { status: 403, payload: inaccessible(route.scope) } };
	const scope =
		key === PLAIN_KEY
			? ['api/v1/contacts/search']
			: key === SCOPED_KEY
				? SCOPED_KEY_SCOPE
				: undefined;
	if (scope && !scope.includes(route.access))
		return { refused: { status: 403, payload: inaccessible(route.scope) } };
	if (key === TASKS_OFF_KEY && documents('taskFunctionsOff')) return refuse('taskFunctionsOff');
	return { holder: { member: key === MEMBER_KEY } };
}

module.exports = {
	MASTER_KEY,
	PLAIN_KEY,
	FREE_KEY,
	SCOPED_KEY,
	TASKS_OFF_KEY,
	MEMBER_KEY,
	KEYS,
	SCOPED_KEY_SCOPE,
	checkKey,
};
