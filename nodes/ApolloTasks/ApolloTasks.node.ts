import type { IExecuteFunctions, INodeExecutionData, INodeType, INodeTypeDescription } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as task from './actions/task/Task.resource';
import { searchContacts, searchTasks, searchUsers } from './methods/listSearch';
import { assertSupportedN8n } from './shared/minimumN8n';

assertSupportedN8n();

export class ApolloTasks implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apollo Tasks',
		name: 'apolloTasks',
		icon: { light: 'file:apollo.svg', dark: 'file:apollo.dark.svg' },
		group: ['transform'],
		version: 1,
		subtitle: '={{$parameter["operation"] + ": " + $parameter["resource"]}}',
		description: 'Create, search, update, complete and skip Apollo.io tasks',
		defaults: { name: 'Apollo Tasks' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: true,
		credentials: [{ name: 'apolloTasksApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Task', value: 'task' }],
				default: 'task',
			},
			...task.description,
		],
	};

	methods = {
		listSearch: { searchContacts, searchTasks, searchUsers },
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		return [await router.call(this)];
	}
}
