import type { ILoadOptionsFunctions, INodeListSearchResult } from 'n8n-workflow';

import { ApolloClient } from '../transport/client';
import { MAX_PER_PAGE } from '../transport/limits';

/** Apollo's users for the "Assigned To" picker, a page at a time, filtered by what the user types. */
export async function searchUsers(this: ILoadOptionsFunctions, filter?: string, paginationToken?: string): Promise<INodeListSearchResult> {
	const page = Number(paginationToken ?? 1) || 1;
	const response = await new ApolloClient(this).users.search(page, MAX_PER_PAGE, filter?.trim() || undefined);
	const words = filter?.trim().toLowerCase();
	const results = (response.users ?? [])
		.filter((user) => !user.deleted)
		.filter((user) => !words || `${user.name ?? ''} ${user.email ?? ''}`.toLowerCase().includes(words))
		.map((user) => ({
			name: user.email ? `${user.name ?? user.email} (${user.email})` : (user.name ?? user.id),
			value: user.id,
		}));
	const { pagination } = response;
	return {
		results,
		paginationToken: pagination && pagination.page < pagination.total_pages ? String(page + 1) : undefined,
	};
}
