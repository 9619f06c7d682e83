import type { INode } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { inputError, type NodeError } from '../../../shared/items';
import {
	apolloIncompleteAnswer,
	explainUnknownOutcome,
	sameFailureFor,
} from '../../../transport/types';

const RUN_AGAIN =
	'Running again with If an Open Task Exists: Skip (the default) does not create it twice: a task that exists is found and output with existing: true.';

/** A bulk create whose answer was lost: what may be true of its tasks. */
export const lostCreate = (error: NodeError): NodeError =>
	explainUnknownOutcome(
		error,
		'The tasks may or may not have been created. Apollo does not deduplicate tasks: search for them in Apollo before running this again.',
	);

/** The failure that left a request unsent, for each item of it: nothing was created for them. */
export const notSentError = (node: INode, error: NodeError, itemIndex: number): NodeError =>
	sameFailureFor(node, error, itemIndex, {
		message: `Not sent: ${error.message}`,
		description:
			'An earlier request failed in a way that would repeat for this one, so it was not sent and nothing was created for this item.',
	});

/** Whether later batches would meet the same problem (key, plan, rate limit, base URL): then they are not sent. */
export function repeatsForEveryBatch(error: NodeError): boolean {
	return !(error instanceof NodeApiError) || ['401', '403', '429'].includes(String(error.httpCode));
}

/** A failed batch's error says which items already have their tasks, for a node that stops on it. */
export function withProgress<E extends NodeError>(
	error: E,
	createdItems: number[],
	failedItems: number[],
): E {
	if (createdItems.length === 0) return error;
	const done = [...createdItems].sort((a, b) => a - b);
	const list =
		done.length > 20
			? `${done.slice(0, 20).join(', ')} and ${done.length - 20} more`
			: done.join(', ');
	error.description =
		`${error.description ?? ''} Tasks were already created for input items ${list} (counting from 0); the failed request held items ${failedItems.join(
			', ',
		)}. Running again is safe with If an Open Task Exists: Skip (the default): the created tasks are found, not made twice.`.trim();
	return error;
}

/** Apollo answered a bulk_create with success but without a task for some contacts. */
export function missingTaskError(
	node: INode,
	details: { itemIndex: number; contactIds: string[]; answer: 'short' | 'unsuccessful' | 'empty' },
): NodeApiError {
	const said = {
		short: 'returned no task for',
		unsuccessful: 'answered "success: false" for',
		empty: 'answered with an empty body for',
	}[details.answer];
	const contacts = details.contactIds.join(', ');
	return apolloIncompleteAnswer(node, {
		message: `Apollo ${said} contact${details.contactIds.length > 1 ? 's' : ''} ${contacts}`,
		description: `The task may or may not exist in Apollo. ${RUN_AGAIN}`,
		answer: details.answer,
		itemIndex: details.itemIndex,
	});
}

/** An email no Apollo contact has, with Unknown Emails: Fail the Item. */
export const unknownEmailError = (node: INode, itemIndex: number, email: string) =>
	inputError(
		node,
		itemIndex,
		'Contact Emails',
		`no Apollo contact has the email "${email}"`,
		'Add the contact in Apollo first, correct the email, or set Options > Unknown Emails to Skip the Contact.',
	);

/** The output of an email no Apollo contact has, with Unknown Emails: Skip the Contact. */
export const unknownEmailItem = (itemIndex: number, email: string) => ({
	json: {
		created: false,
		email,
		message: 'No Apollo contact has this email; no task was created for it',
	},
	pairedItem: { item: itemIndex },
});

/** The note a skipped duplicate carries in Apollo. */
export const duplicateNote = (survivor: { id: string }): string =>
	`Duplicate of task ${survivor.id}: two runs of one n8n workflow created the same task at the same moment, and this one was skipped so that one stays open.`;

/** Skipping this execution's duplicate failed: it stays open beside the survivor. */
export function duplicateNotSkipped(
	error: NodeError,
	duplicate: { id: string },
	survivor: { id: string },
): NodeError {
	error.description =
		`${error.description ?? ''} Task ${duplicate.id} duplicates task ${survivor.id}, made at the same moment by another run; the node tried to skip it and could not. Skip or delete task ${duplicate.id} in Apollo.`.trim();
	return error;
}

/** A contact create whose answer was lost: safe to run again, since Apollo's dedupe finds what it made. */
export const lostContactCreate = (error: NodeError): NodeError =>
	explainUnknownOutcome(
		error,
		"The contacts may or may not have been created. Running again is safe: Apollo's dedupe returns a contact it already has instead of making it twice.",
	);

/** Apollo answered Bulk Create Contacts without this email's contact. */
export const contactNotCreatedError = (
	node: INode,
	itemIndex: number,
	email: string,
): NodeApiError =>
	apolloIncompleteAnswer(node, {
		message: `Apollo did not create a contact for "${email}"`,
		description:
			'Its answer listed the contact neither as created nor as existing, so no task was created for it. Check the email and the contact fields, then run again.',
		answer: 'no contact',
		itemIndex,
	});
