import { NodeOperationError } from 'n8n-workflow';

import type { ApolloClient } from '../../../transport/client';
import { eachPage } from '../../../transport/paging';
import type { Clock } from '../../../transport/settings';
import type { ApolloTask } from '../../../transport/types';
import {
	CLOCK_MARGIN_MS,
	createdAt,
	firstMade,
	fromBatch,
	openTasksByKey,
	type Batch,
	type Made,
} from './plan';

/**
 * An assignee's tasks created at or after `since`, newest first: one request per 100 of them, and one
 * more for the page that reaches back past `since`. `enough` stops the reading early.
 */
export async function readRecent(
	client: ApolloClient,
	userId: string,
	since: number,
	itemIndex: number,
	enough: (tasks: ApolloTask[]) => boolean = () => false,
): Promise<ApolloTask[]> {
	const newestFirst = {
		user_id: userId,
		sort_by_field: 'task_created_at',
		sort_ascending: false,
	} as const;
	const recent: ApolloTask[] = [];
	for await (const { records } of eachPage(client.taskPages(newestFirst, itemIndex))) {
		recent.push(...records.filter((task) => createdAt(task) >= since));
		if (records.some((task) => !(createdAt(task) >= since)) || enough(recent)) break;
	}
	return recent;
}

/** The scheduled tasks the assignees got within the lookback, newest first, by assignee, contact and type. */
export async function recentOpenTasks(
	client: ApolloClient,
	userIds: string[],
	since: number,
	itemIndex: number,
): Promise<Map<string, ApolloTask>> {
	const recent: ApolloTask[] = [];
	for (const userId of userIds)
		recent.push(...(await readRecent(client, userId, since, itemIndex)));
	return openTasksByKey(recent, new Set(userIds));
}

/** The first wait after a look that came too early; each next one doubles, up to the longest. */
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 1_000;

/**
 * Looks until `look` says it is done or `boundMs` has passed: at once, then after 0.25 s, 0.5 s and
 * every 1 s. Apollo's search shows a new task after a lag it does not document; doubling finds a short
 * lag fast, and the cap keeps the cost of a long one at one look a second. n8n's cancel ends a wait at
 * once. Returns whether `look` was done.
 */
async function lookUntil(
	client: ApolloClient,
	clock: Clock,
	boundMs: number,
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
export async function confirm(
	client: ApolloClient,
	clock: Clock,
	made: Made[],
	boundMs: number,
): Promise<ApolloTask[]> {
	const seen = new Map<string, ApolloTask>();
	for (const userId of new Set(made.map((m) => m.task.user_id))) {
		const mine = made.filter((m) => m.task.user_id === userId);
		const missing = () => mine.filter((m) => !seen.has(m.task.id));
		const oldest = (list: Made[]) =>
			Math.min(...list.map((m) => createdAt(m.task)).filter(Number.isFinite));
		await lookUntil(client, clock, boundMs, async (attempt) => {
			const from = attempt === 1 ? oldest(mine) - boundMs : oldest(missing());
			const since = (Number.isFinite(from) ? from : clock.now()) - CLOCK_MARGIN_MS;
			const wanted = new Set(missing().map((m) => m.task.id));
			const enough = (read: ApolloTask[]) =>
				attempt > 1 && [...wanted].every((id) => read.some((t) => t.id === id));
			for (const task of await readRecent(client, userId, since, mine[0].itemIndex, enough))
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
export async function findLostTasks(
	client: ApolloClient,
	clock: Clock,
	batch: Batch,
	sentAt: number,
	boundMs: number,
): Promise<Made[]> {
	const found = new Map<string, ApolloTask>();
	await lookUntil(client, clock, boundMs, async () => {
		const since = sentAt - CLOCK_MARGIN_MS;
		const recent = await readRecent(client, batch.fields.user_id, since, batch.wanted[0].itemIndex);
		for (const task of recent.filter((t) => fromBatch(t, batch)).sort(firstMade)) {
			if (!found.has(task.contact_id!)) found.set(task.contact_id!, task);
		}
		return batch.contactIds.every((contactId) => found.has(contactId));
	});
	return batch.wanted
		.filter(({ contactId }) => found.has(contactId))
		.map((wanted) => ({ ...wanted, task: found.get(wanted.contactId)!, recovered: true }));
}
