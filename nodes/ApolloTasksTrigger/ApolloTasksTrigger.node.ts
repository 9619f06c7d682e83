import type { INodeExecutionData, INodeType, INodeTypeDescription, IPollFunctions } from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchUsers } from '../ApolloTasks/methods/listSearch';
import { docsUrl, NODE_DESCRIPTION, optionSubtitle } from '../ApolloTasks/shared/about';
import { assigneeFilter, typesFilter } from '../ApolloTasks/shared/fields';
import { optionalApolloId } from '../ApolloTasks/shared/ids';
import { locatorValue } from '../ApolloTasks/shared/taskOutput';
import { COMPLETED_LOOKBACK_DAYS, pollTasks, type TaskEvent } from './poll';

export class ApolloTasksTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apollo Tasks Trigger',
		name: 'apolloTasksTrigger',
		icon: { light: 'file:apollo.svg', dark: 'file:apollo.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The chosen event's name, read from the Event options below.
		get subtitle() {
			return optionSubtitle(this.properties, 'event');
		},
		description: NODE_DESCRIPTION,
		documentationUrl: docsUrl('apollo-tasks-trigger'),
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
				options: [assigneeFilter, typesFilter],
			},
		],
	};

	methods = { listSearch: { searchUsers } };

	async poll(this: IPollFunctions): Promise<INodeExecutionData[][] | null> {
		const filters = this.getNodeParameter('filters', {}) as { userId?: unknown; types?: string[] };
		const userId = optionalApolloId(this.getNode(), 0, 'Filters > Assigned To', locatorValue(filters.userId), 'user', true);
		return await pollTasks.call(this, {
			event: this.getNodeParameter('event') as TaskEvent,
			dueWithinHours: Number(this.getNodeParameter('dueWithinHours', 24)),
			userId,
			types: filters.types ?? [],
		});
	}
}
