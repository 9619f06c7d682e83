import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

// The records Apollo answers with (as far as this package reads them), the calls Create makes, and what
// a failure means for the items it stopped.

/** Bulk Create Contacts takes at most this many contacts a request. */
export const MAX_CONTACTS_PER_BULK_CREATE = 100;

/** Every task type Apollo has today (the old API page listed only call, manual email and action item). */
export type ApolloTaskType =
	| 'action_item'
	| 'call'
	| 'linkedin_step_connect'
	| 'linkedin_step_interact_post'
	| 'linkedin_step_message'
	| 'linkedin_step_view_profile'
	| 'outreach_manual_email';

export type ApolloPriority = 'high' | 'medium' | 'low';

export type ApolloStatus = 'scheduled' | 'completed' | 'skipped';

export interface ApolloPagination {
	page: number;
	per_page: number;
	total_entries: number;
	total_pages: number;
}

export interface ApolloContact {
	id: string;
	name?: string | null;
	first_name?: string | null;
	last_name?: string | null;
	email?: string | null;
	title?: string | null;
	organization_name?: string | null;
	account_id?: string | null;
	[key: string]: unknown;
}

export interface ApolloAccount {
	id: string;
	name?: string | null;
	domain?: string | null;
	[key: string]: unknown;
}

export interface ApolloTask {
	id: string;
	user_id: string;
	contact_id: string | null;
	account_id?: string | null;
	type: string;
	priority: string;
	status: string;
	due_at: string | null;
	note: string | null;
	created_at?: string;
	creator_id?: string | null;
	completed_at?: string | null;
	skipped_at?: string | null;
	contact?: ApolloContact | null;
	account?: ApolloAccount | null;
	[key: string]: unknown;
}

export interface ApolloUser {
	id: string;
	name?: string | null;
	first_name?: string | null;
	last_name?: string | null;
	email?: string | null;
	deleted?: boolean;
}

export interface ApolloContactSearchResponse {
	contacts: ApolloContact[];
	pagination: ApolloPagination;
}

/** `true` is what the older API answered. */
export type ApolloBulkCreateResponse = { success?: boolean; tasks?: ApolloTask[] } | true;

export interface ApolloTaskFields {
	user_id: string;
	type: ApolloTaskType;
	priority: ApolloPriority;
	due_at?: string;
	status?: ApolloStatus;
	note?: string;
}

export interface ApolloBulkCreateBody extends ApolloTaskFields {
	contact_ids: string[];
}

/** A contact to create: what a CRM knows of a person. */
export interface ApolloNewContact {
	email: string;
	first_name?: string;
	last_name?: string;
	organization_name?: string;
	title?: string;
}

export interface ApolloBulkCreateContactsBody {
	contacts: ApolloNewContact[];
	/** Apollo returns a contact it already has in `existing_contacts` instead of making it again. */
	run_dedupe: boolean;
}

export interface ApolloBulkCreateContactsResponse {
	created_contacts?: ApolloContact[];
	existing_contacts?: ApolloContact[];
}

/** The time and the waits of one node: tests hand the node a clock of their own. */
export interface Clock {
	/** The time now, in ms. */
	now: () => number;
	/** Waits `ms`, or less when `signal` aborts first. */
	sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/**
 * What Create (and an owner looked up by email) asks of Apollo, as the client (client.ts) answers it.
 * Each call is one request unless it says otherwise; rate limits are waited out and reads retried inside
 * it. A failure throws a NodeApiError or NodeOperationError for `itemIndex`; once the router has stopped
 * the client, every call throws before it sends anything.
 */
export interface ApolloApi {
	readonly node: INode;
	/** n8n's cancel signal for this execution: a wait between calls ends on it. */
	readonly signal: AbortSignal | undefined;
	tasks: {
		/** POST /tasks/bulk_create: one task of these fields for each contact. */
		bulkCreate(
			body: ApolloBulkCreateBody,
			itemIndex?: number,
		): Promise<ApolloBulkCreateResponse | undefined>;
		/** POST /tasks/{id}/complete or /skip, with a note; the task as it is after. */
		finish(
			id: string,
			how: 'complete' | 'skip',
			note: string | undefined,
			itemIndex?: number,
		): Promise<ApolloTask>;
		/**
		 * A user's tasks created at or after `since` (ms), newest first: one search per 100 of them,
		 * and one for the page that reaches past `since`; `enough` stops the reading early.
		 */
		createdSince(
			user: string,
			since: number,
			itemIndex: number,
			enough?: (tasks: ApolloTask[]) => boolean,
		): Promise<ApolloTask[]>;
	};
	contacts: {
		/** POST /contacts/bulk_create, at most 100; with `run_dedupe`, one Apollo has comes back as existing. */
		bulkCreate(
			body: ApolloBulkCreateContactsBody,
			itemIndex?: number,
		): Promise<ApolloBulkCreateContactsResponse | undefined>;
		/** POST /contacts/search: one page of contacts matching the keywords (an email, say). */
		search(
			page: number,
			perPage: number,
			keywords?: string,
			itemIndex?: number,
		): Promise<ApolloContactSearchResponse | undefined>;
	};
	users: {
		/** The team's user with this email, deleted users never; the team is read once per execution. */
		byEmail(email: string, itemIndex?: number): Promise<ApolloUser | undefined>;
	};
}

/**
 * Marks a write whose answer was lost (Apollo may or may not have acted), so that the operation can say
 * what that means for what it wrote.
 */
export function outcomeUnknown<E extends NodeApiError>(error: E): E {
	error.context.outcomeUnknown = true;
	return error;
}

/** Whether Apollo may or may not have carried out the write this error stopped. */
export const isOutcomeUnknown = (error: unknown): boolean =>
	error instanceof NodeApiError && error.context.outcomeUnknown === true;

/**
 * A write whose answer was lost: adds what that means for this write to the error (what may now be
 * true in Apollo, and what to do), so nobody is told about tasks "created" by an update.
 */
export function explainUnknownOutcome<E extends NodeApiError | NodeOperationError>(
	error: E,
	whatIsTrue: string,
): E {
	if (isOutcomeUnknown(error))
		error.description = `${error.description ?? ''} ${whatIsTrue}`.trim();
	return error;
}

/**
 * The same failure again for another item, with its own message or description where given; unchanged,
 * for the item it already names, the failure itself.
 */
export function sameFailureFor(
	node: INode,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	change: { message?: string; description?: string } = {},
): NodeApiError | NodeOperationError {
	if (error.context.itemIndex === itemIndex && !change.message && !change.description) return error;
	const httpCode = error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined;
	const options = {
		message: change.message ?? error.message,
		description: change.description ?? error.description ?? undefined,
		itemIndex,
	};
	if (!(error instanceof NodeApiError))
		return new NodeOperationError(node, options.message, options);
	const response: JsonObject = httpCode ? { httpCode } : {};
	const copy = new NodeApiError(node, response, { ...options, httpCode });
	if (isOutcomeUnknown(error)) outcomeUnknown(copy);
	return copy;
}

/** A 2xx answer that lacks part of what was asked for; `answer` says how, for the error's details. */
export function apolloIncompleteAnswer(
	node: INode,
	details: { message: string; description: string; answer: string; itemIndex: number },
): NodeApiError {
	return new NodeApiError(node, { answer: details.answer } as JsonObject, {
		message: details.message,
		description: details.description,
		itemIndex: details.itemIndex,
	});
}
