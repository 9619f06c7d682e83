import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';

import type { ItemOutcome } from '../../shared/items';
import type { ApolloClient } from '../../transport/client';
import type { NodeError } from '../../transport/errors';
import type { Clock } from '../../transport/settings';
import * as complete from './complete.operation';
import { executeBatch } from './create/create.operation';
import { description as createDescription } from './create/description';
import * as get from './get.operation';
import * as search from './search.operation';
import * as skip from './skip.operation';
import * as update from './update.operation';

/** An operation that works item by item. */
export interface ItemOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: ApolloClient,
	): Promise<INodeExecutionData[]>;
}

/**
 * An operation that combines items into few requests and returns each item's outcome. It tells `failed`
 * of each error as it happens; when that stops the node, the client sends nothing more, so no step
 * decides that itself.
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		client: ApolloClient,
		failed: (error: NodeError) => void,
		clock: Clock,
	): Promise<ItemOutcome[]>;
}

export const operations: Record<
	'complete' | 'create' | 'get' | 'search' | 'skip' | 'update',
	ItemOperation | BatchOperation
> = {
	complete,
	create: { description: createDescription, executeBatch },
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
				action: 'Complete task',
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
				action: 'Get task',
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
				action: 'Skip task',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Change the assignee, type, priority, due date or note of a task',
				action: 'Update task',
			},
		],
		default: 'create',
	},
	...createDescription,
	...search.description,
	...get.description,
	...update.description,
	...complete.description,
	...skip.description,
];
