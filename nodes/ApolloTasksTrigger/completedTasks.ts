import type { IDataObject } from 'n8n-workflow';

import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { eachPage, onePage } from '../ApolloTasks/transport/paging';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { completedNearDue, type NearDueState } from './completedNearDue';
import { time, type EventContext } from './events';

/** Room for clocks that disagree between this machine and Apollo. */
const CLOCK_MARGIN = 10 * 60_000;

/**
 * Task Completed: a sweep through all tasks, a budget of pages per poll. `since` is when the sweep
 * before the current one began: every completion after it is announced by the time the current sweep
 * ends. `announced` holds the tasks already emitted, with their completion time, until `since` passes them.
 */
export interface CompletedState extends NearDueState {
	page?: number;
	sweepStartedAt?: number;
	since?: number;
	/** True during the first sweep after activation, which only notes what was already completed. */
	priming?: boolean;
	announced?: IDataObject;
	/** When the trigger was activated: nothing completed before it is emitted. */
	activatedAt?: number;
}

/**
 * Apollo's search cannot sort by completion time, so the trigger sweeps the tasks oldest created first
 * (new tasks only add pages at the end), a budget of pages a poll, starting again on the page where the
 * last poll stopped, and begins a new sweep after the last page. A task completed at any moment is seen
 * completed by the sweep after it, so none is missed; each is announced once.
 */
export async function completedTasks(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: CompletedState,
	event: EventContext,
): Promise<ApolloTask[]> {
	if (event.manual) {
		// A person testing the trigger gets the latest completion among the newest tasks, to build with.
		const newestFirst = budget.pages({
			...base,
			sort_by_field: 'task_created_at',
			sort_ascending: false,
		});
		const read = await onePage(newestFirst);
		const completed = (read?.records ?? []).filter(
			(task) => task.status === 'completed' && event.matches(task),
		);
		completed.sort((a, b) => time(b.completed_at) - time(a.completed_at));
		return completed.slice(0, 1);
	}
	const pages = budget.pages({ ...base, sort_by_field: 'task_created_at', sort_ascending: true });
	if (state.sweepStartedAt === undefined) {
		Object.assign(state, {
			page: 1,
			sweepStartedAt: event.now,
			since: event.now,
			priming: true,
			announced: {},
			activatedAt: event.now,
		});
	}
	const announced = state.announced as Record<string, number>;
	const activatedAt = Number(state.activatedAt ?? state.since);
	const since = Number(state.since);
	// One horizon for both looks: a completion before it is neither announced nor remembered (the sweep
	// forgets what it announced once `since` passes it), so neither look can announce it again.
	const horizon = Math.max(activatedAt, since - CLOCK_MARGIN);
	const found = await completedNearDue(budget, base, state, announced, horizon, event);
	const seen = new Set<string>();
	for await (const read of eachPage(pages, { from: Number(state.page) })) {
		for (const task of read.records) {
			const completedAt = time(task.completed_at);
			if (seen.has(task.id) || task.status !== 'completed' || !Number.isFinite(completedAt))
				continue;
			if (announced[task.id] !== undefined) continue;
			seen.add(task.id);
			if (completedAt < horizon) continue;
			// While priming, what was completed before activation is only noted, never emitted.
			announced[task.id] = completedAt;
			if (!(state.priming && completedAt < since) && event.matches(task)) found.push(task);
		}
		if (read.last) {
			const nextSince = Number(state.sweepStartedAt);
			for (const [id, at] of Object.entries(announced))
				if (at < nextSince - CLOCK_MARGIN) delete announced[id];
			Object.assign(state, {
				page: 1,
				since: nextSince,
				sweepStartedAt: event.now,
				priming: false,
			});
		} else {
			// The next poll goes on after the last page read: a task a deletion pulls back onto a page
			// already read is found by the next sweep.
			state.page = read.page + 1;
		}
	}
	return found;
}
