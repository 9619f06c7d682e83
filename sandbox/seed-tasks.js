'use strict';

/**
 * The seeded tasks of the Apollo sandbox: who they are for, their type, priority and status, and their
 * created, due and finished dates, either in a fixed window or spread over a span of days. The same seed
 * always yields the same tasks.
 */

const { TASK_TYPES, PRIORITIES, pick } = require('./data');

/**
 * @typedef {import('./data').User} User
 * @typedef {import('./data').Contact} Contact
 * @typedef {import('./data').Rand} Rand
 * @typedef {import('./data').TaskFields} TaskFields
 * @typedef {{ from?: number | string, days?: number }} DueSpread
 */

const DAY_MS = 86_400_000;
/** Where seeded due dates start without a `dueSpread`: tests name dates in this window. */
const DEFAULT_DUE_BASE = Date.UTC(2026, 10, 1);

/**
 * The fields of `count` seeded tasks, oldest first. Without `dueSpread`: due 2026-11-01 + 0..60 days, created a
 * minute apart before that. With it: due dates spread evenly over `days` days from `from` (each task its own
 * slot, slots shuffled by the seed), created dates spread over the `days` days before `from`, and a finished
 * task finished between its creation and its due date.
 * @param {number} count
 * @param {{ users: User[], contacts: Contact[], rand: Rand, dueSpread?: DueSpread, now: number }} world
 * @returns {TaskFields[]}
 */
function seedTasks(count, { users, contacts, rand, dueSpread, now }) {
	const spread = dueSpread ? spreadOf(dueSpread, now) : undefined;
	const slots = spread ? shuffled(count, rand) : [];
	/** @type {TaskFields[]} */
	const tasks = [];
	for (let i = 0; i < count; i++) {
		const contact = contacts[i % contacts.length];
		const status = rand() < 0.7 ? 'scheduled' : pick(rand, ['completed', 'skipped']);
		const fields = {
			user_id: users[i % users.length].id,
			contact_id: contact.id,
			type: pick(rand, TASK_TYPES),
			priority: pick(rand, PRIORITIES),
			status,
			note:
				i % 3 === 0
					? `Follow up with ${contact.first_name} about the ${contact.organization_name} renewal`
					: null,
		};
		if (!spread) {
			const due = DEFAULT_DUE_BASE + Math.floor(rand() * 60) * DAY_MS + 9 * 3_600_000;
			tasks.push({
				...fields,
				due_at: iso(due),
				created_at: iso(DEFAULT_DUE_BASE - (count - i) * 60_000),
			});
			continue;
		}
		const slot = spread.spanMs / count;
		const due = toMinute(spread.from + (slots[i] + rand()) * slot);
		const created = toMinute(spread.from - spread.spanMs + (i + rand()) * slot);
		const finished =
			status === 'scheduled' ? null : iso(toMinute(created + rand() * (due - created)));
		tasks.push({
			...fields,
			due_at: iso(due),
			created_at: iso(created),
			completed_at: status === 'completed' ? finished : null,
			skipped_at: status === 'skipped' ? finished : null,
		});
	}
	return tasks;
}

/**
 * @param {DueSpread} dueSpread
 * @param {number} now
 */
function spreadOf(dueSpread, now) {
	const from =
		dueSpread.from === undefined
			? now
			: typeof dueSpread.from === 'number'
				? dueSpread.from
				: Date.parse(dueSpread.from);
	const days = dueSpread.days ?? 60;
	if (!Number.isFinite(from))
		throw new Error(`dueSpread.from ${JSON.stringify(dueSpread.from)} is not a date`);
	if (typeof days !== 'number' || !(days > 0))
		throw new Error(`dueSpread.days must be a positive number of days`);
	return { from, spanMs: days * DAY_MS };
}

/**
 * 0..count-1 in an order fixed by the seed (Fisher-Yates).
 * @param {number} count
 * @param {Rand} rand
 */
function shuffled(count, rand) {
	const order = Array.from({ length: count }, (_, i) => i);
	for (let i = count - 1; i > 0; i--) {
		const j = Math.floor(rand() * (i + 1));
		[order[i], order[j]] = [order[j], order[i]];
	}
	return order;
}

/** @param {number} ms */
const toMinute = (ms) => Math.floor(ms / 60_000) * 60_000;
/** @param {number} ms */
const iso = (ms) => new Date(ms).toISOString();

module.exports = { seedTasks };
