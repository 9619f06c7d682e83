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
	announced?: IDataObject;
}

export const due = (task: ApolloTask | undefined): number => {
	const at = time(task?.due_at);
	return Number.isFinite(at) ? at : Infinity;
};

/**
 * The first page of tasks sorted by due date that holds a task due at or after `from`. Pages can be
 * entered at any number, so this gallops from the page where the window began last poll (one or two
 * requests when it has not moved), then halves the range: about 2·log2(pages) requests at worst.
 */
export interface TaskPage {
	page: number;
	tasks: ApolloTask[];
	pagination?: ApolloPagination;
}

export async function firstPageFrom(
	pages: PageFetcher<ApolloTask>,
	from: number,
	hint: number,
): Promise<TaskPage | undefined> {
	const probe = async (page: number): Promise<TaskPage | undefined> => {
		const read = await pages(page, MAX_PER_PAGE);
		return read && { page, tasks: read.records, pagination: read.pagination };
	};
	const startsBefore = (read: TaskPage) =>
		read.tasks.length > 0 && due(read.tasks[read.tasks.length - 1]) < from;
	let read = await probe(Math.max(1, hint));
	if (!read) return undefined;
	const pageCount = Math.max(1, read.pagination?.total_pages ?? 1);
	if (read.page > pageCount) read = await probe(pageCount);
	if (!read) return undefined;
	let low: number;
	let high: number;
	let atHigh: TaskPage | undefined;
	if (startsBefore(read)) {
		// The window moved on: gallop forward until a page reaches `from`.
		low = read.page + 1;
		for (let step = 1; ; step *= 2) {
			if (low > pageCount) return undefined;
			const next = await probe(Math.min(pageCount, read.page + step));
			if (!next) return undefined;
			if (!startsBefore(next)) {
				high = next.page;
				atHigh = next;
				break;
			}
			low = next.page + 1;
		}
	} else {
		if (read.page === 1 || (read.tasks.length > 0 && due(read.tasks[0]) < from)) return read;
		// The page may begin the window, or the window may begin earlier: gallop back to a page that ends before it.
		high = read.page;
		atHigh = read;
		low = 1;
		for (let step = 1; high - step >= 1; step *= 2) {
			const previous = await probe(high - step);
			if (!previous) return undefined;
			if (startsBefore(previous)) {
				low = previous.page + 1;
				break;
			}
			high = previous.page;
			atHigh = previous;
			if (previous.page === 1 || (previous.tasks.length > 0 && due(previous.tasks[0]) < from))
				return previous;
		}
	}
	while (low < high) {
		const middle = Math.floor((low + high) / 2);
		const probed = await probe(middle);
		if (!probed) return undefined;
		if (startsBefore(probed)) low = middle + 1;
		else {
			high = middle;
			atHigh = probed;
		}
	}
	return atHigh?.page === low ? atHigh : await probe(low);
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
	const first = await firstPageFrom(pages, event.now, Number(state.hint ?? 1));
	if (first) {
		state.hint = first.page;
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
