import type { IDataObject, IExecuteFunctions, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import type { ApolloClient } from '../transport/client';
import type { NodeError } from '../transport/errors';

// One item's way through the node: what it produced (output items, an error), and what the user typed
// or mapped for it, checked before any request (record IDs, emails, Assigned To, counts and fixed
// choices), each mistake named by its field, with how to fix it.

/** What one input item produced: output items, an error, or both. */
export interface ItemOutcome {
	itemIndex: number;
	data: INodeExecutionData[];
	error?: NodeError;
}

/** An n8n error as it is; anything else (a bug) wrapped as n8n shows node errors, with its item. */
export function nodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/** An Apollo record ID: 24 hexadecimal characters. */
export const APOLLO_ID = /^[0-9a-f]{24}$/;

/** A mistake in what the user typed or mapped: names the field as the user sees it and says how to fix it. */
export function inputError(
	node: INode,
	itemIndex: number,
	field: string,
	problem: string,
	fix: string,
): NodeOperationError {
	return new NodeOperationError(node, `${field}: ${problem}`, { description: fix, itemIndex });
}

/** A value quoted for an error message, cut short. */
export const quote = (value: unknown): string => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return `"${text !== undefined && text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
};

export type ApolloRecord = 'user' | 'contact' | 'task' | 'account';

/** One example ID per record, shown both as a field's placeholder and in its error. */
export const EXAMPLE_ID: Record<ApolloRecord, string> = {
	user: '5f2a9c0e1b3d4e0012345678',
	contact: '5cd9a1b2c3d4e5f601234567',
	task: '6a2b9c0e1b3d4e0012345678',
	account: '5e66b6381e05b4008c8331b8',
};

/**
 * An Apollo record ID as given by a user. Uppercase is accepted and lowered. `pickable` says the field
 * also offers a list to pick from.
 */
export function apolloId(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	what: ApolloRecord,
	pickable = false,
): string {
	const id = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (typeof id !== 'string' || !APOLLO_ID.test(id)) {
		const where = pickable
			? 'Pick one from the list or map the ID field of a previous node.'
			: 'Map the ID field of a previous node.';
		throw inputError(
			node,
			itemIndex,
			field,
			`${quote(value)} is not an Apollo ${what} ID`,
			`An Apollo ${what} ID is 24 hexadecimal characters, like ${EXAMPLE_ID[what]}. ${where}`,
		);
	}
	return id;
}

/**
 * One of a fixed set of values, which an expression may have produced wrongly: Apollo's (a task type, a
 * priority) or, with `whose: 'node'`, one of the node's own choices.
 */
export function oneOf<T extends string>(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
	whose: 'Apollo' | 'node' = 'Apollo',
): T {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || !(allowed as readonly string[]).includes(text)) {
		throw inputError(
			node,
			itemIndex,
			field,
			`${quote(value)} is not ${whose === 'Apollo' ? 'a value Apollo knows' : 'one of its choices'}`,
			`Use one of: ${allowed.join(', ')}.`,
		);
	}
	return text as T;
}

/**
 * A multiple-choice field: a list, or from an expression text with commas; each entry one of `allowed`.
 * Blank is none.
 */
export function choicesOf<T extends string>(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	allowed: readonly T[],
	whose: 'Apollo' | 'node' = 'Apollo',
): T[] {
	if (isBlank(value)) return [];
	const list = Array.isArray(value)
		? value
		: typeof value === 'string'
			? value.split(',').filter((entry) => entry.trim() !== '')
			: [value];
	return [...new Set(list.map((entry) => oneOf(node, itemIndex, field, entry, allowed, whose)))];
}

/** An on/off field, which an expression may have given as text ("true", "FALSE"); blank is off. */
export function trueOrFalse(node: INode, itemIndex: number, field: string, value: unknown) {
	const text = isBlank(value) ? 'false' : String(value).trim().toLowerCase();
	const checked = text === 'true' || text === 'false' ? text : value; // quoted as given if wrong
	return oneOf(node, itemIndex, field, checked, ['true', 'false'], 'node') === 'true';
}

/** A whole number within bounds, for counts such as Limit and Batch Size. */
export function wholeNumber(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	min: number,
	max: number,
): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw inputError(
			node,
			itemIndex,
			field,
			`${quote(value)} is not a whole number from ${min} to ${max}`,
			`Set ${field} to a whole number from ${min} to ${max}.`,
		);
	}
	return number;
}

/** A whole-number option: its name as saved, its field as the user sees it, the unit, default and bounds. */
export interface NumberOption {
	name: string;
	field: string;
	unit?: 'Hours' | 'Seconds' | 'Requests' | '%';
	default: number;
	min: number;
	max: number;
}

/** A number option's value checked against its bounds; the error names it `field` (its own field). */
export const checkNumberOption = (
	node: INode,
	option: NumberOption,
	value: unknown,
	field = option.field,
): number => wholeNumber(node, 0, field, value, option.min, option.max);

/** The Options > value of a number option, for all items, checked against its bounds. */
export function readNumberOption(ctx: IExecuteFunctions, option: NumberOption): number {
	const value = ctx.getNodeParameter(`options.${option.name}`, 0, option.default);
	return checkNumberOption(ctx.getNode(), option, value);
}

/**
 * Options that apply to the whole run are read from the first item. Where an expression gives another
 * item another value for one of them, the run stops before any request, naming the item and the option
 * (`labels`: these options' names, saved → as the user sees them).
 */
export function sameOptionsForAllItems(
	ctx: IExecuteFunctions,
	itemCount: number,
	labels: Record<string, string>,
): void {
	const names = Object.keys(labels);
	if (!JSON.stringify(ctx.getNode().parameters.options ?? {}).includes('"=')) return;
	const first = ctx.getNodeParameter('options', 0, {}) as IDataObject;
	for (let itemIndex = 1; itemIndex < itemCount; itemIndex++) {
		const own = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
		for (const name of names) {
			if (JSON.stringify(own[name]) === JSON.stringify(first[name])) continue;
			throw inputError(
				ctx.getNode(),
				itemIndex,
				`Options > ${labels[name]}`,
				`${quote(own[name])} for input item ${itemIndex}, ${quote(first[name])} for the first item`,
				"Options apply to all items of a run and are read from the first item. Use one value for every item, or split the items by that value first (for example with n8n's Switch node).",
			);
		}
	}
}

/** A locator's value, whether saved as a resource locator or, in older workflows, as plain text. */
export function locatorValue(value: unknown): unknown {
	return value !== null && typeof value === 'object' && 'value' in value
		? (value as { value: unknown }).value
		: value;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** An email address as given, trimmed and lowered; anything else is the field's mistake, with `fix`. */
export function emailAddress(
	node: INode,
	itemIndex: number,
	field: string,
	value: unknown,
	fix: string,
): string {
	const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (EMAIL.test(email)) return email;
	throw inputError(node, itemIndex, field, `${quote(value)} is not an email address`, fix);
}

/** Nothing given: no value, or only spaces. */
export const isBlank = (value: unknown): boolean =>
	value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Which mode a resource locator was saved in (`list`, `id`, `email`); plain text is an ID. */
export function locatorMode(value: unknown): string {
	return value !== null && typeof value === 'object' && 'mode' in value
		? String((value as { mode: unknown }).mode)
		: 'id';
}

/** An Assigned To as the user gave it: an Apollo user ID (picked or typed), or the email a CRM knows. */
export type Assignee = { id: string } | { email: string };

/** Reads and checks an Assigned To, before any request; undefined when an optional one is empty. */
export function readAssignee(
	node: INode,
	itemIndex: number,
	field: string,
	saved: unknown,
	required: boolean,
): Assignee | undefined {
	const value = locatorValue(saved);
	if (isBlank(value) && !required) return undefined;
	if (locatorMode(saved) !== 'email')
		return { id: apolloId(node, itemIndex, field, value, 'user', true) };
	const fix =
		'Enter the email of a user of your Apollo team, or map one, e.g. {{ $json.owner_email }}.';
	return { email: emailAddress(node, itemIndex, field, value, fix) };
}

/**
 * The Apollo user ID of an Assigned To: the ID as given, or the user with that email (the team is read
 * once per execution). An email no user of the team has is an error for the item, naming it.
 */
export async function assigneeId(
	client: ApolloClient,
	itemIndex: number,
	field: string,
	assignee: Assignee,
): Promise<string> {
	if ('id' in assignee) return assignee.id;
	const user = await client.users.byEmail(assignee.email, itemIndex);
	if (user) return user.id;
	throw inputError(
		client.node,
		itemIndex,
		field,
		`no user of your Apollo team has the email "${assignee.email}"`,
		'Add the person to your Apollo team (Settings > Users & Teams) with this email, correct the email, or pick the user from the list. Deleted users are not matched.',
	);
}
