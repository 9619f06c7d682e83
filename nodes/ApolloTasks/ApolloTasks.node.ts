import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
} from 'n8n-workflow';
import { NodeConnectionTypes } from 'n8n-workflow';

import { router } from './actions/router';
import * as task from './actions/task/Task.resource';
import { searchContacts, searchTasks, searchUsers } from './methods/listSearch';
import { docsUrl, NODE_DESCRIPTION, TOOL_DESCRIPTION } from './shared/about';
import { assertSupportedN8n } from './shared/minimumN8n';
import { SYSTEM_CLOCK, type Clock } from './transport/settings';

assertSupportedN8n();

export class ApolloTasks implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Apollo Tasks',
		name: 'apolloTasks',
		icon: { light: 'file:../../icons/apollo.svg', dark: 'file:../../icons/apollo.dark.svg' },
		group: ['transform'],
		// 2: Search and Get offer Output (Simplified, Raw, Selected Fields) where 1 has Simplify.
		version: [1, 2],
		defaultVersion: 2,
		// The operations' names ("Create tasks"); written out because n8n's
		// community rules want a literal here (a test keeps the two the same).
		subtitle:
			'={{ ({"complete":"Complete task","create":"Create tasks","get":"Get task","search":"Search tasks","skip":"Skip task","update":"Update task"})[$parameter["operation"]] || $parameter["operation"] }}',
		description: NODE_DESCRIPTION,
		documentationUrl: docsUrl('operations'),
		defaults: { name: 'Apollo Tasks' },
		inputs: [NodeConnectionTypes.Main],
		outputs: [NodeConnectionTypes.Main],
		usableAsTool: { replacements: { description: TOOL_DESCRIPTION } },
		credentials: [{ name: 'apolloTasksApi', required: true }],
		properties: [
			{
				displayName: 'Resource',
				name: 'resource',
				type: 'options',
				noDataExpression: true,
				options: [{ name: 'Task', value: 'task' }],
				default: 'task',
			},
			...task.description,
		],
	};

	methods = {
		listSearch: { searchContacts, searchTasks, searchUsers },
	};

	execute: (this: IExecuteFunctions) => Promise<INodeExecutionData[][]>;

	/** n8n creates the node without arguments; tests hand it a clock of their own. */
	constructor(clock: Clock = SYSTEM_CLOCK) {
		this.execute = async function (this: IExecuteFunctions) {
			return [await router.call(this, clock)];
		};
	}
}
