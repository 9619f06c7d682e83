import type { IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { nodeError, type ItemOutcome, type NodeError, type Report } from '../../../shared/items';
import { taskItem } from '../../../shared/values';
import {
	isOutcomeUnknown,
	sameFailureFor,
	type ApolloApi,
	type ApolloBulkCreateResponse,
	type ApolloTask,
	type Clock,
} from '../../../transport/types';
import {
	lostCreate,
	missingTaskError,
	notSentError,
	repeatsForEveryBatch,
	withProgress,
} from './errors';
import { readOptions, readRequests } from './input';
import { ContactMemory, findAssignees, findContacts, type Contacts } from './people';
import {
	itemsOf,
	matchCreated,
	planBatches,
	type Batch,
	type Made,
	type Repeat,
	type Run,
	type TaskRequest,
} from './plan';
import { confirm, findLostTasks, settle, withoutOpenTasks } from './recent';

/**
 * Create, in its steps: read and check every item, find the assignees and the contacts by email, keep
 * the open tasks that already exist, create the rest in few bulk requests, confirm them in search and
 * settle a race with another execution, and serve repeated asks. Every step reports each item's outcome
 * as soon as it is known; after an error that stops the node the client sends nothing more.
 */
export async function executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: ApolloApi,
	reportToRouter: Report,
	clock: Clock,
): Promise<void> {
	const options = readOptions(this);
	const now = Math.floor(clock.now() / 1000) * 1000;
	const memory = new ContactMemory(
		options.rememberContactIds ? this.getWorkflowStaticData('node') : undefined,
		clock.now(),
	);
	const { asked, simplified, failures } = readRequests(this, items.length, now);
	let madeContacts = new Set<string>();
	// What each item got so far, for the items that repeat its contacts.
	const given = {
		data: new Map<number, INodeExecutionData[]>(),
		errors: new Map<number, NodeError>(),
	};
	const run: Run = {
		client,
		clock,
		// Task items of contacts this execution created say so: `contact_created: true`.
		report: (outcomes) => {
			for (const { itemIndex, data, error } of outcomes) {
				for (const item of data)
					if (madeContacts.has(String(item.json.contact_id))) item.json.contact_created = true;
				given.data.set(itemIndex, [...(given.data.get(itemIndex) ?? []), ...data]);
				if (error) given.errors.set(itemIndex, error);
			}
			reportToRouter(outcomes);
		},
		output: (task, itemIndex, extra) => taskItem(task, simplified.has(itemIndex), itemIndex, extra),
		// Confirming and settling belong to If an Open Task Exists: Skip; Create Another always creates.
		confirmMs: options.skipExisting ? options.confirmWithinSeconds * 1000 : 0,
	};

	run.report(failures);
	const assigned = await findAssignees(run, asked);
	const contacts = await findContacts(run, assigned, options.unknownEmails, memory);
	madeContacts = contacts.made;
	const { toCreate, repeats } = options.skipExisting
		? await withoutOpenTasks(run, contacts.requests, now - options.lookbackHours * 3_600_000)
		: { toCreate: contacts.requests, repeats: [] };
	const made = await createInBatches(run, toCreate, options.batchSize, contacts.lookAgain);
	const seen = run.confirmMs && made.length ? await confirm(run, made) : [];
	const standing = await settle(run, made, seen);
	serveRepeats(run, repeats, given, standing);
}

/** Adds what Apollo's answer to one batch made to `made`; an error for each contact it left out. */
function answered(
	node: INode,
	batch: Batch,
	answer: ApolloBulkCreateResponse | undefined,
	made: Made[],
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
		if (task) made.push({ itemIndex, contactId, task });
		else missing.set(itemIndex, [...(missing.get(itemIndex) ?? []), contactId]);
	}
	const kind = answer === undefined ? 'empty' : answer.success === false ? 'unsuccessful' : 'short';
	return [...missing].map(([itemIndex, contactIds]) => ({
		itemIndex,
		data: [],
		error: missingTaskError(node, { itemIndex, contactIds, answer: kind }),
	}));
}

