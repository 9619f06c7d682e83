import type { IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { ApolloClient } from '../transport/client';
import { wholeNumber } from './input';
import { operations, type TaskOperationName } from './task/Task.resource';

/** Runs the chosen operation over all input items and turns per-item errors into error items. */
export async function router(this: IExecuteFunctions): Promise<INodeExecutionData[]> {
	const items = this.getInputData();
	const resource = this.getNodeParameter('resource', 0);
	const operationName = this.getNodeParameter('operation', 0) as TaskOperationName;
	const operation = operations[operationName];
	if (resource !== 'task' || !operation) {
		throw new NodeOperationError(this.getNode(), `The operation "${operationName}" of resource "${resource}" is not supported`);
	}
	const maxWait = wholeNumber(this, 0, 'Max Wait on Rate Limit', this.getNodeParameter('options.maxRateLimitWait', 0, 90), 0, 600);
	const timeout = wholeNumber(this, 0, 'Timeout', this.getNodeParameter('options.timeout', 0, 30), 1, 300);
	const client = new ApolloClient(this, { maxRateLimitWaitMs: maxWait * 1000, timeoutMs: timeout * 1000 });

	const outcomes = await operation.execute.call(this, items, client);
	const output: INodeExecutionData[] = [];
	for (const outcome of outcomes) {
		output.push(...outcome.data);
		if (!outcome.error) continue;
		if (!this.continueOnFail()) throw outcome.error;
		output.push({
			json: { error: outcome.error.message, ...(outcome.error.description ? { description: outcome.error.description } : {}) },
			pairedItem: { item: outcome.itemIndex },
		});
	}
	return output;
}
