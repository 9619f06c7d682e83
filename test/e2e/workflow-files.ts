import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

/** The ready-made workflows in `workflows/`, what the tests know about them, and helpers on their nodes. */

export const WORKFLOWS = join(__dirname, '..', '..', 'workflows');

export const FILES = {
	hubspot: 'hubspot-deal-stage-to-apollo-call-tasks.json',
	salesforce: 'salesforce-opportunity-to-apollo-task.json',
	pipedrive: 'pipedrive-deal-won-complete-apollo-tasks.json',
	digest: 'apollo-overdue-tasks-digest-to-slack.json',
	hubspotNote: 'apollo-completed-task-to-hubspot-note.json',
};

/** The sandbox's first user, the assignee the workflow files come with. */
export const ADA = '5f0000000000000000000001';
export const GRACE = '5f0000000000000000000002';
export const ALAN = '5f0000000000000000000003';
export const contactId = (n: number) => '5c' + n.toString(16).padStart(22, '0');
export const hoursFromNow = (hours: number) =>
	new Date(Date.now() + hours * 3_600_000).toISOString();

export interface WorkflowNode extends IDataObject {
	name: string;
	type: string;
	typeVersion: number;
	parameters: IDataObject;
	disabled?: boolean;
	credentials?: IDataObject;
}
export interface WorkflowFile extends IDataObject {
	name: string;
	nodes: WorkflowNode[];
	pinData: Record<string, Array<{ json: IDataObject }>>;
}
export interface SandboxTask extends IDataObject {
	id: string;
	user_id: string;
	contact_id: string;
	type: string;
	status: string;
	due_at: string;
	note: string | null;
	completed_at: string | null;
}
export interface SandboxRequest {
	method: string;
	path: string;
	body: IDataObject;
	status: number;
}

export const readWorkflow = (file: string): WorkflowFile =>
	JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as WorkflowFile;

export const nodeOf = (workflow: WorkflowFile, name: string) =>
	workflow.nodes.find((n) => n.name === name)!;

/** For a run: the Slack node hands on the message it would post. */
export const disable =
	(...names: string[]) =>
	(workflow: WorkflowFile) =>
		names.forEach((name) => (nodeOf(workflow, name).disabled = true));

export const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
export const paired = (items: INodeExecutionData[]) =>
	items.map((item) => (item.pairedItem as { item: number }).item);

/** The credential each CRM and messaging node of the files asks for, as the files set their Authentication. */
export const CRM_CREDENTIALS: Record<string, string> = {
	'n8n-nodes-base.hubspotTrigger': 'hubspotDeveloperApi',
	'n8n-nodes-base.hubspot': 'hubspotAppToken',
	'n8n-nodes-base.httpRequest': 'hubspotAppToken',
	'n8n-nodes-base.salesforceTrigger': 'salesforceOAuth2Api',
	'n8n-nodes-base.salesforce': 'salesforceOAuth2Api',
	'n8n-nodes-base.pipedriveTrigger': 'pipedriveApi',
	'n8n-nodes-base.pipedrive': 'pipedriveApi',
	'n8n-nodes-base.slack': 'slackApi',
};

export interface NodeProperty {
	name: string;
	type: string;
	options?: Array<NodeProperty | { name: string; values?: NodeProperty[] }>;
}

/** Parameter names (and names inside collections) that the node type does not have: typos n8n would ignore. */
export function unknownParameters(
	parameters: IDataObject,
	properties: NodeProperty[],
	prefix = '',
): string[] {
	const unknown: string[] = [];
	for (const [key, value] of Object.entries(parameters)) {
		const matching = properties.filter((p) => p.name === key);
		if (matching.length === 0) {
			unknown.push(prefix + key);
			continue;
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value) || '__rl' in value)
			continue;
		// A name can have several definitions (one per operation): accept what any of them has.
		const collections = matching.filter(
			(p) => (p.type === 'collection' || p.type === 'fixedCollection') && p.options,
		);
		if (collections.length === 0) continue;
		if (collections[0].type === 'collection') {
			const options = collections.flatMap((c) => c.options as NodeProperty[]);
			unknown.push(...unknownParameters(value as IDataObject, options, `${prefix}${key}.`));
			continue;
		}
		for (const [group, entries] of Object.entries(value as IDataObject)) {
			const groups = collections
				.flatMap((c) => c.options as Array<{ name: string; values?: NodeProperty[] }>)
				.filter((o) => o.name === group);
			if (groups.length === 0) {
				unknown.push(`${prefix}${key}.${group}`);
				continue;
			}
			const values = groups.flatMap((g) => g.values ?? []);
			for (const entry of [entries].flat() as IDataObject[])
				unknown.push(...unknownParameters(entry, values, `${prefix}${key}.${group}.`));
		}
	}
	return unknown;
}
