import type { ApolloClient } from '../../../transport/client';
import { eachPage } from '../../../transport/paging';
import type { ApolloTask } from '../../../transport/types';
import { taskItem } from '../../../shared/taskOutput';
import type { ItemOutcome, NodeError } from '../../operation';
import { batchItemError } from './errors';
import { openTasksByKey, withoutExisting, type Repeat, type TaskRequest } from './plan';

/** The scheduled tasks the assignees got within the lookback, newest first, by assignee, contact and type. */
async function recentOpenTasks(
	client: ApolloClient,
	userIds: string[],
	since: number,
	itemIndex: number,
): Promise<Map<string, ApolloTask>> {
	const recent: ApolloTask[] = [];
	const createdAt = (task: ApolloTask) => Date.parse(task.created_at ?? '');
	for (const userId of userIds) {
		const newestFirst = {
			user_id: userId,
			sort_by_field: 'task_created_at',
			sort_ascending: false,
		} as const;
		for await (const { records } of eachPage(client.taskPages(newestFirst, itemIndex))) {
			recent.push(...records.filter((task) => createdAt(task) >= since));
			if (records.some((task) => !(createdAt(task) >= since))) break;
		}
	}
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
