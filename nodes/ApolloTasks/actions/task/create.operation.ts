import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { parseDueAt } from '../../shared/dueDate';
import { apolloId, locatorValue, oneOf } from '../../shared/ids';
import { taskItem } from '../../shared/taskOutput';
import { PRIORITIES, STATUSES, TASK_TYPES, valuesOf } from '../../shared/values';
import type { ApolloClient } from '../../transport/client';
import {
	batchItemError,
	missingTaskError,
	repeatsForEveryBatch,
	withProgress,
} from '../../transport/errors';
import { eachPage } from '../../transport/paging';
import { clock } from '../../transport/settings';
import type { ApolloTask, ApolloTaskFields } from '../../transport/types';
import { contactEmails, contactIds } from '../input';
import { wholeNumber } from '../../shared/ids';
import type { ItemOutcome } from '../router';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_LOOKBACK_HOURS,
	MAX_BATCH_SIZE,
	MAX_LOOKBACK_HOURS,
} from './create.description';
import {
	itemsOf,
	matchCreated,
	openTasksByKey,
	planBatches,
	sameTaskKey,
	withoutExisting,
	type TaskRequest,
} from './createPlan';
import { lookUpEmails } from './emails';

export { description } from './create.description';

type NodeError = NodeApiError | NodeOperationError;

function taskFields(ctx: IExecuteFunctions, itemIndex: number, now: string): ApolloTaskFields {
	const node = ctx.getNode();
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: ApolloTaskFields = {
		user_id: apolloId(
			node,
			itemIndex,
			'Assigned To',
			locatorValue(ctx.getNodeParameter('userId', itemIndex, '')),
			'user',
			true,
		),
		type: oneOf(
			node,
			itemIndex,
			'Type',
			ctx.getNodeParameter('type', itemIndex),
			valuesOf(TASK_TYPES),
		),
		priority: oneOf(
			node,
			itemIndex,
			'Priority',
			ctx.getNodeParameter('priority', itemIndex),
			valuesOf(PRIORITIES),
		),
		// Apollo's reference lists status and due date as required for a create.
		status:
			additional.status === undefined || additional.status === ''
				? 'scheduled'
				: oneOf(node, itemIndex, 'Status', additional.status, valuesOf(STATUSES)),
		due_at: parseDueAt(node, itemIndex, additional.dueAt, ctx.getTimezone()) ?? now,
	};
	if (
		additional.note !== undefined &&
		additional.note !== null &&
		String(additional.note).trim() !== ''
	)
		fields.note = String(additional.note);
	return fields;
}

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
		const pages = eachPage(
			client.taskPages(
				{ user_id: userId, sort_by_field: 'task_created_at', sort_ascending: false },
				itemIndex,
			),
		);
		for await (const { records } of pages) {
			recent.push(...records.filter((task) => createdAt(task) >= since));
			if (records.some((task) => !(createdAt(task) >= since))) break;
		}
	}
	return openTasksByKey(recent, new Set(userIds));
}

