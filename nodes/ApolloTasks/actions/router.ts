import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { ApolloClient } from '../transport/client';
import {
	DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS,
	DEFAULT_TIMEOUT_SECONDS,
	MAX_RATE_LIMIT_WAIT_SECONDS,
	MAX_TIMEOUT_SECONDS,
} from '../transport/settings';
import { wholeNumber } from '../shared/ids';
import { operations, type TaskOperationName } from './task/Task.resource';

/** What one input item produced: output items, an error, or (when a later batch failed) both. */
export interface ItemOutcome {
	itemIndex: number;
	data: INodeExecutionData[];
	error?: NodeApiError | NodeOperationError;
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

/** An operation that combines items into few requests; it stops sending after the first error when asked. */
export interface BatchOperation {
	description: INodeProperties[];
	executeBatch(
		this: IExecuteFunctions,
		items: INodeExecutionData[],
		client: ApolloClient,
		stopAtFirstError: boolean,
	): Promise<ItemOutcome[]>;
}

/** Errors from this node are already n8n errors; anything else is wrapped so it carries the item. */
function asNodeError(
	ctx: IExecuteFunctions,
	error: unknown,
	itemIndex: number,
): NodeApiError | NodeOperationError {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) return error;
	return new NodeOperationError(ctx.getNode(), error instanceof Error ? error : String(error), {
		itemIndex,
	});
}

/**
 * Runs the chosen operation over all input items. The one place that decides Continue On Fail:
 * without it, the first error stops the node before another request is sent; with it, a failed item
 * becomes an error item paired with its input and the others go on.
 */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operationName = this.getNodeParameter('operation', 0) as TaskOperationName;
	const operation: ItemOperation | BatchOperation | undefined = operations[operationName];
	if (resource !== 'task' || !operation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operationName}" of resource "${resource}" is not supported`,
		);
	}
	const node = this.getNode();
	const maxWait = wholeNumber(
		node,
		0,
		'Max Wait on Rate Limit',
		this.getNodeParameter('options.maxRateLimitWait', 0, DEFAULT_MAX_RATE_LIMIT_WAIT_SECONDS),
		0,
		MAX_RATE_LIMIT_WAIT_SECONDS,
	);
	const timeout = wholeNumber(
		node,
		0,
		'Timeout',
		this.getNodeParameter('options.timeout', 0, DEFAULT_TIMEOUT_SECONDS),
		1,
		MAX_TIMEOUT_SECONDS,
	);
	const client = new ApolloClient(this, {
		maxRateLimitWaitMs: maxWait * 1000,
		timeoutMs: timeout * 1000,
	});
	const continueOnFail = this.continueOnFail();

	let outcomes: ItemOutcome[];
	if ('executeBatch' in operation) {
		outcomes = await operation.executeBatch.call(this, items, client, !continueOnFail);
	} else {
		outcomes = [];
		for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
			try {
				outcomes.push({ itemIndex, data: await operation.execute.call(this, itemIndex, client) });
			} catch (error) {
				outcomes.push({ itemIndex, data: [], error: asNodeError(this, error, itemIndex) });
				if (!continueOnFail) break;
			}
		}
	}

	const output: INodeExecutionData[] = [];
	for (const outcome of outcomes) {
		output.push(...outcome.data);
		if (!outcome.error) continue;
		if (!continueOnFail) throw outcome.error;
		const { message, description } = outcome.error;
		output.push({
			json: { error: message, ...(description ? { description } : {}) },
			pairedItem: { item: outcome.itemIndex },
		});
	}
	return output;
}
