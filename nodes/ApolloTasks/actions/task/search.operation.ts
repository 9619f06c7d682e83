import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import { assigneeFilter, optionsCollection } from '../../shared/fields';
import { oneOf, trueOrFalse, wholeNumber } from '../../shared/items';
import {
	outputFields,
	readShape,
	SHAPE_OUTPUTS,
	simplifyOption,
	taskItem,
} from '../../shared/output';
import { nameOf, optionsOf, PRIORITIES, STATUSES, TASK_TYPES } from '../../shared/values';
import type { ApolloClient } from '../../transport/client';
import { MAX_REACHABLE_RECORDS } from '../../transport/paging';
import { readSearch, type Search } from './searchFilters';

/** Search's one output that is not tasks, in both versions. */
const taskTypeCountsOutput = {
	name: 'Task Type Counts',
	value: 'taskTypeCounts',
	description: 'One item with the number of matching tasks of each type',
};
/** Output's values: version 1 (saved workflows) has Tasks and Simplify; version 2 a shape per task. */
const OUTPUTS = {
	1: ['tasks', 'taskTypeCounts'],
	2: [...SHAPE_OUTPUTS, 'taskTypeCounts'],
} as const;
// What Output: Task Type Counts ignores.
const hiddenForCounts = { hide: { output: ['taskTypeCounts'] } };

const properties: INodeProperties[] = [
	{
		displayName: 'Output',
		name: 'output',
		type: 'options',
		options: [
			{ name: 'Tasks', value: 'tasks', description: 'One item per task' },
			taskTypeCountsOutput,
		],
		default: 'tasks',
		displayOptions: { show: { '@version': [1] } },
	},
	...outputFields([taskTypeCountsOutput]),
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
				displayName: 'Contact Email',
				name: 'contactEmail',
				type: 'string',
				default: '',
				placeholder: 'ada@example.com',
				description:
					'Only tasks for the Apollo contact with this email, as a CRM hands it over (one contact search finds the contact)',
			},
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
					"Words to look for in the task's note and its contact's name, email or company; each task Apollo returns is checked for every word",
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
					"Only tasks with this status. Apollo's search takes no status, so the node applies it: Limit counts the tasks that match, and Task Type Counts reads every matching task to count them (one request per 100).",
			},
		],
	},
	{ ...simplifyOption, displayOptions: { show: { '@version': [1] }, ...hiddenForCounts } },
	optionsCollection([
		{
			displayName: 'Sort Ascending',
			name: 'sortAscending',
			type: 'boolean',
			default: false,
			description:
				'Whether to sort from the lowest value up: the oldest date, or low priority, first',
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

/** What Search tells a user to change when paging cannot go on. */
const PAGING_ADVICE = {
	toNarrow:
		'Narrow it with Filters (assignee, contact, account, priority, status, keywords), or turn off Return All and set a Limit.',
	toKeepPagesStable: 'sort by Created At (the default), which keeps earlier pages stable.',
};

/** The counts with the name Apollo's app shows beside each type's key ("LinkedIn: View Profile"). */
function withNames(counts: { total_entries: number; task_types: IDataObject }): IDataObject {
	const names = Object.fromEntries(
		Object.keys(counts.task_types).map((type) => [type, nameOf(TASK_TYPES, type)]),
	);
	return { ...counts, task_type_names: names };
}

/**
 * The number of matching tasks of each type (`task.type`, Apollo's task types), counted by the node in
 * the matching tasks it reads. Apollo's facets are not task types (contact_call, account_action_item,
 * linkedin_actions, …) and know no status, so they are not used: one key set, whatever the filters.
 */
async function taskTypeCounts(
	client: ApolloClient,
	search: Search,
	itemIndex: number,
): Promise<IDataObject> {
	const counts: IDataObject = {};
	const tasks = await client.tasks.search(search.params, {
		limit: 'all',
		keep: search.keep,
		itemIndex,
		...PAGING_ADVICE,
	});
	for (const task of tasks) counts[task.type] = Number(counts[task.type] ?? 0) + 1;
	return withNames({ total_entries: tasks.length, task_types: counts });
}

/** Says in the execution's hints that Apollo ignored what Search asked beyond its reference. */
function hintFallback(ctx: IExecuteFunctions, client: ApolloClient): void {
	if (!client.searchFellBack) return;
	ctx.addExecutionHints?.({
		message:
			"Apollo's task search did not apply the filters or the sort the node sent beyond Apollo's reference, so the node read every task (one request per 100) and filtered and sorted them itself: slower, and Keywords are then matched by the node (each word in the task's note or title, or its contact's or account's name, email, title or company).",
		location: 'outputPane',
	});
}

/** Return All and Limit: every matching task, or how many. */
function readLimit(ctx: IExecuteFunctions, itemIndex: number): number | 'all' {
	const node = ctx.getNode();
	const returnAll = ctx.getNodeParameter('returnAll', itemIndex, false);
	if (trueOrFalse(node, itemIndex, 'Return All', returnAll)) return 'all';
	const limit = ctx.getNodeParameter('limit', itemIndex, 50);
	return wholeNumber(node, itemIndex, 'Limit', limit, 1, MAX_REACHABLE_RECORDS);
}

export async function execute(
	this: IExecuteFunctions,
	itemIndex: number,
	client: ApolloClient,
): Promise<INodeExecutionData[]> {
	const version = this.getNode().typeVersion < 2 ? 1 : 2;
	const saidOutput = this.getNodeParameter('output', itemIndex, OUTPUTS[version][0]);
	const output = oneOf(this.getNode(), itemIndex, 'Output', saidOutput, OUTPUTS[version], 'node');
	// All the item says is checked before the first request, which Contact Email may send.
	const shape = output === 'taskTypeCounts' ? undefined : readShape(this, itemIndex, output);
	const limit = shape ? readLimit(this, itemIndex) : 'all';
	const search = await readSearch(this, itemIndex, client);
	if (!shape) {
		const counts = search.none
			? withNames({ total_entries: 0, task_types: {} })
			: await taskTypeCounts(client, search, itemIndex);
		hintFallback(this, client);
		return [{ json: counts, pairedItem: { item: itemIndex } }];
	}
	if (search.none) return [];

	const tasks = await client.tasks.search(search.params, {
		limit,
		keep: search.keep,
		itemIndex,
		...PAGING_ADVICE,
	});
	hintFallback(this, client);
	return tasks.map((task) => taskItem(task, shape, itemIndex));
}
