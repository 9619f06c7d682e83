import type { IDataObject } from 'n8n-workflow';

import { MAX_PER_PAGE } from '../ApolloTasks/transport/limits';
import { eachPage } from '../ApolloTasks/transport/paging';
import type { ApolloTask, ApolloTaskSearchParams } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { due, firstPageFrom, type PageSearch } from './dueTasks';
import { DAY, MINUTE, time, type EventContext } from './events';

/**
 * Most tasks are completed around their due date. Two days either side of now holds those, and at
 * 5,000 tasks a year about 55 of them: one page, found in one or two requests from where it was last.
 */
export const NEAR_DUE_SPAN = 2 * DAY;

/** How often the near-due tasks are read; the rest of the budget goes to the full sweep. */
export const NEAR_DUE_EVERY = 5 * MINUTE;

/** Where the near-due look was, and when; a look the budget cut short goes on at `nearPage`. */
export interface NearDueState extends IDataObject {
	nearHint?: number;
	nearReadAt?: number;
	nearPage?: number;
	nearUntil?: number;
	nearSearch?: PageSearch;
}

/**
 * Task Completed's fast look: the tasks due within two days of now, sorted by due date and entered by
 * the gallop Task Due uses, every 5 minutes. Completions found here are announced at once (never one
 * from before `activatedAt`); the full sweep still finds every other one, and skips those announced.
 */
export async function completedNearDue(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: NearDueState,
	announced: Record<string, number>,
	activatedAt: number,
	event: EventContext,
): Promise<ApolloTask[]> {
	const resting = state.nearReadAt !== undefined && event.now - state.nearReadAt < NEAR_DUE_EVERY;
	if (state.nearPage === undefined && resting) return [];
	const pages = budget.pages({ ...base, sort_by_field: 'task_due_at', sort_ascending: true });
	const found: ApolloTask[] = [];
	const take = (tasks: ApolloTask[]): boolean => {
		for (const task of tasks) {
			const completedAt = time(task.completed_at);
			if (task.status !== 'completed' || !Number.isFinite(completedAt)) continue;
			if (announced[task.id] !== undefined || completedAt < activatedAt) continue;
			announced[task.id] = completedAt;
			if (event.matches(task)) found.push(task);
		}
		return tasks.length > 0 && due(tasks[tasks.length - 1]) <= Number(state.nearUntil);
	};
	const finish = () => Object.assign(state, { nearPage: undefined, nearReadAt: event.now });
	if (state.nearPage === undefined) {
		const from = event.now - NEAR_DUE_SPAN;
		state.nearSearch ??= {};
		const search = state.nearSearch as PageSearch;
		const first = await firstPageFrom(pages, from, Number(state.nearHint ?? 1), search);
		if (first) state.nearHint = first.page;
		// The budget stopped the gallop: the next poll goes on from the hint.
		if (!first) return found;
		state.nearUntil = event.now + NEAR_DUE_SPAN;
		if (!take(first.tasks) || first.page >= (first.pagination?.total_pages ?? 0)) {
			finish();
			return found;
		}
		state.nearPage = first.page + 1;
	}
	for await (const read of eachPage(pages, MAX_PER_PAGE, state.nearPage)) {
		if (!take(read.records) || read.last) {
			finish();
			break;
		}
		state.nearPage = read.page + 1;
	}
	return found;
}
