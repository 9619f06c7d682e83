import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { planBatches } from '../nodes/ApolloTasks/actions/task/create/batches';
import { Ledger, type Slot } from '../nodes/ApolloTasks/actions/task/create/ledger';
import { standingTask } from '../nodes/ApolloTasks/actions/task/create/recentTasks';
import type { ApolloTask, ApolloTaskFields } from '../nodes/ApolloTasks/transport/types';

const USER = '5f0000000000000000000001';
const node = { name: 'Apollo Tasks', type: 'apolloTasks', typeVersion: 1 } as INode;
const call: ApolloTaskFields = {
	user_id: USER,
	type: 'call',
	priority: 'high',
	status: 'scheduled',
	due_at: '2026-12-01T09:00:00.000Z',
};
const email: ApolloTaskFields = { ...call, type: 'outreach_manual_email' };
const task = (id: string, contact: string, fields: Partial<ApolloTask> = {}): ApolloTask =>
	({
		id,
		user_id: USER,
		contact_id: contact,
		type: 'call',
		priority: 'high',
		status: 'scheduled',
		due_at: null,
		note: null,
		...fields,
	}) as ApolloTask;
const contacts = (...ids: string[]) => ids.map((id) => ({ id, created: false }));
const ledgerOf = (oneTaskPerKey = true, failed: (error: unknown) => void = () => {}) =>
	new Ledger(node, 4, oneTaskPerKey, failed);
const shape = (t: ApolloTask, itemIndex: number, flags: object) => ({
	json: { id: t.id, ...flags },
	pairedItem: { item: itemIndex },
});

describe('Planning bulk creates, without HTTP', () => {
	const slotsFor = (ledger: Ledger) => ledger.open();
	const of = (slots: Slot[]) => slots.map((s) => [s.itemIndex, s.contactId]);

	it('puts items with equal fields in one batch and others in their own, keeping item order', () => {
		const ledger = ledgerOf();
		ledger.ask(0, call, contacts('a'));
		ledger.ask(1, email, contacts('b'));
		ledger.ask(2, call, contacts('c', 'd'));

		const batches = planBatches(slotsFor(ledger), 100);
		expect(batches.map((b) => [b.fields.type, of(b.slots)])).toEqual([
			[
				'call',
				[
					[0, 'a'],
					[2, 'c'],
					[2, 'd'],
				],
			],
			['outreach_manual_email', [[1, 'b']]],
		]);
	});

	it('splits a group at the batch size', () => {
		const ledger = ledgerOf();
		ledger.ask(0, call, contacts('a', 'b', 'c'));
		ledger.ask(1, call, contacts('d', 'e'));

		expect(planBatches(slotsFor(ledger), 2).map((b) => b.slots.map((s) => s.contactId))).toEqual([
			['a', 'b'],
			['c', 'd'],
			['e'],
		]);
	});

	it('with Create Another, never puts one contact twice in a batch: a second asker goes to the next batch', () => {
		const ledger = ledgerOf(false);
		ledger.ask(0, call, contacts('a'));
		ledger.ask(1, call, contacts('a', 'b'));

		expect(planBatches(slotsFor(ledger), 100).map((b) => of(b.slots))).toEqual([
			[
				[0, 'a'],
				[1, 'b'],
			],
			[[1, 'a']],
		]);
	});
});

