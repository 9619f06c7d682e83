import type { IDataObject } from 'n8n-workflow';

import { MAX_PER_PAGE } from '../ApolloTasks/transport/limits';
import type { ApolloTask, ApolloTaskSearchParams } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { time, type EventContext } from './events';

/** Where New Task stopped: the page holding the newest task seen, that task's creation time, and the IDs created at that instant. */
export interface NewTaskState extends IDataObject {
	page?: number;
	after?: number;
	ids?: string[];
}

/**
 * Tasks created since the last poll. Apollo's tasks, oldest created first, only grow at the end, so the
 * poll starts on the page of the newest task it saw: one request in steady state, two when that task
 * ends a full page. Many new tasks are read a budget at a time (at least two pages, so each poll moves
 * on); the rest come with the next poll.
 */
export async function newTasks(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: NewTaskState,
	event: EventContext,
): Promise<ApolloTask[]> {
	const params: ApolloTaskSearchParams = {
		...base,
		sort_by_field: 'task_created_at',
		sort_ascending: true,
	};
	const found: ApolloTask[] = [];
	if (state.after === undefined) {
		const first = await budget.page(params, 1, MAX_PER_PAGE);
		const lastPage = first?.pagination?.total_pages ?? 1;
		const last = lastPage > 1 ? await budget.page(params, lastPage, MAX_PER_PAGE) : first;
		const tasks = last?.tasks ?? [];
		if (event.manual) return tasks.filter(event.matches).slice(-1);
		const newest = Math.max(
			...tasks.map((task) => time(task.created_at)).filter(Number.isFinite),
			event.now,
		);
		Object.assign(state, {
			page: Math.max(1, lastPage),
			after: newest,
			ids: tasks.filter((t) => time(t.created_at) === newest).map((t) => t.id),
		});
		return found;
	}

	const after = state.after;
	const seenAtAfter = new Set(state.ids ?? []);
	let newest = after;
	let atNewest = new Set(seenAtAfter);
	const seen = new Set<string>();
	let page = Math.max(1, state.page ?? 1);
	let onStartPage = true;
	for (;;) {
		const read = await budget.page(params, page, MAX_PER_PAGE);
		if (!read) break;
		// Tasks deleted since the last poll pull the newest seen task to an earlier page: step back to it.
		if (
			onStartPage &&
			page > 1 &&
			read.tasks.length > 0 &&
			time(read.tasks[0].created_at) > after
		) {
			page--;
			continue;
		}
		onStartPage = false;
		for (const task of read.tasks) {
			const at = time(task.created_at);
			if (
				!Number.isFinite(at) ||
				seen.has(task.id) ||
				at < after ||
				(at === after && seenAtAfter.has(task.id))
			)
				continue;
			seen.add(task.id);
			if (at > newest) {
				newest = at;
				atNewest = new Set();
			}
			if (at === newest) atNewest.add(task.id);
			if (event.matches(task)) found.push(task);
		}
		if (read.tasks.length > 0) state.page = page;
		if (read.tasks.length === 0 || page >= (read.pagination?.total_pages ?? 0)) break;
		page++;
	}
	Object.assign(state, { after: newest, ids: [...atNewest] });
	return found;
}
