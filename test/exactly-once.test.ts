import type { INodeExecutionData } from 'n8n-workflow';

import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { useVirtualClock } from './harness/clock';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
// The node's waits for search (Confirm Within) take no real time.
const clock = useVirtualClock(() => env.sandbox);
const NODE = 'Apollo Tasks';
const base = loadWorkflow('create-tasks.json');
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const bulkCreates = () =>
	env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
/** The tasks the sandbox holds for these contacts, created by the node (seed tasks are older). */
const tasksFor = (contacts: string[]) =>
	env.sandbox.tasks.filter((t) => contacts.includes(t.contact_id) && t.note?.startsWith('Call '));
const retry = { retryOnFail: true, maxTries: 3, waitBetweenTries: 0 };
const summary = (items: INodeExecutionData[]) =>
	items.map((i) => [
		i.json.contact_id ?? 'error',
		i.json.existing ?? false,
		(i.pairedItem as { item: number }).item,
	]);

describe('Each task exactly once, when n8n runs the node again', () => {
	const contacts = [contact(1), contact(2), contact(3)];
	const items = contacts.map((contact_id) => ({ contact_id }));

	it('the same create run twice makes each task once; the second run outputs every item with existing: true', async () => {
		const workflow = withItems(base, items);
		const first = await runWorkflow(workflow, env.credentials());
		expect(summary(first.output(NODE))).toEqual(contacts.map((c, i) => [c, false, i]));

		const second = await runWorkflow(workflow, env.credentials());
		expect(summary(second.output(NODE))).toEqual(contacts.map((c, i) => [c, true, i]));
		expect(second.output(NODE).map((i) => i.json.id)).toEqual(
			first.output(NODE).map((i) => i.json.id),
		);
		expect(bulkCreates()).toHaveLength(1);
		expect(tasksFor(contacts)).toHaveLength(3);
	});

	it('a due date computed from $now does not make a re-run create again', async () => {
		const workflow = withParameters(withItems(base, items), NODE, {
			additionalFields: { dueAt: '={{ $now.plus(1, "day") }}', note: 'Call back' },
		});
		await runWorkflow(workflow, env.credentials());
		const sent = bulkCreates().length;
		const again = await runWorkflow(workflow, env.credentials());

		expect(again.output(NODE).every((i) => i.json.existing === true)).toBe(true);
		expect(bulkCreates()).toHaveLength(sent);
		expect(tasksFor(contacts)).toHaveLength(3);
	});

	it('Retry On Fail with a 500 on the second batch: the retry creates only what is missing, and the run ends green', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'status', status: 500, after: 1 });
		const workflow = withNodeSettings(
			withParameters(withItems(base, items), NODE, { options: { batchSize: 2 } }),
			NODE,
			retry,
		);
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		// The 500 made nothing: the node looked for the lost tasks for Confirm Within, on the clock.
		expect(clock.waits.reduce((sum, ms) => sum + ms, 0)).toBe(10_000);
		expect(summary(result.output(NODE))).toEqual([
			[contacts[0], true, 0],
			[contacts[1], true, 1],
			[contacts[2], false, 2],
		]);
		expect(bulkCreates().map((r) => [r.status, r.body.contact_ids])).toEqual([
			[200, contacts.slice(0, 2)],
			[500, contacts.slice(2)],
			[200, contacts.slice(2)],
		]);
		expect(tasksFor(contacts)).toHaveLength(3);
	});

	it('Retry On Fail with Continue On Fail and one bad item: every good contact gets its task once', async () => {
		const withBad = [{ contact_id: 'not-an-id' }, ...items];
		const workflow = withNodeSettings(withItems(base, withBad), NODE, {
			...retry,
			continueOnFail: true,
		});
		const result = await runWorkflow(workflow, env.credentials());

		const output = result.output(NODE);
		expect(output[0].json.error).toMatch(/Contact IDs: "not-an-id" is not an Apollo contact ID/);
		expect(summary(output.slice(1)).map(([c, , i]) => [c, i])).toEqual(
			contacts.map((c, i) => [c, i + 1]),
		);
		expect(bulkCreates()).toHaveLength(1);
		expect(tasksFor(contacts)).toHaveLength(3);
	});

	it('If an Open Task Exists: Create Another still creates, every run, and nothing is searched or skipped', async () => {
		const workflow = withParameters(withItems(base, items), NODE, {
			options: { ifTaskExists: 'create' },
		});
		await runWorkflow(workflow, env.credentials());
		const again = await runWorkflow(workflow, env.credentials());

		expect(again.output(NODE).some((i) => i.json.existing)).toBe(false);
		expect(tasksFor(contacts)).toHaveLength(6);
		expect(env.sandbox.requests.map((r) => r.path)).toEqual(
			Array(2).fill('/api/v1/tasks/bulk_create'),
		);
	});

	it('a task of another type, or for another assignee, is still created', async () => {
		await runWorkflow(withItems(base, items.slice(0, 1)), env.credentials());
		const otherType = await runWorkflow(
			withParameters(withItems(base, items.slice(0, 1)), NODE, { type: 'action_item' }),
			env.credentials(),
		);
		const other = env.sandbox.users[1].id;
		const otherUser = await runWorkflow(
			withParameters(withItems(base, items.slice(0, 1)), NODE, {
				userId: { __rl: true, mode: 'id', value: other },
			}),
			env.credentials(),
		);

		expect(otherType.output(NODE)[0].json).toMatchObject({
			type: 'action_item',
			contact_id: contacts[0],
		});
		expect(otherType.output(NODE)[0].json.existing).toBe(false);
		expect(otherUser.output(NODE)[0].json).toMatchObject({
			user_id: other,
			contact_id: contacts[0],
		});
		expect(otherUser.output(NODE)[0].json.existing).toBe(false);
		expect(tasksFor(contacts.slice(0, 1))).toHaveLength(3);
	});

	it('a completed task does not count as open: the contact gets a new one', async () => {
		const first = await runWorkflow(withItems(base, items.slice(0, 1)), env.credentials());
		const id = String(first.output(NODE)[0].json.id);
		env.sandbox.tasks.find((t) => t.id === id)!.status = 'completed';
		env.sandbox.version++;
		const again = await runWorkflow(withItems(base, items.slice(0, 1)), env.credentials());

		expect(again.output(NODE)[0].json.existing).toBe(false);
		expect(again.output(NODE)[0].json.id).not.toBe(id);
	});
});
