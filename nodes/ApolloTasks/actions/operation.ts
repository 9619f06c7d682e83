import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeProperties,
	NodeApiError,
	NodeOperationError,
} from 'n8n-workflow';

import type { ApolloClient } from '../transport/client';
import { isOutcomeUnknown } from '../transport/errors';
import type { Clock } from '../transport/settings';

export type NodeError = NodeApiError | NodeOperationError;

/** What one input item produced in one step: output items, an error, or both. */
export interface ItemOutcome {
	itemIndex: number;
	data: INodeExecutionData[];
	error?: NodeError;
}

/** An operation that works item by item. */
export interface ItemOperation {
	description: INodeProperties[];
	execute(
		this: IExecuteFunctions,
		itemIndex: number,
		client: ApolloClient,
	): Promise<INodeExecutionData[]>;
}

/**
 * An operation that combines items into few requests. It yields the outcomes of each step before it
 * sends the next request, so the router can stop it there: an operation never decides that itself.
 */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		client: ApolloClient,
		clock: Clock,
	): AsyncGenerator<ItemOutcome[], void>;
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
