'use strict';

/**
 * Deterministic demo records for the Apollo sandbox: the values Apollo's task fields take, and users,
 * accounts and contacts shaped like the objects Apollo returns (the seeded tasks are in seed-tasks.js).
 * The same seed always yields the same records, so tests and benchmarks can name them.
 */

// The task types as Apollo's reference lists them.
const { TASK_TYPES } = require('./contract');

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

/**
 * @typedef {{ id: string, first_name: string, last_name: string, name: string, email: string, deleted: boolean }} User
 * @typedef {{ id: string, name: string, domain: string }} Account
 * @typedef {{ id: string, first_name: string | null, last_name: string | null, name: string, email: string | null, title: string | null,
 *   organization_name: string | null, account_id: string | null, contact_emails: Array<{ email: string, position: number }> }} Contact
 * @typedef {() => number} Rand
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
 * The team: `count` users, then `deleted` users Apollo still lists with `deleted: true`. Names repeat
 * every 12 users; from the 13th on, the email carries a number, so every email is the team's only one.
 * @param {number} count
 * @param {number} [deleted]
 * @returns {User[]}
 */
function makeUsers(count, deleted = 0) {
	const users = [];
	for (let i = 0; i < count + deleted; i++) {
		const first = FIRST_NAMES[i % FIRST_NAMES.length];
		const last = LAST_NAMES[(i * 5) % LAST_NAMES.length];
		const round = Math.floor(i / FIRST_NAMES.length);
		users.push({
			id: makeId('5f', i + 1),
			first_name: first,
			last_name: last,
			name: `${first} ${last}`,
			email: `${first}.${last}${round ? `.${round + 1}` : ''}@sandbox-sales.example`.toLowerCase(),
			deleted: i >= count,
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
		const email = `${first}.${last}.${i + 1}@${account.domain}`.toLowerCase();
		contacts.push({
			id: makeId('5c', i + 1),
			first_name: first,
			last_name: last,
			name: `${first} ${last}`,
			email,
			title: pick(rand, TITLES),
			organization_name: account.name,
			account_id: account.id,
			contact_emails: [{ email, position: 0 }],
		});
	}
	return contacts;
}

module.exports = {
	TASK_TYPES,
	PRIORITIES,
	STATUSES,
	random,
	makeId,
	pick,
	makeUsers,
	makeAccounts,
	makeContacts,
};
