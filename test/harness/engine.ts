import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { ExecutionLifecycleHooks, LoadOptionsContext, WorkflowExecute } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IConnections,
	INode,
	INodeExecutionData,
	INodeListSearchResult,
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
	/** The workflow's static data, as n8n keeps it between executions; kept in this object. */
	staticData?: IDataObject;
}

/** A workflow from test/workflows, as n8n exports it. */
export function loadWorkflow(file: string): WorkflowFile {
	return JSON.parse(readFileSync(join(__dirname, '..', 'workflows', file), 'utf8')) as WorkflowFile;
}

/** A copy of the workflow with some parameters of one node replaced. */
export function withParameters(
	workflow: WorkflowFile,
	nodeName: string,
	parameters: INodeParameters,
): WorkflowFile {
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
export function withNodeSettings(
	workflow: WorkflowFile,
	nodeName: string,
	settings: Partial<INode>,
): WorkflowFile {
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

/** What the engine needs from the server around it, reduced to what these tests use. */
export function makeAdditionalData(
	credentials: Record<string, ICredentialDataDecryptedObject>,
	hooks: ExecutionLifecycleHooks,
): IWorkflowExecuteAdditionalData {
	const base = 'http://127.0.0.1:5678';
	return {
		hooks,
		credentialsHelper: new TestCredentialsHelper(credentials),
		executeWorkflow: async () => {
			throw new Error('Sub-workflows are not used in these tests');
		},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		currentNodeExecutionIndex: 0,
		restApiUrl: `${base}/rest`,
		instanceBaseUrl: `${base}/`,
		formBaseUrl: `${base}/form`,
		formWaitingBaseUrl: `${base}/form-waiting`,
		formTestBaseUrl: `${base}/form-test`,
		webhookBaseUrl: `${base}/webhook`,
		webhookWaitingBaseUrl: `${base}/webhook-waiting`,
		webhookTestBaseUrl: `${base}/webhook-test`,
		mcpBaseUrl: `${base}/mcp`,
		mcpTestBaseUrl: `${base}/mcp-test`,
		variables: {},
		logAiEvent: () => {},
	} as unknown as IWorkflowExecuteAdditionalData;
}

/** Runs a whole workflow in-process with n8n-core's engine, as n8n does for a manual execution. */
export async function runWorkflow(
	file: WorkflowFile,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	timezone = 'UTC',
	/** Gets the running execution, to cancel it as a user's Stop button does. */
	started?: (execution: { cancel(): void }) => void,
): Promise<RunResult> {
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
		staticData: file.staticData ?? {},
		settings: workflowData.settings,
	});
	const additionalData = makeAdditionalData(
		credentials,
		new ExecutionLifecycleHooks('manual', `run-${Date.now()}`, workflowData as never),
	);

	const startNode = file.nodes.find(
		(node) =>
			!Object.values(file.connections).some((c) =>
				c.main?.some((out) => out?.some((link) => link.node === node.name)),
			),
	);
	const execution = new WorkflowExecute(additionalData, 'manual').run({
		workflow,
		startNode: startNode ? (workflow.getNode(startNode.name) ?? undefined) : undefined,
	});
	started?.(execution);
	const run = await execution;
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

/** Calls a node's listSearch method as n8n's editor does when a dropdown opens or the user types. */
export async function listSearch(
	file: WorkflowFile,
	nodeName: string,
	method: string,
	credentials: Record<string, ICredentialDataDecryptedObject>,
	filter?: string,
	paginationToken?: string,
): Promise<INodeListSearchResult> {
	const workflow = new Workflow({
		nodes: file.nodes,
		connections: file.connections,
		active: false,
		nodeTypes,
	});
	const node = workflow.getNode(nodeName)!;
	const additionalData = makeAdditionalData(
		credentials,
		new ExecutionLifecycleHooks('internal', 'list-search', file as never),
	);
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters');
	const nodeType = nodeTypes.getByNameAndVersion(node.type, node.typeVersion);
	const search = nodeType.methods?.listSearch?.[method];
	if (!search) throw new Error(`No listSearch method ${method}`);
	return await search.call(context, filter, paginationToken);
}
