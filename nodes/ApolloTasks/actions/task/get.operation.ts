import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, simplifyOption, taskIdLocator } from '../../shared/fields';
import { taskItem } from '../../shared/values';
import type { ApolloClient } from '../../transport/client';
import { taskIdOf } from '../input';

const properties: INodeProperties[] = [taskIdLocator, simplifyOption, optionsCollection()];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['get'] } },
	properties,
);

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ApolloClient,
): Promise<INodeExecutionData[]> {
	const task = await client.tasks.get(taskIdOf(this, itemIndex), itemIndex);
	return [
		taskItem(task, this.getNodeParameter('simplify', itemIndex, false) as boolean, itemIndex),
	];
}
