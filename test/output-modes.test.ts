import type { INodeParameters } from 'n8n-workflow';

import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
	type WorkflowFile,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

// Output on Search and Get (node version 2): Simplified, Raw, or Selected Fields with the ID always;
// version 1, which saved workflows keep, still has Simplify. Through n8n's engine, in both sandbox modes.
const env = useSandbox();
const NODE = 'Apollo Tasks';
const version2 = (workflow: WorkflowFile) => withNodeSettings(workflow, NODE, { typeVersion: 2 });
const search = loadWorkflow('search-tasks.json');
const byId = loadWorkflow('task-by-id.json');
const apolloRequests = () => env.sandbox.requests.filter((r) => r.path.startsWith('/api/'));

const SIMPLIFIED_KEYS = [
	'account_name',
	'contact_email',
	'contact_id',
	'contact_name',
	'due_at',
	'id',
	'note',
	'priority',
	'status',
	'type',
	'user_id',
];

/** A seeded task with its contact, as Apollo holds them. */
const seededTask = () => {
	const task = env.sandbox.tasks[0];
	return { ...task, contact: env.sandbox.contacts.find((c) => c.id === task.contact_id)! };
};

async function get(workflow: WorkflowFile, parameters: INodeParameters = {}) {
	const task = seededTask();
	const run = withParameters(withItems(workflow, [{ task_id: task.id }]), NODE, parameters);
	return { task, result: await runWorkflow(run, env.credentials()) };
}

describe('Output on Get and Search (version 2)', () => {
	it('is Simplified by default: the fields people read, the contact and account flattened', async () => {
		const { task, result } = await get(version2(byId));

		const [item] = result.output(NODE);
		expect(Object.keys(item.json).sort()).toEqual(SIMPLIFIED_KEYS);
		expect(item.json).toMatchObject({
			id: task.id,
			contact_email: task.contact.email,
			contact_name: task.contact.name,
		});
		const searched = await runWorkflow(version2(search), env.credentials());
		expect(searched.output(NODE).length).toBeGreaterThan(0);
		for (const { json } of searched.output(NODE))
			expect(Object.keys(json).sort()).toEqual(SIMPLIFIED_KEYS);
	});

	it('Raw: the whole task as Apollo returns it', async () => {
		const { task, result } = await get(version2(byId), { output: 'raw' });

		const [item] = result.output(NODE);
		expect(item.json.id).toBe(task.id);
		expect(item.json.contact).toMatchObject({ id: task.contact.id, email: task.contact.email });
		expect(Object.keys(item.json)).toEqual(expect.arrayContaining(['created_at', 'account_id']));
	});

	it.each([
		['Get', byId],
		['Search', search],
	])(
		'%s, Selected Fields: the ID, always, and only the fields picked; a field the task lacks is null',
		async (_operation, workflow) => {
			const task = seededTask();
			const picked = withParameters(version2(workflow), NODE, {
				output: 'fields',
				fields: ['contact_email', 'due_at', 'skipped_at'],
				...(workflow === search ? { filters: { contactId: task.contact_id } } : {}),
			});
			const result = await runWorkflow(
				withItems(picked, [{ task_id: task.id }]),
				env.credentials(),
			);

			const mine = result.output(NODE).find((i) => i.json.id === task.id)!;
			expect(mine.json).toEqual({
				id: task.id,
				contact_email: task.contact.email,
				due_at: task.due_at,
				skipped_at: null,
			});
			for (const { json } of result.output(NODE))
				expect(Object.keys(json)).toEqual(['id', 'contact_email', 'due_at', 'skipped_at']);
		},
	);

	it('Selected Fields with none picked gives the ID alone', async () => {
		const { task, result } = await get(version2(byId), { output: 'fields' });
		expect(result.output(NODE).map((i) => i.json)).toEqual([{ id: task.id }]);
	});

	it('Search still outputs Task Type Counts', async () => {
		const result = await runWorkflow(
			withParameters(version2(search), NODE, { output: 'taskTypeCounts' }),
			env.credentials(),
		);
		const [counts] = result.output(NODE).map((i) => i.json);
		expect(counts.total_entries).toBe(env.sandbox.tasks.length);
	});

	it.each([
		[
			'an Output from an expression that is no choice',
			{ output: '={{ "simplified" }}' },
			'Output: "simplified" is not one of its choices',
			'Use one of: simple, raw, fields.',
		],
		[
			"version 1's Tasks, mapped into version 2",
			{ output: 'tasks' },
			'Output: "tasks" is not one of its choices',
			'Use one of: simple, raw, fields.',
		],
		[
			'a field Apollo tasks do not have',
			{ output: 'fields', fields: '={{ "due_at, email" }}' },
			'Fields: " email" is not one of its choices',
			'contact_email',
		],
	])('Get names the field and sends nothing for %s', async (_case, parameters, message, fix) => {
		const { result } = await get(version2(byId), parameters);

		const error = result.error(NODE)!;
		expect(error.message).toBe(message);
		expect(error.description).toContain(fix);
		expect(apolloRequests()).toEqual([]);
	});
});

describe('Version 1, as saved workflows have it', () => {
	it('keeps Simplify: off gives the whole task, on the simplified one', async () => {
		const raw = await get(byId);
		expect(raw.result.output(NODE)[0].json.contact).toBeDefined();

		const simple = await get(byId, { simplify: true });
		expect(Object.keys(simple.result.output(NODE)[0].json).sort()).toEqual(SIMPLIFIED_KEYS);

		const searched = await runWorkflow(
			withParameters(search, NODE, { output: 'tasks', simplify: true }),
			env.credentials(),
		);
		for (const { json } of searched.output(NODE))
			expect(Object.keys(json).sort()).toEqual(SIMPLIFIED_KEYS);
	});

	it("rejects version 2's Output values: Tasks and Task Type Counts are its choices", async () => {
		const { result } = await get(withParameters(search, NODE, { output: 'raw' }));
		expect(result.error(NODE)!.message).toBe('Output: "raw" is not one of its choices');
		expect(apolloRequests()).toEqual([]);
	});
});
