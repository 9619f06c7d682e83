import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

// What a failure means for the items it stopped, shared by the transport and the operations.

/**
 * Marks a write whose answer was lost (Apollo may or may not have acted), so that the operation can say
 * what that means for what it wrote.
 */
export function outcomeUnknown<E extends NodeApiError>(error: E): E {
	error.context.outcomeUnknown = true;
	return error;
}

/** Whether Apollo may or may not have carried out the write this error stopped. */
export const isOutcomeUnknown = (error: unknown): boolean =>
	error instanceof NodeApiError && error.context.outcomeUnknown === true;

/** The same failure again for another item, with its own message or description where given. */
export function sameFailureFor(
	node: INode,
	error: NodeApiError | NodeOperationError,
	itemIndex: number,
	change: { message?: string; description?: string } = {},
): NodeApiError | NodeOperationError {
	const httpCode = error instanceof NodeApiError ? (error.httpCode ?? undefined) : undefined;
	const options = {
		message: change.message ?? error.message,
		description: change.description ?? error.description ?? undefined,
		itemIndex,
	};
	if (!(error instanceof NodeApiError))
		return new NodeOperationError(node, options.message, options);
	const response: JsonObject = httpCode ? { httpCode } : {};
	const copy = new NodeApiError(node, response, { ...options, httpCode });
	if (isOutcomeUnknown(error)) outcomeUnknown(copy);
	return copy;
}

/** A 2xx answer that lacks part of what was asked for; `answer` says how, for the error's details. */
export function apolloIncompleteAnswer(
	node: INode,
	details: { message: string; description: string; answer: string; itemIndex: number },
): NodeApiError {
	return new NodeApiError(node, { answer: details.answer } as JsonObject, {
		message: details.message,
		description: details.description,
		itemIndex: details.itemIndex,
	});
}
