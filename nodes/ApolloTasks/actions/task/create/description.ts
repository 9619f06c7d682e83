import type { INodeProperties } from 'n8n-workflow';
import { updateDisplayOptions } from 'n8n-workflow';

import {
	apolloLocator,
	assigneeLocator,
	dueAtField,
	noteField,
	numberOption,
	optionsCollection,
} from '../../../shared/fields';
import { simplifyOption } from '../../../shared/output';
import { EXAMPLE_ID } from '../../../shared/items';
import { optionsOf, PRIORITIES, STATUSES, TASK_TYPES } from '../../../shared/values';
import { BATCH_SIZE, CONFIRM_WITHIN, LOOKBACK } from './asks';

const properties: INodeProperties[] = [
	assigneeLocator('The Apollo user who owns the tasks', true),
	{
		displayName: 'Contacts By',
		name: 'contactsBy',
		type: 'options',
		options: [
			{ name: 'IDs', value: 'id', description: 'Apollo contact IDs, typed or mapped' },
			{ name: 'Pick a Contact', value: 'list', description: 'Choose one contact from Apollo' },
			{
				name: 'Emails',
				value: 'email',
				description: 'Email addresses of Apollo contacts, looked up in Apollo',
			},
		],
		default: 'id',
		description: 'How the contacts who get a task are given',
	},
	{
		displayName: 'Contact IDs',
		name: 'contactIds',
		type: 'string',
		default: '',
		required: true,
		placeholder: `${EXAMPLE_ID.contact}, 5cd9a1b2c3d4e5f601234568`,
		description:
			'Apollo contact IDs, separated by commas or spaces; one task is created per contact. An expression that returns a list of IDs works too.',
		displayOptions: { show: { contactsBy: ['id'] } },
	},
	{
		...apolloLocator(
			{
				displayName: 'Contact',
				name: 'contact',
				record: 'contact',
				searchListMethod: 'searchContacts',
				required: true,
			},
			'The Apollo contact who gets the task',
		),
		displayOptions: { show: { contactsBy: ['list'] } },
	},
	{
		displayName: 'Contact Emails',
		name: 'contactEmails',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'ada@example.com, grace@example.com',
		description:
			'Email addresses of contacts, separated by commas. Each distinct email is looked up once: by a contact search, or with Options > Unknown Emails: Create the Contact, by a contact create that returns the contact Apollo already has.',
		displayOptions: { show: { contactsBy: ['email'] } },
	},
	{
		displayName: 'New Contact Fields',
		name: 'newContactFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		description:
			'For Options > Unknown Emails: Create the Contact: what the new contact gets, mapped from the CRM per item. Not used for contacts Apollo has.',
		displayOptions: { show: { contactsBy: ['email'] } },
		options: [
			{ displayName: 'Company', name: 'organizationName', type: 'string', default: '' },
			{ displayName: 'First Name', name: 'firstName', type: 'string', default: '' },
			{ displayName: 'Last Name', name: 'lastName', type: 'string', default: '' },
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description: 'Job title',
			},
		],
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: optionsOf(TASK_TYPES),
		default: 'call',
		description: 'What kind of task to create',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: optionsOf(PRIORITIES),
		default: 'medium',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			{
				...dueAtField,
				description:
					'When the task is due; now if not set. Without a time zone offset it is read in the workflow time zone.',
			},
			noteField,
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: optionsOf(STATUSES),
				default: 'scheduled',
				description:
					'Scheduled (the default) for tasks still to do; Completed or Skipped to record past work',
			},
			{
				displayName: 'Title',
				name: 'title',
				type: 'string',
				default: '',
				description:
					"The task's title in Apollo; without one Apollo makes one up. Apollo's bulk create takes no title, so tasks with a title are created one request each.",
				hint: 'Costs one request per task instead of one per 100',
			},
		],
	},
	simplifyOption,
	optionsCollection(
		[
			numberOption(
				BATCH_SIZE,
				'At most this many contacts go in one request. Items whose task fields are equal are combined, so 1,000 items make 10 requests at the default.',
			),
			numberOption(
				CONFIRM_WITHIN,
				"For If an Open Task Exists: Skip, how long to wait at most for Apollo's search to show the tasks just created: to settle a race with another run of the workflow (one open task per contact) and to find the tasks of a create whose answer was lost. 0 turns it off: then two runs at the same moment may both create, and a lost answer is an error.",
			),
			numberOption(
				LOOKBACK,
				'For If an Open Task Exists: Skip, how far back to look for tasks already created. Each 100 tasks the assignee got in this time cost one search request.',
			),
			{
				displayName: 'If an Open Task Exists',
				name: 'ifTaskExists',
				type: 'options',
				options: [
					{
						name: 'Skip',
						value: 'skip',
						description:
							'Do not create a second task when the contact already has a scheduled task of this type for this assignee; output that task with existing: true',
					},
					{
						name: 'Create Another',
						value: 'create',
						description: 'Always create a new task, even if the same one is open',
					},
				],
				default: 'skip',
				description:
					'What to do when the contact already has an open task of the same type for the same assignee. Skip makes re-runs and Retry On Fail safe.',
			},
			{
				displayName: 'Unknown Emails',
				name: 'unknownEmails',
				type: 'options',
				options: [
					{
						name: 'Fail the Item',
						value: 'error',
						description: 'The item gets an error naming the email',
					},
					{
						name: 'Skip the Contact',
						value: 'skip',
						description:
							"No task for it; the execution lists the emails skipped (in its hints and in n8n's log)",
					},
					{
						name: 'Create the Contact',
						value: 'create',
						description:
							"Create the contact in Apollo from New Contact Fields (Apollo's dedupe keeps a contact it already has), then its task",
					},
				],
				default: 'error',
				description: 'What to do with an email that no Apollo contact has',
				displayOptions: { show: { '/contactsBy': ['email'] } },
			},
			{
				displayName: 'Remember Contact IDs',
				name: 'rememberContactIds',
				type: 'boolean',
				default: false,
				description:
					"Whether to keep each email's contact ID for 7 days in the workflow's static data, so a later run looks it up no more. Kept only for active workflows (n8n does not save static data of manual runs).",
				displayOptions: { show: { '/contactsBy': ['email'] } },
			},
		],
		'These apply to all items of a run and are read from the first item: an expression that gives another item other Options stops the run before any request',
	),
];

export const description = updateDisplayOptions(
	{ show: { resource: ['task'], operation: ['create'] } },
	properties,
);
