import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { nodeError, type ItemOutcome } from '../../../shared/items';
import { taskItem } from '../../../shared/output';
import type { ApolloClient } from '../../../transport/client';
import { isOutcomeUnknown, type NodeError } from '../../../transport/errors';
import type { ApolloBulkCreateResponse, ApolloTask, Clock } from '../../../transport/types';
import { readAsks, readOptions, type Ask } from './asks';
import { contactIdsOf, fromBatch, planBatches, type Batch } from './batches';
import { itemError } from './errors';
import { Ledger, type Slot } from './ledger';
import { ContactMemory, findAssignees, findContacts, type SkippedEmail } from './people';
import { CLOCK_MARGIN_MS, firstMade, RecentTasks, standingTask } from './recentTasks';

/** What every step of one run shares. */
interface Run {
	ctx: IExecuteFunctions;
	client: ApolloClient;
	clock: Clock;
	ledger: Ledger;
	recent: RecentTasks;
	options: ReturnType<typeof readOptions>;
	/** If an Open Task Exists: Skip with Confirm Within above 0: look for new tasks in search. */
	confirms: boolean;
}

/**
 * A task made for one slot, not yet in the ledger (the confirmation decides what the slot gets).
 * `foundInSearch`: Apollo did not return it (a lost answer, a bare true) and search showed it; it may be
 * another run's, so it is never skipped.
 */
interface Made {
	slot: Slot;
	task: ApolloTask;
	foundInSearch: boolean;
}

/**
 * Create, in its steps: read and check every item; find the owners and the contacts by email; with If
 * an Open Task Exists: Skip, keep the open tasks that exist; create the rest in few bulk requests;
 * confirm them in search and settle a race with another execution. Each step writes what each item got
 * in the ledger; the output is read off it at the end. `failed` hears of every error as it happens: the
 * router stops the client at the first one unless Continue On Fail is on.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: ApolloClient,
	failed: (error: NodeError) => void,
	clock: Clock,
): Promise<ItemOutcome[]> {
	const options = readOptions(this);
	const confirms = options.skipExisting && options.confirmWithinSeconds > 0;
	const now = Math.floor(clock.now() / 1000) * 1000;
	const ledger = new Ledger(client.node, items.length, options.skipExisting, failed);
	const recent = new RecentTasks(client, clock, confirms ? options.confirmWithinSeconds * 1000 : 0);
	const run: Run = { ctx: this, client, clock, ledger, recent, options, confirms };
	const memory = new ContactMemory(
		options.rememberContactIds ? this.getWorkflowStaticData('node') : undefined,
		clock.now(),
	);
	let asks: Ask[] = [];
	const made: Made[] = [];
	try {
		asks = readAsks(this, items.length, now, ledger);
		const owned = await findAssignees(client, asks, ledger);
		const contacts = await findContacts(client, owned, options.unknownEmails, memory, ledger);
		tellSkipped(this, contacts.skipped);
		if (options.skipExisting) await checkForOpenTasks(run, now - options.lookbackHours * 3_600_000);
		await createInBatches(run, contacts.lookAgain, made);
		await confirmAndSettle(run, made);
	} catch (error) {
		// A step that throws instead of writing its outcome is a bug. The tasks made stand as made;
		// every other item and task still open gets the error.
		for (const { slot, task } of made)
			if (!slot.outcome) ledger.resolve(slot, { task, existing: false });
		ledger.failOpen(nodeError(client.node, error, 0));
	}
	const shapes = new Map(asks.map((ask) => [ask.itemIndex, ask.shape]));
	return ledger.outcomes((task, itemIndex, flags) =>
		taskItem(task, shapes.get(itemIndex) ?? 'raw', itemIndex, { ...flags }),
	);
}

/** Unknown Emails: Skip the Contact: the emails no contact has, in the execution's hints and the log. */
function tellSkipped(ctx: IExecuteFunctions, skipped: SkippedEmail[]): void {
	if (!skipped.length) return;
	const list = skipped.map(({ email, itemIndex }) => `${email} (item ${itemIndex})`);
	const shown =
		list.length > 10
			? `${list.slice(0, 10).join(', ')} and ${list.length - 10} more`
			: list.join(', ');
	const message = `No Apollo contact has ${skipped.length === 1 ? 'this email' : `these ${skipped.length} emails`}, so no task was created for ${skipped.length === 1 ? 'it' : 'them'} (Unknown Emails: Skip the Contact): ${shown}`;
	ctx.logger?.info(message);
	ctx.addExecutionHints?.({ message, location: 'outputPane' });
}

