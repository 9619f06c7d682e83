import type { IDataObject, IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError, updateDisplayOptions } from 'n8n-workflow';

import type { ApolloClient } from '../../transport/client';
import type { ApolloTask, ApolloTaskFields, ApolloTaskType } from '../../transport/types';
import { apolloId, contactEmails, contactIds, dueAt, inputError, oneOf, wholeNumber } from '../input';
import { asNodeError, type ItemOutcome } from '../outcome';
import { apolloLocator, dueAtField, noteField, optionsCollection, PRIORITY_OPTIONS, STATUS_OPTIONS, TASK_TYPE_OPTIONS, values } from './shared';

export const DEFAULT_BATCH_SIZE = 100;
const MAX_BATCH_SIZE = 1000;

const properties: INodeProperties[] = [
	apolloLocator(
		{ displayName: 'Assigned To', name: 'userId', noun: 'user', searchListMethod: 'searchUsers', placeholder: '5f2a9c0e1b3d4e0012345678' },
		'The Apollo user who owns the tasks',
	),
	{
		displayName: 'Contacts By',
		name: 'contactsBy',
		type: 'options',
		options: [
			{ name: 'IDs', value: 'id', description: 'Apollo contact IDs, typed or mapped' },
			{ name: 'Pick a Contact', value: 'list', description: 'Choose one contact from Apollo' },
			{ name: 'Emails', value: 'email', description: 'Email addresses of Apollo contacts, looked up in Apollo' },
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
		placeholder: '5cd9a1b2c3d4e5f601234567, 5cd9a1b2c3d4e5f601234568',
		description:
			'Apollo contact IDs, separated by commas or spaces; one task is created per contact. An expression that returns a list of IDs works too.',
		displayOptions: { show: { contactsBy: ['id'] } },
	},
	{
		...apolloLocator(
			{ displayName: 'Contact', name: 'contact', noun: 'contact', searchListMethod: 'searchContacts', placeholder: '5cd9a1b2c3d4e5f601234567' },
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
		description: 'Email addresses of Apollo contacts, separated by commas; each is looked up with one contact search',
		displayOptions: { show: { contactsBy: ['email'] } },
	},
	{
		displayName: 'Type',
		name: 'type',
		type: 'options',
		options: TASK_TYPE_OPTIONS,
		default: 'call',
		description: 'What kind of task to create',
	},
	{
		displayName: 'Priority',
		name: 'priority',
		type: 'options',
		options: PRIORITY_OPTIONS,
		default: 'medium',
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		default: {},
		options: [
			dueAtField,
			noteField,
			{
				displayName: 'Status',
				name: 'status',
				type: 'options',
				options: STATUS_OPTIONS,
				default: 'scheduled',
				description: 'Scheduled for tasks still to do; Completed or Skipped to record past work',
			},
		],
	},
	optionsCollection([
		{
			displayName: 'Batch Size',
			name: 'batchSize',
			type: 'number',
			typeOptions: { minValue: 1, maxValue: MAX_BATCH_SIZE },
			default: DEFAULT_BATCH_SIZE,
			description:
				'At most this many contacts go in one request. Items whose task fields are equal are combined, so 1,000 items make 10 requests at the default.',
		},
		{
			displayName: 'Unknown Emails',
			name: 'unknownEmails',
			type: 'options',
			options: [
				{ name: 'Fail the Item', value: 'error', description: 'The item gets an error naming the email' },
				{ name: 'Skip the Contact', value: 'skip', description: 'The item gets an output saying no task was created for it' },
			],
			default: 'error',
			description: 'What to do with an email that no Apollo contact has (Contacts By: Emails)',
		},
	]),
];

export const description = updateDisplayOptions({ show: { resource: ['task'], operation: ['create'] } }, properties);

interface Wanted {
	itemIndex: number;
	contactId: string;
}

interface Batch {
	fields: ApolloTaskFields;
	wanted: Wanted[];
	contacts: Set<string>;
}

interface Asked {
	itemIndex: number;
	fields: ApolloTaskFields;
	ids: string[];
	emails: string[];
}

export async function execute(this: IExecuteFunctions, items: INodeExecutionData[], client: ApolloClient): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = items.map((_, itemIndex) => ({ itemIndex, data: [] }));
	const batchSize = wholeNumber(this, 0, 'Batch Size', this.getNodeParameter('options.batchSize', 0, DEFAULT_BATCH_SIZE), 1, MAX_BATCH_SIZE);
	const timeZone = this.getTimezone();
	const fail = (itemIndex: number, error: unknown) => {
		const nodeError = asNodeError(this, error, itemIndex);
		if (!this.continueOnFail()) throw nodeError;
		outcomes[itemIndex].error = nodeError;
	};

	// Everything is read and checked before the first request, so a bad item sends nothing.
	const asked: Asked[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const fields = taskFields(this, itemIndex, timeZone);
			const by = this.getNodeParameter('contactsBy', itemIndex, 'id') as string;
			if (by === 'email') {
				asked.push({ itemIndex, fields, ids: [], emails: contactEmails(this, itemIndex, this.getNodeParameter('contactEmails', itemIndex)) });
			} else {
				const value = by === 'list' ? this.getNodeParameter('contact', itemIndex, '', { extractValue: true }) : this.getNodeParameter('contactIds', itemIndex);
				asked.push({ itemIndex, fields, ids: contactIds(this, itemIndex, value), emails: [] });
			}
		} catch (error) {
			fail(itemIndex, error);
		}
	}

	const found = await lookUpEmails(client, asked, fail);
	const skipUnknown = this.getNodeParameter('options.unknownEmails', 0, 'error') === 'skip';
	const groups = new Map<string, Batch[]>();
	for (const request of asked) {
		const { itemIndex, fields } = request;
		if (outcomes[itemIndex].error) continue;
		const ids = [...request.ids];
		for (const email of request.emails) {
			const id = found.get(email);
			if (id) {
				if (!ids.includes(id)) ids.push(id);
			} else if (skipUnknown) {
				outcomes[itemIndex].data.push({ json: { created: false, email, message: 'No Apollo contact has this email; no task was created for it' }, pairedItem: { item: itemIndex } });
			} else {
				fail(itemIndex, inputError(this, itemIndex, 'Contact Emails', `no Apollo contact has the email "${email}"`, 'Add the contact in Apollo first, correct the email, or set Options > Unknown Emails to Skip the Contact.'));
				break;
			}
		}
		if (outcomes[itemIndex].error) continue;
		const key = JSON.stringify(fields);
		let batches = groups.get(key);
		if (!batches) groups.set(key, (batches = []));
		for (const contactId of ids) place(batches, fields, { itemIndex, contactId }, batchSize);
	}

	const batches = [...groups.values()].flat();
	let stopReason: NodeApiError | NodeOperationError | undefined;
	const created = new Set<number>();
	for (const batch of batches) {
		if (stopReason) {
			failBatch(this, outcomes, batch, stopReason, 'not sent');
			continue;
		}
		let tasks: ApolloTask[] | true;
		try {
			const answer = await client.tasks.bulkCreate({ ...batch.fields, contact_ids: [...batch.contacts] }, batch.wanted[0].itemIndex);
			tasks = answer === true ? true : (answer.tasks ?? []);
		} catch (error) {
			const nodeError = asNodeError(this, error, batch.wanted[0].itemIndex);
			if (!this.continueOnFail()) throw withProgress(nodeError, created, batch);
			failBatch(this, outcomes, batch, nodeError, 'failed');
			// Later batches would meet the same key, plan, limit or base URL problem: report them as not sent.
			if (!(nodeError instanceof NodeApiError) || ['401', '403', '429'].includes(String(nodeError.httpCode))) stopReason = nodeError;
			continue;
		}
		for (const { itemIndex } of batch.wanted) created.add(itemIndex);
		mapBack(outcomes, batch, tasks);
	}
	return outcomes;
}

