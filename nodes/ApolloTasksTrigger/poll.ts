import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { assigneeId, type Assignee } from '../ApolloTasks/shared/items';
import { ApolloClient, type ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import { clientSettings, type Clock } from '../ApolloTasks/transport/settings';
import type { ApolloTask } from '../ApolloTasks/transport/types';
import { PollBudget, type Holdback, type QuotaState } from './budget';
import { completedTasks, type CompletedState } from './completedTasks';
import { dueTasks, type DueState } from './dueTasks';
import type { EventContext } from './events';
import { newTasks, type NewTaskState } from './newTasks';

export const TASK_EVENTS = ['newTask', 'taskDue', 'taskCompleted'] as const;
export type TaskEvent = (typeof TASK_EVENTS)[number];

export interface PollSettings {
	event: TaskEvent;
	dueWithinHours: number;
	assignee?: Assignee;
	types: string[];
	maxRequests: number;
	quotaReserve: number;
	sharePercent: number;
}

/** What the trigger remembers between polls, in the workflow's static data (it survives restarts). */
interface PollState extends IDataObject {
	/** The event and assignee the cursor belongs to: another event or assignee starts afresh. */
	key?: string;
	/** The Apollo user an Assigned To by email named, when the cursor began. */
	assigneeId?: string;
	quota?: QuotaState;
	cursor?: NewTaskState & DueState & CompletedState;
}

/**
 * Says in n8n's log why a poll sends nothing: below the Quota Reserve, every time; the share spent, once
 * per hourly window; ahead of the share's pace, at debug level only.
 */
function logSkip(
	ctx: IPollFunctions,
	held: Holdback,
	settings: PollSettings,
	quota: QuotaState,
): void {
	const at = (ms: number) => new Date(ms).toISOString();
	if (held.why === 'reserve') {
		ctx.logger.info(
			`Apollo Tasks Trigger skipped this poll: ${held.left} requests are left of the ${held.window} quota, below the reserve of ${settings.quotaReserve}; polling resumes after ${at(held.resetsAt)}`,
		);
	} else if (held.why === 'share' && !quota.spent?.announced) {
		quota.spent = { ...quota.spent!, announced: true };
		ctx.logger.info(
			`Apollo Tasks Trigger used its share of the hourly quota: ${held.spent} of ${held.limit} requests (${settings.sharePercent} %); it skips its polls until ${at(held.resetsAt)}`,
		);
	} else {
		ctx.logger.debug(
			`Apollo Tasks Trigger skipped this poll: ${held.why === 'pace' ? 'ahead of its share of the hourly quota' : "no time left in n8n's poll budget"}`,
		);
	}
}

export async function pollTasks(
	this: IPollFunctions,
	settings: PollSettings,
	clock: Clock,
): Promise<INodeExecutionData[][] | null> {
	const state = this.getWorkflowStaticData('node') as PollState;
	const given = settings.assignee;
	const key = JSON.stringify([
		settings.event,
		given ? ('id' in given ? given.id : given.email) : null,
	]);
	if (state.key !== key) {
		// What this trigger spent of the account's quota stays; the cursor starts afresh.
		for (const name of Object.keys(state)) if (name !== 'quota') delete state[name];
		state.key = key;
	}
	state.quota ??= {};
	state.cursor ??= {};
	const now = clock.now();
	const client = new ApolloClient(this, clientSettings(clock));
	// n8n 2.41 gives a poll a time budget; older n8n gives none.
	const pollBudgetMs =
		'getPollBudgetMs' in this && typeof this.getPollBudgetMs === 'function'
			? Number(this.getPollBudgetMs())
			: NaN;
	const budget = new PollBudget(
		client,
		{
			maxRequests: settings.maxRequests,
			reserve: settings.quotaReserve,
			sharePercent: settings.sharePercent,
			deadline: Number.isFinite(pollBudgetMs) && pollBudgetMs > 0 ? now + pollBudgetMs : undefined,
		},
		state.quota,
		() => clock.now(),
	);
	const held = budget.holdback();
	if (held) {
		logSkip(this, held, settings, state.quota);
		return null;
	}

	// An Assigned To by email is looked up once, then kept with the cursor.
	if (given && 'email' in given && state.assigneeId === undefined) {
		state.assigneeId = await assigneeId(client, 0, 'Filters > Assigned To', given);
	}
	const userId = given && ('id' in given ? given.id : (state.assigneeId as string));
	const event: EventContext = {
		now,
		manual: this.getMode() === 'manual',
		matches: (task: ApolloTask) =>
			(!userId || task.user_id === userId) &&
			(settings.types.length === 0 || settings.types.includes(task.type)),
	};
	const base: ApolloTaskSearchParams = userId ? { user_id: userId } : {};
	// A person testing the trigger sees tasks but moves no cursor.
	const cursor = event.manual
		? (JSON.parse(JSON.stringify(state.cursor)) as PollState['cursor'] & object)
		: state.cursor;
	let found: ApolloTask[];
	if (settings.event === 'newTask') found = await newTasks(budget, base, cursor, event);
	else if (settings.event === 'taskDue')
		found = await dueTasks(budget, base, cursor, event, settings.dueWithinHours);
	else found = await completedTasks(budget, base, cursor, event);

	this.logger.debug(`Apollo Tasks Trigger: ${budget.used} requests, ${found.length} tasks`);
	if (found.length === 0) return null;
	return [found.map((task) => ({ json: task as unknown as IDataObject }))];
}
