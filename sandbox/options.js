'use strict';

/**
 * The sandbox's switchable behaviours: their defaults (today's Apollo as the package's docs describe it)
 * and the check of a value given through the constructor, `reset()`, `setOptions()` or the control API.
 */

/**
 * @typedef {{ count: number, timeoutMs: number }} MeetSearches
 * @typedef {'documented' | 'extended'} Mode
 *   documented: task search reads only what Apollo's reference documents (sort_by_field task_due_at or
 *   task_priority, open_factor_names, page, per_page) and refuses a search without open_factor_names;
 *   extended: it also honours what Apollo's CLI sends (the filters, task_created_at, sort_ascending)
 * @typedef {{ mode: Mode, strict: boolean, updateResetsOmitted: boolean,
 *   bulkCreateAnswer: 'tasks' | 'true', searchLagMs: number, latencyMs: number,
 *   meetSearches: MeetSearches | null }} Behaviour
 * @typedef {Partial<Omit<Behaviour, 'meetSearches'> & { meetSearches: { count: number, timeoutMs?: number } | null }>} BehaviourOptions
 *   what a caller may pass: `meetSearches.timeoutMs` defaults to 5000
 */

/** @type {Behaviour} */
const DEFAULT_BEHAVIOUR = {
	strict: false,
	updateResetsOmitted: true,
	mode: 'extended',
	bulkCreateAnswer: 'tasks',
	searchLagMs: 0,
	/** Real milliseconds the sandbox waits before it answers each API request, as a distant Apollo would. */
	latencyMs: 0,
	meetSearches: null,
};

const MEET_TIMEOUT_MS = 5000;

/**
 * The behaviour switches among `options`; `strict` refuses names it does not know. Values are always
 * checked; `meetSearches` comes back complete (`timeoutMs` filled in), or null for off.
 * @param {Record<string, any>} options
 * @param {boolean} strict
 * @returns {Partial<Behaviour>}
 */
function behaviourOf(options, strict) {
	/** @type {Record<string, any>} */
	const picked = {};
	for (const [name, value] of Object.entries(options ?? {})) {
		if (value === undefined) continue;
		if (!(name in DEFAULT_BEHAVIOUR)) {
			if (strict)
				throw new Error(
					`Unknown option ${name}; known: ${Object.keys(DEFAULT_BEHAVIOUR).join(', ')}`,
				);
			continue;
		}
		picked[name] = valueOf(name, value);
	}
	return picked;
}

/**
 * @param {string} name
 * @param {any} value
 */
function valueOf(name, value) {
	const refuse = () => new Error(`Option ${name} cannot be ${JSON.stringify(value)}`);
	switch (name) {
		case 'bulkCreateAnswer':
			if (value !== 'tasks' && value !== 'true') throw refuse();
			return value;
		case 'mode':
			if (value !== 'documented' && value !== 'extended') throw refuse();
			return value;
		case 'searchLagMs':
		case 'latencyMs':
			if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) throw refuse();
			return value;
		case 'meetSearches': {
			if (value === null || value === false) return null;
			if (typeof value !== 'object' || Array.isArray(value)) throw refuse();
			const { count, timeoutMs = MEET_TIMEOUT_MS } = value;
			if (!Number.isInteger(count) || count < 1) throw refuse();
			if (typeof timeoutMs !== 'number' || !(timeoutMs > 0)) throw refuse();
			return { count, timeoutMs };
		}
		default:
			if (typeof value !== 'boolean') throw refuse();
			return value;
	}
}

module.exports = { DEFAULT_BEHAVIOUR, behaviourOf };
