import type { IDataObject, INode, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { type ApolloTask, isOutcomeUnknown } from '../transport/types';

export type NodeError = NodeApiError | NodeOperationError;

/** What one input item produced in one step: output items, an error, or both. */
export interface ItemOutcome {
	itemIndex: number;
	data: INodeExecutionData[];
	error?: NodeError;
}

/** Hands the router what items produced, as soon as they have; the router decides what an error stops. */
export type Report = (outcomes: ItemOutcome[]) => void;

/** An n8n error as it is; anything else (a bug) wrapped as n8n shows node errors, with its item. */
export function nodeError(node: INode, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(node, error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/**
 * A write whose answer was lost: adds what that means for this write to the error (what may now be
 * true in Apollo, and what to do), so nobody is told about tasks "created" by an update.
 */
export function explainUnknownOutcome<E extends NodeError>(error: E, whatIsTrue: string): E {
	if (isOutcomeUnknown(error))
		error.description = `${error.description ?? ''} ${whatIsTrue}`.trim();
	return error;
}

/** The fields a person reads, flat, for Slack messages, sheets and AI agents. */
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

/** One task as an output item, whole or simplified, with anything extra (`existing: true`) on top. */
export function taskItem(
	task: ApolloTask,
	simplify: boolean,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json = simplify ? simplifyTask(task) : (task as unknown as IDataObject);
	return {
		json: Object.keys(extra).length ? { ...json, ...extra } : json,
		pairedItem: { item: itemIndex },
	};
}
