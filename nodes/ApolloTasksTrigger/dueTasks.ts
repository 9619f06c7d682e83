import type { IDataObject } from 'n8n-workflow';

import { MAX_PER_PAGE } from '../ApolloTasks/transport/limits';
import type { ApolloTask, ApolloTaskSearchParams } from '../ApolloTasks/transport/types';
import type { PollBudget, TaskPage } from './budget';
import { DAY, HOUR, time, type EventContext } from './events';

/** Task Due: the page where the window began last time, and the tasks announced with the due date they had. */
export interface DueState extends IDataObject {
	hint?: number;
	announced?: IDataObject;
}

const due = (task: ApolloTask | undefined): number => {
	const at = time(task?.due_at);
	return Number.isFinite(at) ? at : Infinity;
};

/**
 * The first page of tasks sorted by due date that holds a task due at or after `from`. Pages can be
 * entered at any number, so this gallops from the page where the window began last poll (one or two
 * requests when it has not moved), then halves the range: about 2·log2(pages) requests at worst.
 */
async function firstPageFrom(
	budget: PollBudget,
	params: ApolloTaskSearchParams,
	from: number,
	hint: number,
): Promise<TaskPage | undefined> {
	const probe = async (page: number) => await budget.page(params, page, MAX_PER_PAGE);
	const startsBefore = (read: TaskPage) =>
		read.tasks.length > 0 && due(read.tasks[read.tasks.length - 1]) < from;
	let read = await probe(Math.max(1, hint));
	if (!read) return undefined;
	const pages = Math.max(1, read.pagination?.total_pages ?? 1);
	if (read.page > pages) read = await probe(pages);
	if (!read) return undefined;
	let low: number;
	let high: number;
	let atHigh: TaskPage | undefined;
	if (startsBefore(read)) {
		// The window moved on: gallop forward until a page reaches `from`.
		low = read.page + 1;
		for (let step = 1; ; step *= 2) {
			if (low > pages) return undefined;
			const next = await probe(Math.min(pages, read.page + step));
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
	let read = await firstPageFrom(budget, params, event.now, Number(state.hint ?? 1));
	if (read) state.hint = read.page;
	while (read) {
		for (const task of read.tasks) {
			const at = due(task);
			if (
				seen.has(task.id) ||
				at < event.now ||
				at > until ||
				task.status !== 'scheduled' ||
				!event.matches(task)
			)
				continue;
			seen.add(task.id);
			if (!event.manual && announced[task.id] === task.due_at) continue;
			found.push(task);
		}
		const pages = read.pagination?.total_pages ?? 0;
		if (
			read.tasks.length === 0 ||
			read.page >= pages ||
			due(read.tasks[read.tasks.length - 1]) > until
		)
			break;
		read = await budget.page(params, read.page + 1, MAX_PER_PAGE);
	}
	for (const task of found) announced[task.id] = task.due_at as string;
	for (const [id, dueAt] of Object.entries(announced))
		if (time(dueAt) < event.now - DAY) delete announced[id];
	state.announced = announced;
	return found;
}