/** One contact search per distinct email; a failed search fails the items that needed it. */
async function lookUpEmails(
	client: ApolloClient,
	asked: Asked[],
	fail: (itemIndex: number, error: unknown) => void,
): Promise<Map<string, string | undefined>> {
	const found = new Map<string, string | undefined>();
	for (const request of asked) {
		for (const email of request.emails) {
			if (found.has(email)) continue;
			try {
				const response = await client.contacts.search(1, 10, email, request.itemIndex);
				found.set(email, (response.contacts ?? []).find((c) => c.email?.toLowerCase() === email)?.id);
			} catch (error) {
				fail(request.itemIndex, error);
				break;
			}
		}
	}
	return found;
}

function taskFields(ctx: IExecuteFunctions, itemIndex: number, timeZone: string): ApolloTaskFields {
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: ApolloTaskFields = {
		user_id: apolloId(ctx, itemIndex, 'Assigned To', ctx.getNodeParameter('userId', itemIndex, '', { extractValue: true }), 'user'),
		type: oneOf(ctx, itemIndex, 'Type', ctx.getNodeParameter('type', itemIndex), values(TASK_TYPE_OPTIONS)) as ApolloTaskType,
		priority: oneOf(ctx, itemIndex, 'Priority', ctx.getNodeParameter('priority', itemIndex), ['high', 'medium', 'low'] as const),
	};
	const due = dueAt(ctx, itemIndex, additional.dueAt, timeZone);
	if (due) fields.due_at = due;
	if (additional.status !== undefined && additional.status !== '') {
		fields.status = oneOf(ctx, itemIndex, 'Status', additional.status, ['scheduled', 'completed', 'skipped'] as const);
	}
	if (typeof additional.note === 'string' && additional.note.trim() !== '') fields.note = additional.note;
	else if (additional.note !== undefined && additional.note !== '' && typeof additional.note !== 'string') fields.note = String(additional.note);
	return fields;
}

