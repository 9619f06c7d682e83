import type { INode } from 'n8n-workflow';

import type { ApolloApi } from '../transport/types';
import { apolloId, inputError, isEmail, locatorMode, locatorValue, quote } from './ids';

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
	const empty =
		value === undefined || value === null || (typeof value === 'string' && !value.trim());
	if (empty && !required) return undefined;
	if (locatorMode(saved) !== 'email')
		return { id: apolloId(node, itemIndex, field, value, 'user', true) };
	const email = typeof value === 'string' ? value.trim().toLowerCase() : '';
	if (!isEmail(email)) {
		throw inputError(
			node,
			itemIndex,
			field,
			`${quote(value)} is not an email address`,
			'Enter the email of a user of your Apollo team, or map one, e.g. {{ $json.owner_email }}.',
		);
	}
	return { email };
}

/**
 * The Apollo user ID of an Assigned To: the ID as given, or the user with that email (the team is read
 * once per execution). An email no user of the team has is an error for the item, naming it.
 */
export async function assigneeId(
	client: ApolloApi,
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
