import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { Report } from '../../../shared/items';
import type { ApolloApi, ApolloTask, ApolloTaskFields, Clock } from '../../../transport/types';

/** One run of Create: what its steps call, and where they report each item's outcome. */
export interface Run {
	client: ApolloApi;
	clock: Clock;
	report: Report;
	/** A task as this item's output, simplified if the item asks for it; `extra` on top. */
	output: (task: ApolloTask, itemIndex: number, extra?: IDataObject) => INodeExecutionData;
	/** How long to look for new tasks in search (If an Open Task Exists: Skip); 0 not to look. */
	confirmMs: number;
}

/** What one input item asks for: these task fields, for each of these contacts. */
export interface TaskRequest {
	itemIndex: number;
	fields: ApolloTaskFields;
	contactIds: string[];
}

/** A task this execution created for one contact of one item; `recovered` when found after a lost answer. */
export interface Made {
	itemIndex: number;
	contactId: string;
	task: ApolloTask;
	recovered?: boolean;
}

/** Room for Apollo's clock and this machine's to disagree, and for racers that created a little earlier. */
export const CLOCK_MARGIN_MS = 60_000;

export const createdAt = (task: ApolloTask): number => Date.parse(task.created_at ?? '');

/** The order every racer applies: the older task first, then the smaller ID. */
export function firstMade(a: ApolloTask, b: ApolloTask): number {
	const at = (task: ApolloTask) => (Number.isFinite(createdAt(task)) ? createdAt(task) : Infinity);
	return at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** One contact's task, wanted by one input item. */
export interface Wanted {
	itemIndex: number;
	contactId: string;
}

/** A contact an earlier item already asked for: served by that item's task (`key`: sameTaskKey). */
export type Repeat = Wanted & { firstItemIndex: number; key: string };

/** One bulk_create request: shared task fields, distinct contacts, and who wanted each. */
export interface Batch {
	fields: ApolloTaskFields;
	wanted: Wanted[];
	contactIds: string[];
}

/**
 * Groups the requests whose task fields are equal and splits each group into batches of at most
 * `batchSize` contacts. A contact appears at most once in a batch: when two items want a task for the
 * same contact, each gets its own, from separate requests. Batches keep the order of the items.
 */
export function planBatches(requests: TaskRequest[], batchSize: number): Batch[] {
	const groups = new Map<string, Batch[]>();
	for (const request of requests) {
		const key = JSON.stringify(request.fields);
		let batches = groups.get(key);
		if (!batches) groups.set(key, (batches = []));
		for (const contactId of request.contactIds) {
			let batch = batches.find(
				(b) => b.contactIds.length < batchSize && !b.contactIds.includes(contactId),
			);
			if (!batch) {
				batch = { fields: request.fields, wanted: [], contactIds: [] };
				batches.push(batch);
			}
			batch.wanted.push({ itemIndex: request.itemIndex, contactId });
			batch.contactIds.push(contactId);
		}
	}
	return [...groups.values()].flat();
}

/** Each wanted task with the task Apollo returned for its contact, if it returned one. */
export function matchCreated(
	batch: Batch,
	tasks: ApolloTask[],
): Array<Wanted & { task?: ApolloTask }> {
	const byContact = new Map<string, ApolloTask>();
	for (const task of tasks) if (task.contact_id) byContact.set(task.contact_id, task);
	return batch.wanted.map((wanted) => ({ ...wanted, task: byContact.get(wanted.contactId) }));
}

/** The input items a batch serves, each once, in order. */
export const itemsOf = (batch: Batch): number[] => [
	...new Set(batch.wanted.map((w) => w.itemIndex)),
];

/** The key under which an open task counts as "the same task": assignee, contact and type. */
export const sameTaskKey = (userId: string, contactId: string, type: string): string =>
	`${userId}|${contactId}|${type}`;

/**
 * The open (scheduled) tasks among `tasks`, by assignee, contact and type; the newest wins. Each task is
 * checked here, whatever filter the search was sent with.
 */
export function openTasksByKey(tasks: ApolloTask[], userIds: Set<string>): Map<string, ApolloTask> {
	const open = new Map<string, ApolloTask>();
	for (const task of tasks) {
		if (task.status !== 'scheduled' || !task.contact_id || !userIds.has(task.user_id)) continue;
		const key = sameTaskKey(task.user_id, task.contact_id, task.type);
		if (!open.has(key)) open.set(key, task);
	}
	return open;
}

/**
 * Splits each request's contacts into those that already have the same open task (found) and those
 * that need one. A contact asked for twice in one run is created once: the second asker is served by the
 * first one's task.
 */
export function withoutExisting(
	requests: TaskRequest[],
	open: Map<string, ApolloTask>,
): {
	toCreate: TaskRequest[];
	found: Array<Wanted & { task: ApolloTask }>;
	repeats: Repeat[];
} {
	const toCreate: TaskRequest[] = [];
	const found: Array<Wanted & { task: ApolloTask }> = [];
	const repeats: Repeat[] = [];
	const asked = new Map<string, number>();
	for (const request of requests) {
		if (request.fields.status !== 'scheduled') {
			toCreate.push(request);
			continue;
		}
		const contactIds: string[] = [];
		for (const contactId of request.contactIds) {
			const key = sameTaskKey(request.fields.user_id, contactId, request.fields.type);
			const task = open.get(key);
			const first = asked.get(key);
			if (task) found.push({ itemIndex: request.itemIndex, contactId, task });
			else if (first !== undefined)
				repeats.push({ itemIndex: request.itemIndex, contactId, firstItemIndex: first, key });
			else {
				asked.set(key, request.itemIndex);
				contactIds.push(contactId);
			}
		}
		if (contactIds.length) toCreate.push({ ...request, contactIds });
	}
	return { toCreate, found, repeats };
}

/** Whether a task is the one this batch asked for its contact: the same fields, created after it was sent. */
export function fromBatch(task: ApolloTask, batch: Batch): boolean {
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
 * The task that stands for a contact's new task: every racer sees the same open tasks for the contact
 * and keeps the first made (`firstMade`); a task that is not scheduled stands alone.
 */
export function survivorOf(task: ApolloTask, contactId: string, seen: ApolloTask[]): ApolloTask {
	if (task.status !== 'scheduled') return task;
	const key = sameTaskKey(task.user_id, contactId, task.type);
	const rivals = seen.filter(
		(t) =>
			t.id !== task.id &&
			t.status === 'scheduled' &&
			t.contact_id === contactId &&
			sameTaskKey(t.user_id, contactId, t.type) === key,
	);
	return [task, ...rivals].sort(firstMade)[0];
}
