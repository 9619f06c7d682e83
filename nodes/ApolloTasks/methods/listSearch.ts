import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { nameOf, STATUSES, TASK_TYPES } from '../shared/values';
import { ApolloClient } from '../transport/client';
import { MAX_PER_PAGE } from '../transport/limits';
import { nextPageToken } from '../transport/paging';

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
 * statuses. What the user types is sent to Apollo as keywords, and also matched against the labels, so
 * "scheduled" or "LinkedIn" finds tasks too.
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
	const search = async (keywords?: string) =>
		(
			await client.tasks.searchPage(
				{
					sort_by_field: 'task_due_at',
					sort_ascending: true,
					...(keywords ? { q_keywords: keywords } : {}),
				},
				page,
				MAX_PER_PAGE,
			)
		).body;
	let response = await search(words || undefined);
	let tasks = (response?.tasks ?? []).map((task) => ({ name: label(task), value: task.id }));
	if (words && tasks.length === 0) {
		// Apollo's keywords cover notes and contacts, not labels: look through the labels of a plain page.
		response = await search();
		const lowered = words.toLowerCase();
		tasks = (response?.tasks ?? [])
			.map((task) => ({ name: label(task), value: task.id }))
			.filter((t) => t.name.toLowerCase().includes(lowered));
	}
	return { results: tasks, paginationToken: nextPageToken(page, response?.pagination) };
}
