import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { onePage } from '../ApolloTasks/transport/paging';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { completedNearDue, type NearDueState } from './completedNearDue';
import { time, type EventContext } from './events';
import { eligible, startSweep, sweep, type SweepState } from './sweep';

/**
 * Task Completed: the fast look near due dates, and a sweep through all tasks (sweep.ts), a budget of
 * pages per poll. Older saved state (with `activatedAt`) carries on: its activation is the floor.
 */
export interface CompletedState extends NearDueState, SweepState {
	/** Before the floor had its name: when the trigger was activated. */
	activatedAt?: number;
}

const completedAt = (task: ApolloTask): number =>
	task.status === 'completed' ? time(task.completed_at) : NaN;

/**
 * Apollo's search cannot sort by completion time, so the trigger sweeps all tasks (oldest created first
 * where Apollo applies that sort, which keeps pages stable; any order is correct) and emits each task
 * completed since the trigger was activated, once. Most completions come near a due date: those are
 * read every 5 minutes too, so they come within minutes rather than a sweep later.
 */
export async function completedTasks(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: CompletedState,
	event: EventContext,
): Promise<ApolloTask[]> {
	if (event.manual) {
		// A person testing the trigger gets the latest completion among the newest tasks, a sample to build
		// with (where Apollo ignores the sort, among the tasks due furthest ahead).
		const newestFirst = {
			...base,
			sort_by_field: 'task_created_at',
			sort_ascending: false,
		} as const;
		const read = await onePage(budget.pages(newestFirst));
		const completed = (read?.records ?? []).filter(
			(task) => task.status === 'completed' && event.matches(task),
		);
		completed.sort((a, b) => time(b.completed_at) - time(a.completed_at));
		return completed.slice(0, 1);
	}
	if (state.sweepStartedAt === undefined) startSweep(state, event.now, event.now);
	state.floor ??= Number(state.activatedAt ?? state.since);
	const announced = state.announced as Record<string, number>;
	// One rule for both looks: what the sweep no longer remembers, neither look announces again.
	const found = await completedNearDue(budget, base, state, announced, eligible(state), event);
	const params = { ...base, sort_by_field: 'task_created_at', sort_ascending: true } as const;
	found.push(...(await sweep(budget, params, state, completedAt, event)));
	return found;
}
