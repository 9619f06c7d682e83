import type { IDataObject, INodeExecutionData, IRunExecutionData } from 'n8n-workflow';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n');

export interface Execution {
	id: string;
	status: string;
	data: IRunExecutionData;
	/** Output items of a node's first output on its last run. */
	output(nodeName: string): INodeExecutionData[];
	error(nodeName: string): IDataObject | undefined;
}

/** Parses n8n's stored execution data (flatted JSON), with the copy of flatted that n8n itself ships. */
export function parseExecutionData(data: string, version: string): IRunExecutionData {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const flatted = require(n8n.n8nModule('flatted', version));
	return flatted.parse(data) as IRunExecutionData;
}

export function toExecution(id: string, status: string, data: IRunExecutionData): Execution {
	const runData = data.resultData.runData;
	const last = (name: string) => runData[name]?.[runData[name].length - 1];
	return {
		id,
		status,
		data,
		output: (name) => last(name)?.data?.main?.[0] ?? [],
		error: (name) => last(name)?.error as unknown as IDataObject | undefined,
	};
}

export const APOLLO_TASKS = 'n8n-nodes-apollo-tasks.apolloTasks';

/** Manual trigger -> items from a Code node -> one Apollo Tasks node with the given parameters. */
export function workflowWith(
	name: string,
	credential: { id: string; name: string },
	items: IDataObject[],
	parameters: IDataObject,
	settings: IDataObject = {},
): IDataObject {
	return {
		name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'n1',
				name: 'Start',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'n2',
				name: 'Items',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [200, 0],
				parameters: { jsCode: `return ${JSON.stringify(items)}.map((json) => ({ json }));` },
			},
			{
				id: 'n3',
				name: 'Apollo Tasks',
				type: APOLLO_TASKS,
				typeVersion: 1,
				position: [400, 0],
				credentials: { apolloTasksApi: credential },
				parameters,
				...settings,
			},
		],
		connections: {
			Start: { main: [[{ node: 'Items', type: 'main', index: 0 }]] },
			Items: { main: [[{ node: 'Apollo Tasks', type: 'main', index: 0 }]] },
		},
	};
}
