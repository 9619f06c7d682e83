import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';
const create = loadWorkflow('create-tasks.json');
const byId = loadWorkflow('task-by-id.json');
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const items = [1, 2, 3].map((n) => ({ contact_id: contact(n) }));
const madeFor = (n: number) =>
	env.sandbox.tasks.filter((t) => t.contact_id === contact(n) && t.note === 'Call the contact');
const onTask = (operation: string, id: string, parameters = {}) =>
	withParameters(withItems(byId, [{ task_id: id }]), NODE, { operation, ...parameters });

describe('Create when Apollo answers oddly', () => {
	it.each([
		[
			'fewer tasks than contacts',
			{ action: 'short-bulk-create' as const, count: 2 },
			/returned no task for contact 5c0+3$/,
			3,
			[2],
		],
		[
			'success: false',
			{ action: 'bulk-create-unsuccessful' as const },
			/answered "success: false" for contact/,
			0,
			[0, 1, 2],
		],
		[
			'an empty body',
			{ action: 'empty-body' as const },
			/answered with an empty body for contact/,
			3,
			[0, 1, 2],
		],
	])(
		'%s: the items concerned fail, saying the task may exist; a re-run creates only what is missing',
		async (_name, fault, message, madeByFirstRun, failedItems) => {
			env.sandbox.addFault({ path: '/tasks/bulk_create', ...fault });
			const first = await runWorkflow(
				withNodeSettings(withItems(create, items), NODE, { continueOnFail: true }),
				env.credentials(),
			);
			const errors = first.output(NODE).filter((i) => i.json.error);
			expect(errors.map((i) => (i.pairedItem as { item: number }).item)).toEqual(failedItems);
			expect(String(errors[0].json.error)).toMatch(message);
			expect(String(errors[0].json.message)).toMatch(
				/may or may not exist.*does not create it twice/,
			);
			expect([1, 2, 3].reduce((sum, n) => sum + madeFor(n).length, 0)).toBe(madeByFirstRun);

			const again = await runWorkflow(withItems(create, items), env.credentials());
			expect(again.error(NODE)).toBeUndefined();
			expect([1, 2, 3].map((n) => madeFor(n).length)).toEqual([1, 1, 1]);
		},
	);

	it('without Continue On Fail, the short answer stops the node with that error', async () => {
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'short-bulk-create', count: 2 });
		const result = await runWorkflow(withItems(create, items), env.credentials());

		expect(result.error(NODE)).toMatchObject({
			message: expect.stringMatching(/returned no task for contact/),
		});
	});
});

describe('Get, Update, Complete and Skip when Apollo answers with an empty body', () => {
	it.each(['complete', 'skip', 'update'])(
		'%s reads the task again instead of crashing',
		async (operation) => {
			const task = env.sandbox.tasks.find((t) => t.status === 'scheduled')!;
			env.sandbox.addFault({
				path: `/tasks/${task.id}`,
				method: operation === 'update' ? 'PATCH' : 'POST',
				action: 'empty-body',
			});
			const result = await runWorkflow(
				onTask(
					operation,
					task.id,
					operation === 'update' ? { updateFields: { note: 'Moved' } } : {},
				),
				env.credentials(),
			);

			expect(result.error(NODE)).toBeUndefined();
			expect(result.output(NODE)[0].json).toMatchObject({
				id: task.id,
				status: { complete: 'completed', skip: 'skipped', update: 'scheduled' }[operation],
			});
		},
	);

	it('get says clearly that Apollo sent no task', async () => {
		const task = env.sandbox.tasks[0];
		env.sandbox.addFault({
			path: `/tasks/${task.id}`,
			method: 'GET',
			action: 'empty-body',
			times: 2,
		});
		const result = await runWorkflow(onTask('get', task.id), env.credentials());

		expect(result.error(NODE)).toMatchObject({
			message: `Apollo answered api/v1/tasks/${task.id} without the task`,
		});
	});
});

describe('Update keeps what Apollo would reset', () => {
	it('a note-only update of a scheduled task keeps its priority and creator', async () => {
		const task = env.sandbox.tasks.find((t) => t.status === 'scheduled' && t.priority === 'high')!;
		const creator = task.creator_id;
		const result = await runWorkflow(
			onTask('update', task.id, { updateFields: { note: 'Left a voicemail' } }),
			env.credentials(),
		);

		expect(result.output(NODE)[0].json).toMatchObject({
			note: 'Left a voicemail',
			priority: 'high',
			creator_id: creator,
		});
		expect(env.sandbox.tasks.find((t) => t.id === task.id)).toMatchObject({
			priority: 'high',
			creator_id: creator,
		});
	});

	it('a completed task may change its priority', async () => {
		const task = env.sandbox.tasks.find((t) => t.status === 'completed' && t.priority !== 'low')!;
		const result = await runWorkflow(
			onTask('update', task.id, { updateFields: { priority: 'low' } }),
			env.credentials(),
		);

		expect(result.error(NODE)).toBeUndefined();
		expect(env.sandbox.tasks.find((t) => t.id === task.id)!.priority).toBe('low');
	});
});
