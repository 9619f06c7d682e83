import type { IDataObject, IExecuteFunctions, INode } from 'n8n-workflow';

import {
	apolloId,
	emailAddress,
	inputError,
	locatorValue,
	nodeError,
	oneOf,
	readAssignee,
	readNumberOption,
	trueOrFalse,
	type Assignee,
	type NumberOption,
} from '../../../shared/items';
import {
	parseDueAt,
	PRIORITIES,
	STATUSES,
	TASK_TYPES,
	textOf,
	valuesOf,
} from '../../../shared/values';
import { readSimplify, type TaskShape } from '../../../shared/output';
import type { ApolloNewContact, ApolloTaskFields } from '../../../transport/types';
import type { Ledger } from './ledger';

/** What to do with an email no Apollo contact has: fail the item, skip the contact, or create it. */
const UNKNOWN_EMAILS = ['error', 'skip', 'create'] as const;
export type UnknownEmails = (typeof UNKNOWN_EMAILS)[number];

export const BATCH_SIZE: NumberOption = {
	name: 'batchSize',
	field: 'Batch Size',
	default: 100,
	min: 1,
	max: 1000,
};
export const CONFIRM_WITHIN: NumberOption = {
	name: 'confirmWithin',
	field: 'Confirm Within',
	unit: 'Seconds',
	default: 10,
	min: 0,
	max: 60,
};
export const LOOKBACK: NumberOption = {
	name: 'lookbackHours',
	field: 'Duplicate Check Lookback',
	unit: 'Hours',
	default: 72,
	min: 1,
	max: 24 * 90,
};

/** Create's Options, read once for all items. */
export function readOptions(ctx: IExecuteFunctions) {
	const option = (name: string, fallback: unknown) =>
		ctx.getNodeParameter(`options.${name}`, 0, fallback);
	const choice = <T extends string>(field: string, name: string, choices: readonly T[]) =>
		oneOf(ctx.getNode(), 0, field, option(name, choices[0]), choices, 'node');
	return {
		batchSize: readNumberOption(ctx, BATCH_SIZE),
		skipExisting: choice('If an Open Task Exists', 'ifTaskExists', ['skip', 'create']) === 'skip',
		lookbackHours: readNumberOption(ctx, LOOKBACK),
		unknownEmails: choice('Unknown Emails', 'unknownEmails', UNKNOWN_EMAILS),
		confirmWithinSeconds: readNumberOption(ctx, CONFIRM_WITHIN),
		rememberContactIds: trueOrFalse(
			ctx.getNode(),
			0,
			'Remember Contact IDs',
			option('rememberContactIds', false),
		),
	};
}

function taskFields(ctx: IExecuteFunctions, itemIndex: number, now: string): ApolloTaskFields {
	const additional = ctx.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject;
	const pick = <T extends string>(label: string, value: unknown, allowed: readonly T[]) =>
		oneOf(ctx.getNode(), itemIndex, label, value, allowed);
	const fields: ApolloTaskFields = {
		// Set once the assignee is known: given by ID, or looked up by email.
		user_id: '',
		type: pick('Type', ctx.getNodeParameter('type', itemIndex), valuesOf(TASK_TYPES)),
		priority: pick('Priority', ctx.getNodeParameter('priority', itemIndex), valuesOf(PRIORITIES)),
		// Apollo's reference lists status and due date as required for a create.
		status:
			additional.status === undefined || additional.status === ''
				? 'scheduled'
				: pick('Status', additional.status, valuesOf(STATUSES)),
		due_at: parseDueAt(ctx.getNode(), itemIndex, additional.dueAt, ctx.getTimezone()) ?? now,
	};
	const note = textOf(ctx.getNode(), itemIndex, 'Note', additional.note);
	if (note.trim() !== '') fields.note = note;
	const title = textOf(ctx.getNode(), itemIndex, 'Title', additional.title).trim();
	if (title !== '') fields.title = title;
	return fields;
}

/** New Contact Fields: what the CRM knows of a person, for a contact the node creates. */
function newContactFields(
	ctx: IExecuteFunctions,
	itemIndex: number,
): Omit<ApolloNewContact, 'email'> {
	const given = ctx.getNodeParameter('newContactFields', itemIndex, {}) as IDataObject;
	const text = (field: string, value: unknown) =>
		textOf(ctx.getNode(), itemIndex, `New Contact Fields > ${field}`, value).trim() || undefined;
	const fields = {
		first_name: text('First Name', given.firstName),
		last_name: text('Last Name', given.lastName),
		organization_name: text('Company', given.organizationName),
		title: text('Title', given.title),
	};
	return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}

