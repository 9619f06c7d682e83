import type { IDataObject } from 'n8n-workflow';

import * as recentTasks from '../nodes/ApolloTasks/actions/task/create/recentTasks';
import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
	type WorkflowFile,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ tasks: 0 });
const NODE = 'Apollo Tasks';
const base = loadWorkflow('create-tasks.json');
const paths = () => env.sandbox.requests.map((r) => r.path.replace('/api/v1', ''));
const count = (path: string) => paths().filter((p) => p === path).length;
const run = async (workflow: WorkflowFile) => await runWorkflow(workflow, env.credentials());
const byContactId = (items: object[], parameters = {}) =>
	withParameters(withItems(base, items), NODE, {
		type: '={{ $json.type || "call" }}',
		...parameters,
	});
const byEmail = (emails: string[], options = {}) =>
	withParameters(
		withItems(
			base,
			emails.map((email, i) => ({ email, first: `First${i}`, last: `Last${i}` })),
		),
		NODE,
		{
			contactsBy: 'email',
			contactEmails: '={{ $json.email }}',
			newContactFields: { firstName: '={{ $json.first }}', lastName: '={{ $json.last }}' },
			options,
		},
	);
const known = (n: number) => env.sandbox.contacts.slice(0, n).map((c) => c.email);
const fresh = (n: number) => Array.from({ length: n }, (_, i) => `new.person.${i}@later.example`);

describe('Create without Continue On Fail: nothing is sent after the first item that fails', () => {
	it('an item that cannot be read: no request at all', async () => {
		const result = await run(
			byContactId([{ contact_id: env.sandbox.contacts[0].id }, { contact_id: '' }]),
		);

		expect(result.error(NODE)).toMatchObject({ name: 'NodeOperationError' });
		expect(String(result.error(NODE)!.message)).toMatch(/^Contact IDs/);
		expect(paths()).toEqual([]);
	});

	it('an owner email nobody on the team has: only the team is read, not even for the next item', async () => {
		const [a, b] = env.sandbox.contacts;
		const owners = [
			{ contact_id: a.id, owner: 'nobody@sandbox-sales.example' },
			{ contact_id: b.id, owner: env.sandbox.users[0].email },
		];
		const result = await run(
			withParameters(byContactId(owners), NODE, {
				userId: { __rl: true, mode: 'email', value: '={{ $json.owner }}' },
			}),
		);

		expect(String(result.error(NODE)!.message)).toMatch(/nobody@sandbox-sales\.example/);
		expect(paths()).toEqual(['/users/search']);
	});

	it('an unknown email among 40 (Unknown Emails: Error): the look-ups stop, no contact and no task is made', async () => {
		const emails = known(40);
		emails[5] = 'nobody@nowhere.example';
		const contactsBefore = env.sandbox.contacts.length;
		const result = await run(byEmail(emails));

		expect(result.error(NODE)).toMatchObject({
			message: 'Contact Emails: no Apollo contact has the email "nobody@nowhere.example"',
		});
		expect(new Set(paths())).toEqual(new Set(['/contacts/search']));
		// The searches already on their way finish; none starts after the answer for item 5.
		expect(count('/contacts/search')).toBeLessThanOrEqual(16);
		expect(env.sandbox.contacts).toHaveLength(contactsBefore);
	});

	it('a failed contact request (Unknown Emails: Create the Contact): the next hundred emails are not sent', async () => {
		env.sandbox.addFault({ path: '/contacts/bulk_create', action: 'status', status: 500 });
		const result = await run(byEmail(fresh(150), { unknownEmails: 'create' }));

		expect(result.error(NODE)).toMatchObject({ message: 'Apollo is unavailable (HTTP 500)' });
		expect(paths()).toEqual(['/contacts/bulk_create']);
	});

	it('a failed duplicate check: no task is created', async () => {
		env.sandbox.addFault({ path: '/tasks/search', action: 'status', status: 422, message: 'No' });
		const result = await run(byContactId([{ contact_id: env.sandbox.contacts[0].id }]));

		expect(String(result.error(NODE)!.message)).toMatch(/No/);
		expect(paths()).toEqual(['/tasks/search']);
		expect(env.sandbox.tasks).toEqual([]);
	});

	it('a refused batch: the next batch is not sent', async () => {
		env.sandbox.addFault({
			path: '/tasks/bulk_create',
			action: 'status',
			status: 422,
			message: 'Bad type',
		});
		const [a, b] = env.sandbox.contacts;
		const result = await run(
			byContactId([{ contact_id: a.id }, { contact_id: b.id, type: 'action_item' }], {
				options: { batchSize: 1 },
			}),
		);

		expect(String(result.error(NODE)!.message)).toMatch(/Bad type/);
		expect(count('/tasks/bulk_create')).toBe(1);
		expect(paths().at(-1)).toBe('/tasks/bulk_create');
		expect(env.sandbox.tasks).toEqual([]);
	});

	it('a duplicate that cannot be skipped after a race: no further duplicate is skipped', async () => {
		const three = () =>
			byContactId(env.sandbox.contacts.slice(0, 3).map((c) => ({ contact_id: c.id })));
		env.sandbox.setOptions({ meetSearches: { count: 2, timeoutMs: 5_000 } });
		env.sandbox.addFault({ path: '/skip', action: 'status', status: 500 });
		const results = await Promise.all([run(three()), run(three())]);

		const failed = results.filter((r) => r.error(NODE));
		expect(failed).toHaveLength(1);
		expect(failed[0].error(NODE)).toMatchObject({ message: 'Apollo is unavailable (HTTP 500)' });
		// Without the stop, the other two duplicates of that execution would be skipped as well.
		expect(paths().filter((p) => p.endsWith('/skip'))).toHaveLength(1);
		expect(env.sandbox.tasks.filter((t) => t.status === 'skipped')).toEqual([]);
	});

	it('with Retry On Fail, each try stops at its first error too', async () => {
		env.sandbox.addFault({
			path: '/contacts/bulk_create',
			action: 'status',
			status: 500,
			times: Infinity,
		});
		const result = await run(
			withNodeSettings(byEmail(fresh(150), { unknownEmails: 'create' }), NODE, {
				retryOnFail: true,
				maxTries: 2,
				waitBetweenTries: 0,
			}),
		);

		expect(result.error(NODE)).toMatchObject({ message: 'Apollo is unavailable (HTTP 500)' });
		expect(paths()).toEqual(['/contacts/bulk_create', '/contacts/bulk_create']);
	});

	it('a bug inside a step comes out as a node error with its message, and nothing is sent after it', async () => {
		const bug = jest.spyOn(recentTasks, 'standingTask').mockImplementation(() => {
			throw new TypeError("Cannot read properties of undefined (reading 'id')");
		});
		try {
			const result = await run(byContactId([{ contact_id: env.sandbox.contacts[0].id }]));

			expect(result.error(NODE)).toMatchObject({
				name: 'NodeOperationError',
				message: "Cannot read properties of undefined (reading 'id')",
			});
			expect(paths()).toEqual(['/tasks/search']);
		} finally {
			bug.mockRestore();
		}
	});
});

