'use strict';

/**
 * What Apollo accepts in a task: valid field values, the fields a create must carry (in strict mode),
 * and which fields an update may change for a task of each status, and what it resets.
 */

const { TASK_TYPES, PRIORITIES, STATUSES } = require('./data');

/** @typedef {import('./store').Store} Store */

/** The fields a create or bulk create takes from its body (besides the contact). */
const CREATE_FIELDS = [
	'user_id',
	'creator_id',
	'type',
	'priority',
	'status',
	'due_at',
	'note',
	'title',
];
/** Fields a strict Apollo refuses a create without. */
const REQUIRED_ON_CREATE = ['status', 'due_at'];
/** @type {Record<string, string[]>} the fields an update may change, per status of the task */
const CHANGEABLE = {
	scheduled: ['user_id', 'type', 'priority', 'due_at', 'note', 'title', 'contact_id', 'creator_id'],
	completed: ['note', 'priority', 'contact_id', 'creator_id'],
	skipped: ['note', 'priority', 'contact_id', 'creator_id'],
};

/**
 * @param {Record<string, any>} body
 * @returns {Record<string, any>}
 */
function createFields(body) {
	/** @type {Record<string, any>} */
	const fields = {};
	for (const key of CREATE_FIELDS) {
		if (body[key] !== undefined) fields[key] = body[key];
	}
	return fields;
}

/**
 * Apollo-style 422 message for a create that leaves out a field a strict Apollo requires.
 * @param {Record<string, any>} body
 * @returns {string | undefined}
 */
function missingOnCreate(body) {
	const missing = REQUIRED_ON_CREATE.filter(
		(field) => body[field] === undefined || body[field] === null || body[field] === '',
	);
	if (missing.length === 0) return undefined;
	return `${missing.join(' and ')} ${missing.length === 1 ? 'is' : 'are'} required`;
}

/**
 * An Apollo-style 422 message for bad task fields; `partial` checks only the fields given (an update).
 * @param {Store} store
 * @param {Record<string, any>} body
 * @param {{ partial?: boolean }} [options]
 * @returns {string | undefined}
 */
function invalidTaskFields(store, body, { partial = false } = {}) {
	const isUser = (/** @type {unknown} */ id) => store.users.some((u) => u.id === id);
	if (!partial || body.user_id !== undefined) {
		if (!isUser(body.user_id))
			return `user_id ${JSON.stringify(body.user_id)} is not a user of this team`;
	}
	if (body.creator_id !== undefined && !isUser(body.creator_id))
		return `creator_id ${JSON.stringify(body.creator_id)} is not a user of this team`;
	if (!partial || body.type !== undefined) {
		if (!TASK_TYPES.includes(body.type)) return `type must be one of ${TASK_TYPES.join(', ')}`;
	}
	if (body.priority !== undefined && !PRIORITIES.includes(body.priority))
		return `priority must be one of ${PRIORITIES.join(', ')}`;
	if (body.status !== undefined && !STATUSES.includes(body.status))
		return `status must be one of ${STATUSES.join(', ')}`;
	if (body.due_at !== undefined && body.due_at !== null && Number.isNaN(Date.parse(body.due_at)))
		return 'due_at is not a valid date';
	if (partial && body.contact_id !== undefined && !store.contactsById.has(body.contact_id))
		return `Contact ${JSON.stringify(body.contact_id)} not found`;
	return undefined;
}

/**
 * What an update of a task in `status` changes, or why Apollo refuses it. Apollo resets what a scheduled
 * task's update leaves out: the priority to medium and the creator to the key's user.
 * @param {Store} store
 * @param {string} status
 * @param {Record<string, any>} body
 * @param {boolean} resetsOmitted
 * @returns {{ error: string } | { changes: Record<string, any> }}
 */
function updateOf(store, status, body, resetsOmitted) {
	const changeable = CHANGEABLE[status] ?? [];
	const refused = Object.keys(body).filter((k) => !changeable.includes(k));
	if (refused.length) return { error: `Cannot change ${refused.join(', ')} of a ${status} task` };
	const invalid = invalidTaskFields(store, body, { partial: true });
	if (invalid) return { error: invalid };
	const changes = { ...body };
	if (resetsOmitted && status === 'scheduled') {
		if (body.priority === undefined) changes.priority = 'medium';
		if (body.creator_id === undefined) changes.creator_id = store.keyUser.id;
	}
	return { changes };
}

module.exports = { createFields, missingOnCreate, invalidTaskFields, updateOf };
