import type { IDataObject, INodeExecutionData, IPollFunctions } from 'n8n-workflow';

import { assigneeId, type Assignee } from '../ApolloTasks/shared/assignee';
import { ApolloClient } from '../ApolloTasks/transport/client';
import { clientSettings, type Clock } from '../ApolloTasks/transport/settings';
import type { ApolloTask, ApolloTaskSearchParams } from '../ApolloTasks/transport/types';
import { PollBudget, type QuotaState } from './budget';
import { completedTasks, type CompletedState } from './completedTasks';
import { dueTasks, type DueState } from './dueTasks';
import type { EventContext } from './events';
import { newTasks, type NewTaskState } from './newTasks';

export type TaskEvent = 'newTask' | 'taskDue' | 'taskCompleted';

export interface PollSettings {
	event: TaskEvent;
	dueWithinHours: number;
	assignee?: Assignee;
	types: string[];
	maxRequests: number;
	quotaReserve: number;
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
		for (const name of Object.keys(state)) delete state[name];
		state.key = key;
	}
	state.quota ??= {};
	state.cursor ??= {};
	const now = clock.now();
	const client = new ApolloClient(this, clientSettings(clock));
	const budget = new PollBudget(
		client,
		settings.maxRequests,
		settings.quotaReserve,
		state.quota,
		() => clock.now(),
	);
	const low = budget.lowQuota();
	if (low) {
		this.logger.info(
			`Apollo Tasks Trigger skipped this poll: ${low.left} requests are left of the ${low.window} quota, below the reserve of ${settings.quotaReserve}; polling resumes after ${new Date(low.resetsAt).toISOString()}`,
		);
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
