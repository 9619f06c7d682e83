import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApolloClient } from '../../transport/client';
import type { ApolloTaskChanges, ApolloTaskType } from '../../transport/types';
import { apolloId, dueAt, inputError, oneOf } from '../input';
import { eachItem, type ItemOutcome } from '../outcome';
import { dueAtField, noteField, optionsCollection, PRIORITY_OPTIONS, simplifyOption, TASK_TYPE_OPTIONS, taskIdLocator, taskItem, values } from './shared';

/** Apollo lets a completed or skipped task change only its note. */
const CHANGEABLE_WHEN_DONE = ['note'];

const properties: INodeProperties[] = [
	taskIdLocator,
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description: 'A scheduled task can change all of these; a completed or skipped task only its note',
		options: [
			{
				displayName: 'Assigned To (User ID)',
				name: 'userId',
				type: 'string',
				default: '',
				description: 'The Apollo user who will own the task',
			},
			dueAtField,
			noteField,
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: PRIORITY_OPTIONS,
				default: 'medium',
			},
			{
				displayName: 'Type',
				name: 'type',
				type: 'options',
				options: TASK_TYPE_OPTIONS,
				default: 'call',
			},
		],
	},
	simplifyOption,
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['update'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ApolloClient): Promise<ItemOutcome[]> {
	const timeZone = this.getTimezone();
	return await eachItem(this, items, async (itemIndex) => {
		const taskId = apolloId(this, itemIndex, 'Task', this.getNodeParameter('taskId', itemIndex, '', { extractValue: true }), 'task');
		const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
		const changes: ApolloTaskChanges = {};
		if (fields.userId) changes.user_id = apolloId(this, itemIndex, 'Update Fields > Assigned To', fields.userId, 'user');
		if (fields.type !== undefined) changes.type = oneOf(this, itemIndex, 'Update Fields > Type', fields.type, values(TASK_TYPE_OPTIONS)) as ApolloTaskType;
		if (fields.priority !== undefined) changes.priority = oneOf(this, itemIndex, 'Update Fields > Priority', fields.priority, ['high', 'medium', 'low'] as const);
		if (fields.dueAt) changes.due_at = dueAt(this, itemIndex, fields.dueAt, timeZone);
		if (fields.note !== undefined) changes.note = String(fields.note);
		const changing = Object.keys(changes);
		if (changing.length === 0) {
			throw inputError(this, itemIndex, 'Update Fields', 'nothing to change', 'Add at least one field under Update Fields.');
		}
		if (changing.some((field) => !CHANGEABLE_WHEN_DONE.includes(field))) {
			const current = await client.tasks.get(taskId, itemIndex);
			if (current.status !== 'scheduled') {
				throw inputError(
					this,
					itemIndex,
					'Update Fields',
					`the task is ${current.status}, so Apollo lets only its note change`,
					'Remove the other fields, or update only scheduled tasks (filter on status first).',
				);
			}
		}
		const task = await client.tasks.update(taskId, changes, itemIndex);
		return [taskItem(task, this.getNodeParameter('simplify', itemIndex, false) as boolean, itemIndex)];
	});
}
