import { assigneeId } from '../../../shared/assignee';
import type { ApolloClient } from '../../../transport/client';
import type { ItemOutcome, NodeError } from '../../operation';
import { unknownEmailError, unknownEmailItem } from './errors';
import type { AskedTask, UnknownEmails } from './input';
import { createContacts, type NewContact } from './newContacts';
import type { TaskRequest } from './plan';

/** The contact ID of each email (undefined: Apollo has none), one contact search per distinct email. */
async function lookUp(client: ApolloClient, asked: AskedTask[]) {
	const ids = new Map<string, string | undefined>();
	const failed = new Map<number, NodeError>();
	for (const { itemIndex, emails } of asked) {
		for (const email of emails.filter((e) => !ids.has(e))) {
			try {
				const response = await client.contacts.search(1, 10, email, itemIndex);
				const match = (response?.contacts ?? []).find((c) => c.email?.toLowerCase() === email);
				ids.set(email, match?.id);
			} catch (error) {
				failed.set(itemIndex, error as NodeError);
				break;
			}
		}
	}
	return { ids, failed };
}

/**
 * Turns each item's emails into contact IDs. An email no contact has fails its item, gets an output
 * saying no task was made for it, or gets a contact made from the item's New Contact Fields (`create`).
 * Yields each item's outcome; returns the requests that have contacts, and the emails whose contact
 * this execution made.
 */
export async function* findContactsByEmail(
	client: ApolloClient,
	asked: AskedTask[],
	unknownEmails: UnknownEmails,
): AsyncGenerator<ItemOutcome[], { requests: TaskRequest[]; madeContacts: Set<string> }> {
	const { ids, failed } = await lookUp(client, asked);
	const wanted = new Map<string, NewContact>();
	for (const { itemIndex, emails, newContact } of asked) {
		if (unknownEmails !== 'create' || failed.has(itemIndex)) continue;
		for (const email of emails.filter((e) => ids.get(e) === undefined && !wanted.has(e)))
			wanted.set(email, { itemIndex, contact: { ...newContact, email } });
	}
	const created = wanted.size ? await createContacts(client, [...wanted.values()]) : undefined;
	const ready: TaskRequest[] = [];
	for (const { emails, assignee: _assignee, newContact: _newContact, ...request } of asked) {
		const { itemIndex } = request;
		const outcome: ItemOutcome = { itemIndex, data: [], error: failed.get(itemIndex) };
		for (const email of outcome.error ? [] : emails) {
			const id = ids.get(email) ?? created?.ids.get(email);
			if (id && !request.contactIds.includes(id)) request.contactIds.push(id);
			else if (id) continue;
			else if (unknownEmails === 'skip') outcome.data.push(unknownEmailItem(itemIndex, email));
			else {
				outcome.error =
					created?.failed.get(email) ?? unknownEmailError(client.node, itemIndex, email);
				break;
			}
		}
		if (outcome.error || outcome.data.length) yield [outcome];
		if (!outcome.error && request.contactIds.length > 0) ready.push(request);
	}
	const madeContacts = new Set([...(created?.made ?? [])].map((email) => created!.ids.get(email)!));
	return { requests: ready, madeContacts };
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
