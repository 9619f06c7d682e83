import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assigneeFilter, optionsCollection, simplifyOption } from '../../shared/fields';
import { inputError, locatorValue, oneOf, optionalApolloId } from '../../shared/ids';
import { taskItem } from '../../shared/taskOutput';
import { optionsOf, PRIORITIES, STATUSES, valuesOf } from '../../shared/values';
import type { ApolloClient } from '../../transport/client';
import { MAX_REACHABLE_RECORDS } from '../../transport/limits';
import type { ApolloTask, ApolloTaskSearchParams } from '../../transport/types';
import { wholeNumber } from '../../shared/ids';

const SORT_FIELDS = ['task_due_at', 'task_priority', 'task_created_at'] as const;
// What Output: Task Type Counts ignores.
const hiddenForCounts = { hide: { output: ['taskTypeCounts'] } };

const properties: INodeProperties[] = [
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
		displayName: 'Return All',
		name: 'returnAll',
		type: 'boolean',
		default: false,
		description: 'Whether to return all results or only up to a given limit',
		displayOptions: hiddenForCounts,
	},
	{
		displayName: 'Limit',
		name: 'limit',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_REACHABLE_RECORDS },
		default: 50,
		description: 'Max number of results to return',
		displayOptions: { show: { returnAll: [false] }, ...hiddenForCounts },
	},
	{
		displayName: 'Filters',
		name: 'filters',
		type: 'collection',
		placeholder: 'Add Filter',
		default: {},
		description:
			'Sent to Apollo, and checked again by the node on every task, since Apollo may not apply them all',
		options: [
			{
				displayName: 'Account ID',
				name: 'accountId',
				type: 'string',
				default: '',
				description: 'Only tasks for contacts of this Apollo account',
			},
			assigneeFilter,
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
				description:
					"Words to look for in the task's note and its contact's name, email or company (sent to Apollo only)",
			},
			{
				displayName: 'Priority',
				name: 'priority',
				type: 'options',
				options: optionsOf(PRIORITIES),
				default: 'high',
			},
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: optionsOf(STATUSES),
				default: 'scheduled',
				description:
					"Only tasks with this status. Apollo's search takes no status, so the node applies it; Limit counts the tasks that match.",
			},
		],
	},
	{ ...simplifyOption, displayOptions: hiddenForCounts },
	optionsCollection([
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
			description:
				'Without it, tasks come oldest first by creation: new tasks then land on the last page, so paging neither skips nor repeats',
		},
	]),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['search'] } },
	properties,
);

interface Search {
	params: ApolloTaskSearchParams;
	/** The node's own check of each filter, or undefined when there is none. */
	keep?: (task: ApolloTask) => boolean;
}

function readSearch(ctx: IExecuteFunctions, itemIndex: number): Search {
	const node = ctx.getNode();
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const params: ApolloTaskSearchParams = {};
	const user = optionalApolloId(
		node,
		itemIndex,
		'Filters > Assigned To',
		locatorValue(filters.userId),
		'user',
		true,
	);
	const contact = optionalApolloId(
		node,
		itemIndex,
		'Filters > Contact ID',
		filters.contactId,
		'contact',
	);
	const account = optionalApolloId(
		node,
		itemIndex,
		'Filters > Account ID',
		filters.accountId,
		'account',
	);
	const priority = filters.priority
		? oneOf(node, itemIndex, 'Filters > Priority', filters.priority, valuesOf(PRIORITIES))
		: undefined;
	const status = filters.status
		? oneOf(node, itemIndex, 'Filters > Status', filters.status, valuesOf(STATUSES))
		: undefined;
	if (user) params.user_id = user;
	if (contact) params.contact_id = contact;
	if (account) params.account_id = account;
	if (priority) params.priority = priority;
	if (filters.keywords !== undefined && filters.keywords !== '') {
		if (typeof filters.keywords !== 'string')
			throw inputError(
				node,
				itemIndex,
				'Filters > Keywords',
				'must be text',
				'Enter words to search for, or remove the filter.',
			);
		if (filters.keywords.trim()) params.q_keywords = filters.keywords.trim();
	}
	if (options.sortByField !== undefined) {
		params.sort_by_field = oneOf(
			node,
			itemIndex,
			'Options > Sort By',
			options.sortByField,
			SORT_FIELDS,
		);
		if (options.sortAscending !== undefined) params.sort_ascending = options.sortAscending === true;
	} else {
		params.sort_by_field = 'task_created_at';
		params.sort_ascending =
			options.sortAscending === undefined ? true : options.sortAscending === true;
	}
	const checks: Array<(task: ApolloTask) => boolean> = [];
	if (user) checks.push((task) => task.user_id === user);
	if (contact) checks.push((task) => task.contact_id === contact);
	if (account) checks.push((task) => (task.account_id ?? task.contact?.account_id) === account);
	if (priority) checks.push((task) => task.priority === priority);
	if (status) checks.push((task) => task.status === status);
	return {
		params,
		keep: checks.length ? (task) => checks.every((check) => check(task)) : undefined,
	};
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ApolloClient,
): Promise<INodeExecutionData[]> {
	const { params, keep } = readSearch(this, itemIndex);

	if (this.getNodeParameter('output', itemIndex, 'tasks') === 'taskTypeCounts') {
		const { body } = await client.tasks.searchPage(
			{ ...params, open_factor_names: ['task_types'] },
			1,
			1,
			itemIndex,
		);
		const counts: IDataObject = {};
		for (const facet of body?.faceting?.task_types ?? []) counts[facet.value] = facet.count;
		return [
			{
				json: { total_entries: body?.pagination?.total_entries ?? 0, task_types: counts },
				pairedItem: { item: itemIndex },
			},
		];
	}

	const returnAll = this.getNodeParameter('returnAll', itemIndex, false) as boolean;
	const limit = returnAll
		? 'all'
		: wholeNumber(
				this.getNode(),
				itemIndex,
				'Limit',
				this.getNodeParameter('limit', itemIndex, 50),
				1,
				MAX_REACHABLE_RECORDS,
			);
	const simplify = this.getNodeParameter('simplify', itemIndex, false) as boolean;
	const tasks = await client.tasks.search(params, { limit, keep, itemIndex });
	return tasks.map((task) => taskItem(task, simplify, itemIndex));
}
