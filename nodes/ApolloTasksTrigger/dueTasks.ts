import type { IDataObject } from 'n8n-workflow';

import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { eachPage, type SeekState } from '../ApolloTasks/transport/paging';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { DAY, HOUR, time, type EventContext } from './events';

/** Task Due: the page where the window began last time, and the tasks announced with the due date they had. */
/** The order the seek state was learnt in: Apollo's documented one, the most future-dated first. */
export const LATEST_FIRST = 'due-latest-first';

export interface DueState extends IDataObject {
	order?: string;
	hint?: number;
	search?: SeekState;
	announced?: IDataObject;
}

export const due = (task: ApolloTask | undefined): number => {
	const at = time(task?.due_at);
	return Number.isFinite(at) ? at : Infinity;
};

/** Scheduled tasks that come due within the window, each announced once (again if its due date moves). */
export async function dueTasks(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: DueState,
	event: EventContext,
	withinHours: number,
): Promise<ApolloTask[]> {
	// The reference's order: the most future-dated first; the window is entered from its far end.
	const params: ApolloTaskSearchParams = { ...base, sort_by_field: 'task_due_at' };
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
		return records.length > 0 && due(records[records.length - 1]) >= event.now;
	};
	// What a seek learnt in the order of older versions (soonest due first) does not hold in this one.
	if (state.order !== LATEST_FIRST)
		Object.assign(state, { order: LATEST_FIRST, hint: 1, search: {} });
	state.search ??= {};
	const seek = {
		// Pages run from the latest due date back: the key is the due date turned round.
		key: (task: ApolloTask) => -due(task),
		from: -until,
		hint: Number(state.hint ?? 1),
		state: state.search as SeekState,
	};
	let first = true;
	for await (const read of eachPage(pages, { seek })) {
		// The first page is where the window's far end is: the next poll's seek starts there.
		if (first) state.hint = read.page;
		first = false;
		if (!take(read.records)) break;
	}
	// Soonest first, as a person reads a list of what comes due.
	found.sort((a, b) => due(a) - due(b));
	for (const task of found) announced[task.id] = task.due_at as string;
	for (const [id, dueAt] of Object.entries(announced))
		if (time(dueAt) < event.now - DAY) delete announced[id];
	state.announced = announced;
	return found;
}
