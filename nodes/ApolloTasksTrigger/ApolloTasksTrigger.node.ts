import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes, NodeOperationError } from 'n8n-workflow';

import { assigneeIdFilter, TASK_TYPE_OPTIONS } from '../ApolloTasks/actions/task/shared';
import { APOLLO_ID } from '../ApolloTasks/transport/limits';
import { COMPLETED_LOOKBACK_DAYS, pollTasks, type TaskEvent } from './poll';
import { assertSupportedN8n } from '../ApolloTasks/minimumN8n';

assertSupportedN8n();

export class ApolloTasksTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apollo Tasks Trigger',
		name: 'apolloTasksTrigger',
		icon: { light: 'file:apollo.svg', dark: 'file:apollo.dark.svg' },
		group: ['trigger'],
		version: 1,
		subtitle: '={{$parameter["event"]}}',
		description: 'Starts the workflow when an Apollo.io task is created, comes due or is completed',
		defaults: { name: 'Apollo Tasks Trigger' },
		polling: true,
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		credentials: [{ name: 'apolloTasksApi', required: true }],
		properties: [
			{
				displayName: 'Event',
				name: 'event',
				type: 'options',
				options: [
					{ name: 'New Task', value: 'newTask', description: 'A task was created' },
					{ name: 'Task Due', value: 'taskDue', description: 'A scheduled task comes due within the chosen window' },
					{
						name: 'Task Completed',
						value: 'taskCompleted',
						description: `A task was completed (found among tasks due up to ${COMPLETED_LOOKBACK_DAYS} days before the last check)`,
					},
				],
				default: 'newTask',
			},
			{
				displayName: 'Due Within (Hours)',
				name: 'dueWithinHours',
				type: 'number',
				typeOptions: { minValue: 1, maxValue: 24 * 31 },
				default: 24,
				description: 'Announce each scheduled task once when its due time is at most this far ahead',
				displayOptions: { show: { event: ['taskDue'] } },
			},
			{
				displayName: 'Filters',
				name: 'filters',
				type: 'collection',
				placeholder: 'Add Filter',
				default: {},
				options: [
					assigneeIdFilter,
					{
						displayName: 'Types',
						name: 'types',
						type: 'multiOptions',
						options: TASK_TYPE_OPTIONS,
						default: [],
						description: 'Only tasks of these types',
					},
				],
			},
		],
	};

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as { userId?: string; types?: string[] };
		const userId = filters.userId?.trim().toLowerCase();
		if (userId && !APOLLO_ID.test(userId)) {
			throw new NodeOperationError(this.getNode(), `Filters > Assigned To: "${filters.userId}" is not an Apollo user ID`, {
				description: 'An Apollo user ID is 24 hexadecimal characters. Take it from the "Assigned To" list of an Apollo Tasks node.',
			});
		}
		return await pollTasks.call(this, {
			event: this.getNodeParameter('event') as TaskEvent,
			dueWithinHours: Number(this.getNodeParameter('dueWithinHours', 24)),
			userId: userId || undefined,
			types: filters.types ?? [],
		});
	}
}
