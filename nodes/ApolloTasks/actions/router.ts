import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RATE_LIMIT_WAIT, TIMEOUT } from '../shared/fields';
import {
	nodeError,
	readNumberOption,
	sameOptionsForAllItems,
	type ItemOutcome,
} from '../shared/items';
import type { NodeError } from '../transport/errors';
import { ApolloClient } from '../transport/client';
import { clientSettings, type Clock } from '../transport/settings';
import {
	operations,
	type BatchOperation,
	type ItemOperation,
	type TaskOperationName,
} from './task/Task.resource';

/**
 * Runs the chosen operation over all input items. The one place that decides Continue On Fail:
 * without it, the first error an item gets stops the node, and the client it gave the operation sends
 * nothing after it (no look-up, no write, no skip); with it, a failed item becomes an error item paired
 * with its input, which n8n's "Continue (using error output)" sends to the error output, and the others
 * go on.
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
	sameOptionsForAllItems(this, items.length, runOptions(operation));
	const continueOnFail = this.continueOnFail();
	const stop = new AbortController();
	const settings = clientSettings(clock, {
		longestRateLimitWaitMs: readNumberOption(this, RATE_LIMIT_WAIT) * 1000,
		timeoutMs: readNumberOption(this, TIMEOUT) * 1000,
		stop: continueOnFail ? undefined : stop.signal,
	});
	const client = new ApolloClient(this, settings);

	let firstError: NodeError | undefined;
	const failed = (error: NodeError) => {
		if (continueOnFail || firstError) return;
		firstError = error;
		stop.abort();
	};
	let outcomes: ItemOutcome[] = [];
	try {
		if ('executeBatch' in operation) {
			outcomes = await operation.executeBatch.call(this, items, client, failed, clock);
		} else {
			for (let itemIndex = 0; itemIndex < items.length && !firstError; itemIndex++) {
				try {
					outcomes.push({ itemIndex, data: await operation.execute.call(this, itemIndex, client) });
				} catch (error) {
					const itemError = nodeError(node, error, itemIndex);
					failed(itemError);
					outcomes.push({ itemIndex, data: [], error: itemError });
				}
			}
		}
	} catch (error) {
		// A setting of the whole run is wrong (an Option), or a bug: the node fails, as n8n shows node errors.
		throw firstError ?? nodeError(node, error, 0);
	}
	if (firstError) throw firstError;
	return outcomes.flatMap(({ itemIndex, data, error }) =>
		error ? [...data, errorItem(error, itemIndex)] : data,
	);
}

/**
 * The Options read once for the whole run, with the names the user sees: the request settings every
 * operation has, and all Options of an operation that combines items.
 */
function runOptions(operation: ItemOperation | BatchOperation): Record<string, string> {
	const collection = operation.description.find((property) => property.name === 'options');
	const labels = Object.fromEntries(
		(collection?.options ?? []).flatMap((option) =>
			'displayName' in option ? [[option.name, String(option.displayName)]] : [],
		),
	);
	if ('executeBatch' in operation) return labels;
	return Object.fromEntries(
		[RATE_LIMIT_WAIT.name, TIMEOUT.name].map((name) => [name, labels[name] ?? name]),
	);
}

/**
 * A failed item as n8n reads one: JSON with only `error` (what happened) and `message` (what it means
 * and what to do), which every n8n from 1.x on sends to the error output under "Continue (using error
 * output)". An `error` on the item itself would do that too, but n8n then keeps only the message in the
 * JSON.
 */
function errorItem({ message, description }: NodeError, itemIndex: number): INodeExecutionData {
	return {
		json: { error: message, ...(description ? { message: description } : {}) },
		pairedItem: { item: itemIndex },
	};
}
