import type { IDataObject } from 'n8n-workflow';

import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { eachPage, type SeekState } from '../ApolloTasks/transport/paging';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { due, LATEST_FIRST } from './dueTasks';
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
	/** The earliest due date of the look under way: past it, the look is done. */
	nearFrom?: number;
	nearSearch?: SeekState;
	nearOrder?: string;
}

/**
 * Task Completed's fast look: the tasks due within two days of now, in the order Apollo's reference
 * documents (the most future-dated first) and entered by the gallop Task Due uses, every 5 minutes.
 * Completions found here are announced at once (only those `mayEmit` allows: the sweep's rule, so what
 * it no longer remembers is not announced again); the full sweep still finds every other one, and
 * skips those announced.
 */
export async function completedNearDue(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: NearDueState,
	announced: Record<string, number>,
	mayEmit: (completedAt: number) => boolean,
	event: EventContext,
): Promise<ApolloTask[]> {
	// What a look learnt in the order of older versions (soonest due first) does not hold in this one.
	if (state.nearOrder !== LATEST_FIRST)
		Object.assign(state, {
			nearOrder: LATEST_FIRST,
			nearHint: 1,
			nearSearch: {},
			nearPage: undefined,
		});
	const resting = state.nearReadAt !== undefined && event.now - state.nearReadAt < NEAR_DUE_EVERY;
	if (state.nearPage === undefined && resting) return [];
	// The reference's order: the most future-dated first.
	const pages = budget.pages({ ...base, sort_by_field: 'task_due_at' });
	const found: ApolloTask[] = [];
	const take = (tasks: ApolloTask[]): boolean => {
		for (const task of tasks) {
			const completedAt = time(task.completed_at);
			if (task.status !== 'completed' || !Number.isFinite(completedAt)) continue;
			if (announced[task.id] !== undefined || !mayEmit(completedAt)) continue;
			announced[task.id] = completedAt;
			if (event.matches(task)) found.push(task);
		}
		return tasks.length > 0 && due(tasks[tasks.length - 1]) >= Number(state.nearFrom);
	};
	const finish = () => Object.assign(state, { nearPage: undefined, nearReadAt: event.now });
	// A look the budget cut short goes on at `nearPage`; a new one seeks the first page due within two
	// days from now (pages run from the latest due date back, so the key is the due date turned round).
	const seeking = state.nearPage === undefined;
	if (seeking) {
		state.nearSearch ??= {};
		state.nearFrom = event.now - NEAR_DUE_SPAN;
	}
	const walk = seeking
		? {
				seek: {
					key: (task: ApolloTask) => -due(task),
					from: -(event.now + NEAR_DUE_SPAN),
					hint: Number(state.nearHint ?? 1),
					state: state.nearSearch as SeekState,
				},
			}
		: { from: state.nearPage };
	let first = seeking;
	for await (const read of eachPage(pages, walk)) {
		if (first) state.nearHint = read.page;
		first = false;
		if (!take(read.records) || read.last) {
			finish();
			break;
		}
		state.nearPage = read.page + 1;
	}
	return found;
}
