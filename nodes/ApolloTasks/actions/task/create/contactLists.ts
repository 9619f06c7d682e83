import type { INode } from 'n8n-workflow';

import { apolloId, inputError, isEmail, quote } from '../../../shared/ids';

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

/**
 * Contact IDs from a string ("a, b c"), an array (from an expression), or an array of contact objects
 * with an `id`. Duplicates within the item are dropped, so each contact gets one task.
 */
export function contactIds(node: INode, itemIndex: number, value: unknown): string[] {
	const field = 'Contact IDs';
	let parts: unknown[];
	if (Array.isArray(value))
		parts = value.flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [v]));
	else if (typeof value === 'string') parts = value.split(/[\s,;]+/);
	else if (typeof value === 'number') parts = [String(value)];
	else if (value !== null && typeof value === 'object') parts = [value];
	else parts = [];
	const ids = new Set<string>();
	for (const part of parts) {
		if (part === '' || part === null || part === undefined) continue;
		const raw =
			typeof part === 'object' && part !== null && 'id' in part
				? (part as { id: unknown }).id
				: part;
		ids.add(apolloId(node, itemIndex, field, raw, 'contact'));
	}
	return counted(node, itemIndex, field, ids, {
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
export function contactEmails(node: INode, itemIndex: number, value: unknown): string[] {
	const field = 'Contact Emails';
	const parts = (Array.isArray(value) ? value : [value]).flatMap((v) =>
		typeof v === 'string' ? v.split(/[\s,;]+/) : [v],
	);
	const emails = new Set<string>();
	for (const part of parts) {
		if (part === '' || part === null || part === undefined) continue;
		const email = typeof part === 'string' ? part.trim().toLowerCase() : part;
		if (typeof email !== 'string' || !isEmail(email)) {
			throw inputError(
				node,
				itemIndex,
				field,
				`${quote(part)} is not an email address`,
				'Enter email addresses separated by commas, or map one, e.g. {{ $json.email }}.',
			);
		}
		emails.add(email);
	}
	return counted(node, itemIndex, field, emails, {
		noun: 'emails',
		max: MAX_EMAILS_PER_ITEM,
		none: [
			'no email given',
			'Enter one or more email addresses of Apollo contacts, or map one, e.g. {{ $json.email }}.',
		],
		tooMany: 'Send one item per contact instead; each email costs one search request.',
	});
}
