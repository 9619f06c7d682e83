import type { INodeExecutionData } from 'n8n-workflow';

import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ strict: true });
const base = loadWorkflow('create-tasks.json');
const NODE = 'Apollo Tasks';
const USER = '5f0000000000000000000001';
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;

const bulkCreates = () =>
	env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
const paired = (items: INodeExecutionData[]) =>
	items.map((i) => [i.json.contact_id, (i.pairedItem as { item: number }).item]);

describe('Create', () => {
	it('sends one bulk_create with the flat body of the docs and returns the task Apollo made', async () => {
		const result = await runWorkflow(
			withItems(base, [{ contact_id: contact(1), name: 'Ada' }]),
			env.credentials(),
		);

		expect(result.error(NODE)).toBeUndefined();
		expect(bulkCreates()).toHaveLength(1);
		expect(bulkCreates()[0].body).toEqual({
			user_id: USER,
			contact_ids: [contact(1)],
			type: 'call',
			priority: 'high',
			due_at: '2026-12-01T09:00:00.000Z',
			status: 'scheduled',
			note: 'Call Ada',
		});
		const output = result.output(NODE);
		expect(output).toHaveLength(1);
		expect(output[0].json).toMatchObject({
			contact_id: contact(1),
			user_id: USER,
			type: 'call',
			priority: 'high',
			status: 'scheduled',
			note: 'Call Ada',
		});
		expect(output[0].json.id).toMatch(/^[0-9a-f]{24}$/);
		expect(env.sandbox.tasks.find((t) => t.id === output[0].json.id)).toBeDefined();
		expect(output[0].pairedItem).toEqual({ item: 0 });
	});

	it('combines items with equal task fields into one request and pairs each task with its item', async () => {
		const items = [3, 1, 2].map((n) => ({ contact_id: contact(n) }));
		const workflow = withParameters(withItems(base, items), NODE, {
			additionalFields: { note: 'Renewal call' },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates()).toHaveLength(1);
		expect(bulkCreates()[0].body.contact_ids).toEqual([contact(3), contact(1), contact(2)]);
		expect(paired(result.output(NODE))).toEqual([
			[contact(3), 0],
			[contact(1), 1],
			[contact(2), 2],
		]);
	});

	it('sends items whose fields differ in separate requests and still pairs every task right', async () => {
		const items = [
			{ contact_id: contact(1), type: 'call' },
			{ contact_id: contact(2), type: 'action_item' },
			{ contact_id: contact(3), type: 'call' },
		];
		const workflow = withParameters(withItems(base, items), NODE, {
			type: '={{ $json.type }}',
			additionalFields: {},
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates().map((r) => [r.body.type, r.body.contact_ids])).toEqual([
			['call', [contact(1), contact(3)]],
			['action_item', [contact(2)]],
		]);
		const output = result.output(NODE);
		expect(
			output.map((i) => [i.json.contact_id, i.json.type, (i.pairedItem as { item: number }).item]),
		).toEqual([
			[contact(1), 'call', 0],
			[contact(2), 'action_item', 1],
			[contact(3), 'call', 2],
		]);
	});

	it('splits 250 items into requests of the batch size', async () => {
		const items = Array.from({ length: 250 }, (_, i) => ({ contact_id: contact(i + 1) }));
		const workflow = withParameters(withItems(base, items), NODE, { options: { batchSize: 100 } });
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates().map((r) => r.body.contact_ids.length)).toEqual([100, 100, 50]);
		const output = result.output(NODE);
		expect(output).toHaveLength(250);
		expect(
			output.every(
				(item, i) =>
					item.json.contact_id === contact(i + 1) &&
					(item.pairedItem as { item: number }).item === i,
			),
		).toBe(true);
	});

	it('creates one task per distinct contact of an item, from a string with commas, spaces and repeats', async () => {
		const ids = `${contact(1)}, ${contact(2)}  ${contact(1).toUpperCase()};${contact(3)}`;
		const workflow = withParameters(withItems(base, [{}]), NODE, { contactIds: ids });
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates()[0].body.contact_ids).toEqual([contact(1), contact(2), contact(3)]);
		expect(result.output(NODE).map((i) => i.json.contact_id)).toEqual([
			contact(1),
			contact(2),
			contact(3),
		]);
	});

	it('takes an expression that yields an array of IDs', async () => {
		const workflow = withParameters(withItems(base, [{ ids: [contact(4), contact(5)] }]), NODE, {
			contactIds: '={{ $json.ids }}',
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates()[0].body.contact_ids).toEqual([contact(4), contact(5)]);
		expect(result.output(NODE)).toHaveLength(2);
	});

	it.each([
		['the task Apollo returned', 'tasks'],
		['the task search shows after a bare true', 'true'],
	] as const)(
		'gives two items that name the same contact one task: the second item gets %s with existing: true',
		async (_, answer) => {
			env.sandbox.bulkCreateAnswer = answer;
			const result = await runWorkflow(
				withItems(base, [{ contact_id: contact(7) }, { contact_id: contact(7) }]),
				env.credentials(),
			);

			expect(bulkCreates().map((r) => r.body.contact_ids)).toEqual([[contact(7)]]);
			const output = result.output(NODE);
			expect(paired(output)).toEqual([
				[contact(7), 0],
				[contact(7), 1],
			]);
			expect(output[1].json).toEqual({ ...output[0].json, existing: true });
			expect(output[0].json).toMatchObject({ existing: false, contact_created: false });
			expect(env.sandbox.tasks.find((t) => t.id === output[0].json.id)).toBeDefined();
		},
	);

	it('with If an Open Task Exists: Create Another, gives two items that name the same contact a task each, in separate requests', async () => {
		const workflow = withParameters(
			withItems(base, [{ contact_id: contact(7) }, { contact_id: contact(7) }]),
			NODE,
			{ options: { ifTaskExists: 'create' } },
		);
		const result = await runWorkflow(workflow, env.credentials());

		expect(bulkCreates().map((r) => r.body.contact_ids)).toEqual([[contact(7)], [contact(7)]]);
		expect(paired(result.output(NODE))).toEqual([
			[contact(7), 0],
			[contact(7), 1],
		]);
	});

	it('reads the tasks from search when Apollo answers a bare true, as its older API did, and outputs them as created', async () => {
		env.sandbox.bulkCreateAnswer = 'true';
		const result = await runWorkflow(
			withItems(base, [{ contact_id: contact(1) }, { contact_id: contact(2) }]),
			env.credentials(),
		);

		expect(result.error(NODE)).toBeUndefined();
		const output = result.output(NODE);
		expect(paired(output)).toEqual([
			[contact(1), 0],
			[contact(2), 1],
		]);
		for (const item of output) {
			expect(item.json).toMatchObject({ type: 'call', existing: false, contact_created: false });
			expect(env.sandbox.tasks.find((t) => t.id === item.json.id)?.contact_id).toBe(
				item.json.contact_id,
			);
		}
		expect(bulkCreates()).toHaveLength(1);
	});

	it('with Continue On Fail, turns a bad item into an error item and still creates the others', async () => {
		const items = [
			{ contact_id: contact(1) },
			{ contact_id: 'not-an-id' },
			{ contact_id: contact(3) },
		];
		const workflow = withNodeSettings(withItems(base, items), NODE, { continueOnFail: true });
		const result = await runWorkflow(workflow, env.credentials());

		const output = result.output(NODE);
		expect(
			output.map((i) => [i.json.contact_id ?? 'error', (i.pairedItem as { item: number }).item]),
		).toEqual([
			[contact(1), 0],
			['error', 1],
			[contact(3), 2],
		]);
		expect(output[1].json.error).toMatch(/Contact IDs: "not-an-id" is not an Apollo contact ID/);
		expect(bulkCreates()).toHaveLength(1);
	});

	it("shows Apollo's own message for a 422 and creates nothing", async () => {
		const unknownContact = 'ffffffffffffffffffffffff';
		const result = await runWorkflow(
			withItems(base, [{ contact_id: unknownContact }]),
			env.credentials(),
		);

		expect(result.error(NODE)).toMatchObject({
			name: 'NodeApiError',
			httpCode: '422',
			message: `Apollo rejected the request: Contact "${unknownContact}" not found`,
		});
		expect(String(result.error(NODE)!.description)).toMatch(/Nothing was created/);
		expect(env.sandbox.tasks).toHaveLength(300);
	});
});
