import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, simplifyOption, taskIdLocator } from '../../shared/fields';
import { readSimplify } from '../../shared/items';
import { taskItem } from '../../shared/values';
import type { ApolloClient } from '../../transport/client';
import { taskIdOf } from './taskId';

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
	const taskId = taskIdOf(this, itemIndex);
	const simplify = readSimplify(this, itemIndex);
	return [taskItem(await client.tasks.get(taskId, itemIndex), simplify, itemIndex)];
}