describe('Options > Remember Contact IDs', () => {
	const remembering = (emails: string[], staticData: IDataObject, type = 'call') => ({
		...withParameters(byEmail(emails, { rememberContactIds: true }), NODE, { type }),
		staticData,
	});

	it('the same emails again cost no contact request; a remembered contact that is gone is looked up again', async () => {
		const staticData: IDataObject = {};
		const emails = known(3);
		const first = await run(remembering(emails, staticData));
		expect(first.error(NODE)).toBeUndefined();
		expect(count('/contacts/search')).toBe(3);

		// The contact of the second email is deleted and made again: same email, new ID.
		const gone = env.sandbox.contacts[1];
		env.sandbox.removeContact(gone.id);
		const remade = env.sandbox.insertContact({ email: gone.email, first_name: 'Again' });
		env.sandbox.clearRequests();
		const again = await run(remembering(emails, staticData, 'action_item'));

		expect(again.error(NODE)).toBeUndefined();
		expect(again.output(NODE).map((i) => i.json.contact_id)).toEqual([
			env.sandbox.contacts[0].id,
			remade.id,
			env.sandbox.contacts[1].id,
		]);
		// Apollo refused the batch; its remembered emails were looked up afresh and the batch sent again.
		expect(
			env.sandbox.requests
				.filter((r) => r.path.startsWith('/api/v1/contacts'))
				.map((r) => [r.path, r.body.q_keywords]),
		).toEqual(emails.map((email) => ['/api/v1/contacts/search', email]));
		expect(count('/tasks/bulk_create')).toBe(2);

		env.sandbox.clearRequests();
		const third = await run(remembering(emails, staticData, 'action_item'));
		expect(third.output(NODE).every((i) => i.json.existing === true)).toBe(true);
		expect(paths().filter((p) => p.startsWith('/contacts'))).toEqual([]);
	});

	it('a remembered contact that is gone, in two batches of different types: looked up once, both batches sent again', async () => {
		const staticData: IDataObject = {};
		const [email] = known(1);
		const twoTypes = (first: string, second: string) =>
			withParameters(byEmail([email, email], { rememberContactIds: true }), NODE, {
				type: `={{ $itemIndex === 0 ? "${first}" : "${second}" }}`,
			});
		const before = await run({ ...twoTypes('call', 'action_item'), staticData });
		expect(before.error(NODE)).toBeUndefined();

		const gone = env.sandbox.contacts[0];
		env.sandbox.removeContact(gone.id);
		const remade = env.sandbox.insertContact({ email: gone.email, first_name: 'Again' });
		env.sandbox.clearRequests();
		const again = await run({
			...twoTypes('linkedin_step_connect', 'outreach_manual_email'),
			staticData,
		});

		expect(again.error(NODE)).toBeUndefined();
		expect(again.output(NODE).map((i) => [i.json.type, i.json.contact_id])).toEqual([
			['linkedin_step_connect', remade.id],
			['outreach_manual_email', remade.id],
		]);
		expect(count('/contacts/search')).toBe(1);
		expect(
			env.sandbox.requests
				.filter((r) => r.path === '/api/v1/tasks/bulk_create')
				.map((r) => [r.status, r.body.type, r.body.contact_ids]),
		).toEqual([
			[422, 'linkedin_step_connect', [gone.id]],
			[200, 'linkedin_step_connect', [remade.id]],
			[422, 'outreach_manual_email', [gone.id]],
			[200, 'outreach_manual_email', [remade.id]],
		]);
	});

	it('off (the default), nothing is kept in the static data', async () => {
		const staticData: IDataObject = {};
		await run({ ...byEmail(known(2)), staticData });
		expect(JSON.stringify(staticData)).toBe('{}');
	});
});
