import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties, INodePropertyOptions } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApolloClient } from '../../transport/client';
import type { ApolloTask } from '../../transport/types';
import { apolloId } from '../input';
import { eachItem, type ItemOutcome } from '../outcome';

/** Every task type Apollo has today (the old API page listed only call, manual email and action item). */
export const TASK_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Action Item', value: 'action_item', description: 'A free-form to-do. Apollo advises adding a note.' },
	{ name: 'Call', value: 'call' },
	{ name: 'LinkedIn: Connect', value: 'linkedin_step_connect' },
	{ name: 'LinkedIn: Interact With Post', value: 'linkedin_step_interact_post' },
	{ name: 'LinkedIn: Message', value: 'linkedin_step_message' },
	{ name: 'LinkedIn: View Profile', value: 'linkedin_step_view_profile' },
	{ name: 'Manual Email', value: 'outreach_manual_email' },
];

export const PRIORITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'High', value: 'high' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'Low', value: 'low' },
];

export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Scheduled', value: 'scheduled', description: 'A task still to do' },
	{ name: 'Completed', value: 'completed', description: 'Record a task that is already done' },
	{ name: 'Skipped', value: 'skipped', description: 'Record a task that was skipped' },
];

export const values = (options: INodePropertyOptions[]): string[] => options.map((o) => String(o.value));

/** Shared by every operation's Options, read once per execution by the router. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300 },
	default: 30,
	description:
		'How long to wait for each answer from Apollo. A search page that times out is asked for again; a create that times out is not, since Apollo may have made the tasks.',
};

export const maxRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Wait on Rate Limit (Seconds)',
	name: 'maxRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 600 },
	default: 90,
	description:
		"How long the node may wait in all for Apollo's per-minute limit to reset before it stops with an error. Hourly and daily limits always stop it at once.",
};

/** A record picked from a searchable list of Apollo's, or given by its 24-character ID. */
export function apolloLocator(
	what: { displayName: string; name: string; noun: string; searchListMethod: string; placeholder: string },
	description: string,
): INodeProperties {
	return {
		displayName: what.displayName,
		name: what.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: what.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: what.placeholder,
				validation: [
					{
						type: 'regex',
						properties: { regex: '^\\s*[0-9a-fA-F]{24}\\s*$', errorMessage: `An Apollo ${what.noun} ID is 24 hexadecimal characters` },
					},
				],
			},
		],
	};
}

/** The task an operation acts on: picked from a search, or given by ID. */
export const taskIdLocator = apolloLocator(
	{ displayName: 'Task', name: 'taskId', noun: 'task', searchListMethod: 'searchTasks', placeholder: '6a2b9c0e1b3d4e0012345678' },
	'The Apollo task. Map the ID of a task from a Search, or pick one.',
);

/** An operation's Options: its own, then the request settings every operation has, in n8n's A-Z order. */
export function optionsCollection(own: INodeProperties[] = []): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [...own, maxRateLimitWaitOption, timeoutOption].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}

export const dueAtField: INodeProperties = {
	displayName: 'Due At',
	name: 'dueAt',
	type: 'dateTime',
	default: '',
	description: 'When the task is due. Without a time zone offset it is read in the workflow time zone.',
};

export const noteField: INodeProperties = {
	displayName: 'Note',
	name: 'note',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Text shown with the task in Apollo',
};

/** Filter by owner, shared by Search and the trigger. */
export const assigneeIdFilter: INodeProperties = {
	displayName: 'Assigned To (User ID)',
	name: 'userId',
	type: 'string',
	default: '',
	description: 'Only tasks owned by this Apollo user',
};

export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description:
		'Whether to return only the fields people read (ID, type, priority, status, due date, note, contact name and email, account name) instead of the whole task',
};

/** The fields a person reads, flat, for Slack messages, sheets and AI agents. */
export function simplifyTask(task: ApolloTask): IDataObject {
	return {
		id: task.id,
		type: task.type,
		priority: task.priority,
		status: task.status,
		due_at: task.due_at,
		note: task.note,
		user_id: task.user_id,
		contact_id: task.contact_id,
		contact_name: task.contact?.name ?? null,
		contact_email: task.contact?.email ?? null,
		account_name: task.account?.name ?? task.contact?.organization_name ?? null,
	};
}

/** One task as an output item, whole or simplified. */
export function taskItem(task: ApolloTask, simplify: boolean, itemIndex: number): INodeExecutionData {
	return { json: simplify ? simplifyTask(task) : (task as unknown as IDataObject), pairedItem: { item: itemIndex } };
}

/** Complete and Skip differ only in the word: one description and one execute for both. */
export function finishOperation(how: 'complete' | 'skip') {
	const word = how === 'complete' ? 'completed' : 'skipped';
	const properties: INodeProperties[] = [
		taskIdLocator,
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: `Optional: why or how the task was ${word}; it replaces the task's note`,
		},
		simplifyOption,
		optionsCollection(),
	];
	return {
		description: updateDisplayOptions({ show: { resource: ['task'], operation: [how] } }, properties),
		async execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ApolloClient): Promise<ItemOutcome[]> {
			return await eachItem(this, items, async (itemIndex) => {
				const taskId = apolloId(this, itemIndex, 'Task', this.getNodeParameter('taskId', itemIndex, '', { extractValue: true }), 'task');
				const note = String(this.getNodeParameter('note', itemIndex, '') ?? '').trim() || undefined;
				const task = await client.tasks.finish(taskId, how, note, itemIndex);
				return [taskItem(task, this.getNodeParameter('simplify', itemIndex, false) as boolean, itemIndex)];
			});
		},
	};
}
