import type { ApolloClient } from '../../../transport/client';
import type { Clock } from '../../../transport/settings';
import type { ApolloTask } from '../../../transport/types';
import { CLOCK_MARGIN_MS, firstMade, type Made } from './confirm';
import type { Batch } from './plan';
import { lookUntil, readRecent } from './recent';

/** Whether a task is the one this batch asked for its contact: the same fields, created after it was sent. */
function fromBatch(task: ApolloTask, batch: Batch): boolean {
	const { fields } = batch;
	return (
		task.user_id === fields.user_id &&
		task.type === fields.type &&
		task.priority === fields.priority &&
		task.status === (fields.status ?? 'scheduled') &&
		Date.parse(task.due_at ?? '') === Date.parse(fields.due_at ?? '') &&
		(task.note ?? '') === (fields.note ?? '') &&
		task.contact_id !== null &&
		batch.contactIds.includes(task.contact_id)
	);
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
