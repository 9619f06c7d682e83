import type {
	IDataObject,
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
} from 'n8n-workflow';

import type { ApolloTask } from '../transport/types';
import { choicesOf, oneOf, trueOrFalse } from './items';

// A task as an output item, in the shape the user chose. Search and Get offer Output (node version 2):
// Simplified, Raw or Selected Fields. Version 1, which saved workflows keep, has the Simplify toggle
// there, and every version has it on Create, Update, Complete and Skip.

/**
 * How a task is output: the fields people read (`simple`), the whole task as Apollo returns it (`raw`),
 * or the ID and the fields picked.
 */
export type TaskShape = 'simple' | 'raw' | { fields: readonly TaskField[] };

/** The fields people read, flat, for Slack messages, sheets and AI agents. */
export function simplifyTask(task: ApolloTask): IDataObject {
	return {
		id: task.id,
		type: task.type,
		priority: task.priority,
		status: task.status,
		due_at: task.due_at,
		note: task.note,
		user_id: task.user_id,
		contact_id: task.contact_id,
		contact_name: task.contact?.name ?? null,
		contact_email: task.contact?.email ?? null,
		account_name: task.account?.name ?? task.contact?.organization_name ?? null,
	};
}

/** One task as an output item, in its shape, with anything extra (`existing: true`) on top. */
export function taskItem(
	task: ApolloTask,
	shape: TaskShape,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json =
		shape === 'simple'
			? simplifyTask(task)
			: shape === 'raw'
				? (task as unknown as IDataObject)
				: selectedFields(task, shape.fields);
	return {
		json: Object.keys(extra).length ? { ...json, ...extra } : json,
		pairedItem: { item: itemIndex },
	};
}

/**
 * What Selected Fields offers: the task's own fields, and the three Simplified adds (the contact's name
 * and email, the account's name), so that a pick need not carry the whole contact. The ID always comes.
 */
const TASK_FIELDS = [
	{ value: 'account', name: 'Account', description: "The task's account, as Apollo returns it" },
	{ value: 'account_id', name: 'Account ID' },
	{
		value: 'account_name',
		name: 'Account Name',
		description: "The account's name, or the contact's company",
	},
	{ value: 'user_id', name: 'Assigned To (User ID)' },
	{ value: 'completed_at', name: 'Completed At' },
	{ value: 'contact', name: 'Contact', description: "The task's contact, as Apollo returns it" },
	{ value: 'contact_email', name: 'Contact Email' },
	{ value: 'contact_id', name: 'Contact ID' },
	{ value: 'contact_name', name: 'Contact Name' },
	{ value: 'created_at', name: 'Created At' },
	{ value: 'creator_id', name: 'Created By (User ID)' },
	{ value: 'due_at', name: 'Due At' },
	{ value: 'note', name: 'Note' },
	{ value: 'priority', name: 'Priority' },
	{ value: 'skipped_at', name: 'Skipped At' },
	{ value: 'status', name: 'Status' },
	{ value: 'title', name: 'Title' },
	{ value: 'type', name: 'Type' },
] as const;

export type TaskField = (typeof TASK_FIELDS)[number]['value'];
const FIELD_VALUES = TASK_FIELDS.map((field) => field.value);

/** The ID and the fields picked; a field the task lacks is null, so every item has the same keys. */
function selectedFields(task: ApolloTask, fields: readonly TaskField[]): IDataObject {
	const simplified = simplifyTask(task);
	const json: IDataObject = { id: task.id };
	for (const field of fields)
		json[field] = (field in simplified ? simplified[field] : task[field]) ?? null;
	return json;
}

/** What Simplified and Simplify give, as `simplifyTask` builds it. */
const SIMPLIFIED =
	'ID, type, priority, status, due date, note, assignee and contact IDs, contact name and email, account name';

/** The shapes Output offers, first the default. */
const SHAPES = [
	{ name: 'Simplified', value: 'simple', description: `The fields people read: ${SIMPLIFIED}` },
	{ name: 'Raw', value: 'raw', description: 'The whole task as Apollo returns it' },
	{
		name: 'Selected Fields',
		value: 'fields',
		description: 'The ID and the fields you pick (the ID alone if you pick none)',
	},
] as const;

type ShapeOutput = (typeof SHAPES)[number]['value'];
export const SHAPE_OUTPUTS = SHAPES.map((shape) => shape.value);

/**
 * Output and its Fields for version 2 of Search and Get; `more` adds outputs that are not tasks (Search's
 * Task Type Counts).
 */
export function outputFields(
	more: Array<{ name: string; value: string; description: string }> = [],
): INodeProperties[] {
	const v2 = { '@version': [{ _cnd: { gte: 2 } }] };
	return [
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [...SHAPES, ...more],
			default: 'simple',
			displayOptions: { show: v2 },
		},
		{
			displayName: 'Fields',
			name: 'fields',
			type: 'multiOptions',
			options: [...TASK_FIELDS],
			default: [],
			description: 'The fields to output with the ID, which always comes',
			displayOptions: { show: { ...v2, output: ['fields'] } },
		},
	];
}

/** Simplify: Search and Get in version 1; Create, Update, Complete and Skip in every version. */
export const simplifyOption: INodeProperties = {
	displayName: 'Simplify',
	name: 'simplify',
	type: 'boolean',
	default: false,
	description: `Whether to return only the fields people read (${SIMPLIFIED}) instead of the whole task`,
};

/** Simplify, checked before any request. */
export function readSimplify(ctx: IExecuteFunctions, itemIndex: number): TaskShape {
	const value = ctx.getNodeParameter('simplify', itemIndex, false);
	return trueOrFalse(ctx.getNode(), itemIndex, 'Simplify', value) ? 'simple' : 'raw';
}

/**
 * The shape of each task Search or Get outputs, checked before any request: Simplify in version 1; from
 * version 2, Output (`output` where the operation has read it already) and Fields.
 */
export function readShape(ctx: IExecuteFunctions, itemIndex: number, output?: string): TaskShape {
	if (ctx.getNode().typeVersion < 2) return readSimplify(ctx, itemIndex);
	const node = ctx.getNode();
	const chosen = oneOf<ShapeOutput>(
		node,
		itemIndex,
		'Output',
		output ?? ctx.getNodeParameter('output', itemIndex, 'simple'),
		SHAPE_OUTPUTS,
		'node',
	);
	if (chosen !== 'fields') return chosen;
	const picked = ctx.getNodeParameter('fields', itemIndex, []);
	return { fields: choicesOf(node, itemIndex, 'Fields', picked, FIELD_VALUES, 'node') };
}
