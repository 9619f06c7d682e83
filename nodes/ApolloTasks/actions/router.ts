import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { RATE_LIMIT_WAIT, TIMEOUT } from '../shared/fields';
import { nodeError, readNumberOption, type NodeError, type Report } from '../shared/items';
import { ApolloClient } from '../transport/client';
import { clientSettings, type Clock } from '../transport/settings';
import { operations, type TaskOperationName } from './task/Task.resource';

/**
 * Runs the chosen operation over all input items. The one place that decides Continue On Fail:
 * without it, the first error an item reports stops the node, and the client it gave the operation
 * sends nothing after it (no look-up, no write, no skip); with it, a failed item becomes an error item
 * paired with its input and the others go on.
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
	const continueOnFail = this.continueOnFail();
	const stop = new AbortController();
	const settings = clientSettings(clock, {
		longestRateLimitWaitMs: readNumberOption(this, RATE_LIMIT_WAIT) * 1000,
		timeoutMs: readNumberOption(this, TIMEOUT) * 1000,
		stop: continueOnFail ? undefined : stop.signal,
	});
	const client = new ApolloClient(this, settings);

	const byItem = new Map<number, { data: INodeExecutionData[]; error?: NodeError }>();
	let firstError: NodeError | undefined;
	const report: Report = (outcomes) => {
		for (const { itemIndex, data, error } of outcomes) {
			if (firstError) return;
			if (error && !continueOnFail) {
				firstError = error;
				stop.abort();
				return;
			}
			const result = byItem.get(itemIndex) ?? { data: [] };
			result.data.push(...data);
			result.error ??= error;
			byItem.set(itemIndex, result);
		}
	};
	try {
		if ('executeBatch' in operation) {
			await operation.executeBatch.call(this, items, client, report, clock);
		} else {
			for (let itemIndex = 0; itemIndex < items.length && !firstError; itemIndex++) {
				try {
					report([{ itemIndex, data: await operation.execute.call(this, itemIndex, client) }]);
				} catch (error) {
					report([{ itemIndex, data: [], error: nodeError(node, error, itemIndex) }]);
				}
			}
		}
	} catch (error) {
		// A step that throws instead of reporting is a bug: shown as n8n shows node errors.
		throw firstError ?? nodeError(node, error, 0);
	}
	if (firstError) throw firstError;

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