/** The batch with the contacts Apollo refused swapped for those found again; undefined if none changed. */
async function retried(
	batch: Batch,
	error: NodeError,
	lookAgain: Contacts['lookAgain'],
): Promise<Batch | undefined> {
	if (!(error instanceof NodeApiError) || String(error.httpCode) !== '422') return undefined;
	const swapped = await lookAgain(batch.contactIds);
	if (swapped.size === 0) return undefined;
	const swap = (id: string) => swapped.get(id) ?? id;
	return {
		...batch,
		contactIds: batch.contactIds.map(swap),
		wanted: batch.wanted.map((w) => ({ ...w, contactId: swap(w.contactId) })),
	};
}

/**
 * One bulk create per batch. A failed batch fails each of its items, but for the tasks `findLostTasks`
 * finds after an answer was lost; a failure that would repeat (key, plan, rate limit) leaves the
 * batches after it unsent. Reports each batch's errors; returns the tasks made, for the steps that
 * output them.
 */
async function createInBatches(
	run: Run,
	requests: TaskRequest[],
	batchSize: number,
	lookAgain: Contacts['lookAgain'],
): Promise<Made[]> {
	const { client, report } = run;
	const node = client.node;
	const made: Made[] = [];
	const fail = (items: number[], error: (itemIndex: number) => NodeError) =>
		report(items.map((itemIndex) => ({ itemIndex, data: [], error: error(itemIndex) })));
	let stopReason: NodeError | undefined;
	for (let batch of planBatches(requests, batchSize)) {
		const asked = batch.wanted[0].itemIndex;
		if (stopReason) {
			const reason = stopReason;
			fail(itemsOf(batch), (itemIndex) => notSentError(node, reason, itemIndex));
			continue;
		}
		const sentAt = run.clock.now();
		const send = async (b: Batch) =>
			await client.tasks.bulkCreate({ ...b.fields, contact_ids: b.contactIds }, asked);
		let answer: ApolloBulkCreateResponse | undefined;
		try {
			try {
				answer = await send(batch);
			} catch (error) {
				const refused = nodeError(node, error, asked);
				const again = await retried(batch, refused, lookAgain);
				if (!again) throw refused;
				answer = await send((batch = again));
			}
		} catch (error) {
			const failure = lostCreate(nodeError(node, error, asked));
			if (repeatsForEveryBatch(failure)) stopReason = failure;
			const found =
				run.confirmMs && isOutcomeUnknown(failure) ? await findLostTasks(run, batch, sentAt) : [];
			made.push(...found);
			const lost = batch.wanted.filter((w) => !found.some((f) => f.contactId === w.contactId));
			const failed = [...new Set(lost.map((w) => w.itemIndex))];
			withProgress(failure, [...new Set(made.map((m) => m.itemIndex))], failed);
			fail(failed, (itemIndex) => sameFailureFor(node, failure, itemIndex));
			continue;
		}
		report(answered(node, batch, answer, made));
	}
	return made;
}

/**
 * Items that asked for a contact an earlier item asked for get that item's task for the contact, or
 * what it got for the contact when Apollo returned no task, or else its error.
 */
function serveRepeats(
	{ client, report, output }: Run,
	repeats: Repeat[],
	given: { data: Map<number, INodeExecutionData[]>; errors: Map<number, NodeError> },
	standing: Map<string, ApolloTask>,
): void {
	for (const { itemIndex, contactId, firstItemIndex, key } of repeats) {
		const task = standing.get(key);
		const failure = given.errors.get(firstItemIndex);
		const said = given.data.get(firstItemIndex)?.find((d) => d.json.contact_id === contactId);
		if (task) {
			const data = [output(task, itemIndex, { existing: true })];
			report([{ itemIndex, data }]);
		} else if (said) {
			const json = { ...said.json, existing: true };
			report([{ itemIndex, data: [{ json, pairedItem: { item: itemIndex } }] }]);
		} else if (failure) {
			const error = sameFailureFor(client.node, failure, itemIndex);
			report([{ itemIndex, data: [], error }]);
		}
	}
}
