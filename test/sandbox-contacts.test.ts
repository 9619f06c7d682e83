import { FREE_KEY, PLAIN_KEY, callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 10, contacts: 40 });
const call = (path: string, body?: unknown, key?: string | null) =>
	callSandbox(env.sandbox, 'POST', `/api/v1${path}`, body, key);
const bulk = (body: unknown, key?: string | null) => call('/contacts/bulk_create', body, key);
const newContact = (n: number, extra: Record<string, unknown> = {}) => ({
	email: `new.person.${n}@example.org`,
	first_name: 'New',
	last_name: `Person ${n}`,
	organization_name: 'Example Org',
	title: 'Buyer',
	...extra,
});

describe('Sandbox Bulk Create Contacts', () => {
	it('creates contacts with an ID, a name and their fields, findable at once by email in contacts search', async () => {
		const answer = await bulk({ contacts: [newContact(1), newContact(2)], run_dedupe: true });
		expect(answer.status).toBe(200);
		expect(answer.json.existing_contacts).toEqual([]);
		const [first, second] = answer.json.created_contacts;
		expect(first).toMatchObject({
			email: 'new.person.1@example.org',
			first_name: 'New',
			last_name: 'Person 1',
			name: 'New Person 1',
			organization_name: 'Example Org',
			title: 'Buyer',
		});
		expect([first.id, second.id].every((id: string) => /^[0-9a-f]{24}$/.test(id))).toBe(true);
		expect(first.id).not.toBe(second.id);
		expect(env.sandbox.contacts).toHaveLength(42);

		const found = await call('/contacts/search', { q_keywords: 'NEW.PERSON.2@example.org' });
		expect(found.json.contacts.map((c: { id: string }) => c.id)).toEqual([second.id]);
		const task = await call('/tasks/bulk_create', {
			user_id: env.sandbox.users[0].id,
			contact_ids: [first.id],
			type: 'call',
		});
		expect(task.json.tasks[0]).toMatchObject({ contact_id: first.id, contact: { id: first.id } });
	});

	it('with run_dedupe, returns a contact it has (same email in any case, or same names and company) unchanged, and creates nothing for it', async () => {
		const [byEmail, byName] = env.sandbox.contacts;
		const before = structuredClone(env.sandbox.contacts);
		const answer = await bulk({
			contacts: [
				newContact(1, { email: byEmail.email.toUpperCase(), first_name: 'Someone', title: 'CEO' }),
				{
					first_name: byName.first_name.toLowerCase(),
					last_name: byName.last_name,
					organization_name: byName.organization_name.toUpperCase(),
					title: 'Other',
				},
				newContact(2, { first_name: byName.first_name, last_name: byName.last_name }),
			],
			run_dedupe: true,
		});

		expect(answer.json.existing_contacts).toEqual([byEmail, byName]);
		expect(answer.json.created_contacts).toHaveLength(1);
		expect(answer.json.created_contacts[0].email).toBe('new.person.2@example.org');
		expect(env.sandbox.contacts.slice(0, 40)).toEqual(before);
		expect(env.sandbox.contacts).toHaveLength(41);
	});

	it('with run_dedupe, takes the second entry of one email in a request as the contact the first made', async () => {
		const answer = await bulk({
			contacts: [newContact(1), newContact(1, { email: 'New.Person.1@Example.org', title: 'CTO' })],
			run_dedupe: true,
		});
		expect(answer.json.created_contacts).toHaveLength(1);
		expect(answer.json.existing_contacts).toEqual(answer.json.created_contacts);
		expect(env.sandbox.contacts).toHaveLength(41);
	});

	it('without run_dedupe, always creates, duplicates too', async () => {
		const known = env.sandbox.contacts[0];
		const answer = await bulk({ contacts: [newContact(1, { email: known.email }), newContact(1)] });
		expect(answer.json.existing_contacts).toEqual([]);
		expect(answer.json.created_contacts.map((c: { email: string }) => c.email)).toEqual([
			known.email,
			'new.person.1@example.org',
		]);
		const again = await bulk({ contacts: [newContact(1)], run_dedupe: false });
		expect(again.json.created_contacts).toHaveLength(1);
		expect(env.sandbox.contacts.filter((c) => c.email === known.email)).toHaveLength(2);
		expect(env.sandbox.contacts).toHaveLength(43);
	});

	it('refuses more than 100 contacts, none, or one without an email or names, with a 422 error and nothing created', async () => {
		const many = Array.from({ length: 101 }, (_, n) => newContact(n));
		const tooMany = await bulk({ contacts: many, run_dedupe: true });
		expect(tooMany).toMatchObject({ status: 422, json: { error: expect.stringMatching(/100/) } });
		expect((await bulk({ contacts: [] })).status).toBe(422);
		expect(
			(await bulk({ contacts: [newContact(1), { first_name: 'Only', title: 'X' }] })).json,
		).toEqual({ error: 'contacts[1] needs an email, or a first and a last name' });
		expect(env.sandbox.contacts).toHaveLength(40);
		expect((await bulk({ contacts: many.slice(0, 100) })).json.created_contacts).toHaveLength(100);
	});

	it('needs the master key', async () => {
		expect((await bulk({ contacts: [newContact(1)] }, null)).status).toBe(401);
		expect((await bulk({ contacts: [newContact(1)] }, PLAIN_KEY)).status).toBe(403);
		expect((await bulk({ contacts: [newContact(1)] }, FREE_KEY)).json.error_code).toBe(
			'API_INACCESSIBLE',
		);
		expect(env.sandbox.contacts).toHaveLength(40);
	});

	it('has its own rate-limit count, named in its 429, and its own entries in the request log', async () => {
		env.sandbox.setRateLimits({ minute: 1 });
		const first = await bulk({ contacts: [newContact(1)] });
		expect(first.headers.get('x-minute-requests-left')).toBe('0');
		const limited = await bulk({ contacts: [newContact(2)] });
		expect(limited.status).toBe(429);
		expect(limited.json.message).toBe(
			'The maximum number of api calls allowed for api/v1/contacts/bulk_create is 1 times per minute. Please upgrade your plan from https://app.apollo.io/#/settings/plans/upgrade.',
		);
		expect((await call('/contacts/search', {})).status).toBe(200);
		expect(env.sandbox.contacts).toHaveLength(41);

		const log = await controlSandbox(env.sandbox, 'GET', 'requests');
		expect(
			log.json.map((r: { method: string; path: string; status: number }) => [r.path, r.status]),
		).toEqual([
			['/api/v1/contacts/bulk_create', 200],
			['/api/v1/contacts/bulk_create', 429],
			['/api/v1/contacts/search', 200],
		]);
		expect(log.json[0].body).toEqual({ contacts: [newContact(1)] });
	});

	it('under a drop-after fault, creates the contacts and loses the answer; a retry with run_dedupe finds them', async () => {
		await controlSandbox(env.sandbox, 'POST', 'faults', {
			path: '/contacts/bulk_create',
			action: 'drop-after',
		});
		await expect(bulk({ contacts: [newContact(1)], run_dedupe: true })).rejects.toThrow();
		expect(env.sandbox.contacts).toHaveLength(41);

		const retry = await bulk({ contacts: [newContact(1)], run_dedupe: true });
		expect(retry.json.created_contacts).toEqual([]);
		expect(retry.json.existing_contacts).toEqual([env.sandbox.contacts[40]]);
		expect((await controlSandbox(env.sandbox, 'GET', 'contacts')).json).toHaveLength(41);
	});
});
