import type { IDataObject } from 'n8n-workflow';

import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { eachPage, onePage } from '../ApolloTasks/transport/paging';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { time, type EventContext } from './events';

/** Where New Task stopped: the page holding the newest task seen, that task's creation time, and the IDs created at that instant. */
export interface NewTaskState extends IDataObject {
	page?: number;
	after?: number;
	ids?: string[];
}

/** Fetch Test Event: the newest task that matches the filters, whatever the cursor says. */
async function newestMatching(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	event: EventContext,
): Promise<ApolloTask[]> {
	const newestFirst = budget.pages({
		...base,
		sort_by_field: 'task_created_at',
		sort_ascending: false,
	});
	for await (const { records } of eachPage(newestFirst)) {
		const match = records.find(event.matches);
		if (match) return [match];
	}
	return [];
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
	if (event.manual) return await newestMatching(budget, base, event);
	const pages = budget.pages({ ...base, sort_by_field: 'task_created_at', sort_ascending: true });
	const found: ApolloTask[] = [];
	if (state.after === undefined) {
		// Activation: the cursor starts after the newest task there is, so nothing before it is emitted.
		const first = await onePage(pages);
		const lastPage = first?.pagination?.total_pages ?? 1;
		const last = lastPage > 1 ? await onePage(pages, lastPage) : first;
		const tasks = last?.records ?? [];
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
	let start = Math.max(1, state.page ?? 1);
	for (let steppedBack = true; steppedBack;) {
		steppedBack = false;
		for await (const read of eachPage(pages, { from: start })) {
			// Tasks deleted since the last poll pull the newest seen task to an earlier page: step back to it.
			const startsAfter = read.records.length > 0 && time(read.records[0].created_at) > after;
			if (read.page === start && start > 1 && startsAfter) {
				steppedBack = true;
				start--;
				break;
			}
			for (const task of read.records) {
				const at = time(task.created_at);
				if (!Number.isFinite(at) || seen.has(task.id) || at < after) continue;
				if (at === after && seenAtAfter.has(task.id)) continue;
				seen.add(task.id);
				if (at > newest) {
					newest = at;
					atNewest = new Set();
				}
				if (at === newest) atNewest.add(task.id);
				if (event.matches(task)) found.push(task);
			}
			if (read.records.length > 0) state.page = read.page;
		}
	}
	Object.assign(state, { after: newest, ids: [...atNewest] });
	return found;
}
