import type { IDataObject } from 'n8n-workflow';

import type { ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { eachPage, onePage, type PageFetcher } from '../ApolloTasks/transport/paging';
import { checkedPages, unlessIgnored } from '../ApolloTasks/transport/searchCheck';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import type { PollBudget } from './budget';
import { time, type EventContext } from './events';
import { startSweep, sweep, type SweepState } from './sweep';

/**
 * Where New Task stopped: the page holding the newest task seen, that task's creation time, and the IDs
 * created at that instant. `sweep`, once an answer showed that Apollo does not sort by creation (or
 * filter by assignee) as asked: from then on every task is swept (sweep.ts) instead.
 */
export interface NewTaskState extends IDataObject {
	page?: number;
	after?: number;
	ids?: string[];
	sweep?: SweepState;
}

const createdAt = (task: ApolloTask): number => time(task.created_at);

/** A budget's pages, each answer checked for the sort and the filter asked (searchCheck.ts). */
const checked = (budget: PollBudget, params: ApolloTaskSearchParams): PageFetcher<ApolloTask> =>
	checkedPages(budget.pages(params), params);

/** Fetch Test Event: the newest task that matches the filters, whatever the cursor says. */
async function newestMatching(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	event: EventContext,
): Promise<ApolloTask[]> {
	const newestFirst = { ...base, sort_by_field: 'task_created_at', sort_ascending: false } as const;
	const read = await unlessIgnored(async () => {
		for await (const { records } of eachPage(checked(budget, newestFirst))) {
			const match = records.find(event.matches);
			if (match) return [match];
		}
		return [];
	});
	if ('found' in read) return read.found;
	// Apollo does not sort by creation: the newest among the pages the budget reads.
	let newest: ApolloTask | undefined;
	for await (const { records } of eachPage(budget.pages({ sort_by_field: 'task_due_at' })))
		for (const task of records.filter(event.matches))
			if (!newest || createdAt(task) > createdAt(newest)) newest = task;
	return newest ? [newest] : [];
}

/**
 * Tasks created since the last poll. Apollo's tasks, oldest created first, only grow at the end, so the
 * poll starts on the page of the newest task it saw: one request in steady state, two when that task
 * ends a full page. Many new tasks are read a budget at a time (at least two pages, so each poll moves
 * on); the rest come with the next poll. Sorting by creation and filtering by assignee are beyond
 * Apollo's reference: each answer is checked, and once one shows Apollo ignored them, the trigger sweeps
 * all tasks instead (a sweep, at one request per 100 tasks, before a new task is seen).
 */
export async function newTasks(
	budget: PollBudget,
	base: ApolloTaskSearchParams,
	state: NewTaskState,
	event: EventContext,
): Promise<ApolloTask[]> {
	if (event.manual) return await newestMatching(budget, base, event);
	const oldestFirst = { ...base, sort_by_field: 'task_created_at', sort_ascending: true } as const;
	if (state.sweep) return await sweep(budget, oldestFirst, state.sweep, createdAt, event);
	const read = await unlessIgnored(
		async () => await followCursor(budget, oldestFirst, state, event),
	);
	if ('found' in read) return read.found;
	budget.noteIgnored(read.ignored);
	// From the cursor on: what it emitted is not emitted again, nothing created before it ever.
	const sweepState: SweepState = {};
	// From the cursor on, however long ago it moved: tasks created at its instant may be new (those seen
	// are announced), so the floor is just before it.
	const cursor = state.after ?? event.now;
	startSweep(sweepState, cursor - 1, event.now, Math.min(event.now, cursor));
	for (const id of state.ids ?? []) (sweepState.announced as IDataObject)[id] = state.after!;
	state.sweep = sweepState;
	return await sweep(budget, oldestFirst, sweepState, createdAt, event);
}

/** New Task where Apollo sorts by creation: from the page of the newest task seen. */
async function followCursor(
	budget: PollBudget,
	oldestFirst: ApolloTaskSearchParams,
	state: NewTaskState,
	event: EventContext,
): Promise<ApolloTask[]> {
	const pages = checked(budget, oldestFirst);
	const found: ApolloTask[] = [];
	// The page where it stopped may be full, with the new tasks on the next: a poll may read that one
	// more page even when the share's pace allows it one request.
	budget.allowOneMore();
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
		// Checked afresh from the page it starts on: stepping back reads an earlier page after a later one.
		for await (const read of eachPage(checked(budget, oldestFirst), { from: start })) {
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
