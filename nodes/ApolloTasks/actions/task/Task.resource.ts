import type { INodeProperties } from 'n8n-workflow';

import * as complete from './complete.operation';
import * as create from './create/create.operation';
import * as get from './get.operation';
import * as search from './search.operation';
import * as skip from './skip.operation';
import * as update from './update.operation';

import type { BatchOperation, ItemOperation } from '../operation';

export const operations: Record<
	'complete' | 'create' | 'get' | 'search' | 'skip' | 'update',
	ItemOperation | BatchOperation
> = {
	complete,
	create,
	get,
	search,
	skip,
	update,
};

export type TaskOperationName = keyof typeof operations;

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['task'] } },
		options: [
			{
				name: 'Complete',
				value: 'complete',
				description: 'Mark a task as completed, with an optional note',
				action: 'Complete a task',
			},
			{
				name: 'Create',
				value: 'create',
				description:
					'Create a task for each contact; items that share the task fields go in one request',
				action: 'Create tasks',
			},
			{
				name: 'Get',
				value: 'get',
				description: 'Get a task by its ID',
				action: 'Get a task',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search tasks, one output item per task',
				action: 'Search tasks',
			},
			{
				name: 'Skip',
				value: 'skip',
				description: 'Mark a task as skipped, with an optional note',
				action: 'Skip a task',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the assignee, type, priority, due date or note of a task',
				action: 'Update a task',
			},
		],
		default: 'create',
	},
	...create.description,
	...search.description,
	...get.description,
	...update.description,
	...complete.description,
	...skip.description,
];
