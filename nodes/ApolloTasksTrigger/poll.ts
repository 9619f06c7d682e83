import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { ApolloClient } from '../ApolloTasks/transport/client';
import { eachPage } from '../ApolloTasks/transport/paging';
import type { ApolloTask, ApolloTaskSearchParams } from '../ApolloTasks/transport/types';

export type TaskEvent = 'newTask' | 'taskDue' | 'taskCompleted';

/** What the trigger remembers between polls, in the workflow's static data (it survives restarts). */
interface PollState extends IDataObject {
	event: TaskEvent;
	/** newTask: tasks created after this instant are new; `ids` are those created at exactly that instant. */
	after?: number;
	ids?: string[];
	/** taskDue: tasks already announced, with the due date they had then. */
	announced?: IDataObject;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** How far before the last poll a completed task may have been due and still be found. */
export const COMPLETED_LOOKBACK_DAYS = 30;

interface Settings {
	event: TaskEvent;
	dueWithinHours: number;
	userId?: string;
	types: string[];
}

/** Pages through a search in the given order while `keepGoing` says the next page may still matter. */
async function scan(
	client: ApolloClient,
	params: ApolloTaskSearchParams,
	keepGoing: (page: ApolloTask[]) => boolean,
	visit: (task: ApolloTask) => void,
): Promise<void> {
	for await (const { records } of eachPage(client.taskPages(params))) {
		records.forEach(visit);
		if (!keepGoing(records)) return;
	}
}

const time = (value: string | null | undefined) => (value ? Date.parse(value) : NaN);

/**
 * "Everything after instant T": tasks after T are new, and so are tasks at exactly T that were not seen
 * at T before (several tasks can share a timestamp). `floor` starts the mark when there is none yet.
 */
function watermark(state: PollState, floor?: number) {
	const after = state.after;
	const seenAtAfter = new Set(state.ids ?? []);
	let newest = after ?? floor ?? -Infinity;
	let atNewest = new Set<string>(after !== undefined ? seenAtAfter : []);
	return {
		after,
		see(task: ApolloTask, at: number): boolean {
			if (!Number.isFinite(at)) return false;
			if (at > newest) {
				newest = at;
				atNewest = new Set();
			}
			if (at === newest) atNewest.add(task.id);
			return after !== undefined && (at > after || (at === after && !seenAtAfter.has(task.id)));
		},
		save() {
			state.after = Number.isFinite(newest) ? newest : Date.now();
			state.ids = [...atNewest];
		},
	};
}

export async function pollTasks(this: IPollFunctions, settings: Settings): Promise<INodeExecutionData[][] | null> {
	const client = new ApolloClient(this);
	const state = this.getWorkflowStaticData('node') as PollState;
	if (state.event !== settings.event) {
		for (const key of Object.keys(state)) delete state[key];
		state.event = settings.event;
	}
	const manual = this.getMode() === 'manual';
	const now = Date.now();
	const base: ApolloTaskSearchParams = settings.userId ? { user_id: settings.userId } : {};
	const wanted = (task: ApolloTask) => settings.types.length === 0 || settings.types.includes(task.type);
	const found: ApolloTask[] = [];

	if (settings.event === 'newTask') {
		const mark = watermark(state);
		await scan(
			client,
			{ ...base, sort_by_field: 'task_created_at', sort_ascending: false },
			(page) => mark.after !== undefined && page.every((t) => time(t.created_at) >= (mark.after as number)),
			(task) => {
				const isNew = mark.see(task, time(task.created_at));
				if (mark.after === undefined) {
					if (manual && found.length === 0 && wanted(task)) found.push(task);
				} else if (isNew && wanted(task)) found.push(task);
			},
		);
		if (!manual || mark.after === undefined) mark.save();
		if (mark.after === undefined && !manual) return null;
	} else if (settings.event === 'taskDue') {
		const until = now + settings.dueWithinHours * HOUR;
		const announced = (state.announced ?? {}) as Record<string, string>;
		await scan(
			client,
			{ ...base, sort_by_field: 'task_due_at', sort_ascending: false },
			(page) => page.some((t) => !(time(t.due_at) < now)),
			(task) => {
				const due = time(task.due_at);
				if (task.status !== 'scheduled' || !(due >= now && due <= until) || !wanted(task)) return;
				if (announced[task.id] === task.due_at && !manual) return;
				found.push(task);
			},
		);
		if (!manual) {
			for (const task of found) announced[task.id] = task.due_at as string;
			for (const [id, due] of Object.entries(announced)) if (time(due) < now - DAY) delete announced[id];
			state.announced = announced;
		}
	} else {
		const mark = watermark(state, now);
		const oldestDue = (mark.after ?? now) - COMPLETED_LOOKBACK_DAYS * DAY;
		await scan(
			client,
			{ ...base, sort_by_field: 'task_due_at', sort_ascending: false },
			(page) => page.some((t) => !(time(t.due_at) < oldestDue)),
			(task) => {
				if (task.status !== 'completed') return;
				const isNew = mark.see(task, time(task.completed_at));
				if (mark.after === undefined) {
					if (manual && wanted(task) && (found.length === 0 || time(task.completed_at) > time(found[0].completed_at))) found.splice(0, 1, task);
				} else if (isNew && wanted(task)) found.push(task);
			},
		);
		if (!manual || mark.after === undefined) mark.save();
		if (mark.after === undefined && !manual) return null;
	}

	if (found.length === 0) return null;
	return [found.map((task) => ({ json: task as unknown as IDataObject }))];
}
