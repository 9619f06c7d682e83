import type { INode, INodePropertyOptions } from 'n8n-workflow';
import { tryToParseDateTime } from 'n8n-workflow';

import type { ApolloPriority, ApolloStatus, ApolloTaskType } from '../transport/types';
import { inputError, quote } from './items';

// A task's values: its types, priorities and statuses by the names Apollo's app shows, and Due At and text
// as Apollo wants them. A task as an output item is in output.ts.

/** Apollo's task types with the names its app shows. */
export const TASK_TYPES = [
	{
		value: 'action_item',
		name: 'Action Item',
		description: 'A free-form to-do. Apollo advises adding a note.',
	},
	{ value: 'call', name: 'Call' },
	{ value: 'linkedin_step_connect', name: 'LinkedIn: Connect' },
	{ value: 'linkedin_step_interact_post', name: 'LinkedIn: Interact With Post' },
	{ value: 'linkedin_step_message', name: 'LinkedIn: Message' },
	{ value: 'linkedin_step_view_profile', name: 'LinkedIn: View Profile' },
	{ value: 'outreach_manual_email', name: 'Manual Email' },
] as const satisfies ReadonlyArray<Choice<ApolloTaskType>>;

export const PRIORITIES = [
	{ value: 'high', name: 'High' },
	{ value: 'medium', name: 'Medium' },
	{ value: 'low', name: 'Low' },
] as const satisfies ReadonlyArray<Choice<ApolloPriority>>;

export const STATUSES = [
	{ value: 'scheduled', name: 'Scheduled', description: 'A task still to do' },
	{ value: 'completed', name: 'Completed', description: 'A task that is done' },
	{ value: 'skipped', name: 'Skipped', description: 'A task that was skipped' },
] as const satisfies ReadonlyArray<Choice<ApolloStatus>>;

interface Choice<V extends string> {
	readonly value: V;
	readonly name: string;
	readonly description?: string;
}

/** The values of a list, typed, for checking what an expression produced. */
export const valuesOf = <V extends string>(list: readonly Choice<V>[]): V[] =>
	list.map((choice) => choice.value);

/** The list as n8n field options. */
export const optionsOf = (list: readonly Choice<string>[]): INodePropertyOptions[] =>
	list.map((choice) => ({ ...choice }));

/** The name a person reads for a value ("LinkedIn: Message" for linkedin_step_message). */
export const nameOf = (list: readonly Choice<string>[], value: unknown): string =>
	list.find((choice) => choice.value === value)?.name ?? String(value ?? '');

const FIELD = 'Due At';
const FIX =
	'Use ISO 8601, like 2026-12-01T09:00:00 (read in the workflow time zone) or 2026-12-01T09:00:00+01:00, or an expression such as {{ $now.plus(1, "day") }}.';

/** ISO 8601 with `T` or a space between date and time; the offset is optional. */
const ISO =
	/^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?)?\s?(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

const FIRST_YEAR = 2000;
const LAST_YEAR = 2100;

function realCalendarTime(
	year: number,
	month: number,
	day: number,
	hour: number,
	minute: number,
	second: number,
): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	const realDay =
		date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
	return realDay && hour <= 23 && minute <= 59 && second <= 59;
}

/**
 * A due date as Apollo wants it: ISO 8601 in UTC, to the second. Text without an offset, as n8n's date picker gives, is
 * read in the workflow's time zone; a Luxon DateTime or a Date from an expression is taken as it is.
 * The one DST rule, Luxon's: a wall time that does not exist (clocks spring forward) moves forward by
 * the gap, and one that happens twice (clocks fall back) is the later of the two.
 */
export function parseDueAt(
	node: INode,
	itemIndex: number,
	value: unknown,
	timeZone: string,
): string | undefined {
	if (value === undefined || value === null || value === '') return undefined;
	let input: unknown = value;
	if (typeof value === 'string') {
		const text = value.trim();
		const match = ISO.exec(text);
		if (!match) throw inputError(node, itemIndex, FIELD, `${quote(value)} is not a date`, FIX);
		const [year, month, day, hour, minute, second] = match
			.slice(1, 7)
			.map((part) => Number(part ?? 0));
		if (!realCalendarTime(year, month, day, hour, minute, second)) {
			throw inputError(node, itemIndex, FIELD, `${quote(value)} is not a real date or time`, FIX);
		}
		input = text.replace(' ', 'T').replace(/\s(?=[Zz+-])/, '');
	} else if (
		!(value instanceof Date) &&
		typeof (value as { toISO?: unknown }).toISO !== 'function'
	) {
		throw inputError(node, itemIndex, FIELD, `${quote(value)} is not a date`, FIX);
	}
	let instant: ReturnType<typeof tryToParseDateTime>;
	try {
		instant = tryToParseDateTime(input, timeZone);
	} catch {
		throw inputError(
			node,
			itemIndex,
			FIELD,
			typeof value === 'object'
				? 'the date is invalid'
				: `${quote(value)} is not a real date or time`,
			FIX,
		);
	}
	const utc = instant.toUTC();
	if (!utc.isValid) throw inputError(node, itemIndex, FIELD, 'the date is invalid', FIX);
	if (utc.year < FIRST_YEAR || utc.year > LAST_YEAR) {
		throw inputError(
			node,
			itemIndex,
			FIELD,
			`${quote(typeof value === 'string' ? value : utc.toISO())} is in the year ${utc.year}`,
			`Give a due date between the years ${FIRST_YEAR} and ${LAST_YEAR}.`,
		);
	}
	// To the second: a due date built from $now differs by milliseconds between items, which would keep them out of one request.
	return utc.startOf('second').toISO() ?? undefined;
}

/**
 * A text field (a Note, a contact's name) as Apollo stores it; a number or a date from an expression
 * becomes its text, nothing becomes empty. An object or a list is a mistake: Apollo would store
 * "[object Object]".
 */
export function textOf(node: INode, itemIndex: number, field: string, value: unknown): string {
	if (value === undefined || value === null) return '';
	const text = String(value);
	if (typeof value !== 'object' || (!Array.isArray(value) && !text.startsWith('[object ')))
		return text;
	throw inputError(
		node,
		itemIndex,
		field,
		`${quote(value)} is not text`,
		'Map a text field of a previous node, e.g. {{ $json.note }}; for a whole object or list, {{ JSON.stringify($json.details) }}.',
	);
}
