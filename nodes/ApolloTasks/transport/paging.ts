import type { IDataObject, INode } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import type { ApolloPagination } from './types';

/** Apollo's search pages: at most 100 records a page, and no page past the 500th. */
export const MAX_PER_PAGE = 100;
export const MAX_PAGES = 500;
export const MAX_REACHABLE_RECORDS = MAX_PER_PAGE * MAX_PAGES;

export interface Page<T> {
	page: number;
	records: T[];
	pagination?: ApolloPagination;
	/** The last page, as this answer counts them (or an empty one). */
	last: boolean;
}

/** One page of a search; undefined when the caller's request budget says stop. */
export type PageFetcher<T> = (
	page: number,
	perPage: number,
) => Promise<{ records: T[]; pagination?: ApolloPagination } | undefined>;

/** The token for a picker's next page, if there is one. */
export const nextPageToken = (page: number, pagination?: ApolloPagination): string | undefined =>
	pagination && page < pagination.total_pages ? String(page + 1) : undefined;

const isLast = (page: number, records: unknown[], pagination?: ApolloPagination): boolean =>
	records.length === 0 || page >= (pagination?.total_pages ?? 0) || page === MAX_PAGES;

/** What a seek has learnt so far, kept by the caller between calls. */
export interface SeekState extends IDataObject {
	/** A page known to end before the key sought (0: none yet), and one known not to (none yet). */
	before?: number;
	notBefore?: number;
	/** How far the next gallop step goes. */
	step?: number;
	/** The key at the end of page `before` and at the start of page `notBefore`, where known. */
	beforeKey?: number;
	notBeforeKey?: number;
	/** The last narrowing step halved the range (the next goes by the keys). */
	halved?: boolean;
}

/** Where a walk over pages sorted by `key` starts: the first page holding a record at or after `from`. */
export interface Seek<T> {
	key: (record: T) => number;
	from: number;
	/** The page tried first: where the last seek found it. */
	hint: number;
	state: SeekState;
}

export interface Walk<T> {
	perPage?: number;
	/** The first page read (default 1); or `seek` to find it. */
	from?: number;
	seek?: Seek<T>;
}

/**
 * The first page of a sorted search that holds a record at or after `from`. Pages can be entered at
 * any number, so this gallops from the hint (one or two requests when nothing moved; with no hint, from
 * page 1 straight to the last page), then narrows the range where the keys say `from` lies and by
 * halving, in turns (a page or two for keys spread evenly): about 4·log2(pages) requests at worst. What it learns is kept in `state`, so when the fetcher stops it, the next call goes on from
 * there instead of starting over.
 */
async function seekPage<T>(
	fetchPage: PageFetcher<T>,
	perPage: number,
	{ key, from, hint, state }: Seek<T>,
): Promise<Page<T> | undefined> {
	const endsBefore = (records: T[]) =>
		records.length > 0 && key(records[records.length - 1]) < from;
	let pageCount = Infinity;
	for (;;) {
		const before = state.before ?? 0;
		const notBefore = state.notBefore;
		let page: number;
		if (notBefore !== undefined && notBefore - before <= 1) page = notBefore;
		else if (notBefore !== undefined && state.before !== undefined) {
			// Where the keys say, then the middle, by turns: even keys find the page in a step or two,
			// skewed ones still halve the range every other step.
			const [low, high] = [state.beforeKey, state.notBeforeKey];
			const byKeys = !state.halved && low !== undefined && high !== undefined && high > low;
			state.halved = byKeys;
			const share = byKeys ? (from - low!) / (high! - low!) : 0.5;
			const guess = before + Math.ceil(share * (notBefore - before));
			page = Math.min(notBefore - 1, Math.max(before + 1, guess));
		} else if (state.before !== undefined) page = Math.min(pageCount, before + (state.step ?? 1));
		else if (notBefore !== undefined) page = Math.max(1, notBefore - (state.step ?? 1));
		else page = Math.max(1, hint);
		const answer = await fetchPage(page, perPage);
		if (!answer) return undefined;
		const { records, pagination } = answer;
		pageCount = Math.max(1, pagination?.total_pages ?? 1);
		const done = () => {
			for (const name of ['before', 'notBefore', 'step', 'beforeKey', 'notBeforeKey', 'halved'])
				delete state[name];
			return { page, records, pagination, last: isLast(page, records, pagination) };
		};
		if (page > pageCount) {
			state.notBefore = pageCount;
			continue;
		}
		const keyAt = (record: T | undefined) => {
			const value = record === undefined ? NaN : key(record);
			return Number.isFinite(value) ? value : undefined;
		};
		if (endsBefore(records)) {
			if (page >= pageCount) return (done(), undefined);
			// Data that moved since the last poll may put `from` past a page once known to reach it.
			if (state.notBefore !== undefined && page >= state.notBefore) {
				delete state.notBefore;
				delete state.notBeforeKey;
			}
			state.before = page;
			state.beforeKey = keyAt(records[records.length - 1]);
			// A first seek from page 1 goes next to the last page, which bounds the range at once.
			if (page === 1 && state.notBefore === undefined && state.step === undefined)
				state.step = pageCount;
		} else {
			// This page reaches `from`; it is the first such page if it starts before it or is page 1.
			if (
				page === 1 ||
				page === (state.before ?? 0) + 1 ||
				(records.length > 0 && key(records[0]) < from)
			)
				return done();
			state.notBefore = page;
			state.notBeforeKey = keyAt(records[0]);
		}
		state.step = (state.step ?? 1) * 2;
	}
}

