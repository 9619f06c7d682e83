import type {
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { searchUsers } from '../ApolloTasks/methods/listSearch';
import { docsUrl, NODE_DESCRIPTION } from '../ApolloTasks/shared/about';
import { assigneeFilter, numberOption, typesFilter } from '../ApolloTasks/shared/fields';
import {
	checkNumberOption,
	choicesOf,
	oneOf,
	readAssignee,
	type NumberOption,
} from '../ApolloTasks/shared/items';
import { assertSupportedN8n } from '../ApolloTasks/shared/minimumN8n';
import { TASK_TYPES, valuesOf } from '../ApolloTasks/shared/values';
import { SYSTEM_CLOCK, type Clock } from '../ApolloTasks/transport/settings';
import { pollTasks, TASK_EVENTS, type PollSettings } from './poll';

assertSupportedN8n();

const DUE_WITHIN: NumberOption = {
	name: 'dueWithinHours',
	field: 'Due Within',
	unit: 'Hours',
	default: 24,
	min: 1,
	max: 24 * 31,
};
const MAX_REQUESTS: NumberOption = {
	name: 'maxRequests',
	field: 'Max Requests per Poll',
	default: 5,
	min: 2,
	max: 12,
};
const QUOTA_RESERVE: NumberOption = {
	name: 'quotaReserve',
	field: 'Quota Reserve',
	unit: 'Requests',
	default: 100,
	min: 0,
	max: 1_000_000,
};
const QUOTA_SHARE: NumberOption = {
	name: 'quotaShare',
	field: 'Share of Hourly Quota',
	unit: '%',
	default: 10,
	min: 1,
	max: 100,
};

export class ApolloTasksTrigger implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apollo Tasks Trigger',
		name: 'apolloTasksTrigger',
		icon: { light: 'file:../../icons/apollo.svg', dark: 'file:../../icons/apollo.dark.svg' },
		group: ['trigger'],
		version: 1,
		// The events' names, written out because n8n's community rules want a literal here (a test keeps
		// them equal to the Event options).
		subtitle:
			'={{ ({"newTask":"New Task","taskDue":"Task Due","taskCompleted":"Task Completed"})[$parameter["event"]] || $parameter["event"] }}',
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
					{
						name: 'Task Due',
						value: 'taskDue',
						description: 'A scheduled task comes due within the chosen window',
					},
					{
						name: 'Task Completed',
						value: 'taskCompleted',
						description:
							'A task was completed. Found by a sweep through all tasks, a few pages a poll (see Options).',
					},
				],
				default: 'newTask',
			},
			{
				...numberOption(
					DUE_WITHIN,
					'Announce each scheduled task once when its due time is at most this far ahead',
				),
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
			{
				displayName: 'Options',
				name: 'options',
				type: 'collection',
				placeholder: 'Add Option',
				default: {},
				options: [
					numberOption(
						MAX_REQUESTS,
						'At most this many requests one poll sends. New Task and Task Due need 1-2 in steady state; Task Completed reads this many pages a poll, so with 5,000 tasks (50 pages) a completion shows up within 10 polls at the default.',
					),
					numberOption(
						QUOTA_RESERVE,
						"When Apollo says fewer requests than this are left of the account's hourly or daily quota, the trigger skips its polls until the quota resets, leaving them to other workflows that use the same key",
					),
					numberOption(
						QUOTA_SHARE,
						"At most this part of the account's hourly limit (Apollo's x-rate-limit-hourly) goes to this trigger, spread over the hour; past it the trigger skips its polls until the hour resets, leaving the rest to your other workflows",
					),
				],
			},
		],
	};

	methods = { listSearch: { searchUsers } };

	poll: (this: IPollFunctions) => Promise<INodeExecutionData[][] | null>;

	/** n8n creates the trigger without arguments; tests hand it a clock of their own. */
	constructor(clock: Clock = SYSTEM_CLOCK) {
		this.poll = async function (this: IPollFunctions) {
			return await pollTasks.call(this, readSettings(this), clock);
		};
	}
}

/** The trigger's parameters, each checked as the node checks its fields. */
function readSettings(ctx: IPollFunctions): PollSettings {
	const node = ctx.getNode();
	const filters = ctx.getNodeParameter('filters', {}) as { userId?: unknown; types?: unknown };
	const options = ctx.getNodeParameter('options', {}) as Record<string, unknown>;
	const event = oneOf(node, 0, 'Event', ctx.getNodeParameter('event'), TASK_EVENTS, 'node');
	const option = (number: NumberOption) =>
		checkNumberOption(
			node,
			number,
			options[number.name] ?? number.default,
			`Options > ${number.field}`,
		);
	return {
		event,
		dueWithinHours:
			event === 'taskDue'
				? checkNumberOption(
						node,
						DUE_WITHIN,
						ctx.getNodeParameter(DUE_WITHIN.name, DUE_WITHIN.default),
						'Due Within (Hours)',
					)
				: DUE_WITHIN.default,
		assignee: readAssignee(node, 0, 'Filters > Assigned To', filters.userId, false),
		types: choicesOf(node, 0, 'Filters > Types', filters.types, valuesOf(TASK_TYPES)),
		maxRequests: option(MAX_REQUESTS),
		quotaReserve: option(QUOTA_RESERVE),
		sharePercent: option(QUOTA_SHARE),
	};
}
