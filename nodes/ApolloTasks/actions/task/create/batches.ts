import type { ApolloTask, ApolloTaskFields } from '../../../transport/types';
import type { Slot } from './ledger';

/** One bulk create: the task fields its slots share, and the slots, each a distinct contact. */
export interface Batch {
	fields: ApolloTaskFields;
	slots: Slot[];
}

export const contactIdsOf = (batch: Batch): string[] => batch.slots.map((slot) => slot.contactId);

/**
 * Groups the slots whose task fields are equal and splits each group into batches of at most
 * `batchSize` contacts. A contact appears at most once in a batch, so a task Apollo returns names its
 * slot; two slots for one contact (Create Another) go to separate batches. Batches keep item order.
 */
export function planBatches(slots: Slot[], batchSize: number): Batch[] {
	const groups = new Map<string, Batch[]>();
	for (const slot of slots) {
		const key = JSON.stringify(slot.fields);
		let batches = groups.get(key);
		if (!batches) groups.set(key, (batches = []));
		// Apollo's bulk create takes no title: a task with one is created alone.
		const size = slot.fields.title === undefined ? batchSize : 1;
		let batch = batches.find(
			(b) => b.slots.length < size && !b.slots.some((s) => s.contactId === slot.contactId),
		);
		if (!batch) batches.push((batch = { fields: slot.fields, slots: [] }));
		batch.slots.push(slot);
	}
	return [...groups.values()].flat();
}

/** Whether a task is one this batch asked for: the same fields, for one of its contacts. */
export function fromBatch(task: ApolloTask, batch: Batch): boolean {
	const { fields } = batch;
	return (
		task.user_id === fields.user_id &&
		task.type === fields.type &&
		task.priority === fields.priority &&
		task.status === (fields.status ?? 'scheduled') &&
		Date.parse(task.due_at ?? '') === Date.parse(fields.due_at ?? '') &&
		(task.note ?? '') === (fields.note ?? '') &&
		(fields.title === undefined || task.title === fields.title) &&
		task.contact_id !== null &&
		contactIdsOf(batch).includes(task.contact_id)
	);
}
