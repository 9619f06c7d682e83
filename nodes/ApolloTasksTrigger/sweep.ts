import type { IDataObject } from 'n8n-workflow';

import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { eachPage } from '../ApolloTasks/transport/paging';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import type { EventContext } from './events';

/** Room for clocks that disagree between this machine and Apollo. */
export const CLOCK_MARGIN = 10 * 60_000;

/**
 * A sweep through all tasks, a budget of pages per poll, starting again on the page where the last poll
 * stopped, and a new sweep after the last page. `since` is when the sweep before the current one began:
 * every event stamped after it is seen by the time the current sweep ends, whatever order the pages come
 * in (a task pushed to a later page is seen there; one pulled to a page already read is seen by the next
 * sweep). `announced` holds the tasks emitted, with their stamp, until `since` passes them.
 */
export interface SweepState extends IDataObject {
	page?: number;
	sweepStartedAt?: number;
	since?: number;
	announced?: IDataObject;
	/** Nothing stamped at or before it is emitted: when the trigger began watching. */
	floor?: number;
}

/**
 * Whether a stamp may still be emitted: after the floor, and not before the previous sweep's start
 * less the margin (what the sweep no longer remembers).
 */
export const eligible =
	(state: SweepState) =>
	(at: number): boolean =>
		at > Number(state.floor) && at >= Number(state.since) - CLOCK_MARGIN;

/**
 * Starts sweeping: nothing stamped at or before `floor` is ever emitted; the first sweep emits what is
 * stamped since `since` (by default now; earlier for a trigger that watched until then another way).
 */
export function startSweep(state: SweepState, floor: number, now: number, since = now): void {
	Object.assign(state, { page: 1, sweepStartedAt: now, since, announced: {}, floor });
}

/**
 * One poll's part of the sweep: the tasks whose `stamp` (the event's time, NaN for none) is eligible and
 * that were not emitted before, each once. `params` may sort in any order.
 */
export async function sweep(
	budget: PollBudget,
	params: ApolloTaskSearchParams,
	state: SweepState,
	stamp: (task: ApolloTask) => number,
	event: EventContext,
): Promise<ApolloTask[]> {
	const announced = state.announced as Record<string, number>;
	const mayEmit = eligible(state);
	const found: ApolloTask[] = [];
	const seen = new Set<string>();
	for await (const read of eachPage(budget.pages(params), { from: Number(state.page) })) {
		for (const task of read.records) {
			const at = stamp(task);
			if (seen.has(task.id) || !Number.isFinite(at) || announced[task.id] !== undefined) continue;
			seen.add(task.id);
			if (!mayEmit(at)) continue;
			announced[task.id] = at;
			if (event.matches(task)) found.push(task);
		}
		if (read.last) {
			const nextSince = Number(state.sweepStartedAt);
			for (const [id, at] of Object.entries(announced))
				if (at < nextSince - CLOCK_MARGIN) delete announced[id];
			Object.assign(state, { page: 1, since: nextSince, sweepStartedAt: event.now });
		} else {
			// The next poll goes on after the last page read.
			state.page = read.page + 1;
		}
	}
	return found;
}
