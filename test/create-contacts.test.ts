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
