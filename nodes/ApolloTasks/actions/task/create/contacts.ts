import { assigneeId } from '../../../shared/assignee';
import type { ApolloClient } from '../../../transport/client';
import type { ItemOutcome, NodeError } from '../../operation';
import { unknownEmailError, unknownEmailItem } from './errors';
import type { AskedTask } from './input';
import type { TaskRequest } from './plan';

/**
 * Turns each item's emails into contact IDs, with one contact search per distinct email. An email no
 * contact has fails its item, or, with `skipUnknown`, gets an output saying no task was made for it.
 * Yields each item's outcome as soon as it is known; returns the requests that have contacts.
 */
export async function* findContactsByEmail(
	client: ApolloClient,
	asked: AskedTask[],
	skipUnknown: boolean,
): AsyncGenerator<ItemOutcome[], TaskRequest[]> {
	const found = new Map<string, string | undefined>();
	const ready: TaskRequest[] = [];
	for (const { emails, assignee: _assignee, ...request } of asked) {
		const { itemIndex } = request;
		const outcome: ItemOutcome = { itemIndex, data: [] };
		for (const email of emails) {
			if (!found.has(email)) {
				try {
					const response = await client.contacts.search(1, 10, email, itemIndex);
					const match = (response?.contacts ?? []).find((c) => c.email?.toLowerCase() === email);
					found.set(email, match?.id);
				} catch (error) {
					outcome.error = error as NodeError;
					break;
				}
			}
			const id = found.get(email);
			if (id && !request.contactIds.includes(id)) request.contactIds.push(id);
			else if (!id && skipUnknown) outcome.data.push(unknownEmailItem(itemIndex, email));
			else if (!id) {
				outcome.error = unknownEmailError(client.node, itemIndex, email);
				break;
			}
		}
		if (outcome.error || outcome.data.length) yield [outcome];
		if (!outcome.error && request.contactIds.length > 0) ready.push(request);
	}
	return ready;
}

/**
 * Assigned To by email: the Apollo user with that email, from one read of the team however many items
 * name owners. An email no user has fails its item before anything is created for it.
 */
export async function* findAssignees(
	client: ApolloClient,
	asked: AskedTask[],
): AsyncGenerator<ItemOutcome[], AskedTask[]> {
	const ready: AskedTask[] = [];
	for (const request of asked) {
		try {
			request.fields.user_id = await assigneeId(
				client,
				request.itemIndex,
				'Assigned To',
				request.assignee,
			);
			ready.push(request);
		} catch (error) {
			yield [{ itemIndex: request.itemIndex, data: [], error: error as NodeError }];
		}
	}
	return ready;
}