/**
 * The duplicate check: each open slot whose contact already has the same open task from the same
 * assignee, made since `since` (the lookback), gets that task with `existing: true`. Records of past
 * work (Status Completed or Skipped) are not checked. A failed read fails the slots it was for.
 */
async function checkForOpenTasks({ client, ledger, recent }: Run, since: number): Promise<void> {
	const scheduled = ledger.open().filter((slot) => slot.fields.status === 'scheduled');
	if (!scheduled.length) return;
	const byAssignee = new Map<string, ApolloTask[]>();
	try {
		for (const { fields, itemIndex } of scheduled) {
			if (byAssignee.has(fields.user_id)) continue;
			byAssignee.set(fields.user_id, await recent.read(fields.user_id, since, itemIndex));
		}
	} catch (error) {
		const cause = nodeError(client.node, error, scheduled[0].itemIndex);
		for (const slot of scheduled) {
			const failure = itemError(client.node, slot.itemIndex, 'checkFailed', { cause });
			ledger.resolve(slot, { error: failure });
		}
		return;
	}
	for (const slot of scheduled) {
		const same = { ...slot.fields, contactId: slot.contactId };
		const task = standingTask(byAssignee.get(slot.fields.user_id)!, same);
		if (task) ledger.resolve(slot, { task, existing: true });
	}
}

/**
 * Whether later batches would meet the same problem: the key, the plan, a rate limit, a connection that
 * never reached Apollo (Base URL, network, certificate), or the node's own stop or cancel. Then they
 * are not sent.
 */
const repeatsForEveryBatch = (error: NodeError): boolean =>
	!(error instanceof NodeApiError) ||
	['401', '403', '429'].includes(String(error.httpCode)) ||
	(!error.httpCode && !isOutcomeUnknown(error));

/**
 * One bulk create per batch of open slots. Adds the tasks made to `made`, for the confirmation; writes
 * every slot that got no task in the ledger: a failed batch fails its slots but for the tasks found
 * after a lost answer, and a failure that would repeat leaves the batches after it unsent.
 */
