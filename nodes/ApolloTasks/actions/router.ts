import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { wholeNumber } from '../shared/ids';
import { ApolloClient } from '../transport/client';
import {
	clientSettings,
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_RATE_LIMIT_WAIT_SECONDS,
	MAX_TIMEOUT_SECONDS,
	type Clock,
} from '../transport/settings';
import type { ItemOperation, ItemOutcome, NodeError } from './operation';
import { operations, type TaskOperationName } from './task/Task.resource';

/** Errors from this node are already n8n errors; anything else is wrapped so it carries the item. */
function asNodeError(ctx: IExecuteFunctions, error: unknown, itemIndex: number): NodeError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/** An item-by-item operation as steps of one item each. */
async function* eachItem(
	ctx: IExecuteFunctions,
	operation: ItemOperation,
	count: number,
	client: ApolloClient,
): AsyncGenerator<ItemOutcome[], void> {
	for (let itemIndex = 0; itemIndex < count; itemIndex++) {
		let outcome: ItemOutcome;
		try {
			outcome = { itemIndex, data: await operation.execute.call(ctx, itemIndex, client) };
		} catch (error) {
			outcome = { itemIndex, data: [], error: asNodeError(ctx, error, itemIndex) };
		}
		yield [outcome];
	}
}

/**
 * Runs the chosen operation over all input items. The one place that decides Continue On Fail:
 * without it, the first error stops the node before another request is sent; with it, a failed item
 * becomes an error item paired with its input and the others go on.
 */
export async function router(this: IExecuteFunctions, clock: Clock): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operationName = this.getNodeParameter('operation', 0) as TaskOperationName;
	const operation = operations[operationName];
	if (resource !== 'task' || !operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const node = this.getNode();
	const option = (name: string, fallback: number) =>
		this.getNodeParameter(`options.${name}`, 0, fallback);
	const maxWait = wholeNumber(
		node,
		0,
		'Max Wait on Rate Limit',
		option('maxRateLimitWait', DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS),
		0,
		MAX_RATE_LIMIT_WAIT_SECONDS,
	);
	const timeout = wholeNumber(
		node,
		0,
		'Timeout',
		option('timeout', DEFAULT_TIMEOUT_SECONDS),
		1,
		MAX_TIMEOUT_SECONDS,
	);
	const settings = clientSettings(clock, {
		longestRateLimitWaitMs: maxWait * 1000,
		timeoutMs: timeout * 1000,
	});
	const client = new ApolloClient(this, settings);
	const steps =
		'executeBatch' in operation
			? operation.executeBatch.call(this, items, client, clock)
			: eachItem(this, operation, items.length, client);
	const continueOnFail = this.continueOnFail();

	const byItem = new Map<number, { data: INodeExecutionData[]; error?: NodeError }>();
	for await (const outcomes of steps) {
		for (const { itemIndex, data, error } of outcomes) {
			// Leaving the loop ends the operation at this step: nothing more is sent.
			if (error && !continueOnFail) throw error;
			const result = byItem.get(itemIndex) ?? { data: [] };
			result.data.push(...data);
			result.error ??= error;
			byItem.set(itemIndex, result);
		}
	}

	const output: INodeExecutionData[] = [];
	for (const [itemIndex, { data, error }] of [...byItem].sort(([a], [b]) => a - b)) {
		output.push(...data);
		if (!error) continue;
		const { message, description } = error;
		output.push({
			json: { error: message, ...(description ? { description } : {}) },
			pairedItem: { item: itemIndex },
		});
	}
	return output;
}
