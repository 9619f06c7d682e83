import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ strict: true });
const NODE = 'Apollo Tasks';
const lead = {
	email: 'Marie.Curie@Radium.example',
	first: 'Marie',
	last: 'Curie',
	company: 'Radium Institute',
	title: 'Director',
};
const fromCrm = (leads: object[]) =>
	withParameters(withItems(loadWorkflow('create-tasks.json'), leads), NODE, {
		contactsBy: 'email',
		contactEmails: '={{ $json.email }}',
		newContactFields: {
			firstName: '={{ $json.first }}',
			lastName: '={{ $json.last }}',
			organizationName: '={{ $json.company }}',
			title: '={{ $json.title }}',
		},
		options: { unknownEmails: 'create' },
	});
const contactCreates = () =>
	env.sandbox.requests.filter((r) => r.path === '/api/v1/contacts/bulk_create');
const taskCreates = () =>
	env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');

describe('Create: contacts made when missing (Unknown Emails: Create the Contact)', () => {
	it("a new person's email makes one Apollo contact with the CRM's names and one task for it, without a contact search; the same input again makes neither", async () => {
		const contactsBefore = env.sandbox.contacts.length;
		const first = await runWorkflow(fromCrm([lead]), env.credentials());

		expect(first.error(NODE)).toBeUndefined();
		const made = env.sandbox.contacts.filter(
			(c) => c.email.toLowerCase() === lead.email.toLowerCase(),
		);
		expect(made).toHaveLength(1);
		expect(made[0]).toMatchObject({
			first_name: 'Marie',
			last_name: 'Curie',
			organization_name: 'Radium Institute',
			title: 'Director',
		});
		expect(contactCreates().map((r) => r.body)).toEqual([
			{
				contacts: [
					{
						email: 'marie.curie@radium.example',
						first_name: 'Marie',
						last_name: 'Curie',
						organization_name: 'Radium Institute',
						title: 'Director',
					},
				],
				run_dedupe: true,
			},
		]);
		expect(
			first.output(NODE).map((i) => [i.json.contact_id, i.json.contact_created, i.json.existing]),
		).toEqual([[made[0].id, true, false]]);

		env.sandbox.clearRequests();
		const again = await runWorkflow(fromCrm([lead]), env.credentials());
		expect(
			again.output(NODE).map((i) => [i.json.contact_id, i.json.contact_created, i.json.existing]),
		).toEqual([[made[0].id, false, true]]);
		// The look-up is the dedupe of Bulk Create Contacts: it finds the contact instead of making one.
		expect(contactCreates()).toHaveLength(1);
		expect(env.sandbox.requests.filter((r) => r.path === '/api/v1/contacts/search')).toEqual([]);
		expect(taskCreates()).toHaveLength(0);
		expect(env.sandbox.contacts).toHaveLength(contactsBefore + 1);
	});

	it('a person Apollo has by name and company, under another email, comes back from its dedupe: no second contact', async () => {
		const known = env.sandbox.contacts[3];
		const result = await runWorkflow(
			fromCrm([
				{
					email: 'other.address@elsewhere.example',
					first: known.first_name,
					last: known.last_name,
					company: known.organization_name,
				},
			]),
			env.credentials(),
		);

		expect(result.output(NODE).map((i) => [i.json.contact_id, i.json.contact_created])).toEqual([
			[known.id, false],
		]);
		expect(contactCreates()).toHaveLength(1);
	});

	it('two items with one new email make one contact; a failed contact request fails the items of its emails with Continue On Fail, and nothing else', async () => {
		const twice = await runWorkflow(fromCrm([lead, { ...lead, first: 'M.' }]), env.credentials());
		expect(twice.output(NODE).map((i) => i.json.contact_created)).toEqual([true, true]);
		expect(contactCreates()[0].body.contacts).toHaveLength(1);

		env.sandbox.addFault({ path: '/contacts/bulk_create', action: 'status', status: 500 });
		const known = env.sandbox.contacts[0];
		const workflow = withNodeSettings(
			fromCrm([{ email: 'new.one@later.example', first: 'New' }, { email: known.email }]),
			NODE,
			{ continueOnFail: true },
		);
		env.sandbox.clearRequests();
		const failed = await runWorkflow(workflow, env.credentials());
		const output = failed.output(NODE);
		// Both emails went in the one request that failed: both items fail, and no task is created.
		expect(output.map((i) => [(i.pairedItem as { item: number }).item, i.json.error])).toEqual([
			[0, 'Apollo is unavailable (HTTP 500)'],
			[1, 'Apollo is unavailable (HTTP 500)'],
		]);
		for (const item of output)
			expect(String(item.json.message)).toMatch(
				/contacts may or may not have been created\. Running again is safe/,
			);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(['/api/v1/contacts/bulk_create']);
	});
});
