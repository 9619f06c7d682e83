import type { IExecuteFunctions } from 'n8n-workflow';

import { apolloId, locatorValue } from '../../shared/items';

/** The task ID of the Task field, checked. */
export const taskIdOf = (ctx: IExecuteFunctions, itemIndex: number): string =>
	apolloId(
		ctx.getNode(),
		itemIndex,
		'Task',
		locatorValue(ctx.getNodeParameter('taskId', itemIndex, '')),
		'task',
		true,
	);
