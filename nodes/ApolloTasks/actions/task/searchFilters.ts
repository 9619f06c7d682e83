import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	apolloId,
	assigneeId,
	emailAddress,
	inputError,
	isBlank,
	oneOf,
	readAssignee,
	trueOrFalse,
	type ApolloRecord,
} from '../../shared/items';
import { PRIORITIES, STATUSES, textOf, valuesOf } from '../../shared/values';
import type { ApolloClient, ApolloTaskSearchParams } from '../../transport/client';
import type { ApolloTask } from '../../transport/types';

export const SORT_FIELDS = ['task_due_at', 'task_priority', 'task_created_at'] as const;

/** What Search sends to Apollo, and the node's own check of each filter on every task. */
export interface Search {
	params: ApolloTaskSearchParams;
	/** The node's own check of each filter, or undefined when there is none. */
	keep?: (task: ApolloTask) => boolean;
	/** No task can match (a Contact Email no Apollo contact has): nothing is searched. */
	none?: boolean;
}

/** The Apollo contact with this email, any of its emails; a search that cannot tell is the field's error. */
async function contactWithEmail(
	client: ApolloClient,
	itemIndex: number,
	email: string,
): Promise<string | undefined> {
	const match = await client.contacts.byEmail(email, itemIndex);
	if ('undecided' in match) {
		throw inputError(
			client.node,
			itemIndex,
			'Filters > Contact Email',
			`Apollo's search for "${email}" matched ${match.undecided} contacts, and none of the first 500 has this email`,
			"Apollo finds contacts by keywords, not by exact email, so the node checks each result itself and cannot tell beyond 500. Filter by the contact's ID instead (Filters > Contact ID).",
		);
	}
	return 'id' in match ? match.id : undefined;
}

/** Search's filters, read and checked; an Assigned To by email is looked up in the team. */
export async function readSearch(
	ctx: IExecuteFunctions,
	itemIndex: number,
	client: ApolloClient,
): Promise<Search> {
	const node = ctx.getNode();
	const filters = ctx.getNodeParameter('filters', itemIndex, {}) as IDataObject;
	const options = ctx.getNodeParameter('options', itemIndex, {}) as IDataObject;
	const params: ApolloTaskSearchParams = {};
	const field = 'Filters > Assigned To';
	const assignee = readAssignee(node, itemIndex, field, filters.userId, false);
	// An ID filter left empty is no filter.
	const filterId = (field: string, value: unknown, what: ApolloRecord) =>
		isBlank(value) ? undefined : apolloId(node, itemIndex, field, value, what);
	const contact = filterId('Filters > Contact ID', filters.contactId, 'contact');
	const account = filterId('Filters > Account ID', filters.accountId, 'account');
	const priority = filters.priority
		? oneOf(node, itemIndex, 'Filters > Priority', filters.priority, valuesOf(PRIORITIES))
		: undefined;
	const status = filters.status
		? oneOf(node, itemIndex, 'Filters > Status', filters.status, valuesOf(STATUSES))
		: undefined;
	const email =
		filters.contactEmail === undefined || filters.contactEmail === ''
			? ''
			: emailAddress(
					node,
					itemIndex,
					'Filters > Contact Email',
					filters.contactEmail,
					"Enter the contact's email, or map one, e.g. {{ $json.email }}.",
				);
	const user = assignee && (await assigneeId(client, itemIndex, field, assignee));
	const byEmail = email ? ((await contactWithEmail(client, itemIndex, email)) ?? null) : undefined;
	if (byEmail === null || (byEmail && contact && byEmail !== contact))
		return { params, none: true };
	if (user) params.user_id = user;
	if (contact ?? byEmail) params.contact_id = (contact ?? byEmail)!;
	if (account) params.account_id = account;
	if (priority) params.priority = priority;
	const keywords = textOf(node, itemIndex, 'Filters > Keywords', filters.keywords).trim();
	if (keywords) params.q_keywords = keywords;
	const ascending =
		options.sortAscending === undefined
			? undefined
			: trueOrFalse(node, itemIndex, 'Options > Sort Ascending', options.sortAscending);
	if (options.sortByField !== undefined) {
		params.sort_by_field = oneOf(
			node,
			itemIndex,
			'Options > Sort By',
			options.sortByField,
			SORT_FIELDS,
		);
		if (ascending !== undefined) params.sort_ascending = ascending;
	} else {
		params.sort_by_field = 'task_created_at';
		params.sort_ascending = ascending ?? true;
	}
	const checks: Array<(task: ApolloTask) => boolean> = [];
	if (user) checks.push((task) => task.user_id === user);
	if (contact ?? byEmail) checks.push((task) => task.contact_id === (contact ?? byEmail));
	if (account) checks.push((task) => (task.account_id ?? task.contact?.account_id) === account);
	if (priority) checks.push((task) => task.priority === priority);
	if (status) checks.push((task) => task.status === status);
	return {
		params,
		keep: checks.length ? (task) => checks.every((check) => check(task)) : undefined,
	};
}
