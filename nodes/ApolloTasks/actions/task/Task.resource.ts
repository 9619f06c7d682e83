import type { INodeProperties } from 'n8n-workflow';

import * as create from './create.operation';
import * as search from './search.operation';

export const operations = { create, search };

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
				name: 'Create',
				value: 'create',
				description: 'Create a task for each contact; items that share the task fields go in one request',
				action: 'Create tasks',
			},
			{
				name: 'Search',
				value: 'search',
				description: 'Search tasks, one output item per task',
				action: 'Search tasks',
			},
		],
		default: 'create',
	},
	...create.description,
	...search.description,
];
