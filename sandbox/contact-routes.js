'use strict';

/**
 * The people endpoints: the team's users, saved contacts found by keywords, and Bulk Create Contacts
 * with Apollo's dedupe. Like the task routes, they get a request that is allowed and answer it.
 */

const { pagingOf, pageOf } = require('./search');
const { documentedError } = require('./contract');

/**
 * @typedef {import('./store').Store} Store
 * @typedef {import('./store').ContactFields} ContactFields
 * @typedef {import('./data').Contact} Contact
 * @typedef {import('./routes').Answer} Answer
 * @typedef {import('./routes').Input} Input
 */

/** At most this many contacts a Bulk Create Contacts request. */
const MAX_BULK_CONTACTS = 100;

/**
 * @param {number} status
 * @param {unknown} payload
 * @returns {Answer}
 */
const answer = (status, payload) => ({ status, payload });
/** @param {string} error */
const refuse = (error, status = 422) => answer(status, { error });
/** @param {unknown} value */
const folded = (value) => (typeof value === 'string' ? value.trim().toLowerCase() : '');
/**
 * Whether `text` (the record's words, joined) holds the request's `q_keywords`, ignoring case.
 * @param {Input} params
 * @param {unknown[]} words
 */
const holdsKeywords = (params, words) => {
	const wanted = folded(String(params.q_keywords ?? ''));
	return !wanted || words.filter(Boolean).join(' ').toLowerCase().includes(wanted);
};

/**
 * `GET /users/search`: the team's users, deleted ones too (with `deleted: true`), 25 a page by default
 * and at most 100. `q_keywords` keeps the users whose name or email holds it, ignoring case.
 * @param {Store} store
 * @param {Input} params
 * @returns {Answer}
 */
function searchUsers(store, params) {
	const paging = pagingOf(params, 25);
	if ('error' in paging) return refuse(paging.error);
	const users = store.users.filter((u) => holdsKeywords(params, [u.name, u.email]));
	const { items, pagination } = pageOf(users, paging);
	return answer(200, { users: items, pagination });
}

/**
 * `POST /contacts/search`: saved contacts whose name, email, title or company holds `q_keywords`.
 * @param {Store} store
 * @param {Input} params
 * @returns {Answer}
 */
function searchContacts(store, params) {
	const paging = pagingOf(params, 25);
	if ('error' in paging) return refuse(paging.error);
	const contacts = store.contacts.filter((c) =>
		holdsKeywords(params, [c.name, c.email, c.title, c.organization_name]),
	);
	const { items, pagination } = pageOf(contacts, paging);
	return answer(200, { contacts: items, breadcrumbs: [], pagination });
}

/**
 * The contact Apollo already has for `wanted`: the same email (any of its emails, ignoring case), or the
 * same first name, last name and company together.
 * @param {Store} store
 * @param {ContactFields} wanted
 * @returns {Contact | undefined}
 */
function existingContact(store, wanted) {
	const email = folded(wanted.email);
	if (email) {
		const byEmail = store.contacts.find(
			(c) => folded(c.email) === email || c.contact_emails.some((e) => folded(e.email) === email),
		);
		if (byEmail) return byEmail;
	}
	const [first, last, company] = [
		wanted.first_name,
		wanted.last_name,
		wanted.organization_name,
	].map(folded);
	if (!first || !last || !company) return undefined;
	return store.contacts.find(
		(c) =>
			folded(c.first_name) === first &&
			folded(c.last_name) === last &&
			folded(c.organization_name) === company,
	);
}

/**
 * `POST /contacts/bulk_create`: makes each contact, in order; with `run_dedupe: true`, one that matches a
 * contact Apollo has (made earlier in the same request too) comes back unchanged in `existing_contacts`.
 * @param {Store} store
 * @param {Input} body
 * @returns {Answer}
 */
function bulkCreateContacts(store, body) {
	const { contacts } = body;
	if (!Array.isArray(contacts) || contacts.length === 0) {
		const { status, body: words } = documentedError('bulkCreateContacts', 'noContacts');
		return answer(status, words);
	}
	if (contacts.length > MAX_BULK_CONTACTS) {
		const { status, body: words } = documentedError('bulkCreateContacts', 'tooManyContacts');
		return answer(status, words);
	}
	const bad = contacts.findIndex(
		(c) =>
			!c ||
			typeof c !== 'object' ||
			Array.isArray(c) ||
			!(folded(c.email) || (folded(c.first_name) && folded(c.last_name))),
	);
	if (bad >= 0) return refuse(`contacts[${bad}] needs an email, or a first and a last name`);
	/** @type {Contact[]} */
	const created = [];
	/** @type {Contact[]} */
	const existing = [];
	for (const wanted of contacts) {
		const dedupe = body.run_dedupe === true || body.run_dedupe === 'true';
		const found = dedupe ? existingContact(store, wanted) : undefined;
		if (found) existing.push({ ...found });
		else created.push({ ...store.insertContact(wanted) });
	}
	return answer(200, { created_contacts: created, existing_contacts: existing });
}

module.exports = { searchUsers, searchContacts, bulkCreateContacts, MAX_BULK_CONTACTS };
