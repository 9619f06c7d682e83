import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExecutionLifecycleHooks, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeParameters,
	IRun,
	IWorkflowExecuteAdditionalData,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import { TestCredentialsHelper } from './credentials';
import { nodeTypes } from './nodeTypes';

export interface WorkflowFile {
	name: string;
	nodes: INode[];
	connections: IConnections;
}

/** A workflow from test/workflows, as n8n exports it. */
export function loadWorkflow(file: string): WorkflowFile {
	return JSON.parse(readFileSync(join(__dirname, '..', 'workflows', file), 'utf8')) as WorkflowFile;
}

/** A copy of the workflow with some parameters of one node replaced. */
export function withParameters(workflow: WorkflowFile, nodeName: string, parameters: INodeParameters): WorkflowFile {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowFile;
	const node = copy.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`No node "${nodeName}" in workflow ${workflow.name}`);
	node.parameters = { ...node.parameters, ...parameters };
	return copy;
}

/** A copy of the workflow whose Items node emits `items`. */
export function withItems(workflow: WorkflowFile, items: object[]): WorkflowFile {
	return withParameters(workflow, 'Items', { items: JSON.stringify(items) });
}

/** A copy of the workflow with node settings (continueOnFail, onError, ...) on one node. */
export function withNodeSettings(workflow: WorkflowFile, nodeName: string, settings: Partial<INode>): WorkflowFile {
	const copy = JSON.parse(JSON.stringify(workflow)) as WorkflowFile;
	const node = copy.nodes.find((n) => n.name === nodeName);
	if (!node) throw new Error(`No node "${nodeName}" in workflow ${workflow.name}`);
	Object.assign(node, settings);
	return copy;
}

export interface RunResult {
	run: IRun;
	/** Output items of a node's first output on its last run; [] if it did not run. */
	output(nodeName: string): INodeExecutionData[];
	/** The error a node ended with, as the engine recorded it. */
	error(nodeName: string): Record<string, unknown> | undefined;
}

/** Runs a whole workflow in-process with n8n-core's engine, as n8n does for a manual execution. */
export async function runWorkflow(file: WorkflowFile, credentials: Record<string, ICredentialDataDecryptedObject>, timezone = 'UTC'): Promise<RunResult> {
	const workflowData = {
		id: 'test',
		name: file.name,
		nodes: file.nodes,
		connections: file.connections,
		active: false,
		settings: { executionOrder: 'v1' as const, timezone },
		createdAt: new Date(),
		updatedAt: new Date(),
		isArchived: false,
		activeVersionId: null,
	};
	const workflow = new Workflow({
		id: workflowData.id,
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections,
		active: false,
		nodeTypes,
		staticData: {},
		settings: workflowData.settings,
	});
	const hooks = new ExecutionLifecycleHooks('manual', `run-${Date.now()}`, workflowData as never);
	const additionalData = {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: 'http://127.0.0.1:5678/rest',
		instanceBaseUrl: 'http://127.0.0.1:5678/',
		formBaseUrl: 'http://127.0.0.1:5678/form',
		formWaitingBaseUrl: 'http://127.0.0.1:5678/form-waiting',
		formTestBaseUrl: 'http://127.0.0.1:5678/form-test',
		webhookBaseUrl: 'http://127.0.0.1:5678/webhook',
		webhookWaitingBaseUrl: 'http://127.0.0.1:5678/webhook-waiting',
		webhookTestBaseUrl: 'http://127.0.0.1:5678/webhook-test',
		mcpBaseUrl: 'http://127.0.0.1:5678/mcp',
		mcpTestBaseUrl: 'http://127.0.0.1:5678/mcp-test',
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;

	const startNode = file.nodes.find((node) => !Object.values(file.connections).some((c) => c.main?.some((out) => out?.some((link) => link.node === node.name))));
	const run = await new WorkflowExecute(additionalData, 'manual').run({ workflow, startNode: startNode && workflow.getNode(startNode.name) ? workflow.getNode(startNode.name)! : undefined });
	const runData = run.data.resultData.runData;
	return {
		run,
		output(nodeName) {
			const tasks = runData[nodeName];
			const last = tasks?.[tasks.length - 1];
			return last?.data?.main?.[0] ?? [];
		},
		error(nodeName) {
			const tasks = runData[nodeName];
			const last = tasks?.[tasks.length - 1];
			return (last?.error as unknown as Record<string, unknown>) ?? undefined;
		},
	};
}
