import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import type { ApolloClient } from '../../transport/client';
import { MAX_REACHABLE_RECORDS } from '../../transport/limits';
import type { ApolloTaskSearchParams } from '../../transport/types';
import { apolloId, inputError, oneOf, wholeNumber } from '../input';
import { eachItem, type ItemOutcome } from '../outcome';
import { assigneeIdFilter, optionsCollection, PRIORITY_OPTIONS, simplifyOption, taskItem } from './shared';

const SORT_FIELDS = ['task_due_at', 'task_priority', 'task_created_at'] as const;

const properties: INodeProperties[] = [
	{
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_REACHABLE_RECORDS },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] } },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		options: [
			{
				displayName: 'Account ID',
				name: 'accountId',
				type: 'string',
				default: '',
				description: 'Only tasks for contacts of this Apollo account',
			},
			assigneeIdFilter,
			{
				displayName: 'Contact ID',
				name: 'contactId',
				type: 'string',
				default: '',
				description: 'Only tasks for this Apollo contact',
			},
			{
				displayName: 'Keywords',
				name: 'keywords',
				type: 'string',
				default: '',
				description: "Words to look for in the task's note and its contact's name, email or company",
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: PRIORITY_OPTIONS,
				default: 'high',
			},
		],
	},
	simplifyOption,
	optionsCollection([
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{ name: 'Tasks', value: 'tasks', description: 'One item per task' },
				{
					name: 'Task Type Counts',
					value: 'taskTypeCounts',
					description: 'One item with the number of matching tasks of each type (one request)',
				},
			],
			default: 'tasks',
		},
		{
			displayName: 'Sort Ascending',
			name: 'sortAscending',
			type: 'boolean',
			default: false,
			description: 'Whether to sort from the lowest value up (oldest date, or high priority first)',
		},
		{
			displayName: 'Sort By',
			name: 'sortByField',
			type: 'options',
			options: [
				{ name: 'Created At', value: 'task_created_at' },
				{ name: 'Due At', value: 'task_due_at' },
				{ name: 'Priority', value: 'task_priority' },
			],
			default: 'task_due_at',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['search'] } }, properties);

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ApolloClient): Promise<ItemOutcome[]> {
	return await eachItem(this, items, async (itemIndex) => {
		const params = searchParams(this, itemIndex);
		const options = this.getNodeParameter('options', itemIndex, {}) as IDataObject;
		const pairedItem = { item: itemIndex };

		if ((options.output ?? 'tasks') === 'taskTypeCounts') {
			const response = await client.tasks.searchPage({ ...params, open_factor_names: ['task_types'] }, 1, 1, itemIndex);
			const counts: IDataObject = {};
			for (const facet of response.faceting?.task_types ?? []) counts[facet.value] = facet.count;
			return [{ json: { total_entries: response.pagination?.total_entries ?? 0, task_types: counts }, pairedItem }];
		}

		const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
		const limit = returnAll
			? 'all'
			: wholeNumber(this, itemIndex, 'Limit', this.getNodeParameter('limit', itemIndex, 50), 1, MAX_REACHABLE_RECORDS);
		const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
		const tasks = await client.tasks.search(params, limit, itemIndex);
		const output: INodeExecutionData[] = new Array(tasks.length);
		for (let i = 0; i < tasks.length; i++) output[i] = taskItem(tasks[i], simplify, itemIndex);
		return output;
	});
}

function searchParams(ctx: IExecuteFunctions, itemIndex: number): ApolloTaskSearchParams {
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const params: ApolloTaskSearchParams = {};
	if (filters.userId) params.user_id = apolloId(ctx, itemIndex, 'Filters > Assigned To', filters.userId, 'user');
	if (filters.contactId) params.contact_id = apolloId(ctx, itemIndex, 'Filters > Contact ID', filters.contactId, 'contact');
	if (filters.accountId) params.account_id = apolloId(ctx, itemIndex, 'Filters > Account ID', filters.accountId, 'account');
	if (filters.priority) params.priority = oneOf(ctx, itemIndex, 'Filters > Priority', filters.priority, ['high', 'medium', 'low'] as const);
	if (filters.keywords !== undefined && filters.keywords !== '') {
		if (typeof filters.keywords !== 'string') {
			throw inputError(ctx, itemIndex, 'Filters > Keywords', 'must be text', 'Enter words to search for, or remove the filter.');
		}
		if (filters.keywords.trim()) params.q_keywords = filters.keywords.trim();
	}
	if (options.sortByField !== undefined) params.sort_by_field = oneOf(ctx, itemIndex, 'Options > Sort By', options.sortByField, SORT_FIELDS);
	if (options.sortAscending !== undefined) params.sort_ascending = options.sortAscending === true;
	return params;
}