/**
 * Apollo's pages in order, from page `from` (or the page `seek` finds), until the last page (as the
 * latest answer counts them), an empty page, Apollo's cap of 500 pages, or a fetcher that stops. The
 * caller stops early by leaving the loop; since pages are read one at a time, nothing is sent for
 * pages it does not ask for. The one page walker of the package.
 */
export async function* eachPage<T>(
	fetchPage: PageFetcher<T>,
	{ perPage = MAX_PER_PAGE, from = 1, seek }: Walk<T> = {},
): AsyncGenerator<Page<T>> {
	let page = Math.max(1, from);
	if (seek) {
		const first = await seekPage(fetchPage, perPage, seek);
		if (!first) return;
		yield first;
		if (first.last) return;
		page = first.page + 1;
	}
	for (; page <= MAX_PAGES; page++) {
		const answer = await fetchPage(page, perPage);
		if (!answer) return;
		const { records, pagination } = answer;
		const last = isLast(page, records, pagination);
		yield { page, records, pagination, last };
		if (last) return;
	}
}

/** One page (default the first), or undefined when the fetcher stops. */
export async function onePage<T>(
	fetchPage: PageFetcher<T>,
	page = 1,
	perPage = MAX_PER_PAGE,
): Promise<Page<T> | undefined> {
	for await (const read of eachPage(fetchPage, { perPage, from: page })) return read;
	return undefined;
}

export interface CollectOptions<T> {
	limit: number | 'all';
	/** Records the node keeps: Apollo may ignore a filter, so the node checks each record too. */
	keep?: (record: T) => boolean;
	noun: string;
	itemIndex?: number;
	/** How the user narrows the search (for one that matches more than Apollo pages through). */
	toNarrow: string;
	/** How the user keeps earlier pages stable, after "Run again, or" (for a total that fell while paging). */
	toKeepPagesStable: string;
}

/**
 * Records of a search, each once, up to `limit` kept records or the last page. Records added while
 * paging only push others to later pages, where they are recognised by ID; records that disappear
 * pull others to earlier pages, already read, so those would be missed: that stops with an error.
 */
export async function collectPages<T extends { id: string }>(
	node: INode,
	fetchPage: PageFetcher<T>,
	options: CollectOptions<T>,
): Promise<T[]> {
	const { limit, keep = () => true, noun, itemIndex } = options;
	const wanted = limit === 'all' ? Infinity : limit;
	const filtered = options.keep !== undefined;
	const perPage = filtered ? MAX_PER_PAGE : Math.min(MAX_PER_PAGE, wanted);
	const fail = (message: string, description: string) =>
		new NodeOperationError(node, message, { description, itemIndex });
	const seen = new Set<string>();
	const records: T[] = [];
	let total: number | undefined;
	/** Each total the answers gave, with the page that first gave it. */
	const totals: Array<{ page: number; entries: number }> = [];
	for await (const { page, records: pageRecords, pagination } of eachPage(fetchPage, { perPage })) {
		const entries = pagination?.total_entries;
		if (page === 1 && limit === 'all' && entries !== undefined && entries > MAX_REACHABLE_RECORDS) {
			throw fail(
				`This search matches ${entries.toLocaleString('en-US')} ${noun}, more than the ${MAX_REACHABLE_RECORDS.toLocaleString('en-US')} Apollo lets a search page through`,
				`${options.toNarrow} Or read at most ${MAX_REACHABLE_RECORDS.toLocaleString('en-US')}.`,
			);
		}
		if (entries !== undefined && entries !== totals[totals.length - 1]?.entries)
			totals.push({ page, entries });
		if (total !== undefined && entries !== undefined && entries < total) {
			const history = totals.map((t) => `${t.entries} on page ${t.page}`).join(', then ');
			throw fail(
				totals.length > 2
					? `The number of matching ${noun} changed while paging: ${history}`
					: `The number of matching ${noun} fell from ${total} to ${entries} while paging`,
				`${noun[0].toUpperCase()}${noun.slice(1)} were deleted or changed in Apollo during the search, so pages shifted and some could be missed. Run again, or ${options.toKeepPagesStable}`,
			);
		}
		let fresh = 0;
		for (const record of pageRecords) {
			if (seen.has(record.id)) continue;
			seen.add(record.id);
			fresh++;
			if (records.length < wanted && keep(record)) records.push(record);
		}
		const lastPage = page >= (pagination?.total_pages ?? 0);
		if (pageRecords.length > 0 && fresh === 0 && entries === total && !lastPage) {
			throw fail(
				`Apollo sent page ${page} of the ${noun} again instead of the next one`,
				`${records.length} ${noun} were read before that. Run again, or narrow the search.`,
			);
		}
		if (pageRecords.length === 0 && !lastPage) {
			throw fail(
				`Apollo returned an empty page ${page} of ${pagination?.total_pages}`,
				`${records.length} ${noun} were read before it. The results probably changed while paging: run again, or narrow the search.`,
			);
		}
		total = entries;
		if (records.length >= wanted) break;
	}
	return records;
}
