import { loadWorkflow, runWorkflow, withItems, withParameters } from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox({ strict: true });
const base = loadWorkflow('create-tasks.json');
const NODE = 'Apollo Tasks';
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;

const bulkCreates = () =>
	env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');

describe('Create: the task fields Apollo receives', () => {
	it('sends every task type, priority and status Apollo knows', async () => {
		const types = [
			'call',
			'outreach_manual_email',
			'linkedin_step_connect',
			'linkedin_step_message',
			'linkedin_step_view_profile',
			'linkedin_step_interact_post',
			'action_item',
		];
		const items = types.map((type, i) => ({
			contact_id: contact(i + 1),
			type,
			priority: ['high', 'medium', 'low'][i % 3],
			status: ['scheduled', 'completed', 'skipped'][i % 3],
		}));
		const workflow = withParameters(withItems(base, items), NODE, {
			type: '={{ $json.type }}',
			priority: '={{ $json.priority }}',
			additionalFields: { status: '={{ $json.status }}' },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(bulkCreates().map((r) => [r.body.type, r.body.priority, r.body.status])).toEqual(
			items.map((i) => [i.type, i.priority, i.status]),
		);
		// Apollo's reference lists status and due date as required: without a due date, the task is due now.
		const started = Date.now() - 60_000;
		expect(
			bulkCreates().every(
				(r) =>
					Date.parse(r.body.due_at) >= started &&
					Date.parse(r.body.due_at) <= Date.now() &&
					!('note' in r.body),
			),
		).toBe(true);
	});

	it('reads Simplify of each item from an expression as true or false, with one request for all', async () => {
		const items = [
			{ contact_id: contact(1), simplify: 'false' },
			{ contact_id: contact(2), simplify: ' TRUE ' },
			{ contact_id: contact(3), simplify: true },
		];
		const workflow = withParameters(withItems(base, items), NODE, {
			simplify: '={{ $json.simplify }}',
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		const output = result.output(NODE);
		expect(output.map((i) => ['contact_name' in i.json, 'created_at' in i.json])).toEqual([
			[false, true],
			[true, false],
			[true, false],
		]);
		expect(bulkCreates()).toHaveLength(1);
	});

	it('sends a Note that an expression gives as a number or a date as its text', async () => {
		const items = [{ contact_id: contact(1), note: 42 }, { contact_id: contact(2) }];
		const workflow = withParameters(withItems(base, items), NODE, {
			additionalFields: {
				note: '={{ $json.note ?? DateTime.fromISO("2026-12-01T09:00:00Z").toUTC() }}',
			},
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(bulkCreates().map((r) => r.body.note)).toEqual(['42', '2026-12-01T09:00:00.000Z']);
	});

	it('uses priority medium when none is set and reads a due date without offset in the workflow time zone', async () => {
		const node = base.nodes.find((n) => n.name === NODE)!;
		const { priority: _priority, ...parameters } = node.parameters;
		const workflow = withItems(
			{ ...base, nodes: base.nodes.map((n) => (n.name === NODE ? { ...n, parameters } : n)) },
			[{ contact_id: contact(1) }],
		);
		await runWorkflow(workflow, env.credentials(), 'Europe/Berlin');

		expect(bulkCreates()[0].body).toMatchObject({
			priority: 'medium',
			due_at: '2026-12-01T08:00:00.000Z',
		});
	});

	it('passes a due date with an offset, or a DateTime from an expression, as the same instant in UTC', async () => {
		const items = [{ contact_id: contact(1) }, { contact_id: contact(2) }];
		const workflow = withParameters(withItems(base, items), NODE, {
			additionalFields: {
				dueAt:
					"={{ $itemIndex === 0 ? '2026-12-01T09:00:00+02:00' : DateTime.fromISO('2026-12-02T10:30:00Z') }}",
			},
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(bulkCreates().map((r) => r.body.due_at)).toEqual([
			'2026-12-01T07:00:00.000Z',
			'2026-12-02T10:30:00.000Z',
		]);
	});

	it('takes a space between date and time, with or without an offset', async () => {
		const items = [{ contact_id: contact(1) }, { contact_id: contact(2) }];
		const workflow = withParameters(withItems(base, items), NODE, {
			additionalFields: {
				dueAt: "={{ $itemIndex === 0 ? '2026-03-01 09:00+01:00' : '2026-03-01 09:00' }}",
			},
		});
		const result = await runWorkflow(workflow, env.credentials(), 'America/New_York');

		expect(result.error(NODE)).toBeUndefined();
		expect(bulkCreates().map((r) => r.body.due_at)).toEqual([
			'2026-03-01T08:00:00.000Z',
			'2026-03-01T14:00:00.000Z',
		]);
	});

	it.each([
		[
			'America/New_York',
			'2026-03-08T02:30',
			'2026-03-08T07:30:00.000Z',
			'2026-11-01T01:30',
			'2026-11-01T06:30:00.000Z',
		],
		[
			'Europe/Berlin',
			'2026-03-29T02:30',
			'2026-03-29T01:30:00.000Z',
			'2026-10-25T02:30',
			'2026-10-25T01:30:00.000Z',
		],
	])(
		'in %s, a time the clocks skip moves forward by the gap; a time they repeat is the later one',
		async (zone, gap, gapUtc, twice, twiceUtc) => {
			const items = [
				{ contact_id: contact(1), due: gap },
				{ contact_id: contact(2), due: twice },
			];
			const workflow = withParameters(withItems(base, items), NODE, {
				additionalFields: { dueAt: '={{ $json.due }}' },
			});
			await runWorkflow(workflow, env.credentials(), zone);

			expect(bulkCreates().map((r) => r.body.due_at)).toEqual([gapUtc, twiceUtc]);
		},
	);
});

describe('Create with a Title', () => {
	it('creates each task with one POST /tasks, since bulk create takes no title; a re-run finds them', async () => {
		const items = [{ contact_id: contact(1) }, { contact_id: contact(2) }];
		const workflow = withParameters(withItems(base, items), NODE, {
			additionalFields: { title: 'Renewal call', note: 'Call Ada' },
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		const creates = env.sandbox.requests.filter(
			(r) => r.path.startsWith('/api/v1/tasks') && !r.path.endsWith('/search'),
		);
		expect(creates.map((r) => [r.path, r.body.contact_id, r.body.title])).toEqual([
			['/api/v1/tasks', contact(1), 'Renewal call'],
			['/api/v1/tasks', contact(2), 'Renewal call'],
		]);
		expect(
			result.output(NODE).map((i) => [i.json.contact_id, i.json.title, i.json.existing]),
		).toEqual([
			[contact(1), 'Renewal call', false],
			[contact(2), 'Renewal call', false],
		]);

		const again = await runWorkflow(workflow, env.credentials());
		expect(again.output(NODE).map((i) => i.json.existing)).toEqual([true, true]);
	});
});
