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

const env = useSandbox({ tasks: 0 });
const clock = useVirtualClock(() => env.sandbox);
const NODE = 'Apollo Tasks';
const base = loadWorkflow('create-tasks.json');
const contact = (n: number) => `5c${n.toString(16).padStart(22, '0')}`;
const contacts = [contact(1), contact(2), contact(3)];
const forContacts = (type = 'call') =>
	withParameters(
		withItems(
			base,
			contacts.map((contact_id) => ({ contact_id })),
		),
		NODE,
		{ type },
	);
const open = (type = 'call') =>
	env.sandbox.tasks.filter((t) => t.status === 'scheduled' && t.type === type);
const openPerContact = (type = 'call') =>
	contacts.map((c) => open(type).filter((t) => t.contact_id === c).length);
const ids = (items: INodeExecutionData[]) => items.map((i) => i.json.id);
/**
 * Two executions at the same moment, whose duplicate checks meet: both search before either creates.
 * They run on real time: the meeting holds one execution's search until the other's arrives.
 */
const race = async (first = forContacts(), second = forContacts()) => {
	clock.realTime();
	env.sandbox.setOptions({ meetSearches: { count: 2, timeoutMs: 5_000 } });
	return await Promise.all([
		runWorkflow(first, env.credentials()),
		runWorkflow(second, env.credentials()),
	]);
};

describe('Exactly once when executions race', () => {
	it('two executions of one Create at the same moment leave one open task per contact, and both output it', async () => {
		const [a, b] = await race();

		expect(a.error(NODE)).toBeUndefined();
		expect(b.error(NODE)).toBeUndefined();
		expect(openPerContact()).toEqual([1, 1, 1]);
		const survivors = open().map((t) => t.id);
		expect(new Set(ids(a.output(NODE)))).toEqual(new Set(survivors));
		expect(ids(b.output(NODE)).sort()).toEqual(ids(a.output(NODE)).sort());
		expect(a.output(NODE).map((i) => (i.pairedItem as { item: number }).item)).toEqual([0, 1, 2]);
		// The later of each pair was skipped with a note naming the one that stays.
		const skipped = env.sandbox.tasks.filter((t) => t.status === 'skipped');
		expect(skipped).toHaveLength(3);
		for (const duplicate of skipped) {
			const survivor = open().find((t) => t.contact_id === duplicate.contact_id)!;
			expect(duplicate.note).toContain(`Duplicate of task ${survivor.id}`);
			expect(survivor.created_at <= duplicate.created_at).toBe(true);
		}
		const existing = [...a.output(NODE), ...b.output(NODE)].filter((i) => i.json.existing === true);
		expect(existing).toHaveLength(3);
	});

	it('one wanting call tasks and the other action items: both kinds are created, nothing is skipped', async () => {
		const [a, b] = await race(forContacts('call'), forContacts('action_item'));

		expect([a.error(NODE), b.error(NODE)]).toEqual([undefined, undefined]);
		expect(openPerContact('call')).toEqual([1, 1, 1]);
		expect(openPerContact('action_item')).toEqual([1, 1, 1]);
		expect(env.sandbox.tasks.filter((t) => t.status === 'skipped')).toEqual([]);
	});

	it('a contact that already had two open tasks made by hand keeps both, untouched', async () => {
		const [user] = env.sandbox.users;
		const byHand = [1, 2].map((n) =>
			env.sandbox.insertTask({
				user_id: user.id,
				contact_id: contacts[0],
				type: 'call',
				priority: 'low',
				status: 'scheduled',
				note: `made by hand ${n}`,
				created_at: new Date(Date.now() - n * 3_600_000).toISOString(),
			}),
		);
		const [a, b] = await race();

		expect([a.error(NODE), b.error(NODE)]).toEqual([undefined, undefined]);
		for (const task of byHand) {
			expect(env.sandbox.tasks.find((t) => t.id === task.id)).toMatchObject({
				status: 'scheduled',
				note: task.note,
			});
		}
		expect(openPerContact()).toEqual([2, 1, 1]);
		const skips = env.sandbox.requests.filter((r) => r.path.endsWith('/skip'));
		expect(skips.some((r) => byHand.some((t) => r.path.includes(t.id)))).toBe(false);
	});

	it('a lost answer with a 3 s search lag, retried at once by Retry On Fail: one task per contact, and the run ends green', async () => {
		env.sandbox.setOptions({ searchLagMs: 3_000 });
		env.sandbox.addFault({ path: '/tasks/bulk_create', action: 'drop-after' });
		const workflow = withNodeSettings(forContacts(), NODE, {
			retryOnFail: true,
			maxTries: 3,
			waitBetweenTries: 0,
		});
		const result = await runWorkflow(workflow, env.credentials());

		expect(result.error(NODE)).toBeUndefined();
		expect(openPerContact()).toEqual([1, 1, 1]);
		expect(ids(result.output(NODE)).sort()).toEqual(
			open()
				.map((t) => t.id)
				.sort(),
		);
		expect(env.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create')).toHaveLength(
			1,
		);
	});
});