describe('The outcome ledger, without HTTP', () => {
	it('makes a repeated scheduled ask a repeat of the first: one slot to create, two outputs, the second existing', () => {
		const ledger = ledgerOf();
		ledger.ask(0, call, contacts('a'));
		ledger.ask(1, call, contacts('a'));
		ledger.ask(2, email, contacts('a'));
		ledger.ask(3, { ...call, status: 'completed' }, contacts('a'));

		const open = ledger.open();
		expect(open.map((s) => [s.itemIndex, s.fields.type, s.fields.status])).toEqual([
			[0, 'call', 'scheduled'],
			[2, 'outreach_manual_email', 'scheduled'],
			[3, 'call', 'completed'],
		]);
		open.forEach((slot, i) => ledger.resolve(slot, { task: task(`t${i}`, 'a'), existing: false }));

		expect(ledger.outcomes(shape).map((o) => [o.itemIndex, o.data.map((d) => d.json)])).toEqual([
			[0, [{ id: 't0', existing: false, contact_created: false }]],
			[1, [{ id: 't0', existing: true, contact_created: false }]],
			[2, [{ id: 't1', existing: false, contact_created: false }]],
			[3, [{ id: 't2', existing: false, contact_created: false }]],
		]);
	});

	it("gives a repeat its first slot's error for its own item, and tells of each error as it is written", () => {
		const heard: unknown[] = [];
		const ledger = ledgerOf(true, (error) => heard.push(error));
		ledger.ask(0, call, contacts('a'));
		ledger.ask(2, call, contacts('a', 'b'));
		ledger.failItem(1, new NodeOperationError(node, 'Contact IDs: bad', { itemIndex: 1 }));
		const [a, b] = ledger.open();
		const refused = new NodeOperationError(node, 'Apollo said no', { itemIndex: 0 });
		ledger.resolve(a, { error: refused });
		ledger.resolve(b, { task: task('tb', 'b'), existing: false });

		const outcomes = ledger.outcomes(shape);
		expect(
			outcomes.map((o) => [
				o.itemIndex,
				o.data.length,
				o.error?.message,
				o.error?.context.itemIndex,
			]),
		).toEqual([
			[0, 0, 'Apollo said no', 0],
			[1, 0, 'Contact IDs: bad', 1],
			[2, 1, 'Apollo said no', 2],
		]);
		expect(heard).toHaveLength(2);
		expect(() => ledger.resolve(b, { task: task('tc', 'b'), existing: false })).toThrow(
			/resolved twice/,
		);
	});

	it('after an unexpected failure, fails every item and slot still open, and keeps what was resolved', () => {
		const ledger = ledgerOf();
		ledger.ask(0, call, contacts('a'));
		ledger.ask(1, call, contacts('b'));
		ledger.resolve(ledger.open()[0], { task: task('ta', 'a'), existing: false });
		ledger.failOpen(new NodeOperationError(node, 'bug', { itemIndex: 0 }));

		expect(
			ledger.outcomes(shape).map((o) => [o.itemIndex, o.data.length, o.error?.message]),
		).toEqual([
			[0, 1, undefined],
			[1, 0, 'bug'],
			[2, 0, 'bug'],
			[3, 0, 'bug'],
		]);
	});
});

describe('The survivor rule, without HTTP', () => {
	const same = { user_id: USER, contactId: 'a', type: 'call' };
	const older = task('bbbb', 'a', { created_at: '2026-12-01T09:00:00Z' });
	const newer = task('aaaa', 'a', { created_at: '2026-12-01T09:00:05Z' });
	const twin = task('aaab', 'a', { created_at: '2026-12-01T09:00:00Z' });

	it.each([
		['newest first', [newer, older]],
		['oldest first', [older, newer]],
	])('keeps the older open task, whichever order search returned (%s)', (_, tasks) => {
		expect(standingTask(tasks, same)?.id).toBe('bbbb');
	});

	it('between tasks made at the same second, keeps the smaller ID', () => {
		expect(standingTask([older, twin], same)?.id).toBe('aaab');
		expect(standingTask([twin, older], same)?.id).toBe('aaab');
	});

	it('counts only open tasks of the same assignee, contact and type', () => {
		const others = [
			task('c1', 'a', { status: 'completed', created_at: '2026-01-01T00:00:00Z' }),
			task('c2', 'a', { user_id: '5f0000000000000000000002', created_at: '2026-01-01T00:00:00Z' }),
			task('c3', 'b', { created_at: '2026-01-01T00:00:00Z' }),
			task('c4', 'a', { type: 'action_item', created_at: '2026-01-01T00:00:00Z' }),
		];
		expect(standingTask(others, same)).toBeUndefined();
		expect(standingTask([...others, newer], same)?.id).toBe('aaaa');
	});
});
