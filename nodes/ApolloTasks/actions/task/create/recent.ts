import { NodeOperationError } from 'n8n-workflow';

import { nodeError } from '../../../shared/items';
import { sameFailureFor, type ApolloTask } from '../../../transport/types';
import { duplicateNote, duplicateNotSkipped } from './errors';
import {
	CLOCK_MARGIN_MS,
	createdAt,
	firstMade,
	fromBatch,
	openTasksByKey,
	sameTaskKey,
	survivorOf,
	withoutExisting,
	type Batch,
	type Made,
	type Repeat,
	type Run,
	type TaskRequest,
} from './plan';

// If an Open Task Exists: Skip, around the creates: the duplicate check before them, the confirmation in
// search after them, and the settling of a race with another execution.

/**
 * The duplicate check: contacts that already have the same open task, made since `since` (the
 * lookback), get it with `existing: true`; a contact asked for twice is created once. Returns what is
 * left to create.
 */
export async function withoutOpenTasks(
	{ client, report, output }: Run,
	requests: TaskRequest[],
	since: number,
): Promise<{ toCreate: TaskRequest[]; repeats: Repeat[] }> {
	const scheduled = requests.filter((r) => r.fields.status === 'scheduled');
	const userIds = [...new Set(scheduled.map((r) => r.fields.user_id))];
	const recent: ApolloTask[] = [];
	try {
		for (const userId of userIds)
			recent.push(...(await client.tasks.createdSince(userId, since, requests[0].itemIndex)));
	} catch (error) {
		const failure = nodeError(client.node, error, requests[0].itemIndex);
		report(
			requests.map(({ itemIndex }) => ({
				itemIndex,
				data: [],
				error: sameFailureFor(client.node, failure, itemIndex),
			})),
		);
		return { toCreate: [], repeats: [] };
	}
	const split = withoutExisting(requests, openTasksByKey(recent, new Set(userIds)));
	report(
		split.found.map(({ itemIndex, task }) => ({
			itemIndex,
			data: [output(task, itemIndex, { existing: true })],
		})),
	);
	return split;
}

/** The first wait after a look that came too early; each next one doubles, up to the longest. */
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 1_000;

/**
 * Looks until `look` says it is done or Confirm Within has passed: at once, then after 0.25 s, 0.5 s and
 * every 1 s. Apollo's search shows a new task after a lag it does not document; doubling finds a short
 * lag fast, and the cap keeps the cost of a long one at one look a second. n8n's cancel ends a wait at
 * once. Returns whether `look` was done.
 */
async function lookUntil(
	{ client, clock, confirmMs: boundMs }: Run,
	look: (attempt: number) => Promise<boolean>,
): Promise<boolean> {
	const started = clock.now();
	let wait = FIRST_WAIT_MS;
	for (let attempt = 1; ; attempt++) {
		if (await look(attempt)) return true;
		const left = started + boundMs - clock.now();
		if (left <= 0) return false;
		await clock.sleep(Math.min(wait, left), client.signal);
		if (client.signal?.aborted) {
			throw new NodeOperationError(
				client.node,
				'The execution was cancelled while the node waited for Apollo',
				{
					description:
						'The node was checking that the tasks it created show in Apollo. They were created; run again with If an Open Task Exists: Skip to get them without creating them twice.',
				},
			);
		}
		wait = Math.min(wait * 2, LONGEST_WAIT_MS);
	}
}

/**
 * Reads each assignee's newest tasks until every task this execution made shows in search, or the
 * bound passes. The first look reaches back past the oldest of them by the bound and a margin, where
 * a racing execution's tasks are; later looks only until the missing ones show. Returns what it saw.
 */
export async function confirm(run: Run, made: Made[]): Promise<ApolloTask[]> {
	const { client, clock, confirmMs: boundMs } = run;
	const seen = new Map<string, ApolloTask>();
	for (const userId of new Set(made.map((m) => m.task.user_id))) {
		const mine = made.filter((m) => m.task.user_id === userId);
		const missing = () => mine.filter((m) => !seen.has(m.task.id));
		const oldest = (list: Made[]) =>
			Math.min(...list.map((m) => createdAt(m.task)).filter(Number.isFinite));
		await lookUntil(run, async (attempt) => {
			const from = attempt === 1 ? oldest(mine) - boundMs : oldest(missing());
			const since = (Number.isFinite(from) ? from : clock.now()) - CLOCK_MARGIN_MS;
			const wanted = new Set(missing().map((m) => m.task.id));
			const enough = (read: ApolloTask[]) =>
				attempt > 1 && [...wanted].every((id) => read.some((t) => t.id === id));
			for (const task of await client.tasks.createdSince(userId, since, mine[0].itemIndex, enough))
				seen.set(task.id, task);
			return missing().length === 0;
		});
	}
	return [...seen.values()];
}

/**
 * A bulk create whose answer was lost may have made its tasks: looks for them (within the bound, as the
 * confirmation does) and returns those found, the oldest for each contact. The contacts not found are
 * the ones the node cannot vouch for.
 */
export async function findLostTasks(run: Run, batch: Batch, sentAt: number): Promise<Made[]> {
	const found = new Map<string, ApolloTask>();
	await lookUntil(run, async () => {
		const since = sentAt - CLOCK_MARGIN_MS;
		const recent = await run.client.tasks.createdSince(
			batch.fields.user_id,
			since,
			batch.wanted[0].itemIndex,
		);
		for (const task of recent.filter((t) => fromBatch(t, batch)).sort(firstMade)) {
			if (!found.has(task.contact_id!)) found.set(task.contact_id!, task);
		}
		return batch.contactIds.every((contactId) => found.has(contactId));
	});
	return batch.wanted
		.filter(({ contactId }) => found.has(contactId))
		.map((wanted) => ({ ...wanted, task: found.get(wanted.contactId)!, recovered: true }));
}

/**
 * If an Open Task Exists: Skip, after the creates. A task of this execution that is not the survivor
 * among what search `seen` is skipped in Apollo with a note naming the survivor, and its item gets the
 * survivor with `existing: true`. Only tasks this execution created are ever skipped, and never one
 * found after a lost answer (it may be another's). Returns the task that stands for each key.
 */
export async function settle(
	{ client, report, output }: Run,
	made: Made[],
	seen: ApolloTask[],
): Promise<Map<string, ApolloTask>> {
	const standing = new Map<string, ApolloTask>();
	for (const { itemIndex, contactId, task, recovered } of made) {
		const first = survivorOf(task, contactId, seen);
		standing.set(sameTaskKey(task.user_id, contactId, task.type), first);
		if (first.id === task.id) {
			report([{ itemIndex, data: [output(task, itemIndex)] }]);
			continue;
		}
		const survivor = output(first, itemIndex, { existing: true });
		try {
			if (!recovered) await client.tasks.finish(task.id, 'skip', duplicateNote(first), itemIndex);
			report([{ itemIndex, data: [survivor] }]);
		} catch (error) {
			const failure = nodeError(client.node, error, itemIndex);
			report([{ itemIndex, data: [], error: duplicateNotSkipped(failure, task, first) }]);
		}
	}
	return standing;
}
