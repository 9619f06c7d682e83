import { ExecutionLifecycleHooks, PollContext, TriggersAndPollers } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INodeExecutionData,
	INodeParameters,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { makeAdditionalData } from './engine';
import { APOLLO_TASKS_TRIGGER, nodeTypes } from './nodeTypes';

export interface PollResult {
	items: INodeExecutionData[];
	/** The workflow's static data after the poll, as n8n would save it (JSON). */
	staticData: IDataObject;
}

/**
 * One poll of the Apollo Tasks Trigger the way an active workflow runs it: n8n-core's PollContext and
 * TriggersAndPollers. `staticData` is what n8n saved after the previous poll, so passing it on across
 * calls is the same as n8n restarting between polls.
 */
export async function pollTrigger(
	parameters: INodeParameters,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	staticData: IDataObject = {},
	mode: WorkflowExecuteMode = 'trigger',
	/** n8n 2.41's time budget for one poll; n8n 1.x has none (leave it out). */
	pollBudgetMs?: number,
): Promise<PollResult> {
	const node = {
		id: 'trigger',
		name: 'Apollo Tasks Trigger',
		type: APOLLO_TASKS_TRIGGER,
		typeVersion: 1,
		position: [0, 0] as [number, number],
		parameters,
		credentials: { apolloTasksApi: { id: '1', name: 'Apollo Tasks (sandbox)' } },
	};
	const workflow = new Workflow({
		id: 'poll-test',
		nodes: [node],
		connections: {},
		active: true,
		nodeTypes,
		staticData: JSON.parse(JSON.stringify(staticData)),
		settings: { timezone: 'UTC' },
	});
	const additionalData = makeAdditionalData(
		credentials,
		new ExecutionLifecycleHooks(mode, 'poll', { nodes: [node], connections: {} } as never),
	);
	const context = new PollContext(
		workflow,
		workflow.getNode(node.name)!,
		additionalData,
		mode,
		'activate',
	);
	if (pollBudgetMs === undefined) Object.assign(context, { getPollBudgetMs: undefined });
	else Object.assign(context, { getPollBudgetMs: () => pollBudgetMs });
	const saved = () => JSON.parse(JSON.stringify(workflow.staticData)) as IDataObject;
	const result = await new TriggersAndPollers()
		.runPollFunction(workflow, workflow.getNode(node.name)!, context)
		.catch((error: Error) => {
			// n8n keeps an active workflow's static data in memory across its polls, failed ones too.
			throw Object.assign(error, { staticData: saved() });
		});
	return { items: result?.[0] ?? [], staticData: saved() };
}
