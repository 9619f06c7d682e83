import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { APOLLO_ID } from '../transport/limits';

/**
 * Checks of what a user typed or mapped, before anything is sent. Each error names the field as the
 * user sees it and says how to fix it.
 */
export function inputError(ctx: IExecuteFunctions, itemIndex: number, field: string, problem: string, fix: string): NodeOperationError {
	return new NodeOperationError(ctx.getNode(), `${field}: ${problem}`, { description: fix, itemIndex });
}

const show = (value: unknown): string => {
	const text = typeof value === 'string' ? value : JSON.stringify(value);
	return `"${text !== undefined && text.length > 60 ? `${text.slice(0, 60)}…` : text}"`;
};

/** An Apollo record ID: 24 hexadecimal characters. Uppercase is accepted and lowered. */
export function apolloId(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, what: string): string {
	const id = typeof value === 'string' ? value.trim().toLowerCase() : value;
	if (typeof id !== 'string' || !APOLLO_ID.test(id)) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			`${show(value)} is not an Apollo ${what} ID`,
			`An Apollo ${what} ID is 24 hexadecimal characters, like 5f2a9c0e1b3d4e0012345678. Pick one from the list or map the ID field of a previous node.`,
		);
	}
	return id;
}

export const MAX_CONTACTS_PER_ITEM = 1000;

/**
 * Contact IDs from a string ("a, b c"), an array (from an expression), or an array of contact objects
 * with an `id`. Duplicates within the item are dropped, so each contact gets one task.
 */
export function contactIds(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const field = 'Contact IDs';
	let parts: unknown[];
	if (Array.isArray(value)) parts = value.flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [v]));
	else if (typeof value === 'string') parts = value.split(/[\s,;]+/);
	else if (typeof value === 'number') parts = [String(value)];
	else if (value !== null && typeof value === 'object') parts = [value];
	else parts = [];
	const ids: string[] = [];
	const seen = new Set<string>();
	for (const part of parts) {
		if (part === '' || part === null || part === undefined) continue;
		const raw = typeof part === 'object' && part !== null && 'id' in part ? (part as { id: unknown }).id : part;
		const id = apolloId(ctx, itemIndex, field, raw, 'contact');
		if (!seen.has(id)) {
			seen.add(id);
			ids.push(id);
		}
	}
	if (ids.length === 0) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			'no contact ID given',
			'Enter one or more Apollo contact IDs separated by commas, or map one from the previous node, e.g. {{ $json.contact_id }}.',
		);
	}
	if (ids.length > MAX_CONTACTS_PER_ITEM) {
		throw inputError(
			ctx,
			itemIndex,
			field,
			`${ids.length} contact IDs in one item; at most ${MAX_CONTACTS_PER_ITEM} are accepted`,
			'Send one item per contact (or per small group) instead: the node still combines items into few requests.',
		);
	}
	return ids;
}

/** One of a fixed set of values, which an expression may have produced wrongly. */
export function oneOf<T extends string>(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, allowed: readonly T[]): T {
	const text = typeof value === 'string' ? value.trim() : value;
	if (typeof text !== 'string' || !(allowed as readonly string[]).includes(text)) {
		throw inputError(ctx, itemIndex, field, `${show(value)} is not a value Apollo knows`, `Use one of: ${allowed.join(', ')}.`);
	}
	return text as T;
}

const ISO_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})$/i;
const ISO_LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?$/;

/**
 * A due date as Apollo wants it (ISO 8601 in UTC). A date without an offset, as n8n's date picker gives,
 * is read in the workflow's time zone; a Luxon DateTime or a Date from an expression is taken as is.
 */
