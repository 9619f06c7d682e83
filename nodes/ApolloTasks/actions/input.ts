import type { INode } from 'n8n-workflow';

import { apolloId, inputError, quote } from '../shared/ids';

export const MAX_CONTACTS_PER_ITEM = 1000;
export const MAX_EMAILS_PER_ITEM = 100;

/**
 * Contact IDs from a string ("a, b c"), an array (from an expression), or an array of contact objects
 * with an `id`. Duplicates within the item are dropped, so each contact gets one task.
 */
export function contactIds(node: INode, itemIndex: number, value: unknown): string[] {
	const field = 'Contact IDs';
	let parts: unknown[];
	if (Array.isArray(value)) parts = value.flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [v]));
	else if (typeof value === 'string') parts = value.split(/[\s,;]+/);
	else if (typeof value === 'number') parts = [String(value)];
	else if (value !== null && typeof value === 'object') parts = [value];
	else parts = [];
	const ids = new Set<string>();
	for (const part of parts) {
		if (part === '' || part === null || part === undefined) continue;
		const raw = typeof part === 'object' && part !== null && 'id' in part ? (part as { id: unknown }).id : part;
		ids.add(apolloId(node, itemIndex, field, raw, 'contact'));
	}
	if (ids.size === 0) {
		throw inputError(node, itemIndex, field, 'no contact ID given', 'Enter one or more Apollo contact IDs separated by commas, or map one from the previous node, e.g. {{ $json.contact_id }}.');
	}
	if (ids.size > MAX_CONTACTS_PER_ITEM) {
		throw inputError(
			node,
			itemIndex,
			field,
			`${ids.size} contact IDs in one item; at most ${MAX_CONTACTS_PER_ITEM} are accepted`,
			'Send one item per contact (or per small group) instead: the node still combines items into few requests.',
		);
	}
	return [...ids];
}

const EMAIL = /^[^\s@,;<>"]+@[^\s@,;<>"]+\.[^\s@,;<>"]+$/;

/** Email addresses from a string or a list; lowered, repeats dropped. */
export function contactEmails(node: INode, itemIndex: number, value: unknown): string[] {
	const field = 'Contact Emails';
	const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(/[\s,;]+/) : [v]));
	const emails = new Set<string>();
	for (const part of parts) {
		if (part === '' || part === null || part === undefined) continue;
		const email = typeof part === 'string' ? part.trim().toLowerCase() : part;
		if (typeof email !== 'string' || !EMAIL.test(email)) {
			throw inputError(node, itemIndex, field, `${quote(part)} is not an email address`, 'Enter email addresses separated by commas, or map one, e.g. {{ $json.email }}.');
		}
		emails.add(email);
	}
	if (emails.size === 0) {
		throw inputError(node, itemIndex, field, 'no email given', 'Enter one or more email addresses of Apollo contacts, or map one, e.g. {{ $json.email }}.');
	}
	if (emails.size > MAX_EMAILS_PER_ITEM) {
		throw inputError(
			node,
			itemIndex,
			field,
			`${emails.size} emails in one item; at most ${MAX_EMAILS_PER_ITEM} are accepted`,
			'Send one item per contact instead; each email costs one search request.',
		);
	}
	return [...emails];
}
