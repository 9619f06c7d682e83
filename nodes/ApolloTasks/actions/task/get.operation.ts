import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApolloClient } from '../../transport/client';
import { apolloId } from '../input';
import { eachItem, type ItemOutcome } from '../outcome';
import { optionsCollection, simplifyOption, taskIdLocator, taskItem } from './shared';

const properties: INodeProperties[] = [
	taskIdLocator,
	simplifyOption,
	optionsCollection(),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['get'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ApolloClient): Promise<ItemOutcome[]> {
	return await eachItem(this, items, async (itemIndex) => {
		const taskId = apolloId(this, itemIndex, 'Task', this.getNodeParameter('taskId', itemIndex, '', { extractValue: true }), 'task');
		const task = await client.tasks.get(taskId, itemIndex);
		return [taskItem(task, this.getNodeParameter('simplify', itemIndex, false) as boolean, itemIndex)];
	});
}
