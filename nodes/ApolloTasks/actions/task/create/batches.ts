import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { ApolloClient } from '../../../transport/client';
import { isOutcomeUnknown } from '../../../transport/errors';
import type { ApolloBulkCreateResponse } from '../../../transport/types';
import type { ItemOutcome, NodeError } from '../../operation';
import type { Made } from './confirm';
import {
	batchItemError,
	lostCreate,
	missingTaskError,
	repeatsForEveryBatch,
	withProgress,
} from './errors';
import { itemsOf, matchCreated, planBatches, type Batch, type TaskRequest } from './plan';

/** What the bulk creates made, and the error of each item they failed. */
export interface Created {
	made: Made[];
	failures: Map<number, NodeError>;
}

/** Looks for the tasks of a batch whose answer was lost; none when the node does not look. */
export type FindLostTasks = (batch: Batch, sentAt: number) => Promise<Made[]>;

/** What Apollo's answer to one batch made, and an error for each contact it did not answer for. */
function answered(
	node: INode,
	batch: Batch,
	answer: ApolloBulkCreateResponse | undefined,
	created: Created,
): ItemOutcome[] {
	if (answer === true) {
		// The older API's bare true: the tasks exist, but the node has no IDs to show or confirm.
		return batch.wanted.map(({ itemIndex, contactId }) => {
			const json = {
				created: true,
				contact_id: contactId,
				...batch.fields,
				message: 'Apollo created the task but, like its older API, did not return it',
			};
			return { itemIndex, data: [{ json, pairedItem: { item: itemIndex } } as INodeExecutionData] };
		});
	}
	const missing = new Map<number, string[]>();
	for (const { itemIndex, contactId, task } of matchCreated(batch, answer?.tasks ?? [])) {
		if (task) created.made.push({ itemIndex, contactId, task });
		else missing.set(itemIndex, [...(missing.get(itemIndex) ?? []), contactId]);
	}
	const kind = answer === undefined ? 'empty' : answer.success === false ? 'unsuccessful' : 'short';
	return [...missing].map(([itemIndex, contactIds]) => {
		const error = missingTaskError(node, { itemIndex, contactIds, answer: kind });
		created.failures.set(itemIndex, error);
		return { itemIndex, data: [], error };
	});
}

/**
 * One bulk create per batch. A failed batch fails each of its items, but for the tasks `findLost` finds
 * after an answer was lost; a failure that would repeat (key, plan, rate limit) leaves the batches
 * after it unsent. Yields each batch's errors; returns the tasks made, for the step that outputs them.
 */
export async function* createInBatches(
	client: ApolloClient,
	requests: TaskRequest[],
	batchSize: number,
	now: () => number,
	findLost?: FindLostTasks,
): AsyncGenerator<ItemOutcome[], Created> {
	const node = client.node;
	const created: Created = { made: [], failures: new Map() };
	let stopReason: NodeError | undefined;
	for (const batch of planBatches(requests, batchSize)) {
		const batchItems = itemsOf(batch);
		const fail = (items: number[], error: (itemIndex: number) => NodeError): ItemOutcome[] =>
			items.map((itemIndex) => {
				created.failures.set(itemIndex, error(itemIndex));
				return { itemIndex, data: [], error: created.failures.get(itemIndex) };
			});
		if (stopReason) {
			const reason = stopReason;
			yield fail(batchItems, (itemIndex) => batchItemError(node, reason, itemIndex, 'not sent'));
			continue;
		}
		const sentAt = now();
		let answer: ApolloBulkCreateResponse | undefined;
		try {
			const body = { ...batch.fields, contact_ids: batch.contactIds };
			answer = await client.tasks.bulkCreate(body, batch.wanted[0].itemIndex);
		} catch (error) {
			const failure = lostCreate(error as NodeError);
			if (repeatsForEveryBatch(failure)) stopReason = failure;
			const found = findLost && isOutcomeUnknown(failure) ? await findLost(batch, sentAt) : [];
			created.made.push(...found);
			const lost = batch.wanted.filter((w) => !found.some((f) => f.contactId === w.contactId));
			const failed = [...new Set(lost.map((w) => w.itemIndex))];
			withProgress(failure, [...new Set(created.made.map((m) => m.itemIndex))], failed);
			const asked = batch.wanted[0].itemIndex;
			yield fail(failed, (itemIndex) =>
				itemIndex === asked ? failure : batchItemError(node, failure, itemIndex, 'failed'),
			);
			continue;
		}
		yield answered(node, batch, answer, created);
	}
	return created;
}
