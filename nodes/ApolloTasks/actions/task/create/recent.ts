import { NodeOperationError } from 'n8n-workflow';

import type { ApolloClient } from '../../../transport/client';
import { eachPage } from '../../../transport/paging';
import type { Clock } from '../../../transport/settings';
import type { ApolloTask } from '../../../transport/types';

export const createdAt = (task: ApolloTask): number => Date.parse(task.created_at ?? '');

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

/** The first wait after a look that came too early; each next one doubles, up to the longest. */
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 1_000;

/**
 * Looks until `look` says it is done or `boundMs` has passed: at once, then after 0.25 s, 0.5 s and
 * every 1 s. Apollo's search shows a new task after a lag it does not document; doubling finds a short
 * lag fast, and the cap keeps the cost of a long one at one look a second. n8n's cancel ends a wait at
 * once. Returns whether `look` was done.
 */
export async function lookUntil(
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
