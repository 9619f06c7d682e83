import type { INode, INodeExecutionData } from 'n8n-workflow';

import { taskItem } from '../../../shared/taskOutput';
import type { ApolloClient } from '../../../transport/client';
import type { ApolloBulkCreateResponse, ApolloTask } from '../../../transport/types';
import type { ItemOutcome, NodeError } from '../../operation';
import {
	batchItemError,
	lostCreate,
	missingTaskError,
	repeatsForEveryBatch,
	withProgress,
} from './errors';
import {
	itemsOf,
	matchCreated,
	planBatches,
	sameTaskKey,
	type Batch,
	type TaskRequest,
} from './plan';

/** What the bulk creates made, by sameTaskKey, and the error of each item they failed. */
export interface Created {
	tasks: Map<string, ApolloTask>;
	failures: Map<number, NodeError>;
}

/** The outcomes of one batch that Apollo answered. */
function answered(
	node: INode,
	batch: Batch,
	answer: ApolloBulkCreateResponse | undefined,
	created: Created,
	simplify: (itemIndex: number) => boolean,
): ItemOutcome[] {
	const outcomes = new Map<number, ItemOutcome>();
	const outcome = (itemIndex: number) => {
		if (!outcomes.has(itemIndex)) outcomes.set(itemIndex, { itemIndex, data: [] });
		return outcomes.get(itemIndex)!;
	};
	if (answer === true) {
		for (const { itemIndex, contactId } of batch.wanted) {
			const json = {
				created: true,
				contact_id: contactId,
				...batch.fields,
				message: 'Apollo created the task but, like its older API, did not return it',
			};
			outcome(itemIndex).data.push({ json, pairedItem: { item: itemIndex } } as INodeExecutionData);
		}
		return [...outcomes.values()];
	}
	const missing = new Map<number, string[]>();
	for (const { itemIndex, contactId, task } of matchCreated(batch, answer?.tasks ?? [])) {
		if (!task) {
			missing.set(itemIndex, [...(missing.get(itemIndex) ?? []), contactId]);
			continue;
		}
		created.tasks.set(sameTaskKey(task.user_id, contactId, task.type), task);
		outcome(itemIndex).data.push(taskItem(task, simplify(itemIndex), itemIndex));
	}
	const kind = answer === undefined ? 'empty' : answer.success === false ? 'unsuccessful' : 'short';
	for (const [itemIndex, contactIds] of missing) {
		const error = missingTaskError(node, { itemIndex, contactIds, answer: kind });
		outcome(itemIndex).error = error;
		created.failures.set(itemIndex, error);
	}
	return [...outcomes.values()];
}

/**
 * One bulk create per batch. A failed batch fails each of its items; a failure that would repeat
 * (key, plan, rate limit) leaves the batches after it unsent. Yields each batch's outcomes.
 */
export async function* createInBatches(
	client: ApolloClient,
	requests: TaskRequest[],
	batchSize: number,
	simplify: (itemIndex: number) => boolean,
): AsyncGenerator<ItemOutcome[], Created> {
	const node = client.node;
	const created: Created = { tasks: new Map(), failures: new Map() };
	const createdItems = new Set<number>();
	let stopReason: NodeError | undefined;
	for (const batch of planBatches(requests, batchSize)) {
		const batchItems = itemsOf(batch);
		const failAll = (error: (itemIndex: number) => NodeError): ItemOutcome[] =>
			batchItems.map((itemIndex) => {
				created.failures.set(itemIndex, error(itemIndex));
				return { itemIndex, data: [], error: created.failures.get(itemIndex) };
			});
		if (stopReason) {
			const reason = stopReason;
			yield failAll((itemIndex) => batchItemError(node, reason, itemIndex, 'not sent'));
			continue;
		}
		let answer: ApolloBulkCreateResponse | undefined;
		try {
			const body = { ...batch.fields, contact_ids: batch.contactIds };
			answer = await client.tasks.bulkCreate(body, batch.wanted[0].itemIndex);
		} catch (error) {
			const failure = lostCreate(error as NodeError);
			if (repeatsForEveryBatch(failure)) stopReason = failure;
			const [first] = batchItems;
			const outcomes = failAll((itemIndex) =>
				itemIndex === first ? failure : batchItemError(node, failure, itemIndex, 'failed'),
			);
			withProgress(failure, [...createdItems], batchItems);
			yield outcomes;
			continue;
		}
		const outcomes = answered(node, batch, answer, created, simplify);
		for (const { itemIndex, data } of outcomes) if (data.length) createdItems.add(itemIndex);
		yield outcomes;
	}
	return created;
}
