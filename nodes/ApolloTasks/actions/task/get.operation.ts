import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApolloClient } from '../../transport/client';
import { apolloId } from '../input';
import { eachItem, type ItemOutcome } from '../outcome';
import { maxRateLimitWaitOption, simplifyOption, taskIdLocator, taskItem, timeoutOption } from './shared';

const properties: INodeProperties[] = [
	taskIdLocator,
	simplifyOption,
	{
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		options: [maxRateLimitWaitOption, timeoutOption],
	},
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ApolloClient): Promise<ItemOutcome[]> {
	return await eachItem(this, items, async (itemIndex) => {
		const taskId = apolloId(this, itemIndex, 'Task', this.getNodeParameter('taskId', itemIndex, '', { extractValue: true }), 'task');
		const task = await client.tasks.get(taskId, itemIndex);
		return [taskItem(task, this.getNodeParameter('simplify', itemIndex, false) as boolean, itemIndex)];
	});
}
