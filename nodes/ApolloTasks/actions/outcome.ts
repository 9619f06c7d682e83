import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

/** What one input item produced: output items, an error, or (when a later batch failed) both. */
export interface ItemOutcome {
	itemIndex: number;
	data: INodeExecutionData[];
	error?: NodeApiError | NodeOperationError;
}

/**
 * Runs `run` for each item in turn. Without "continue on fail" the first error stops the loop before
 * another request is sent; with it, the error is kept for that item and the loop goes on.
 */
export async function eachItem(
	ctx: IExecuteFunctions,
	items: INodeExecutionData[],
	run: (itemIndex: number) => Promise<INodeExecutionData[]>,
): Promise<ItemOutcome[]> {
	const outcomes: ItemOutcome[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			outcomes.push({ itemIndex, data: await run(itemIndex) });
		} catch (error) {
			const nodeError = asNodeError(ctx, error, itemIndex);
			if (!ctx.continueOnFail()) throw nodeError;
			outcomes.push({ itemIndex, data: [], error: nodeError });
		}
	}
	return outcomes;
}

/** Errors from this node are already n8n errors; anything else is wrapped so it carries the item. */
export function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), { itemIndex });
}