export function dueAt(ctx: IExecuteFunctions, itemIndex: number, value: unknown, timeZone: string): string | undefined {
	const field = 'Due At';
	if (value === undefined || value === null || value === '') return undefined;
	const fix = 'Use ISO 8601, like 2026-12-01T09:00:00 (read in the workflow time zone) or 2026-12-01T09:00:00+01:00, or an expression such as {{ $now.plus(1, "day") }}.';
	if (value instanceof Date) {
		if (Number.isNaN(value.getTime())) throw inputError(ctx, itemIndex, field, 'the date is invalid', fix);
		return value.toISOString();
	}
	if (typeof value === 'object' && typeof (value as { toISO?: unknown }).toISO === 'function') {
		const iso = (value as { toISO: () => string | null }).toISO();
		if (!iso) throw inputError(ctx, itemIndex, field, 'the date is invalid', fix);
		return new Date(iso).toISOString();
	}
	if (typeof value !== 'string') throw inputError(ctx, itemIndex, field, `${show(value)} is not a date`, fix);
	const text = value.trim();
	let millis: number;
	if (ISO_WITH_ZONE.test(text)) {
		millis = Date.parse(text.replace(/([+-]\d{2})(\d{2})$/, '$1:$2'));
	} else {
		const m = ISO_LOCAL.exec(text);
		if (!m) throw inputError(ctx, itemIndex, field, `${show(value)} is not a date`, fix);
		const [year, month, day, hour, minute, second] = m.slice(1, 7).map((part) => Number(part ?? 0));
		const fraction = Number(`0.${m[7] ?? '0'}`) * 1000;
		if (!validCalendarDate(year, month, day) || hour > 23 || minute > 59 || second > 59) {
			throw inputError(ctx, itemIndex, field, `${show(value)} is not a real date or time`, fix);
		}
		millis = zonedToUtc(Date.UTC(year, month - 1, day, hour, minute, second, fraction), timeZone);
	}
	if (!Number.isFinite(millis)) throw inputError(ctx, itemIndex, field, `${show(value)} is not a real date or time`, fix);
	const year = new Date(millis).getUTCFullYear();
	if (year < 2000 || year > 2100) {
		throw inputError(ctx, itemIndex, field, `${show(value)} is in the year ${year}`, 'Give a due date between the years 2000 and 2100.');
	}
	return new Date(millis).toISOString();
}

function validCalendarDate(year: number, month: number, day: number): boolean {
	const date = new Date(Date.UTC(year, month - 1, day));
	return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

/** The UTC instant at which the wall-clock time `wall` (as if UTC) is shown in `timeZone`. */
function zonedToUtc(wall: number, timeZone: string): number {
	let guess = wall - offsetOf(wall, timeZone);
	guess = wall - offsetOf(guess, timeZone);
	return guess;
}

function offsetOf(instant: number, timeZone: string): number {
	const parts = new Intl.DateTimeFormat('en-US', {
		timeZone,
		hourCycle: 'h23',
		year: 'numeric',
		month: '2-digit',
		day: '2-digit',
		hour: '2-digit',
		minute: '2-digit',
		second: '2-digit',
	}).formatToParts(new Date(instant));
	const get = (type: string) => Number(parts.find((p) => p.type === type)?.value);
	const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
	return asUtc - Math.floor(instant / 1000) * 1000;
}

/** A whole number within bounds, for counts such as Limit and Batch Size. */
export function wholeNumber(ctx: IExecuteFunctions, itemIndex: number, field: string, value: unknown, min: number, max: number): number {
	const number = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
	if (typeof number !== 'number' || !Number.isInteger(number) || number < min || number > max) {
		throw inputError(ctx, itemIndex, field, `${show(value)} is not a whole number from ${min} to ${max}`, `Set ${field} to a whole number from ${min} to ${max}.`);
	}
	return number;
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** Email addresses from a string or a list; lowered, repeats dropped. */
export function contactEmails(ctx: IExecuteFunctions, itemIndex: number, value: unknown): string[] {
	const field = 'Contact Emails';
	const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [v]));
	const emails: string[] = [];
	for (const part of parts) {
		if (part === '' || part === null || part === undefined) continue;
		const email = typeof part === 'string' ? part.trim().toLowerCase() : part;
		if (typeof email !== 'string' || !EMAIL.test(email)) {
			throw inputError(ctx, itemIndex, field, `${show(part)} is not an email address`, 'Enter email addresses separated by commas, or map one, e.g. {{ $json.email }}.');
		}
		if (!emails.includes(email)) emails.push(email);
	}
	if (emails.length === 0) {
		throw inputError(ctx, itemIndex, field, 'no email given', 'Enter one or more email addresses of Apollo contacts, or map one, e.g. {{ $json.email }}.');
	}
	if (emails.length > 100) {
		throw inputError(ctx, itemIndex, field, `${emails.length} emails in one item; at most 100 are accepted`, 'Send one item per contact instead; each email costs one search request.');
	}
	return emails;
}