/** Puts a contact in the first batch of its group with room that does not hold it yet. */
function place(batches: Batch[], fields: ApolloTaskFields, wanted: Wanted, batchSize: number): void {
	let batch = batches.find((b) => b.contacts.size < batchSize && !b.contacts.has(wanted.contactId));
	if (!batch) {
		batch = { fields, wanted: [], contacts: new Set() };
		batches.push(batch);
	}
	batch.wanted.push(wanted);
	batch.contacts.add(wanted.contactId);
}

function mapBack(outcomes: ItemOutcome[], batch: Batch, tasks: ApolloTask[] | true): void {
	const byContact = new Map<string, ApolloTask>();
	if (tasks !== true) for (const task of tasks) if (task.contact_id) byContact.set(task.contact_id, task);
	for (const { itemIndex, contactId } of batch.wanted) {
		const pairedItem = { item: itemIndex };
		if (tasks === true) {
			outcomes[itemIndex].data.push({
				json: { created: true, contact_id: contactId, ...batch.fields, message: 'Apollo created the task but, like its older API, did not return it' },
				pairedItem,
			});
			continue;
		}
		const task = byContact.get(contactId);
		outcomes[itemIndex].data.push(
			task
				? { json: task as unknown as IDataObject, pairedItem }
				: { json: { created: false, contact_id: contactId, message: 'Apollo answered the request but returned no task for this contact' }, pairedItem },
		);
	}
}

function failBatch(
	ctx: IExecuteFunctions,
	outcomes: ItemOutcome[],
	batch: Batch,
	error: NodeApiError | NodeOperationError,
	how: 'failed' | 'not sent',
): void {
	const httpCode = error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined;
	for (const itemIndex of new Set(batch.wanted.map((w) => w.itemIndex))) {
		if (outcomes[itemIndex].error) continue;
		const options = {
			message: how === 'failed' ? error.message : `Not sent: ${error.message}`,
			description:
				how === 'failed'
					? (error.description ?? undefined)
					: 'An earlier request failed in a way that would repeat for this one, so it was not sent and nothing was created for this item.',
			itemIndex,
		};
		outcomes[itemIndex].error = httpCode
			? new NodeApiError(ctx.getNode(), { httpCode }, { ...options, httpCode })
			: new NodeOperationError(ctx.getNode(), options.message, options);
	}
}

/** Without "continue on fail", the error says which items already have their tasks, so a re-run can skip them. */
function withProgress<E extends NodeApiError | NodeOperationError>(error: E, created: Set<number>, batch: Batch): E {
	if (created.size === 0) return error;
	const done = [...created].sort((a, b) => a - b);
	const list = done.length > 20 ? `${done.slice(0, 20).join(', ')} and ${done.length - 20} more` : done.join(', ');
	error.description = `${error.description ?? ''} Tasks were already created for input items ${list} (counting from 0); the failed request held items ${[
		...new Set(batch.wanted.map((w) => w.itemIndex)),
	].join(', ')}. Turn on "Continue On Fail" to get the created tasks as output.`.trim();
	return error;
}