export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: ApolloClient,
	stopAtFirstError: boolean,
): Promise<ItemOutcome[]> {
	const node: INode = this.getNode();
	const outcomes: ItemOutcome[] = items.map((_, itemIndex) => ({ itemIndex, data: [] }));
	const failed = (itemIndex: number, error: NodeError) => {
		outcomes[itemIndex].error ??= error;
		return stopAtFirstError;
	};
	const batchSize = wholeNumber(
		node,
		0,
		'Batch Size',
		this.getNodeParameter('options.batchSize', 0, DEFAULT_BATCH_SIZE),
		1,
		MAX_BATCH_SIZE,
	);
	const skipExisting = this.getNodeParameter('options.ifTaskExists', 0, 'skip') === 'skip';
	const lookbackHours = wholeNumber(
		node,
		0,
		'Duplicate Check Lookback',
		this.getNodeParameter('options.lookbackHours', 0, DEFAULT_LOOKBACK_HOURS),
		1,
		MAX_LOOKBACK_HOURS,
	);
	const skipUnknown = this.getNodeParameter('options.unknownEmails', 0, 'error') === 'skip';
	const simplify = (itemIndex: number) =>
		this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const now = Math.floor(clock.now() / 1000) * 1000;

	// Everything is read and checked before the first request, so a bad item sends nothing.
	const asked: Array<TaskRequest & { emails: string[] }> = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fields = taskFields(this, itemIndex, new Date(now).toISOString());
			const by = this.getNodeParameter('contactsBy', itemIndex, 'id') as string;
			if (by === 'email') {
				asked.push({
					itemIndex,
					fields,
					contactIds: [],
					emails: contactEmails(node, itemIndex, this.getNodeParameter('contactEmails', itemIndex)),
				});
			} else {
				const value =
					by === 'list'
						? locatorValue(this.getNodeParameter('contact', itemIndex, ''))
						: this.getNodeParameter('contactIds', itemIndex);
				asked.push({
					itemIndex,
					fields,
					contactIds: contactIds(node, itemIndex, value),
					emails: [],
				});
			}
		} catch (error) {
			if (failed(itemIndex, error as NodeError)) return outcomes;
		}
	}

	const lookup = await lookUpEmails(client, asked, skipUnknown, failed);
	if (lookup.stopped) return outcomes;
	for (const { itemIndex, email } of lookup.unknown) {
		outcomes[itemIndex].data.push({
			json: {
				created: false,
				email,
				message: 'No Apollo contact has this email; no task was created for it',
			},
			pairedItem: { item: itemIndex },
		});
	}
	let requests: TaskRequest[] = asked.filter(
		(request) => !outcomes[request.itemIndex].error && request.contactIds.length > 0,
	);

	const created = new Map<string, ApolloTask>();
	let repeats: Array<{ itemIndex: number; contactId: string; firstItemIndex: number }> = [];
	if (skipExisting) {
		const userIds = [
			...new Set(
				requests.filter((r) => r.fields.status === 'scheduled').map((r) => r.fields.user_id),
			),
		];
		let open = new Map<string, ApolloTask>();
		try {
			if (userIds.length)
				open = await recentOpenTasks(
					client,
					userIds,
					now - lookbackHours * 3_600_000,
					requests[0].itemIndex,
				);
		} catch (error) {
			for (const request of requests)
				if (
					failed(
						request.itemIndex,
						batchItemError(node, error as NodeError, request.itemIndex, 'failed'),
					)
				)
					return outcomes;
			return outcomes;
		}
		const split = withoutExisting(requests, open);
		for (const { itemIndex, task } of split.found)
			outcomes[itemIndex].data.push(
				taskItem(task, simplify(itemIndex), itemIndex, { existing: true }),
			);
		requests = split.toCreate;
		repeats = split.repeats;
	}

	let stopReason: NodeError | undefined;
	const createdItems = new Set<number>();
	for (const batch of planBatches(requests, batchSize)) {
		const batchItems = itemsOf(batch);
		if (stopReason) {
			for (const itemIndex of batchItems)
				failed(itemIndex, batchItemError(node, stopReason, itemIndex, 'not sent'));
			continue;
		}
		let answer: Awaited<ReturnType<ApolloClient['tasks']['bulkCreate']>>;
		try {
			answer = await client.tasks.bulkCreate(
				{ ...batch.fields, contact_ids: batch.contactIds },
				batch.wanted[0].itemIndex,
			);
		} catch (error) {
			const nodeError = error as NodeError;
			if (stopAtFirstError) {
				failed(batchItems[0], withProgress(nodeError, [...createdItems], batchItems));
				return outcomes;
			}
			for (const itemIndex of batchItems)
				failed(itemIndex, batchItemError(node, nodeError, itemIndex, 'failed'));
			if (repeatsForEveryBatch(nodeError)) stopReason = nodeError;
			continue;
		}
		if (answer === true) {
			for (const { itemIndex, contactId } of batch.wanted) {
				const json = {
					created: true,
					contact_id: contactId,
					...batch.fields,
					message: 'Apollo created the task but, like its older API, did not return it',
				};
				outcomes[itemIndex].data.push({ json, pairedItem: { item: itemIndex } });
			}
			continue;
		}
		const kind =
			answer === undefined ? 'empty' : answer.success === false ? 'unsuccessful' : 'short';
		const missing = new Map<number, string[]>();
		for (const { itemIndex, contactId, task } of matchCreated(batch, answer?.tasks ?? [])) {
			if (!task) {
				missing.set(itemIndex, [...(missing.get(itemIndex) ?? []), contactId]);
				continue;
			}
			created.set(sameTaskKey(task.user_id, contactId, task.type), task);
			createdItems.add(itemIndex);
			outcomes[itemIndex].data.push(taskItem(task, simplify(itemIndex), itemIndex));
		}
		for (const [itemIndex, contacts] of missing) {
			if (
				failed(itemIndex, missingTaskError(node, { itemIndex, contactIds: contacts, answer: kind }))
			)
				return outcomes;
		}
	}

	for (const { itemIndex, contactId, firstItemIndex } of repeats) {
		const request = asked.find((r) => r.itemIndex === itemIndex)!;
		const task = created.get(sameTaskKey(request.fields.user_id, contactId, request.fields.type));
		if (task)
			outcomes[itemIndex].data.push(
				taskItem(task, simplify(itemIndex), itemIndex, { existing: true }),
			);
		else if (outcomes[firstItemIndex].error)
			failed(itemIndex, batchItemError(node, outcomes[firstItemIndex].error!, itemIndex, 'failed'));
	}
	return outcomes;
}
