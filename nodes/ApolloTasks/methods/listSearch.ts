import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ApolloClient } from '../transport/client';
import { MAX_PER_PAGE } from '../transport/limits';
import type { ApolloPagination } from '../transport/types';

const nextPage = (page: number, pagination?: ApolloPagination) =>
	pagination && page < pagination.total_pages ? String(page + 1) : undefined;

/** Apollo's users for the "Assigned To" picker, a page at a time, filtered by what the user types. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const words = filter?.trim().toLowerCase() || undefined;
	const response = await new ApolloClient(this).users.search(page, MAX_PER_PAGE, words);
	const results = (response.users ?? [])
		.filter((user) => !user.deleted)
		.filter((user) => !words || `${user.name ?? ''} ${user.email ?? ''}`.toLowerCase().includes(words))
		.map((user) => ({
			name: user.email ? `${user.name ?? user.email} (${user.email})` : (user.name ?? user.id),
			value: user.id,
		}));
	return { results, paginationToken: nextPage(page, response.pagination) };
}

/** Apollo's contacts, searched by name, title, company or email. */
export async function searchContacts(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const response = await new ApolloClient(this).contacts.search(page, MAX_PER_PAGE, filter?.trim() || undefined);
	const results = (response.contacts ?? []).map((contact) => ({
		name: [contact.name ?? contact.email ?? contact.id, contact.organization_name, contact.email].filter(Boolean).join(' · '),
		value: contact.id,
	}));
	return { results, paginationToken: nextPage(page, response.pagination) };
}

/** Tasks by due date, searched by note or contact. */
export async function searchTasks(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const keywords = filter?.trim();
	const response = await new ApolloClient(this).tasks.searchPage(
		{ sort_by_field: 'task_due_at', sort_ascending: true, ...(keywords ? { q_keywords: keywords } : {}) },
		page,
		MAX_PER_PAGE,
	);
	const results = (response.tasks ?? []).map((task) => ({
		name: `${task.type.replace(/_/g, ' ')} · ${task.contact?.name ?? task.contact_id ?? 'no contact'} · ${task.due_at ? task.due_at.slice(0, 10) : 'no due date'} · ${task.status}`,
		value: task.id,
	}));
	return { results, paginationToken: nextPage(page, response.pagination) };
}
