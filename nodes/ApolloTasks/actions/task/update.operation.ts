import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	assigneeLocator,
	dueAtField,
	noteField,
	optionsCollection,
	taskIdLocator,
} from '../../shared/fields';
import {
	apolloId,
	assigneeId,
	EXAMPLE_ID,
	inputError,
	isBlank,
	oneOf,
	readAssignee,
} from '../../shared/items';
import {
	optionsOf,
	parseDueAt,
	PRIORITIES,
	TASK_TYPES,
	textOf,
	valuesOf,
} from '../../shared/values';
import { readSimplify, simplifyOption, taskItem } from '../../shared/output';
import type { ApolloClient, ApolloTaskChanges } from '../../transport/client';
import { explainUnknownOutcome, type NodeError } from '../../transport/errors';
import { taskIdOf } from './taskId';

/** The fields as the user sees them, and which of them Apollo lets a completed or skipped task change. */
const FIELDS: Record<
	'user_id' | 'type' | 'priority' | 'due_at' | 'note' | 'title' | 'contact_id',
	{ label: string; whenDone: boolean }
> = {
	user_id: { label: 'Assigned To', whenDone: false },
	type: { label: 'Type', whenDone: false },
	priority: { label: 'Priority', whenDone: true },
	due_at: { label: 'Due At', whenDone: false },
	note: { label: 'Note', whenDone: true },
	title: { label: 'Title', whenDone: false },
	contact_id: { label: 'Contact ID', whenDone: true },
};

const properties: INodeProperties[] = [
	taskIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'A scheduled task can change all of these; a completed or skipped task only its note, priority and contact',
		options: [
			assigneeLocator('The Apollo user who will own the task'),
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				placeholder: EXAMPLE_ID.contact,
				description: 'The ID of the Apollo contact the task is for, mapped from a previous node',
			},
			dueAtField,
			noteField,
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: optionsOf(PRIORITIES),
				default: 'medium',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: optionsOf(TASK_TYPES),
				default: 'call',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: "The task's title in Apollo (Apollo makes one up when a task has none)",
			},
		],
	},
	simplifyOption,
	optionsCollection(),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['update'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ApolloClient,
): Promise<INodeExecutionData[]> {
	const node = this.getNode();
	const taskId = taskIdOf(this, itemIndex);
	const shape = readSimplify(this, itemIndex);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes: ApolloTaskChanges = {};
	const field = 'Update Fields > Assigned To';
	const assignee = readAssignee(node, itemIndex, field, fields.userId, false);
	if (fields.type !== undefined)
		changes.type = oneOf(
			node,
			itemIndex,
			'Update Fields > Type',
			fields.type,
			valuesOf(TASK_TYPES),
		);
	if (fields.priority !== undefined)
		changes.priority = oneOf(
			node,
			itemIndex,
			'Update Fields > Priority',
			fields.priority,
			valuesOf(PRIORITIES),
		);
	if (fields.dueAt) changes.due_at = parseDueAt(node, itemIndex, fields.dueAt, this.getTimezone());
	if (fields.note !== undefined)
		changes.note = textOf(node, itemIndex, 'Update Fields > Note', fields.note);
	if (fields.title !== undefined)
		changes.title = textOf(node, itemIndex, 'Update Fields > Title', fields.title);
	if (!isBlank(fields.contactId))
		changes.contact_id = apolloId(
			node,
			itemIndex,
			'Update Fields > Contact ID',
			fields.contactId,
			'contact',
		);
	if (assignee) changes.user_id = await assigneeId(client, itemIndex, field, assignee);
	const changing = Object.keys(changes) as Array<keyof typeof FIELDS>;
	if (changing.length === 0) {
		throw inputError(
			node,
			itemIndex,
			'Update Fields',
			'nothing to change',
			'Add at least one field under Update Fields.',
		);
	}

	const current = await client.tasks.get(taskId, itemIndex);
	if (current.status === 'scheduled') {
		// Apollo resets what an update of a scheduled task leaves out: send the values the task has.
		changes.priority ??= current.priority as ApolloTaskChanges['priority'];
		if (current.creator_id) changes.creator_id = current.creator_id;
	} else {
		const refused = changing.find((field) => !FIELDS[field].whenDone);
		if (refused) {
			throw inputError(
				node,
				itemIndex,
				`Update Fields > ${FIELDS[refused].label}`,
				`the task is ${current.status}, so Apollo does not let its ${FIELDS[refused].label} change`,
				'A completed or skipped task can change only its Note, Priority and Contact ID. Remove the field, or update only scheduled tasks (Search with Filters > Status: Scheduled first).',
			);
		}
	}
	const task = await client.tasks.update(taskId, changes, itemIndex).catch((error: NodeError) => {
		throw explainUnknownOutcome(
			node,
			error,
			itemIndex,
			'The task may or may not have been changed: get it (Get) to see its fields. Running this Update again is safe: it sets the same values.',
		);
	});
	return [taskItem(task, shape, itemIndex)];
}
