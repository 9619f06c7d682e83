import type { ApolloClient } from '../../../transport/client';
import type { ApolloTask } from '../../../transport/types';
import { taskItem } from '../../../shared/taskOutput';
import type { ItemOutcome, NodeError } from '../../operation';
import { batchItemError } from './errors';
import { readRecent } from './recent';
import { openTasksByKey, withoutExisting, type Repeat, type TaskRequest } from './plan';

/** The scheduled tasks the assignees got within the lookback, newest first, by assignee, contact and type. */
async function recentOpenTasks(
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

/**
 * If an Open Task Exists: Skip. Contacts that already have the same open task get it, with
 * `existing: true`; a contact asked for twice is created once. Returns what is left to create.
 */
export async function* findOpenTasks(
	client: ApolloClient,
	requests: TaskRequest[],
	lookback: { since: number; simplify: (itemIndex: number) => boolean },
): AsyncGenerator<ItemOutcome[], { toCreate: TaskRequest[]; repeats: Repeat[] }> {
	const scheduled = requests.filter((r) => r.fields.status === 'scheduled');
	const userIds = [...new Set(scheduled.map((r) => r.fields.user_id))];
	let open = new Map<string, ApolloTask>();
	try {
		if (userIds.length)
			open = await recentOpenTasks(client, userIds, lookback.since, requests[0].itemIndex);
	} catch (error) {
		yield requests.map(({ itemIndex }) => ({
			itemIndex,
			data: [],
			error: batchItemError(client.node, error as NodeError, itemIndex, 'failed'),
		}));
		return { toCreate: [], repeats: [] };
	}
	const split = withoutExisting(requests, open);
	yield split.found.map(({ itemIndex, task }) => ({
		itemIndex,
		data: [taskItem(task, lookback.simplify(itemIndex), itemIndex, { existing: true })],
	}));
	return { toCreate: split.toCreate, repeats: split.repeats };
}
