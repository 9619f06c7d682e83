'use strict';

/**
 * The sandbox's records: users, accounts, contacts and tasks, the one way to change tasks, and when a
 * task created through the API shows in search. Every change to the tasks (and every reseed) bumps
 * `version`, which is what cached searches are keyed on.
 */

const { random, makeId, makeUsers, makeAccounts, makeContacts } = require('./data');
const { seedTasks } = require('./seed-tasks');

/**
 * @typedef {import('./data').User} User
 * @typedef {import('./data').Account} Account
 * @typedef {import('./data').Contact} Contact
 * @typedef {import('./data').TaskFields} TaskFields
 * @typedef {import('./seed-tasks').DueSpread} DueSpread
 * @typedef {{ id: string, user_id: string | undefined, creator_id: string | undefined, created_at: string, updated_at: string,
 *   completed_at: string | null, skipped_at: string | null, due_at: string | null, type: string | undefined, priority: string,
 *   status: string, note: string | null, title: string | null, answered: null, emailer_campaign_id: null,
 *   contact_id: string | undefined, account_id: string | null, created_from: string }} Task
 * @typedef {Task & { contact: Contact | null, account: Account | null }} PresentedTask
 * @typedef {{ email?: unknown, other_emails?: unknown[], first_name?: unknown, last_name?: unknown, organization_name?: unknown, title?: unknown }} ContactFields
 * @typedef {{ seed?: number, users?: number, deletedUsers?: number, accounts?: number, contacts?: number, tasks?: number, dueSpread?: DueSpread }} SeedOptions
 */

class Store {
	/**
	 * @param {() => number} now the sandbox clock, for created/updated/finished stamps
	 * @param {() => number} [elapsed] the sandbox timer, on which search lag ends (real time by default)
	 */
	constructor(now, elapsed = Date.now) {
		this.now = now;
		this.elapsed = elapsed;
		/** @type {User[]} */
		this.users = [];
		/** @type {Account[]} */
		this.accounts = [];
		/** @type {Contact[]} */
		this.contacts = [];
		/** @type {Task[]} */
		this.tasks = [];
		/** @type {Map<string, Contact>} */
		this.contactsById = new Map();
		/** @type {Map<string, Account>} */
		this.accountsById = new Map();
		/** @type {Map<string, Task>} */
		this.tasksById = new Map();
		this.nextTaskNumber = 1;
		this.nextContactNumber = 1;
		/** Real time (ms) from which a task created through the API shows in search, for those that lag. */
		/** @type {Map<string, number>} */
		this.searchableAt = new Map();
		/** Changes whenever tasks change; searches are cached per version. */
		this.version = 0;
	}

	/**
	 * Replaces every record with the seeded demo data.
	 * @param {SeedOptions} options
	 */
	seed(options) {
		const rand = random(options.seed ?? 42);
		this.users = makeUsers(options.users ?? 3, options.deletedUsers ?? 0);
		this.accounts = makeAccounts(options.accounts ?? 20);
		this.contacts = makeContacts(options.contacts ?? 300, this.accounts, rand);
		this.contactsById = new Map(this.contacts.map((c) => [c.id, c]));
		this.accountsById = new Map(this.accounts.map((a) => [a.id, a]));
		this.tasks = [];
		this.tasksById = new Map();
		this.nextTaskNumber = 1;
		this.nextContactNumber = this.contacts.length + 1;
		this.searchableAt = new Map();
		// Never back to an earlier value: a search cached before the reseed must not be served after it.
		this.version++;
		const fields = seedTasks(options.tasks ?? 300, {
			users: this.users,
			contacts: this.contacts,
			rand,
			dueSpread: options.dueSpread,
			now: this.now(),
		});
		for (const task of fields) this.insertTask(task);
	}

	/** The user an API key belongs to: the one who creates tasks when the request names nobody. */
	get keyUser() {
		return this.users[0];
	}

