'use strict';

/**
 * Deterministic demo data for the Apollo sandbox: users, accounts, contacts and tasks shaped like the
 * objects Apollo returns. The same seed always yields the same records, so tests and benchmarks can
 * name them.
 */

const TASK_TYPES = [
	'call',
	'outreach_manual_email',
	'linkedin_step_connect',
	'linkedin_step_message',
	'linkedin_step_view_profile',
	'linkedin_step_interact_post',
	'action_item',
];
const PRIORITIES = ['high', 'medium', 'low'];
const STATUSES = ['scheduled', 'completed', 'skipped'];

const FIRST_NAMES = [
	'Ada',
	'Grace',
	'Alan',
	'Edsger',
	'Barbara',
	'Ken',
	'Margaret',
	'Linus',
	'Radia',
	'Dennis',
	'Frances',
	'John',
];
const LAST_NAMES = [
	'Lovelace',
	'Hopper',
	'Turing',
	'Dijkstra',
	'Liskov',
	'Thompson',
	'Hamilton',
	'Torvalds',
	'Perlman',
	'Ritchie',
	'Allen',
	'Backus',
];
const COMPANIES = [
	'Acme',
	'Globex',
	'Initech',
	'Umbrella',
	'Hooli',
	'Stark Industries',
	'Wayne Enterprises',
	'Tyrell',
	'Cyberdyne',
	'Soylent',
];
const TITLES = [
	'VP Sales',
	'Head of Growth',
	'CTO',
	'Procurement Lead',
	'Founder',
	'Operations Manager',
];

const DAY_MS = 86_400_000;
/** Where seeded due dates start without a `dueSpread`: tests name dates in this window. */
const DEFAULT_DUE_BASE = Date.UTC(2026, 10, 1);

/**
 * @typedef {{ id: string, first_name: string, last_name: string, name: string, email: string, deleted: boolean }} User
 * @typedef {{ id: string, name: string, domain: string }} Account
 * @typedef {{ id: string, first_name: string, last_name: string, name: string, email: string, title: string, organization_name: string, account_id: string }} Contact
 * @typedef {() => number} Rand
 * @typedef {{ from?: number | string, days?: number }} DueSpread
 * @typedef {{ user_id?: string, contact_id?: string, creator_id?: string, type?: string, priority?: string, status?: string,
 *   due_at?: string | null, note?: string | null, title?: string | null, created_at?: string, updated_at?: string,
 *   completed_at?: string | null, skipped_at?: string | null }} TaskFields
 */

/**
 * A small, fast, seedable PRNG (mulberry32).
 * @param {number} seed
 * @returns {Rand}
 */
function random(seed) {
	let state = seed >>> 0;
	return () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/**
 * Apollo IDs are 24 lowercase hex characters; `prefix` keeps kinds apart (users 5f, contacts 5c, ...).
 * @param {string} prefix
 * @param {number} n
 */
function makeId(prefix, n) {
	return prefix + n.toString(16).padStart(24 - prefix.length, '0');
}

/**
 * @template T
 * @param {Rand} rand
 * @param {readonly T[]} list
 * @returns {T}
 */
function pick(rand, list) {
	return list[Math.floor(rand() * list.length)];
}

/**
 * @param {number} count
 * @returns {User[]}
 */
function makeUsers(count) {
	const users = [];
	for (let i = 0; i < count; i++) {
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const last = LAST_NAMES[(i * 5) % LAST_NAMES.length];
		users.push({
			id: makeId('5f', i + 1),
			first_name: first,
			last_name: last,
			name: `${first} ${last}`,
			email: `${first}.${last}@sandbox-sales.example`.toLowerCase(),
			deleted: false,
		});
	}
	return users;
}

/**
 * @param {number} count
 * @returns {Account[]}
 */
function makeAccounts(count) {
	const accounts = [];
	for (let i = 0; i < count; i++) {
		const name =
			COMPANIES[i % COMPANIES.length] +
			(i >= COMPANIES.length ? ` ${Math.floor(i / COMPANIES.length) + 1}` : '');
		accounts.push({
			id: makeId('5a', i + 1),
			name,
			domain: name.toLowerCase().replace(/[^a-z0-9]+/g, '') + '.example',
		});
	}
	return accounts;
}

/**
 * @param {number} count
 * @param {Account[]} accounts
 * @param {Rand} rand
 * @returns {Contact[]}
 */
function makeContacts(count, accounts, rand) {
	const contacts = [];
	for (let i = 0; i < count; i++) {
		const first = pick(rand, FIRST_NAMES);
		const last = pick(rand, LAST_NAMES);
		const account = accounts[i % accounts.length];
		contacts.push({
			id: makeId('5c', i + 1),
			first_name: first,
			last_name: last,
			name: `${first} ${last}`,
			email: `${first}.${last}.${i + 1}@${account.domain}`.toLowerCase(),
			title: pick(rand, TITLES),
			organization_name: account.name,
			account_id: account.id,
		});
	}
	return contacts;
}

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

module.exports = {
	TASK_TYPES,
	PRIORITIES,
	STATUSES,
	random,
	makeId,
	makeUsers,
	makeAccounts,
	makeContacts,
	seedTasks,
};
