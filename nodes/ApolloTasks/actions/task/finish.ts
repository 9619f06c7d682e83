import type { IExecuteFunctions, INodeExecutionData, INodeProperties } from 'n8n-workflow';
import { NodeApiError, updateDisplayOptions } from 'n8n-workflow';

import { optionsCollection, taskIdLocator } from '../../shared/fields';
import { inputError, nodeError } from '../../shared/items';
import { readSimplify, simplifyOption, taskItem } from '../../shared/output';
import { textOf } from '../../shared/values';
import type { ApolloClient } from '../../transport/client';
import { explainUnknownOutcome } from '../../transport/errors';
import { taskIdOf } from './taskId';

/** Complete and Skip differ only in the word: one description and one execute for both. */
export function finishOperation(how: 'complete' | 'skip') {
	const word = how === 'complete' ? 'completed' : 'skipped';
	const properties: INodeProperties[] = [
		taskIdLocator,
		{
			displayName: 'Note',
			name: 'note',
			type: 'string',
			typeOptions: { rows: 3 },
			default: '',
			description: `Optional: why or how the task was ${word}; it replaces the task's note`,
		},
		simplifyOption,
		optionsCollection(),
	];
	return {
		description: updateDisplayOptions(
			{ show: { resource: ['task'], operation: [how] } },
			properties,
		),
		async execute(
			this: IExecuteFunctions,
			itemIndex: number,
			client: ApolloClient,
		): Promise<INodeExecutionData[]> {
			const taskId = taskIdOf(this, itemIndex);
			const shape = readSimplify(this, itemIndex);
			const given = this.getNodeParameter('note', itemIndex, '');
			const note = textOf(this.getNode(), itemIndex, 'Note', given).trim() || undefined;
			const sent = await client.tasks.finish(taskId, how, note, itemIndex).then(
				(task) => ({ task, error: undefined }),
				(error: unknown) => ({ task: undefined, error }),
			);
			if (sent.error !== undefined) {
				// Apollo's 422 does not say why; a task that is no longer scheduled is the usual reason.
				if (!(sent.error instanceof NodeApiError) || sent.error.httpCode !== '422') {
					throw explainUnknownOutcome(
						this.getNode(),
						nodeError(this.getNode(), sent.error, itemIndex),
						itemIndex,
						`The task may or may not be ${word} now: get it (Get) to see its status. Running this again is safe: a task that is already ${word} stops with an error that says so, and nothing changes.`,
					);
				}
				const current = await client.tasks.get(taskId, itemIndex);
				if (current.status === 'scheduled') throw sent.error;
				throw inputError(
					this.getNode(),
					itemIndex,
					'Task',
					`the task is already ${current.status}, so it cannot be ${word}`,
					'Only scheduled tasks can be completed or skipped. Search with Filters > Status: Scheduled first, or turn on Continue On Fail to pass over such tasks.',
				);
			}
			return [taskItem(sent.task!, shape, itemIndex)];
		},
	};
}
