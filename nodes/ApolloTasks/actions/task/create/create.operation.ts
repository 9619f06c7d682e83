import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { taskItem } from '../../../shared/taskOutput';
import type { ApolloClient } from '../../../transport/client';
import type { Clock } from '../../../transport/settings';
import type { ApolloTask } from '../../../transport/types';
import type { ItemOutcome } from '../../operation';
import { createInBatches, type Created, type FindLostTasks } from './batches';
import { confirmAndSettle } from './confirm';
import { findAssignees, findContactsByEmail } from './contacts';
import { findOpenTasks } from './duplicates';
import { batchItemError } from './errors';
import { readOptions, readRequests } from './input';
import type { Repeat } from './plan';
import { findLostTasks } from './recover';

export { description } from './description';

/** Items that asked for a contact an earlier item asked for get that item's task, or its error. */
function serveRepeats(
	client: ApolloClient,
	repeats: Repeat[],
	created: Created,
	standing: Map<string, ApolloTask>,
	simplify: (itemIndex: number) => boolean,
): ItemOutcome[] {
	return repeats.flatMap(({ itemIndex, firstItemIndex, key }): ItemOutcome[] => {
		const task = standing.get(key);
		if (task)
			return [
				{ itemIndex, data: [taskItem(task, simplify(itemIndex), itemIndex, { existing: true })] },
			];
		const failure = created.failures.get(firstItemIndex);
		if (!failure) return [];
		return [
			{ itemIndex, data: [], error: batchItemError(client.node, failure, itemIndex, 'failed') },
		];
	});
}

/** Task items of contacts this execution created say so: `contact_created: true`. */
async function* markContactsMade<R>(
	steps: AsyncGenerator<ItemOutcome[], R>,
	madeContacts: Set<string>,
): AsyncGenerator<ItemOutcome[], R> {
	for (;;) {
		const step = await steps.next();
		if (step.done) return step.value;
		for (const { data } of step.value) {
			for (const item of data)
				if (madeContacts.has(String(item.json.contact_id))) item.json.contact_created = true;
		}
		yield step.value;
	}
}

/**
 * Create: read every item, look up contacts by email, find the open tasks that already exist, create
 * the rest in few bulk requests, confirm them in search and settle a race with another execution, and
 * serve repeated asks. Each step's outcomes are yielded before the next step sends anything.
 */
export async function* executeBatch(
	this: IExecuteFunctions,
	items: INodeExecutionData[],
	client: ApolloClient,
	clock: Clock,
): AsyncGenerator<ItemOutcome[], void> {
	const options = readOptions(this);
	const simplify = (itemIndex: number) =>
		this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const now = Math.floor(clock.now() / 1000) * 1000;
	// Confirming and settling belong to If an Open Task Exists: Skip; Create Another always creates.
	const confirmMs = options.skipExisting ? options.confirmWithinSeconds * 1000 : 0;

	const { asked, failures } = readRequests(this, items.length, now);
	yield failures;
	const assigned = yield* findAssignees(client, asked);
	const { requests, madeContacts } = yield* findContactsByEmail(
		client,
		assigned,
		options.unknownEmails,
	);
	const { toCreate, repeats } = options.skipExisting
		? yield* findOpenTasks(client, requests, {
				since: now - options.lookbackHours * 3_600_000,
				simplify,
			})
		: { toCreate: requests, repeats: [] };
	const findLost: FindLostTasks | undefined = confirmMs
		? async (batch, sentAt) => await findLostTasks(client, clock, batch, sentAt, confirmMs)
		: undefined;
	const created = yield* createInBatches(client, toCreate, options.batchSize, clock.now, findLost);
	const confirmed = confirmAndSettle(client, clock, created.made, confirmMs, simplify);
	const standing = yield* markContactsMade(confirmed, madeContacts);
	yield serveRepeats(client, repeats, created, standing, simplify);
}
