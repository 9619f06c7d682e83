import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { readAssignee, type Assignee } from '../../../shared/assignee';
import { parseDueAt } from '../../../shared/dueDate';
import { locatorValue, oneOf, wholeNumber } from '../../../shared/ids';
import { PRIORITIES, STATUSES, TASK_TYPES, valuesOf } from '../../../shared/values';
import type { ApolloNewContact, ApolloTaskFields } from '../../../transport/types';
import type { ItemOutcome, NodeError } from '../../operation';
import {
	DEFAULT_BATCH_SIZE,
	DEFAULT_CONFIRM_SECONDS,
	DEFAULT_LOOKBACK_HOURS,
	MAX_BATCH_SIZE,
	MAX_CONFIRM_SECONDS,
	MAX_LOOKBACK_HOURS,
} from './description';
import { contactEmails, contactIds } from './contactLists';
import type { TaskRequest } from './plan';

/** What to do with an email no Apollo contact has: fail the item, skip the contact, or create it. */
export type UnknownEmails = 'error' | 'skip' | 'create';

/** Create's Options, read once for all items. */
export interface CreateOptions {
	batchSize: number;
	skipExisting: boolean;
	lookbackHours: number;
	unknownEmails: UnknownEmails;
	confirmWithinSeconds: number;
}

export function readOptions(ctx: IExecuteFunctions): CreateOptions {
	const node = ctx.getNode();
	const option = (name: string, fallback: unknown) =>
		ctx.getNodeParameter(`options.${name}`, 0, fallback);
	return {
		batchSize: wholeNumber(
			node,
			0,
			'Batch Size',
			option('batchSize', DEFAULT_BATCH_SIZE),
			1,
			MAX_BATCH_SIZE,
		),
		skipExisting: option('ifTaskExists', 'skip') === 'skip',
		lookbackHours: wholeNumber(
			node,
			0,
			'Duplicate Check Lookback',
			option('lookbackHours', DEFAULT_LOOKBACK_HOURS),
			1,
			MAX_LOOKBACK_HOURS,
		),
		unknownEmails: oneOf(node, 0, 'Unknown Emails', option('unknownEmails', 'error'), [
			'error',
			'skip',
			'create',
		] as const),
		confirmWithinSeconds: wholeNumber(
			node,
			0,
			'Confirm Within',
			option('confirmWithin', DEFAULT_CONFIRM_SECONDS),
			0,
			MAX_CONFIRM_SECONDS,
		),
	};
}

function taskFields(ctx: IExecuteFunctions, itemIndex: number, now: string): ApolloTaskFields {
	const node = ctx.getNode();
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const fields: ApolloTaskFields = {
		// Set once the assignee is known: given by ID, or looked up by email.
		user_id: '',
		type: oneOf(
			node,
			itemIndex,
			'Type',
			ctx.getNodeParameter('type', itemIndex),
			valuesOf(TASK_TYPES),
		),
		priority: oneOf(
			node,
			itemIndex,
			'Priority',
			ctx.getNodeParameter('priority', itemIndex),
			valuesOf(PRIORITIES),
		),
		// Apollo's reference lists status and due date as required for a create.
		status:
			additional.status === undefined || additional.status === ''
				? 'scheduled'
				: oneOf(node, itemIndex, 'Status', additional.status, valuesOf(STATUSES)),
		due_at: parseDueAt(node, itemIndex, additional.dueAt, ctx.getTimezone()) ?? now,
	};
	const note = additional.note;
	if (note !== undefined && note !== null && String(note).trim() !== '') fields.note = String(note);
	return fields;
}

/** New Contact Fields: what the CRM knows of a person, for a contact the node creates. */
function newContactFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Omit<ApolloNewContact, 'email'> {
	const given = ctx.getNodeParameter('newContactFields', itemIndex, {}) as IDataObject;
	const text = (value: unknown) =>
		value === undefined || value === null || String(value).trim() === ''
			? undefined
			: String(value).trim();
	const fields = {
		first_name: text(given.firstName),
		last_name: text(given.lastName),
		organization_name: text(given.organizationName),
		title: text(given.title),
	};
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** What one item asks for, with the emails still to look up. */
export type AskedTask = TaskRequest & {
	emails: string[];
	assignee: Assignee;
	/** New Contact Fields, for a contact the node creates for one of `emails`. */
	newContact: Omit<ApolloNewContact, 'email'>;
};

/**
 * Every item read and checked before the first request, so that a bad item sends nothing: the tasks
 * asked for, and an error for each item that is wrong.
 */
export function readRequests(
	ctx: IExecuteFunctions,
	count: number,
	now: number,
): { asked: AskedTask[]; failures: ItemOutcome[] } {
	const node = ctx.getNode();
	const dueNow = new Date(now).toISOString();
	const asked: AskedTask[] = [];
	const failures: ItemOutcome[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const saved = ctx.getNodeParameter('userId', itemIndex, '');
			const assignee = readAssignee(node, itemIndex, 'Assigned To', saved, true)!;
			const fields = taskFields(ctx, itemIndex, dueNow);
			if ('id' in assignee) fields.user_id = assignee.id;
			const by = ctx.getNodeParameter('contactsBy', itemIndex, 'id') as string;
			if (by === 'email') {
				const emails = contactEmails(
					node,
					itemIndex,
					ctx.getNodeParameter('contactEmails', itemIndex),
				);
				const newContact = newContactFields(ctx, itemIndex);
				asked.push({ itemIndex, fields, contactIds: [], emails, assignee, newContact });
				continue;
			}
			const value =
				by === 'list'
					? locatorValue(ctx.getNodeParameter('contact', itemIndex, ''))
					: ctx.getNodeParameter('contactIds', itemIndex);
			asked.push({
				itemIndex,
				fields,
				contactIds: contactIds(node, itemIndex, value),
				emails: [],
				assignee,
				newContact: {},
			});
		} catch (error) {
			failures.push({ itemIndex, data: [], error: error as NodeError });
		}
	}
	return { asked, failures };
}
