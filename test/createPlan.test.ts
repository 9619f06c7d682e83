import {
	itemsOf,
	matchCreated,
	openTasksByKey,
	planBatches,
	withoutExisting,
	type TaskRequest,
} from '../nodes/ApolloTasks/actions/task/create/plan';
import type { ApolloTask, ApolloTaskFields } from '../nodes/ApolloTasks/transport/types';

const USER = '5f0000000000000000000001';
const OTHER_USER = '5f0000000000000000000002';
const call: ApolloTaskFields = {
	user_id: USER,
	type: 'call',
	priority: 'high',
	status: 'scheduled',
	due_at: '2026-12-01T09:00:00.000Z',
};
const email: ApolloTaskFields = { ...call, type: 'outreach_manual_email' };
const request = (
	itemIndex: number,
	fields: ApolloTaskFields,
	...contactIds: string[]
): TaskRequest => ({ itemIndex, fields, contactIds });
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

describe('Planning bulk creates, without HTTP', () => {
	it('puts items with equal fields in one batch and others in their own, keeping item order', () => {
		const batches = planBatches(
			[request(0, call, 'a'), request(1, email, 'b'), request(2, call, 'c', 'd')],
			100,
		);

		expect(batches.map((b) => [b.fields.type, b.contactIds, itemsOf(b)])).toEqual([
			['call', ['a', 'c', 'd'], [0, 2]],
			['outreach_manual_email', ['b'], [1]],
		]);
	});

	it('splits a group at the batch size', () => {
		const batches = planBatches([request(0, call, 'a', 'b', 'c'), request(1, call, 'd', 'e')], 2);

		expect(batches.map((b) => b.contactIds)).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
	});

	it('never puts one contact twice in a batch: a second asker goes to the next batch', () => {
		const batches = planBatches([request(0, call, 'a'), request(1, call, 'a', 'b')], 100);

		expect(batches.map((b) => b.wanted)).toEqual([
			[
				{ itemIndex: 0, contactId: 'a' },
				{ itemIndex: 1, contactId: 'b' },
			],
			[{ itemIndex: 1, contactId: 'a' }],
		]);
	});

	it('maps the tasks Apollo returned back to who wanted them, and leaves a gap where it returned none', () => {
		const [batch] = planBatches([request(0, call, 'a'), request(1, call, 'b')], 100);

		expect(
			matchCreated(batch, [task('t-b', 'b')]).map((w) => [w.itemIndex, w.contactId, w.task?.id]),
		).toEqual([
			[0, 'a', undefined],
			[1, 'b', 't-b'],
		]);
	});
});

describe('Finding the open task that already exists, without HTTP', () => {
	it('counts only scheduled tasks of the asked assignees, newest first, whatever the search returned', () => {
		const open = openTasksByKey(
			[
				task('new', 'a'),
				task('old', 'a'),
				task('done', 'b', { status: 'completed' }),
				task('theirs', 'c', { user_id: OTHER_USER }),
			],
			new Set([USER]),
		);

		expect([...open.entries()].map(([key, t]) => [key, t.id])).toEqual([[`${USER}|a|call`, 'new']]);
	});

	it('serves a contact from its open task, creates the rest once, and leaves other types and records of past work alone', () => {
		const open = openTasksByKey([task('open-a', 'a')], new Set([USER]));
		const past: ApolloTaskFields = { ...call, status: 'completed' };
		const split = withoutExisting(
			[
				request(0, call, 'a', 'b'),
				request(1, call, 'b'),
				request(2, email, 'a'),
				request(3, past, 'a'),
			],
			open,
		);

		expect(split.found.map((f) => [f.itemIndex, f.contactId, f.task.id])).toEqual([
			[0, 'a', 'open-a'],
		]);
		expect(split.repeats).toEqual([
			{ itemIndex: 1, contactId: 'b', firstItemIndex: 0, key: '5f0000000000000000000001|b|call' },
		]);
		expect(
			split.toCreate.map((r) => [r.itemIndex, r.fields.type, r.fields.status, r.contactIds]),
		).toEqual([
			[0, 'call', 'scheduled', ['b']],
			[2, 'outreach_manual_email', 'scheduled', ['a']],
			[3, 'call', 'completed', ['a']],
		]);
	});
});