/** What one input item asks for: tasks of these fields, for these contacts, or for the contacts of these emails. */
export interface Ask {
	itemIndex: number;
	fields: ApolloTaskFields;
	assignee: Assignee;
	contactIds: string[];
	emails: string[];
	/** New Contact Fields, for a contact the node creates for one of `emails`. */
	newContact: Omit<ApolloNewContact, 'email'>;
	shape: TaskShape;
}

/**
 * Every item read and checked before the first request, so that a bad item sends nothing: what each
 * asks for. An item that is wrong fails in the ledger, naming its field.
 */
export function readAsks(
	ctx: IExecuteFunctions,
	count: number,
	now: number,
	ledger: Ledger,
): Ask[] {
	const node = ctx.getNode();
	const dueNow = new Date(now).toISOString();
	const asks: Ask[] = [];
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		try {
			const saved = ctx.getNodeParameter('userId', itemIndex, '');
			const assignee = readAssignee(node, itemIndex, 'Assigned To', saved, true)!;
			const fields = taskFields(ctx, itemIndex, dueNow);
			if ('id' in assignee) fields.user_id = assignee.id;
			const parameter = (name: string) => ctx.getNodeParameter(name, itemIndex, '');
			const saidBy = ctx.getNodeParameter('contactsBy', itemIndex, 'id');
			const by = oneOf(node, itemIndex, 'Contacts By', saidBy, ['id', 'list', 'email'], 'node');
			const ask: Ask = {
				itemIndex,
				fields,
				assignee,
				contactIds: [],
				emails: [],
				newContact: {},
				shape: 'raw',
			};
			if (by === 'email') {
				ask.emails = contactEmails(node, itemIndex, parameter('contactEmails'));
				ask.newContact = newContactFields(ctx, itemIndex);
			} else {
				const value = by === 'list' ? locatorValue(parameter('contact')) : parameter('contactIds');
				ask.contactIds = contactIds(node, itemIndex, value);
			}
			ask.shape = readSimplify(ctx, itemIndex);
			asks.push(ask);
		} catch (error) {
			ledger.failItem(itemIndex, nodeError(node, error, itemIndex));
		}
	}
	return asks;
}

export const MAX_CONTACTS_PER_ITEM = 1000;
export const MAX_EMAILS_PER_ITEM = 100;

/** The values of a list field, when there is at least one and not too many. */
function counted(
	node: INode,
	itemIndex: number,
	field: string,
	values: Set<string>,
	rules: { noun: string; max: number; none: [string, string]; tooMany: string },
): string[] {
	if (values.size === 0) throw inputError(node, itemIndex, field, ...rules.none);
	if (values.size > rules.max) {
		throw inputError(
			node,
			itemIndex,
			field,
			`${values.size} ${rules.noun} in one item; at most ${rules.max} are accepted`,
			rules.tooMany,
		);
	}
	return [...values];
}

/** The entries of a list field: text split at commas, semicolons and spaces, or an array's entries. */
const entries = (value: unknown): unknown[] =>
	(Array.isArray(value) ? value : [value])
		.flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [v]))
		.filter((v) => v !== '' && v !== null && v !== undefined);

/**
 * Contact IDs from a string ("a, b c"), an array (from an expression), or an array of contact objects
 * with an `id`. Duplicates within the item are dropped, so each contact gets one task.
 */
function contactIds(node: INode, itemIndex: number, value: unknown): string[] {
	const field = 'Contact IDs';
	const idOf = (part: unknown) =>
		typeof part === 'object' && part !== null && 'id' in part ? part.id : part;
	const ids = (typeof value === 'boolean' ? [] : entries(value)).map((part) =>
		apolloId(node, itemIndex, field, idOf(part), 'contact'),
	);
	return counted(node, itemIndex, field, new Set(ids), {
		noun: 'contact IDs',
		max: MAX_CONTACTS_PER_ITEM,
		none: [
			'no contact ID given',
			'Enter one or more Apollo contact IDs separated by commas, or map one from the previous node, e.g. {{ $json.contact_id }}.',
		],
		tooMany:
			'Send one item per contact (or per small group) instead: the node still combines items into few requests.',
	});
}

/** Email addresses from a string or a list; lowered, repeats dropped. */
function contactEmails(node: INode, itemIndex: number, value: unknown): string[] {
	const field = 'Contact Emails';
	const fix = 'Enter email addresses separated by commas, or map one, e.g. {{ $json.email }}.';
	const emails = entries(value).map((part) => emailAddress(node, itemIndex, field, part, fix));
	return counted(node, itemIndex, field, new Set(emails), {
		noun: 'emails',
		max: MAX_EMAILS_PER_ITEM,
		none: [
			'no email given',
			'Enter one or more email addresses of Apollo contacts, or map one, e.g. {{ $json.email }}.',
		],
		tooMany: 'Send one item per contact instead: the node still looks emails up in few requests.',
	});
}
