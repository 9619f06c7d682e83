import type { INodeExecutionData } from 'n8n-workflow';

import { loadWorkflow, runWorkflow, withItems, withParameters } from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ strict: true });
const base = loadWorkflow('create-tasks.json');
const NODE = 'Apollo Tasks';

const bulkCreates = () =>
	env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
const paired = (items: INodeExecutionData[]) =>
	items.map((i) => [i.json.contact_id, (i.pairedItem as { item: number }).item]);

describe('Create for contacts picked or given by email', () => {
	const byEmail = (emails: string[], options = {}) =>
		withParameters(
			withItems(
				base,
				emails.map((email) => ({ email })),
			),
			NODE,
			{ contactsBy: 'email', contactEmails: '={{ $json.email }}', options },
		);

	it("looks each distinct email up once and creates each contact's task once, in one request", async () => {
		const [a, b] = env.sandbox.contacts;
		const result = await runWorkflow(
			byEmail([a.email, b.email.toUpperCase(), a.email]),
			env.credentials(),
		);

		expect(
			env.sandbox.requests
				.filter((r) => r.path === '/api/v1/contacts/search')
				.map((r) => r.body.q_keywords),
		).toEqual([a.email, b.email]);
		expect(bulkCreates().map((r) => r.body.contact_ids)).toEqual([[a.id, b.id]]);
		expect(paired(result.output(NODE))).toEqual([
			[a.id, 0],
			[b.id, 1],
			[a.id, 2],
		]);
		expect(result.output(NODE).map((i) => i.json.existing ?? false)).toEqual([false, false, true]);
	});

	it('an email no contact has fails its item, before any task is created', async () => {
		const result = await runWorkflow(
			byEmail([env.sandbox.contacts[0].email, 'nobody@nowhere.example']),
			env.credentials(),
		);

		expect(result.error(NODE)).toMatchObject({
			name: 'NodeOperationError',
			message: 'Contact Emails: no Apollo contact has the email "nobody@nowhere.example"',
		});
		expect(bulkCreates()).toHaveLength(0);
	});

	it('or is skipped when asked: no output item for it, and the execution says which emails were skipped', async () => {
		const [a, b] = env.sandbox.contacts;
		const result = await runWorkflow(
			byEmail([a.email, 'nobody@nowhere.example', b.email], { unknownEmails: 'skip' }),
			env.credentials(),
		);

		expect(
			result.output(NODE).map((i) => [i.json.contact_id, (i.pairedItem as { item: number }).item]),
		).toEqual([
			[a.id, 0],
			[b.id, 2],
		]);
		const hints = result.run.data.resultData.runData[NODE][0].hints ?? [];
		expect(hints.map((h) => h.message)).toEqual([
			'No Apollo contact has this email, so no task was created for it (Unknown Emails: Skip the Contact): nobody@nowhere.example (item 1)',
		]);
	});

	it("checks Apollo's keyword matches itself, reading on past the first page until the email's own contact", async () => {
		// 150 contacts whose emails hold the one asked for; the contact with exactly that email comes last.
		for (let i = 0; i < 150; i++)
			env.sandbox.insertContact({ email: `person${i}.smith@acme.example`, first_name: `P${i}` });
		const exact = env.sandbox.insertContact({ email: 'smith@acme.example', first_name: 'Jo' });
		const result = await runWorkflow(byEmail(['smith@acme.example']), env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(result.output(NODE).map((i) => i.json.contact_id)).toEqual([exact.id]);
		expect(
			env.sandbox.requests
				.filter((r) => r.path === '/api/v1/contacts/search')
				.map((r) => [r.body.q_keywords, r.body.page, r.body.per_page]),
		).toEqual([
			['smith@acme.example', 1, 100],
			['smith@acme.example', 2, 100],
		]);
	});

	it('says it cannot tell when the keyword search matches more than 500 contacts and none of them has the email', async () => {
		for (let i = 0; i < 520; i++)
			env.sandbox.insertContact({ email: `person${i}.smith@acme.example`, first_name: `P${i}` });
		const result = await runWorkflow(byEmail(['smith@acme.example']), env.credentials());

		expect(result.error(NODE)!.message).toBe(
			'Contact Emails: Apollo\'s search for "smith@acme.example" matched 520 contacts, and none of the first 500 has this email',
		);
		expect(String(result.error(NODE)!.description)).toMatch(/Contacts By: IDs/);
		expect(bulkCreates()).toHaveLength(0);
	});

	it("finds a contact by another of its emails through Apollo's dedupe (Unknown Emails: Create the Contact)", async () => {
		const known = env.sandbox.insertContact({
			email: 'primary@acme.example',
			other_emails: ['second@acme.example'],
			first_name: 'Sam',
		});
		const contactsBefore = env.sandbox.contacts.length;
		const result = await runWorkflow(
			byEmail(['second@acme.example'], { unknownEmails: 'create' }),
			env.credentials(),
		);

		expect(result.output(NODE).map((i) => [i.json.contact_id, i.json.contact_created])).toEqual([
			[known.id, false],
		]);
		expect(env.sandbox.contacts).toHaveLength(contactsBefore);
	});

	it('a malformed email is an input error before any request', async () => {
		const result = await runWorkflow(byEmail(['not an email']), env.credentials());

		expect(result.error(NODE)!.message).toBe('Contact Emails: "not" is not an email address');
		expect(env.sandbox.requests).toHaveLength(0);
	});

	it('a contact picked from the list gets the task', async () => {
		const contactId = env.sandbox.contacts[9].id;
		const workflow = withParameters(withItems(base, [{}]), NODE, {
			contactsBy: 'list',
			contact: { __rl: true, mode: 'list', value: contactId },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates()[0].body.contact_ids).toEqual([contactId]);
		expect(result.output(NODE)[0].json.contact_id).toBe(contactId);
	});
});
