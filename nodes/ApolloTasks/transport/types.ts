// The records Apollo answers with, as far as this package reads them, and the bodies it sends.

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
	/** Every email of the contact, the primary first. */
	contact_emails?: Array<{ email?: string | null }> | null;
	[key: string]: unknown;
}

/** Whether a contact has this email (trimmed and lowered), as its primary or another of its emails. */
export const hasEmail = (contact: ApolloContact, email: string): boolean =>
	[contact.email, ...(contact.contact_emails ?? []).map((e) => e.email)].some(
		(own) => own?.trim().toLowerCase() === email,
	);

/** An email's contact, as the keyword search shows it: found, none, or more results than were read. */
export type EmailMatch = { id: string } | { none: true } | { undecided: number };

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
	/** Only a single create takes a title: bulk create has none. */
	title?: string;
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
