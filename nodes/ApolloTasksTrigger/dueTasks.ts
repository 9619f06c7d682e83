import type { IDataObject } from 'n8n-workflow';

import { MAX_PER_PAGE } from '../ApolloTasks/transport/limits';
import type {
	ApolloPagination,
	ApolloTask,
	ApolloTaskSearchParams,
} from '../ApolloTasks/transport/types';
import type { PageFetcher } from '../ApolloTasks/transport/paging';
import { eachPage } from '../ApolloTasks/transport/paging';
import type { PollBudget } from './budget';
import { DAY, HOUR, time, type EventContext } from './events';

/** Task Due: the page where the window began last time, and the tasks announced with the due date they had. */
export interface DueState extends IDataObject {
	hint?: number;
	search?: PageSearch;
	announced?: IDataObject;
}

export const due = (task: ApolloTask | undefined): number => {
	const at = time(task?.due_at);
	return Number.isFinite(at) ? at : Infinity;
};

/** One page of tasks sorted by due date. */
export interface TaskPage {
	page: number;
	tasks: ApolloTask[];
	pagination?: ApolloPagination;
}

/** What a search for the first page from a due date knows so far, kept between polls. */
export interface PageSearch extends IDataObject {
	/** A page known to end before the date (0: none yet), and one known not to (none yet). */
	before?: number;
	notBefore?: number;
	/** How far the next gallop step goes. */
	step?: number;
}

/**
 * The first page of tasks sorted by due date that holds a task due at or after `from`. Pages can be
 * entered at any number, so this gallops from `hint` (one or two requests when the window has not moved),
 * then halves the range: about 2·log2(pages) requests at worst. What it learns is kept in `search`, so
 * when the budget stops it, the next poll goes on from there instead of starting over.
 */
export async function firstPageFrom(
	pages: PageFetcher<ApolloTask>,
	from: number,
	hint: number,
	search: PageSearch,
): Promise<TaskPage | undefined> {
	const endsBefore = (read: TaskPage) =>
		read.tasks.length > 0 && due(read.tasks[read.tasks.length - 1]) < from;
	let pageCount = Infinity;
	for (;;) {
		const before = search.before ?? 0;
		const notBefore = search.notBefore;
		let page: number;
		if (notBefore !== undefined && notBefore - before <= 1) page = notBefore;
		else if (notBefore !== undefined && search.before !== undefined)
			page = Math.floor((before + notBefore) / 2);
		else if (search.before !== undefined) page = Math.min(pageCount, before + (search.step ?? 1));
		else if (notBefore !== undefined) page = Math.max(1, notBefore - (search.step ?? 1));
		else page = Math.max(1, hint);
		const answer = await pages(page, MAX_PER_PAGE);
		if (!answer) return undefined;
		const read: TaskPage = { page, tasks: answer.records, pagination: answer.pagination };
		pageCount = Math.max(1, read.pagination?.total_pages ?? 1);
		const done = () => {
			for (const key of ['before', 'notBefore', 'step']) delete search[key];
			return read;
		};
		if (page > pageCount) {
			search.notBefore = pageCount;
			continue;
		}
		if (endsBefore(read)) {
			if (page >= pageCount) return (done(), undefined);
			search.before = page;
			search.step = (search.step ?? 1) * 2;
		} else {
			// This page reaches `from`; it is the first such page if it starts before it or is page 1.
			if (
				page === 1 ||
				page === (search.before ?? 0) + 1 ||
				(read.tasks.length > 0 && due(read.tasks[0]) < from)
			)
				return done();
			search.notBefore = page;
			search.step = (search.step ?? 1) * 2;
		}
	}
}

/** Scheduled tasks that come due within the window, each announced once (again if its due date moves). */
export async function dueTasks(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: DueState,
	event: EventContext,
	withinHours: number,
): Promise<ApolloTask[]> {
	const params: ApolloTaskSearchParams = {
		...base,
		sort_by_field: 'task_due_at',
		sort_ascending: true,
	};
	const until = event.now + withinHours * HOUR;
	const announced = (state.announced ?? {}) as Record<string, string>;
	const found: ApolloTask[] = [];
	const seen = new Set<string>();
	const pages = budget.pages(params);
	/** Takes a page's tasks in the window; whether the window may go on past this page. */
	const take = (records: ApolloTask[]): boolean => {
		for (const task of records) {
			const at = due(task);
			if (seen.has(task.id) || at < event.now || at > until || task.status !== 'scheduled')
				continue;
			if (!event.matches(task)) continue;
			seen.add(task.id);
			if (!event.manual && announced[task.id] === task.due_at) continue;
			found.push(task);
		}
		return records.length > 0 && due(records[records.length - 1]) <= until;
	};
	state.search ??= {};
	const first = await firstPageFrom(
		pages,
		event.now,
		Number(state.hint ?? 1),
		state.search as PageSearch,
	);
	if (first) state.hint = first.page;
	if (first) {
		const more = take(first.tasks) && first.page < (first.pagination?.total_pages ?? 0);
		if (more)
			for await (const read of eachPage(pages, MAX_PER_PAGE, first.page + 1))
				if (!take(read.records)) break;
	}
	for (const task of found) announced[task.id] = task.due_at as string;
	for (const [id, dueAt] of Object.entries(announced))
		if (time(dueAt) < event.now - DAY) delete announced[id];
	state.announced = announced;
	return found;
}