async function createInBatches(
	run: Run,
	lookAgain: (contactIds: string[]) => Promise<Map<string, string>>,
	made: Made[],
): Promise<void> {
	const { client, clock, ledger, options, confirms } = run;
	const node = client.node;
	let stopReason: NodeError | undefined;
	for (const batch of planBatches(ledger.open(), options.batchSize)) {
		const asker = batch.slots[0].itemIndex;
		const checked = options.skipExisting && batch.fields.status === 'scheduled';
		if (stopReason) {
			for (const slot of batch.slots) {
				const error = itemError(node, slot.itemIndex, 'notSent', { cause: stopReason });
				ledger.resolve(slot, { error });
			}
			continue;
		}
		const sentAt = clock.now();
		let answer: Awaited<ReturnType<typeof client.tasks.bulkCreate>>;
		try {
			answer = await sendBatch(client, batch, lookAgain);
		} catch (error) {
			const cause = nodeError(node, error, asker);
			if (repeatsForEveryBatch(cause)) stopReason = cause;
			const lost = isOutcomeUnknown(cause);
			const found = lost && confirms ? await findInSearch(run, batch, sentAt) : new Map();
			const itemsOf = (slots: Slot[]) =>
				[...new Set(slots.map((slot) => slot.itemIndex))].sort((a, b) => a - b);
			const notFound = batch.slots.filter((slot) => !found.has(slot.contactId));
			for (const slot of batch.slots)
				if (found.has(slot.contactId))
					made.push({ slot, task: found.get(slot.contactId)!, foundInSearch: true });
			const created = itemsOf(made.map((m) => m.slot));
			const details = {
				cause,
				lost,
				checked,
				looked: lost && confirms,
				created,
				failed: itemsOf(notFound),
			};
			for (const slot of notFound)
				ledger.resolve(slot, { error: itemError(node, slot.itemIndex, 'createFailed', details) });
			continue;
		}
		if (answer === true) {
			// The older API's bare true: the tasks exist, and search is the only way to read them.
			const found = await findInSearch(run, batch, sentAt);
			for (const slot of batch.slots) {
				const task = found.get(slot.contactId);
				if (task) made.push({ slot, task, foundInSearch: true });
				else failUnmatched(run, [slot], 'notShown', checked);
			}
			continue;
		}
		const returned = new Map((answer?.tasks ?? []).map((task) => [task.contact_id, task]));
		const unmatched: Slot[] = [];
		for (const slot of batch.slots) {
			const task = returned.get(slot.contactId);
			if (task) made.push({ slot, task, foundInSearch: false });
			else unmatched.push(slot);
		}
		const kind =
			answer === undefined ? 'empty' : answer.success === false ? 'unsuccessful' : 'short';
		failUnmatched(run, unmatched, kind, checked);
	}
}

/** Each item's slots that Apollo's answer left without a task fail with one error naming their contacts. */
function failUnmatched(
	{ client, ledger }: Run,
	slots: Slot[],
	how: 'short' | 'unsuccessful' | 'empty' | 'notShown',
	checked: boolean,
): void {
	for (const itemIndex of new Set(slots.map((slot) => slot.itemIndex))) {
		const own = slots.filter((slot) => slot.itemIndex === itemIndex);
		const contactIds = own.map((slot) => slot.contactId);
		const error =
			how === 'notShown'
				? itemError(client.node, itemIndex, 'notShown', { contactIds, checked })
				: itemError(client.node, itemIndex, 'missingTask', { contactIds, answer: how, checked });
		for (const slot of own) ledger.resolve(slot, { error });
	}
}

/**
 * Sends one batch. When Apollo refuses it (422) and some of its contact IDs came from Remember Contact
 * IDs, those emails are looked up afresh and the batch is sent once more with the new IDs.
 */
async function sendBatch(
	client: ApolloClient,
	batch: Batch,
	lookAgain: (contactIds: string[]) => Promise<Map<string, string>>,
) {
	const asker = batch.slots[0].itemIndex;
	// A title goes only with a single create (planBatches gives such tasks a batch each).
	const send = async (): Promise<ApolloBulkCreateResponse | undefined> => {
		if (batch.fields.title === undefined)
			return await client.tasks.bulkCreate(
				{ ...batch.fields, contact_ids: contactIdsOf(batch) },
				asker,
			);
		const [slot] = batch.slots;
		const task = await client.tasks.create({ ...batch.fields, contact_id: slot.contactId }, asker);
		return task ? { success: true, tasks: [task] } : undefined;
	};
	try {
		return await send();
	} catch (error) {
		const refused = nodeError(client.node, error, asker);
		if (!(refused instanceof NodeApiError) || String(refused.httpCode) !== '422') throw refused;
		const swapped = await lookAgain(contactIdsOf(batch));
		if (swapped.size === 0) throw refused;
		for (const slot of batch.slots) slot.contactId = swapped.get(slot.contactId) ?? slot.contactId;
		return await send();
	}
}

/**
 * The tasks a batch made when Apollo did not return them (a lost answer, a bare true): those search
 * shows with the batch's fields, created since it was sent, the first made for each contact. Looks
 * within Confirm Within; a failed look finds nothing.
 */
