import type { INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { taskItem } from '../../../shared/taskOutput';
import { isOutcomeUnknown } from '../../../transport/failures';
import type { ApolloApi, ApolloBulkCreateResponse, ApolloTask } from '../../../transport/types';
import { nodeError, type ItemOutcome, type NodeError, type Report } from '../../operation';
import {
	batchItemError,
	duplicateNote,
	duplicateNotSkipped,
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
	survivorOf,
	type Batch,
	type Made,
	type TaskRequest,
} from './plan';

/** What the bulk creates made, and the error of each item they failed. */
export interface Created {
	made: Made[];
	failures: Map<number, NodeError>;
}

/** What a batch may do when it fails: look for its tasks after a lost answer, look its contacts up again. */
export interface BatchHelp {
	findLost?: (batch: Batch, sentAt: number) => Promise<Made[]>;
	/** Contact IDs Apollo refused, looked up afresh: old ID → new one, for a second try. */
	lookAgain: (contactIds: string[]) => Promise<Map<string, string>>;
}

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

/** The batch with the contacts Apollo refused swapped for those found again; undefined if none changed. */
async function retried(
	batch: Batch,
	error: NodeError,
	help: BatchHelp,
): Promise<Batch | undefined> {
	if (!(error instanceof NodeApiError) || String(error.httpCode) !== '422') return undefined;
	const swapped = await help.lookAgain(batch.contactIds);
	if (swapped.size === 0) return undefined;
	const swap = (id: string) => swapped.get(id) ?? id;
	return {
		...batch,
		contactIds: batch.contactIds.map(swap),
		wanted: batch.wanted.map((w) => ({ ...w, contactId: swap(w.contactId) })),
	};
}

/**
 * One bulk create per batch. A failed batch fails each of its items, but for the tasks `findLost` finds
 * after an answer was lost; a failure that would repeat (key, plan, rate limit) leaves the batches
 * after it unsent. Reports each batch's errors; returns the tasks made, for the steps that output them.
 */
export async function createInBatches(
	client: ApolloApi,
	requests: TaskRequest[],
	batchSize: number,
	now: () => number,
	help: BatchHelp,
	report: Report,
): Promise<Created> {
	const node = client.node;
	const created: Created = { made: [], failures: new Map() };
	const fail = (items: number[], error: (itemIndex: number) => NodeError) =>
		report(
			items.map((itemIndex) => {
				created.failures.set(itemIndex, error(itemIndex));
				return { itemIndex, data: [], error: created.failures.get(itemIndex) };
			}),
		);
	let stopReason: NodeError | undefined;
	for (let batch of planBatches(requests, batchSize)) {
		const asked = batch.wanted[0].itemIndex;
		if (stopReason) {
			const reason = stopReason;
			fail(itemsOf(batch), (itemIndex) => batchItemError(node, reason, itemIndex, 'not sent'));
			continue;
		}
		const sentAt = now();
		const send = async (b: Batch) =>
			await client.tasks.bulkCreate({ ...b.fields, contact_ids: b.contactIds }, asked);
		let answer: ApolloBulkCreateResponse | undefined;
		try {
			try {
				answer = await send(batch);
			} catch (error) {
				const refused = nodeError(node, error, asked);
				const again = await retried(batch, refused, help);
				if (!again) throw refused;
				answer = await send((batch = again));
			}
		} catch (error) {
			const failure = lostCreate(nodeError(node, error, asked));
			if (repeatsForEveryBatch(failure)) stopReason = failure;
			const found =
				help.findLost && isOutcomeUnknown(failure) ? await help.findLost(batch, sentAt) : [];
			created.made.push(...found);
			const lost = batch.wanted.filter((w) => !found.some((f) => f.contactId === w.contactId));
			const failed = [...new Set(lost.map((w) => w.itemIndex))];
			withProgress(failure, [...new Set(created.made.map((m) => m.itemIndex))], failed);
			fail(failed, (itemIndex) =>
				itemIndex === asked ? failure : batchItemError(node, failure, itemIndex, 'failed'),
			);
			continue;
		}
		report(answered(node, batch, answer, created));
	}
	return created;
}

/**
 * If an Open Task Exists: Skip, after the creates. A task of this execution that is not the survivor
 * among what search `seen` is skipped in Apollo with a note naming the survivor, and its item gets the
 * survivor with `existing: true`. Only tasks this execution created are ever skipped, and never one
 * found after a lost answer (it may be another's). Returns the task that stands for each key.
 */
export async function settle(
	client: ApolloApi,
	made: Made[],
	seen: ApolloTask[],
	simplify: (itemIndex: number) => boolean,
	report: Report,
): Promise<Map<string, ApolloTask>> {
	const standing = new Map<string, ApolloTask>();
	for (const { itemIndex, contactId, task, recovered } of made) {
		const first = survivorOf(task, contactId, seen);
		standing.set(sameTaskKey(task.user_id, contactId, task.type), first);
		if (first.id === task.id) {
			report([{ itemIndex, data: [taskItem(task, simplify(itemIndex), itemIndex)] }]);
			continue;
		}
		const survivor = taskItem(first, simplify(itemIndex), itemIndex, { existing: true });
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
