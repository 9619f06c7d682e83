import type { INode, INodeExecutionData } from 'n8n-workflow';

import type { ItemOutcome } from '../../../shared/items';
import { failureFor, type NodeError } from '../../../transport/errors';
import type { ApolloTask, ApolloTaskFields } from '../../../transport/types';

/**
 * One task Create owes: for this item, for this contact, with these fields. Resolved once, to the task
 * (made now, or `existing`) or to an error. A slot that `repeats` an earlier item's slot (the same
 * scheduled task asked for again) is never resolved itself: it gets what that slot gets.
 */
export interface Slot {
	readonly itemIndex: number;
	readonly fields: ApolloTaskFields;
	/** Changes only when Apollo refused a remembered contact ID and the email was looked up afresh. */
	contactId: string;
	/** The node created this contact in this execution. */
	readonly contactCreated: boolean;
	readonly repeats?: Slot;
	outcome?: { task: ApolloTask; existing: boolean } | { error: NodeError };
}

/** The fields every Create output item has on top of the task: one shape for every item. */
export interface OutputFlags {
	existing: boolean;
	contact_created: boolean;
}

/** The key under which an open task counts as "the same task": assignee, contact and type. */
export const sameTaskKey = (userId: string, contactId: string, type: string): string =>
	`${userId}|${contactId}|${type}`;

/**
 * What Create owes each input item and what each got: every outcome is written here, once, and the
 * output is read off at the end, in item order. `failed` hears of each error as it is written, so the
 * router can stop the node at the first one.
 */
export class Ledger {
	private readonly slots: Slot[] = [];
	/** Items that failed as a whole (bad input, unknown owner, failed look-up), with their error. */
	private readonly itemErrors = new Map<number, NodeError>();
	/** Items whose slots are all written (none when all their emails were skipped). */
	private readonly placed = new Set<number>();
	/** With If an Open Task Exists: Skip, the slot of each scheduled task asked for, by sameTaskKey. */
	private readonly askedFirst = new Map<string, Slot>();

	constructor(
		private readonly node: INode,
		private readonly itemCount: number,
		private readonly oneTaskPerKey: boolean,
		private readonly failed: (error: NodeError) => void,
	) {}

	/** An item that failed before it asked for any task; nothing is created for it. */
	failItem(itemIndex: number, error: NodeError): void {
		if (this.itemErrors.has(itemIndex)) return;
		this.itemErrors.set(itemIndex, error);
		this.failed(error);
	}

	/**
	 * Writes the tasks an item asks for, one slot per contact. With If an Open Task Exists: Skip, the slot
	 * of a scheduled task an earlier item already asked for repeats that item's slot.
	 */
	ask(
		itemIndex: number,
		fields: ApolloTaskFields,
		contacts: Array<{ id: string; created: boolean }>,
	) {
		this.placed.add(itemIndex);
		for (const { id, created } of contacts) {
			const key = sameTaskKey(fields.user_id, id, fields.type);
			const single = this.oneTaskPerKey && fields.status === 'scheduled';
			const repeats = single ? this.askedFirst.get(key) : undefined;
			const slot: Slot = { itemIndex, fields, contactId: id, contactCreated: created, repeats };
			if (single && !repeats) this.askedFirst.set(key, slot);
			this.slots.push(slot);
		}
	}

	/** Slots still to resolve, repeats left out (they get what the slot they repeat gets), in item order. */
	open(): Slot[] {
		return this.slots
			.filter((slot) => !slot.repeats && !slot.outcome && !this.itemErrors.has(slot.itemIndex))
			.sort((a, b) => a.itemIndex - b.itemIndex);
	}

	resolve(slot: Slot, outcome: NonNullable<Slot['outcome']>): void {
		if (slot.outcome) throw new Error(`Task for contact ${slot.contactId} resolved twice`);
		slot.outcome = outcome;
		if ('error' in outcome) this.failed(outcome.error);
	}

	/** After a step failed unexpectedly: every item and task still open gets `error`. */
	failOpen(error: NodeError): void {
		for (let itemIndex = 0; itemIndex < this.itemCount; itemIndex++)
			if (!this.placed.has(itemIndex)) this.failItem(itemIndex, error);
		for (const slot of this.open()) this.resolve(slot, { error });
	}

	/**
	 * Each item's output, in item order: its tasks (`output` shapes each), then its first error (an item
	 * whose contacts failed in different ways shows the first). A repeat gets the task of the slot it
	 * repeats with `existing: true`, or the same error for its own item.
	 */
	outcomes(
		output: (task: ApolloTask, itemIndex: number, flags: OutputFlags) => INodeExecutionData,
	): ItemOutcome[] {
		const slotsOf = new Map<number, Slot[]>();
		for (const slot of this.slots) {
			if (!slotsOf.has(slot.itemIndex)) slotsOf.set(slot.itemIndex, []);
			slotsOf.get(slot.itemIndex)!.push(slot);
		}
		const outcomes: ItemOutcome[] = [];
		for (let itemIndex = 0; itemIndex < this.itemCount; itemIndex++) {
			const itemError = this.itemErrors.get(itemIndex);
			if (itemError) {
				outcomes.push({ itemIndex, data: [], error: failureFor(this.node, itemError, itemIndex) });
				continue;
			}
			const outcome: ItemOutcome = { itemIndex, data: [] };
			for (const slot of slotsOf.get(itemIndex) ?? []) {
				const resolved = (slot.repeats ?? slot).outcome;
				if (!resolved) throw new Error(`No outcome for contact ${slot.contactId}`);
				if ('error' in resolved) {
					outcome.error ??= failureFor(this.node, resolved.error, itemIndex);
					continue;
				}
				const existing = resolved.existing || slot.repeats !== undefined;
				const flags = { existing, contact_created: slot.contactCreated };
				outcome.data.push(output(resolved.task, itemIndex, flags));
			}
			if (outcome.data.length || outcome.error) outcomes.push(outcome);
		}
		return outcomes;
	}
}