async function findInSearch(
	{ recent }: Run,
	batch: Batch,
	sentAt: number,
): Promise<Map<string, ApolloTask>> {
	const found = new Map<string, ApolloTask>();
	const look = () => ({ since: sentAt - CLOCK_MARGIN_MS, stopWhenDone: false });
	const done = (seen: Map<string, ApolloTask>) => {
		found.clear();
		for (const task of [...seen.values()].filter((t) => fromBatch(t, batch)).sort(firstMade))
			if (!found.has(task.contact_id!)) found.set(task.contact_id!, task);
		return batch.slots.every((slot) => found.has(slot.contactId));
	};
	try {
		await recent.until(batch.fields.user_id, batch.slots[0].itemIndex, look, done);
	} catch {
		// The slots not found get their own error, which says what may be true.
	}
	return found;
}

/** The note a skipped duplicate carries in Apollo. */
const duplicateNote = (survivor: ApolloTask): string =>
	`Duplicate of task ${survivor.id}: two runs of one n8n workflow created the same task at the same moment, and this one was skipped so that one stays open.`;

/**
 * With If an Open Task Exists: Skip, after the creates: reads each assignee's newest tasks until every
 * task made shows (the first look reaches back past the oldest by Confirm Within and a margin, where a
 * racing execution's tasks are). A task of this execution that is not the standing one among what
 * search showed is skipped in Apollo with a note naming it, and its slot gets the standing task with
 * `existing: true`. Only tasks this execution created are ever skipped, never one found after a lost
 * answer (it may be another's). Without the confirmation, each made task is its slot's.
 */
async function confirmAndSettle(run: Run, made: Made[]): Promise<void> {
	const { ctx, client, clock, ledger, recent, confirms } = run;
	const seen = new Map<string, ApolloTask>();
	if (confirms) {
		for (const userId of new Set(made.map((m) => m.task.user_id))) {
			const mine = made.filter((m) => m.task.user_id === userId);
			const missing = () => mine.filter((m) => !seen.has(m.task.id));
			const oldest = (list: Made[]) => {
				const times = list.map((m) => Date.parse(m.task.created_at ?? '')).filter(Number.isFinite);
				return times.length ? Math.min(...times) : clock.now();
			};
			const look = (attempt: number) =>
				attempt === 1
					? { since: oldest(mine) - recent.confirmMs - CLOCK_MARGIN_MS, stopWhenDone: false }
					: { since: oldest(missing()) - CLOCK_MARGIN_MS, stopWhenDone: true };
			try {
				const shown = (found: Map<string, ApolloTask>) => mine.every((m) => found.has(m.task.id));
				await recent.until(userId, mine[0].slot.itemIndex, look, shown, seen);
			} catch (error) {
				// The tasks exist; only a race is left unsettled. Said in the log, not as an item's error.
				ctx.logger?.warn(
					`Apollo Tasks: could not confirm the new tasks in search: ${String(error)}`,
				);
			}
		}
	}
	for (const { slot, task, foundInSearch } of made) {
		const others = [...seen.values()].filter((t) => t.id !== task.id);
		const same = { ...task, contactId: slot.contactId };
		const standing = task.status === 'scheduled' ? standingTask([task, ...others], same)! : task;
		if (standing.id === task.id) {
			ledger.resolve(slot, { task, existing: false });
			continue;
		}
		try {
			if (!foundInSearch)
				await client.tasks.finish(task.id, 'skip', duplicateNote(standing), slot.itemIndex, {
					onTaskPage: true,
				});
			ledger.resolve(slot, { task: standing, existing: true });
		} catch (error) {
			const cause = nodeError(client.node, error, slot.itemIndex);
			const details = { cause, duplicate: task.id, survivor: standing.id };
			ledger.resolve(slot, {
				error: itemError(client.node, slot.itemIndex, 'duplicateNotSkipped', details),
			});
		}
	}
}