	/** @param {TaskFields} fields */
	insertTask(fields) {
		const id = makeId('6a', this.nextTaskNumber++);
		const contact =
			fields.contact_id === undefined ? undefined : this.contactsById.get(fields.contact_id);
		const created = fields.created_at ?? new Date(this.now()).toISOString();
		const status = fields.status ?? 'scheduled';
		const completedAt = fields.completed_at ?? (status === 'completed' ? created : null);
		const skippedAt = fields.skipped_at ?? (status === 'skipped' ? created : null);
		/** @type {Task} */
		const task = {
			id,
			user_id: fields.user_id,
			creator_id: fields.creator_id ?? this.keyUser?.id,
			created_at: created,
			updated_at: fields.updated_at ?? completedAt ?? skippedAt ?? created,
			completed_at: completedAt,
			skipped_at: skippedAt,
			due_at: fields.due_at ?? null,
			type: fields.type,
			priority: fields.priority ?? 'medium',
			status,
			note: fields.note ?? null,
			title: fields.title ?? null,
			answered: null,
			emailer_campaign_id: null,
			contact_id: fields.contact_id,
			account_id: contact ? contact.account_id : null,
			created_from: 'api',
		};
		this.tasks.push(task);
		this.tasksById.set(id, task);
		this.version++;
		return task;
	}

	/**
	 * Changes a task's fields (and its account with its contact) and stamps updated_at.
	 * @param {Task} task
	 * @param {Partial<Task>} changes
	 */
	changeTask(task, changes) {
		Object.assign(task, changes, { updated_at: new Date(this.now()).toISOString() });
		if (changes.contact_id !== undefined)
			task.account_id = this.contactsById.get(changes.contact_id)?.account_id ?? null;
		this.version++;
		return task;
	}

	/**
	 * Keeps a new task out of search results for `ms` milliseconds of the sandbox timer (Apollo's index lag).
	 * @param {Task} task
	 * @param {number} ms
	 */
	lagInSearch(task, ms) {
		if (ms > 0) this.searchableAt.set(task.id, this.elapsed() + ms);
	}

	/**
	 * Adds a contact as Apollo's Bulk Create Contacts makes one; its account is the one of that name, if any.
	 * @param {ContactFields} fields
	 * @returns {Contact}
	 */
	insertContact(fields) {
		const text = (/** @type {unknown} */ value) =>
			typeof value === 'string' && value.trim() ? value.trim() : null;
		const [first, last, company] = [
			fields.first_name,
			fields.last_name,
			fields.organization_name,
		].map(text);
		const account = company
			? this.accounts.find((a) => a.name.toLowerCase() === company.toLowerCase())
			: undefined;
		/** @type {Contact} */
		const contact = {
			id: makeId('5c', this.nextContactNumber++),
			first_name: first,
			last_name: last,
			name: [first, last].filter(Boolean).join(' '),
			email: text(fields.email),
			title: text(fields.title),
			organization_name: company,
			account_id: account ? account.id : null,
			// Apollo lists a contact's emails, the primary first; its keyword search matches the primary only.
			contact_emails: [text(fields.email), ...(fields.other_emails ?? []).map(text)]
				.filter((email) => email !== null)
				.map((email, position) => ({ email: /** @type {string} */ (email), position })),
		};
		this.contacts.push(contact);
		this.contactsById.set(contact.id, contact);
		return contact;
	}

	/** @param {string} id */
	removeTask(id) {
		const task = this.tasksById.get(id);
		if (!task) return;
		this.tasksById.delete(id);
		this.tasks.splice(this.tasks.indexOf(task), 1);
		this.version++;
	}

	/** @param {string} id */
	removeContact(id) {
		this.contacts = this.contacts.filter((c) => c.id !== id);
		this.contactsById.delete(id);
	}

	/**
	 * Forgets the tasks created after the first `count`, as if they had never been made.
	 * @param {number} count
	 */
	truncateTasks(count) {
		if (count >= this.tasks.length) return;
		for (const task of this.tasks.splice(count)) {
			this.tasksById.delete(task.id);
			this.searchableAt.delete(task.id);
		}
		this.version++;
	}

	/**
	 * A task as Apollo answers it: with its contact and account embedded.
	 * @param {Task} task
	 * @returns {PresentedTask}
	 */
	present(task) {
		const contact = (task.contact_id && this.contactsById.get(task.contact_id)) || null;
		const account = (task.account_id && this.accountsById.get(task.account_id)) || null;
		return { ...task, contact, account };
	}
}

module.exports = { Store };
