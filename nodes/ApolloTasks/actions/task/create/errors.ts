import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	apolloIncompleteAnswer,
	failureFor,
	isOutcomeUnknown,
	type NodeError,
} from '../../../transport/errors';

// The errors Create makes for an item, in one table: what the message and the description say. Each is
// made whole, once; one built on Apollo's error keeps its kind and HTTP code, with Create's words on it.
// (A wrong field is the field's own error, from shared/items.ts; an owner or contact look-up that fails
// passes on the transport's error as it is.)

const SKIP_FINDS_THEM =
	'Running again with If an Open Task Exists: Skip (the default) does not create it twice: a task that exists is found and output with existing: true.';
const NOT_CHECKED =
	'Apollo does not deduplicate tasks and the node checks for an open task only with If an Open Task Exists: Skip and Status Scheduled: search for them in Apollo before running this again.';

/** "contact a" or "contacts a, b". */
const contacts = (ids: string[]): string => `contact${ids.length > 1 ? 's' : ''} ${ids.join(', ')}`;

/** The input items, counted from 0, as a short list. */
const itemList = (items: number[]): string =>
	items.length > 20
		? `${items.slice(0, 20).join(', ')} and ${items.length - 20} more`
		: items.join(', ');

type Words = { message?: string; description: string };

const ITEM_ERRORS = {
	/** An email no Apollo contact has, with Unknown Emails: Fail the Item: the field's error. */
	unknownEmail: (d: { email: string }): Words => ({
		message: `Contact Emails: no Apollo contact has the email "${d.email}"`,
		description:
			'Add the contact in Apollo first, correct the email, or set Options > Unknown Emails to Skip the Contact or Create the Contact.',
	}),

	/** The keyword search for an email matched more contacts than the node reads, none with the email. */
	emailUndecided: (d: { email: string; results: number }): Words => ({
		message: `Contact Emails: Apollo's search for "${d.email}" matched ${d.results} contacts, and none of the first 500 has this email`,
		description:
			"Apollo finds contacts by keywords (names, titles, employers, emails), not by exact email, so the node checks each result itself and cannot tell beyond 500. Give the contact's ID instead (Contacts By: IDs), or set Options > Unknown Emails to Create the Contact: Apollo's dedupe then finds a contact it has by its email.",
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

	/** The duplicate check could not read the assignee's tasks: nothing was created for the item. */
	checkFailed: (d: { cause: NodeError }): Words => ({
		description:
			`${d.cause.description ?? ''} No task was created for this item: the node could not check for an open task first.`.trim(),
	}),

	/**
	 * A bulk create that failed. Where its answer was lost, what may be true and what to do depend on
	 * whether a re-run would find the tasks (`checked`: Skip, Status Scheduled) and whether the node
	 * looked for them in search (`looked`); `created` names the items that already have their tasks.
	 */
	createFailed: (d: {
		cause: NodeError;
		lost: boolean;
		checked: boolean;
		looked: boolean;
		created: number[];
		failed: number[];
	}): Words => {
		const shown = d.looked ? ', and search did not show them' : '';
		const whatIsTrue = !d.lost
			? ''
			: `The tasks may or may not have been created${shown}. ${d.checked ? SKIP_FINDS_THEM : NOT_CHECKED}`;
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
			'An earlier request failed in a way that would repeat for this one, so it was not sent and nothing was created for this item.',
	}),

	/** Apollo answered a bulk create as done but without a task for some contacts. */
	missingTask: (d: {
		contactIds: string[];
		answer: 'short' | 'unsuccessful' | 'empty';
		checked: boolean;
	}): Words => {
		const said = {
			short: 'returned no task for',
			unsuccessful: 'answered "success: false" for',
			empty: 'answered with an empty body for',
		}[d.answer];
		return {
			message: `Apollo ${said} ${contacts(d.contactIds)}`,
			description: `The task may or may not exist in Apollo. ${d.checked ? SKIP_FINDS_THEM : NOT_CHECKED}`,
		};
	},

	/** Apollo answered a bulk create with a bare true (its older API) and search did not show the tasks. */
	notShown: (d: { contactIds: string[]; checked: boolean }): Words => ({
		message: `Apollo created the task for ${contacts(d.contactIds)} but did not return it, and search did not show it`,
		description: `The task exists in Apollo, but the node could not read it. ${d.checked ? SKIP_FINDS_THEM : 'Search for it in Apollo: running this again would create it a second time.'}`,
	}),

	/** Skipping this execution's duplicate of a racer's task failed: it stays open beside the survivor. */
	duplicateNotSkipped: (d: { cause: NodeError; duplicate: string; survivor: string }): Words => ({
		description:
			`${d.cause.description ?? ''} Task ${d.duplicate} duplicates task ${d.survivor}, made at the same moment by another run; the node tried to skip it and could not. Skip or delete task ${d.duplicate} in Apollo.`.trim(),
	}),
};

export type ItemErrorKind = keyof typeof ITEM_ERRORS;

/**
 * The error of one kind for `itemIndex`. Built on `cause` when there is one (kind and HTTP code kept);
 * otherwise the field's error for an unknown email, and for the rest Apollo's answer falling short.
 */
export function itemError<K extends ItemErrorKind>(
	node: INode,
	itemIndex: number,
	kind: K,
	details: Parameters<(typeof ITEM_ERRORS)[K]>[0],
): NodeError {
	const words = (ITEM_ERRORS[kind] as (d: typeof details) => Words)(details);
	const cause = (details as { cause?: NodeError }).cause;
	if (cause) return failureFor(node, cause, itemIndex, words);
	const message = words.message ?? kind;
	if (kind === 'unknownEmail' || kind === 'emailUndecided')
		return new NodeOperationError(node, message, { description: words.description, itemIndex });
	return apolloIncompleteAnswer(node, { ...words, message, answer: kind, itemIndex });
}
