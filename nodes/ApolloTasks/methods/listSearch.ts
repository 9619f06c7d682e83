import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nameOf, STATUSES, TASK_TYPES } from '../shared/values';
import { ApolloClient } from '../transport/client';
import { matchesFilters } from '../transport/searchCheck';
import { eachPage, MAX_PER_PAGE, nextPageToken, onePage } from '../transport/paging';
import type { ApolloTask } from '../transport/types';

/** How many pages of tasks one look through the Task picker's labels reads at most. */
const LABEL_PAGES_PER_LOOK = 5;

const pageOf = (token?: string) => Number(token ?? 1) || 1;

/** Apollo's users for every "Assigned To" picker, a page at a time, filtered by what the user types. */
export async function searchUsers(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const words = filter?.trim().toLowerCase() || undefined;
	const response = await new ApolloClient(this).users.search(page, MAX_PER_PAGE, words);
	const results = (response?.users ?? [])
		.filter((user) => !user.deleted)
		.filter(
			(user) => !words || `${user.name ?? ''} ${user.email ?? ''}`.toLowerCase().includes(words),
		)
		.map((user) => ({
			name: user.email ? `${user.name ?? user.email} (${user.email})` : (user.name ?? user.id),
			value: user.id,
		}));
	return { results, paginationToken: nextPageToken(page, response?.pagination) };
}

/** Apollo's contacts, searched by name, title, company or email. */
export async function searchContacts(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const response = await new ApolloClient(this).contacts.search(
		page,
		MAX_PER_PAGE,
		filter?.trim() || undefined,
	);
	const results = (response?.contacts ?? []).map((contact) => ({
		name: [contact.name ?? contact.email ?? contact.id, contact.organization_name, contact.email]
			.filter(Boolean)
			.join(' · '),
		value: contact.id,
	}));
	return { results, paginationToken: nextPageToken(page, response?.pagination) };
}

/**
 * Tasks by due date, labelled "Status · Type · Contact · due date" with Apollo's names for types and
 * statuses. What the user types is sent to Apollo as keywords; when they find nothing it is matched
 * against the labels, so "scheduled" or "LinkedIn" finds tasks too, five pages (500 tasks) a look, and
 * scrolling the list reads on.
 */
export async function searchTasks(
	this: ILoadOptionsFunctions,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const page = pageOf(paginationToken);
	const words = filter?.trim() ?? '';
	const label = (task: {
		type: string;
		status: string;
		due_at: string | null;
		contact?: { name?: string | null } | null;
		contact_id: string | null;
	}) =>
		[
			nameOf(STATUSES, task.status),
			nameOf(TASK_TYPES, task.type),
			task.contact?.name ?? task.contact_id ?? 'no contact',
			task.due_at ? `due ${task.due_at.slice(0, 10)}` : 'no due date',
		].join(' · ');
	const client = new ApolloClient(this);
	const byDueDate = { sort_by_field: 'task_due_at' as const, sort_ascending: true };
	const option = (task: ApolloTask) => ({ name: label(task), value: task.id });
	// Keywords are beyond Apollo's reference: what it answers is checked here too.
	const lowered = words.toLowerCase();
	const hasKeywords = matchesFilters({ q_keywords: words });
	const read = await onePage(
		client.taskPages({ ...byDueDate, ...(words ? { q_keywords: words } : {}) }),
		page,
	);
	const found = (read?.records ?? [])
		.filter((t) => !words || hasKeywords(t) || label(t).toLowerCase().includes(lowered))
		.map(option);
	if (!words || found.length > 0) {
		return { results: found, paginationToken: nextPageToken(page, read?.pagination) };
	}
	// Apollo's keywords cover notes and contacts, not labels: match the labels, a few pages a look.
	const results: INodeListSearchResult['results'] = [];
	let token: string | undefined;
	for await (const read of eachPage(client.taskPages(byDueDate), { from: page })) {
		results.push(...read.records.map(option).filter((t) => t.name.toLowerCase().includes(lowered)));
		token = read.last ? undefined : String(read.page + 1);
		if (results.length > 0 || read.page - page + 1 >= LABEL_PAGES_PER_LOOK) break;
	}
	return { results, paginationToken: token };
}
