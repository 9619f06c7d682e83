import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../../shared/items';
import {
	apolloIncompleteAnswer,
	failureFor,
	isOutcomeUnknown,
	type NodeError,
} from '../../../transport/errors';

// Every error Create gives an item, in one table: what the message and the description say. Each is made
// whole, once; an error that came from Apollo keeps its kind and HTTP code, with Create's words on it.

const SKIP_FINDS_THEM =
	'Running again with If an Open Task Exists: Skip (the default) does not create it twice: a task that exists is found and output with existing: true.';

/** The input items, counted from 0, as a short list. */
const itemList = (items: number[]): string =>
	items.length > 20
		? `${items.slice(0, 20).join(', ')} and ${items.length - 20} more`
		: items.join(', ');

type Words = { message?: string; description: string };

const ITEM_ERRORS = {
	/** An email no Apollo contact has, with Unknown Emails: Fail the Item. */
	unknownEmail: (d: { email: string }): Words => ({
		message: `Contact Emails: no Apollo contact has the email "${d.email}"`,
		description:
			'Add the contact in Apollo first, correct the email, or set Options > Unknown Emails to Skip the Contact or Create the Contact.',
	}),

	/** Apollo answered Bulk Create Contacts without this email's contact. */
	contactNotCreated: (d: { email: string }): Words => ({
		message: `Apollo did not create a contact for "${d.email}"`,
		description:
			'Its answer listed the contact neither as created nor as existing, so no task was created for it. Check the email and the New Contact Fields, then run again.',
	}),

	/** A failed contact create; where its answer was lost, safe to run again: Apollo's dedupe finds what it made. */
	contactsFailed: (d: { cause: NodeError }): Words => ({
		description: `${d.cause.description ?? ''} ${
			isOutcomeUnknown(d.cause)
				? "The contacts may or may not have been created. Running again is safe: Apollo's dedupe returns a contact it already has instead of making it twice."
				: ''
		} No task was created for this item.`
			.replace(/\s+/g, ' ')
			.trim(),
	}),

	/**
	 * A bulk create that failed. Where its answer was lost, what may be true and what to do depend on
	 * If an Open Task Exists; `created` names the items that already have their tasks.
	 */
	createFailed: (d: {
		cause: NodeError;
		lost: boolean;
		skip: boolean;
		created: number[];
		failed: number[];
	}): Words => {
		const whatIsTrue = !d.lost
			? ''
			: d.skip
				? `The tasks may or may not have been created, and search did not show them. ${SKIP_FINDS_THEM}`
				: 'The tasks may or may not have been created. Apollo does not deduplicate tasks, and with Create Another a re-run creates them again: search for them in Apollo first.';
		const progress = d.created.length
			? `Tasks were already created for input items ${itemList(d.created)} (counting from 0); the failed request held items ${itemList(d.failed)}.`
			: '';
		return {
			description: [d.cause.description, whatIsTrue, progress].filter(Boolean).join(' '),
		};
	},

	/** A batch left unsent because an earlier one failed in a way that would repeat. */
	notSent: (d: { cause: NodeError }): Words => ({
		message: `Not sent: ${d.cause.message}`,
		description:
			'An earlier request failed in a way that would repeat for this one (key, plan or rate limit), so it was not sent and nothing was created for this item.',
	}),

	/** Apollo answered a bulk create as done but without a task for some contacts. */
	missingTask: (d: { contactIds: string[]; answer: 'short' | 'unsuccessful' | 'empty' }): Words => {
		const said = {
			short: 'returned no task for',
			unsuccessful: 'answered "success: false" for',
			empty: 'answered with an empty body for',
		}[d.answer];
		const contacts = `contact${d.contactIds.length > 1 ? 's' : ''} ${d.contactIds.join(', ')}`;
		return {
			message: `Apollo ${said} ${contacts}`,
			description: `The task may or may not exist in Apollo. ${SKIP_FINDS_THEM}`,
		};
	},

	/** Apollo answered a bulk create with a bare true (its older API) and search did not show the tasks. */
	notShown: (d: { contactIds: string[] }): Words => ({
		message: `Apollo created the task for contact${d.contactIds.length > 1 ? 's' : ''} ${d.contactIds.join(', ')} but did not return it, and search did not show it in time`,
		description: `The task exists in Apollo, but the node could not read it. ${SKIP_FINDS_THEM} With Create Another, a re-run creates a second one.`,
	}),

	/** Skipping this execution's duplicate of a racer's task failed: it stays open beside the survivor. */
	duplicateNotSkipped: (d: { cause: NodeError; duplicate: string; survivor: string }): Words => ({
		description:
			`${d.cause.description ?? ''} Task ${d.duplicate} duplicates task ${d.survivor}, made at the same moment by another run; the node tried to skip it and could not. Skip or delete task ${d.duplicate} in Apollo.`.trim(),
	}),

	/** n8n's cancel ended a wait for the tasks to show in search. */
	cancelled: (): Words => ({
		message: 'The execution was cancelled while the node waited for Apollo',
		description: `The node was checking in search that its tasks show in Apollo; the tasks it created exist. ${SKIP_FINDS_THEM}`,
	}),
};

export type ItemErrorKind = keyof typeof ITEM_ERRORS;

/**
 * The error of one kind for `itemIndex`. Built on `cause` when there is one (kind and HTTP code kept);
 * otherwise a field error for an unknown email, and for the rest Apollo's answer falling short.
 */
export function itemError<K extends ItemErrorKind>(
	node: INode,
	itemIndex: number,
	kind: K,
	details: Parameters<(typeof ITEM_ERRORS)[K]>[0],
): NodeError {
	const words = (ITEM_ERRORS[kind] as (d: typeof details) => Words)(details);
	const cause = (details as { cause?: NodeError } | undefined)?.cause;
	if (cause) return failureFor(node, cause, itemIndex, words);
	const message = words.message ?? kind;
	if (kind === 'unknownEmail') {
		const [field, problem] = message.split(': ');
		return inputError(node, itemIndex, field, problem, words.description);
	}
	if (kind === 'cancelled')
		return new NodeOperationError(node, message, { description: words.description, itemIndex });
	return apolloIncompleteAnswer(node, { ...words, message, answer: kind, itemIndex });
}
