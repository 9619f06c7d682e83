import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, taskIdLocator } from '../../shared/fields';
import { outputFields, readShape, simplifyOption, taskItem } from '../../shared/output';
import type { ApolloClient } from '../../transport/client';
import { taskIdOf } from './taskId';

const properties: INodeProperties[] = [
	taskIdLocator,
	{ ...simplifyOption, displayOptions: { show: { '@version': [1] } } },
	...outputFields(),
	optionsCollection(),
];

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
	const shape = readShape(this, itemIndex);
	return [taskItem(await client.tasks.get(taskId, itemIndex), shape, itemIndex)];
}
