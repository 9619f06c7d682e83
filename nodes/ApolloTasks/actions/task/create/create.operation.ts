import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { taskItem } from '../../../shared/taskOutput';
import type { ApolloApi, ApolloTask, Clock } from '../../../transport/types';
import { nodeError, type Report } from '../../operation';
import { createInBatches, settle, type Created } from './batches';
import { batchItemError } from './errors';
import { readOptions, readRequests } from './input';
import { ContactMemory, findAssignees, findContacts } from './people';
import { withoutExisting, type Repeat, type TaskRequest } from './plan';
import { confirm, findLostTasks, recentOpenTasks } from './recent';

/**
 * If an Open Task Exists: Skip. Contacts that already have the same open task get it, with
 * `existing: true`; a contact asked for twice is created once. Returns what is left to create.
 */
async function withoutOpenTasks(
	client: ApolloApi,
	requests: TaskRequest[],
	since: number,
	simplify: (itemIndex: number) => boolean,
	report: Report,
): Promise<{ toCreate: TaskRequest[]; repeats: Repeat[] }> {
	const scheduled = requests.filter((r) => r.fields.status === 'scheduled');
	const userIds = [...new Set(scheduled.map((r) => r.fields.user_id))];
	let open = new Map<string, ApolloTask>();
	try {
		if (userIds.length) open = await recentOpenTasks(client, userIds, since, requests[0].itemIndex);
	} catch (error) {
		const failure = nodeError(client.node, error, requests[0].itemIndex);
		report(
			requests.map(({ itemIndex }) => ({
				itemIndex,
				data: [],
				error: batchItemError(client.node, failure, itemIndex, 'failed'),
			})),
		);
		return { toCreate: [], repeats: [] };
	}
	const split = withoutExisting(requests, open);
	report(
		split.found.map(({ itemIndex, task }) => ({
			itemIndex,
			data: [taskItem(task, simplify(itemIndex), itemIndex, { existing: true })],
		})),
	);
	return split;
}

/** Items that asked for a contact an earlier item asked for get that item's task, or its error. */
function serveRepeats(
	client: ApolloApi,
	repeats: Repeat[],
	created: Created,
	standing: Map<string, ApolloTask>,
	simplify: (itemIndex: number) => boolean,
	report: Report,
): void {
	for (const { itemIndex, firstItemIndex, key } of repeats) {
		const task = standing.get(key);
		const failure = created.failures.get(firstItemIndex);
		if (task) {
			const data = [taskItem(task, simplify(itemIndex), itemIndex, { existing: true })];
			report([{ itemIndex, data }]);
		} else if (failure) {
			const error = batchItemError(client.node, failure, itemIndex, 'failed');
			report([{ itemIndex, data: [], error }]);
		}
	}
}

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
	const simplify = (itemIndex: number) =>
		this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const now = Math.floor(clock.now() / 1000) * 1000;
	// Confirming and settling belong to If an Open Task Exists: Skip; Create Another always creates.
	const confirmMs = options.skipExisting ? options.confirmWithinSeconds * 1000 : 0;
	const memory = new ContactMemory(
		options.rememberContactIds ? this.getWorkflowStaticData('node') : undefined,
		clock.now(),
	);
	let madeContacts = new Set<string>();
	// Task items of contacts this execution created say so: `contact_created: true`.
	const report: Report = (outcomes) => {
		for (const item of outcomes.flatMap((o) => o.data))
			if (madeContacts.has(String(item.json.contact_id))) item.json.contact_created = true;
		reportToRouter(outcomes);
	};

	const { asked, failures } = readRequests(this, items.length, now);
	report(failures);
	const assigned = await findAssignees(client, asked, report);
	const contacts = await findContacts(client, assigned, options.unknownEmails, memory, report);
	madeContacts = contacts.made;
	const { toCreate, repeats } = options.skipExisting
		? await withoutOpenTasks(
				client,
				contacts.requests,
				now - options.lookbackHours * 3_600_000,
				simplify,
				report,
			)
		: { toCreate: contacts.requests, repeats: [] };
	const created = await createInBatches(
		client,
		toCreate,
		options.batchSize,
		clock.now,
		{
			findLost: confirmMs
				? async (batch, sentAt) => await findLostTasks(client, clock, batch, sentAt, confirmMs)
				: undefined,
			lookAgain: contacts.lookAgain,
		},
		report,
	);
	const seen =
		confirmMs && created.made.length ? await confirm(client, clock, created.made, confirmMs) : [];
	const standing = await settle(client, created.made, seen, simplify, report);
	serveRepeats(client, repeats, created, standing, simplify, report);
}
