import type { INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { MAX_PAGES, MAX_PER_PAGE, MAX_REACHABLE_RECORDS } from './limits';
import type { ApolloPagination } from './types';

export type PageFetcher<T> = (page: number, perPage: number) => Promise<{ records: T[]; pagination?: ApolloPagination }>;

/**
 * Pages through an Apollo search until `limit` records or the last page, within Apollo's cap of 500
 * pages. Records are pushed into one array as they come: no copy per page.
 */
export async function collectPages<T extends { id?: unknown }>(
	node: INode,
	fetchPage: PageFetcher<T>,
	limit: number | 'all',
	noun: string,
	itemIndex?: number,
): Promise<T[]> {
	const wanted = limit === 'all' ? Infinity : limit;
	const perPage = Math.min(MAX_PER_PAGE, wanted);
	const records: T[] = [];
	let firstIdOfLastPage: unknown;
	let totalEntries: number | undefined;
	for (let page = 1; page <= MAX_PAGES && records.length < wanted; page++) {
		const { records: pageRecords, pagination } = await fetchPage(page, perPage);
		if (page === 1 && pagination && limit === 'all' && pagination.total_entries > MAX_REACHABLE_RECORDS) {
			throw new NodeOperationError(
				node,
				`This search matches ${pagination.total_entries.toLocaleString('en-US')} ${noun}, more than the ${MAX_REACHABLE_RECORDS.toLocaleString('en-US')} Apollo lets a search page through`,
				{
					description: `Narrow it with Filters (assignee, contact, account, priority, keywords), or turn off Return All and set a Limit of at most ${MAX_REACHABLE_RECORDS.toLocaleString('en-US')}.`,
					itemIndex,
				},
			);
		}
		if (pageRecords.length > 0 && page > 1 && pageRecords[0]?.id !== undefined && pageRecords[0].id === firstIdOfLastPage) {
			throw new NodeOperationError(node, `Apollo sent page ${page} of the ${noun} again instead of the next one`, {
				description: `${records.length} ${noun} were read before that. The results probably changed while paging: run again, or sort by a field that does not change.`,
				itemIndex,
			});
		}
		firstIdOfLastPage = pageRecords[0]?.id;
		const room = wanted - records.length;
		for (let i = 0; i < pageRecords.length && i < room; i++) records.push(pageRecords[i]);

		const totalPages = pagination?.total_pages ?? 0;
		if (totalEntries !== undefined && pagination && pagination.total_entries !== totalEntries && records.length < wanted && page < totalPages) {
			throw new NodeOperationError(node, `The number of matching ${noun} changed from ${totalEntries} to ${pagination.total_entries} while paging`, {
				description: `Tasks were created or removed in Apollo during the search, so pages shifted and ${noun} could be missed or repeated. Run again, or narrow the search.`,
				itemIndex,
			});
		}
		totalEntries = pagination?.total_entries;
		if (page >= totalPages) break;
		if (pageRecords.length === 0) {
			throw new NodeOperationError(node, `Apollo returned an empty page ${page} of ${totalPages}`, {
				description: `${records.length} ${noun} were read before it. The results probably changed while paging: run again, or narrow the search.`,
				itemIndex,
			});
		}
	}
	return records;
}
