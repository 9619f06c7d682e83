import type { INodeProperties } from 'n8n-workflow';

import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_RATE_LIMIT_WAIT_SECONDS,
	MAX_TIMEOUT_SECONDS,
} from '../transport/settings';
import { EXAMPLE_ID, type ApolloRecord, type NumberOption } from './items';
import { optionsOf, TASK_TYPES } from './values';

/** A record picked from a searchable list of Apollo's, or given by its 24-character ID. */
export function apolloLocator(
	field: {
		displayName: string;
		name: string;
		record: ApolloRecord;
		searchListMethod: string;
		required?: boolean;
	},
	description: string,
): INodeProperties {
	return {
		displayName: field.displayName,
		name: field.name,
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: field.required ?? false,
		description,
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: field.searchListMethod, searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: EXAMPLE_ID[field.record],
				validation: [
					{
						type: 'regex',
						properties: {
							regex: '^\\s*[0-9a-fA-F]{24}\\s*$',
							errorMessage: `An Apollo ${field.record} ID is 24 hexadecimal characters`,
						},
					},
				],
			},
		],
	};
}

/** The task an operation acts on: picked from a search, or given by ID. */
export const taskIdLocator = apolloLocator(
	{
		displayName: 'Task',
		name: 'taskId',
		record: 'task',
		searchListMethod: 'searchTasks',
		required: true,
	},
	'The Apollo task. Map the ID of a task from a Search, or pick one.',
);

/** Assigned To by the email a CRM knows the person by; the node finds the Apollo user with it. */
const byEmailMode = {
	displayName: 'By Email',
	name: 'email',
	type: 'string' as const,
	placeholder: 'rep@example.com',
	validation: [
		{
			type: 'regex' as const,
			properties: {
				regex: '^\\s*[^\\s@]+@[^\\s@]+\\.[^\\s@]+\\s*$',
				errorMessage: 'Enter the email address of a user of your Apollo team',
			},
		},
	],
};

/** An Apollo user: the owner of new tasks, a new owner, or an owner to filter by; picked, by ID or by email. */
export const assigneeLocator = (description: string, required = false): INodeProperties => {
	const locator = apolloLocator(
		{
			displayName: 'Assigned To',
			name: 'userId',
			record: 'user',
			searchListMethod: 'searchUsers',
			required,
		},
		description,
	);
	return { ...locator, modes: [...(locator.modes ?? []), byEmailMode] };
};

/** Filter by owner, shared by Search and the trigger. */
export const assigneeFilter = assigneeLocator('Only tasks owned by this Apollo user');

/** Filter by type, shared by Search and the trigger. */
export const typesFilter: INodeProperties = {
	displayName: 'Types',
	name: 'types',
	type: 'multiOptions',
	options: optionsOf(TASK_TYPES),
	default: [],
	description: 'Only tasks of these types',
};

export const dueAtField: INodeProperties = {
	displayName: 'Due At',
	name: 'dueAt',
	type: 'dateTime',
	default: '',
	description:
		'When the task is due. Without a time zone offset it is read in the workflow time zone.',
};

export const noteField: INodeProperties = {
	displayName: 'Note',
	name: 'note',
	type: 'string',
	typeOptions: { rows: 3 },
	default: '',
	description: 'Text shown with the task in Apollo',
};

/** A number field of Options, its default and bounds those the node checks. */
export function numberOption(option: NumberOption, description: string): INodeProperties {
	const { field, unit, min, max } = option;
	// A plain name for `default`: n8n's lint rule for node parameters does not read `option.default`.
	const fallback = option.default;
	return {
		displayName: unit ? `${field} (${unit})` : field,
		name: option.name,
		type: 'number',
		typeOptions: { minValue: min, maxValue: max },
		default: fallback,
		description,
	};
}

export const RATE_LIMIT_WAIT: NumberOption = {
	name: 'maxRateLimitWait',
	field: 'Max Wait on Rate Limit',
	unit: 'Seconds',
	default: DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	min: 0,
	max: MAX_RATE_LIMIT_WAIT_SECONDS,
};

export const TIMEOUT: NumberOption = {
	name: 'timeout',
	field: 'Timeout',
	unit: 'Seconds',
	default: DEFAULT_TIMEOUT_SECONDS,
	min: 1,
	max: MAX_TIMEOUT_SECONDS,
};

const requestOptions: INodeProperties[] = [
	numberOption(
		RATE_LIMIT_WAIT,
		"How long the node may wait in all for Apollo's rate-limit window to reset before it stops with an error. Stopping the execution ends the wait at once.",
	),
	numberOption(
		TIMEOUT,
		'How long to wait for each answer from Apollo. A search page that times out is asked for again; a create that times out is not, since Apollo may have made the tasks.',
	),
];

/** An operation's Options: its own, then the request settings every operation has, in n8n's A-Z order. */
export function optionsCollection(
	own: INodeProperties[] = [],
	description?: string,
): INodeProperties {
	return {
		displayName: 'Options',
		name: 'options',
		type: 'collection',
		placeholder: 'Add Option',
		default: {},
		...(description ? { description } : {}),
		options: [...own, ...requestOptions].sort((a, b) => a.displayName.localeCompare(b.displayName)),
	};
}
