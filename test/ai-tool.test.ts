import type { INode, INodeParameters, INodeType } from 'n8n-workflow';
// The function n8n uses to turn a node into a tool an AI agent can call.
import { createNodeAsTool } from 'n8n-core/dist/execution-engine/node-execution-context/utils/create-node-as-tool';

import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
} from './harness/engine';
import { APOLLO_TASKS, nodeTypes } from './harness/nodeTypes';
import { TOOL_DESCRIPTION } from '../nodes/ApolloTasks/shared/about';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const NODE = 'Apollo Tasks';

/** How an agent would use Create: every field it decides is a $fromAI() placeholder. */
const agentParameters = {
	resource: 'task',
	operation: 'create',
	userId: {
		__rl: true,
		mode: 'id',
		value:
			"={{ $fromAI('assignee_user_id', 'Apollo user ID of the person who owns the task', 'string') }}",
	},
	contactIds: "={{ $fromAI('contact_ids', 'Apollo contact IDs, comma-separated', 'string') }}",
	type: "={{ $fromAI('task_type', 'call, outreach_manual_email, action_item or a linkedin_step_* type', 'string') }}",
	priority: "={{ $fromAI('priority', 'high, medium or low', 'string') }}",
	additionalFields: {
		dueAt: "={{ $fromAI('due_at', 'ISO 8601 due date', 'string') }}",
		note: "={{ $fromAI('note', 'What to do', 'string') }}",
	},
};

describe('Apollo Tasks as an AI agent tool', () => {
	it('is offered to agents with a schema made of its $fromAI fields and a description of the operation', () => {
		const workflow = withParameters(loadWorkflow('create-tasks.json'), NODE, agentParameters);
		const node = workflow.nodes.find((n) => n.name === NODE) as INode;
		const nodeType = nodeTypes.getByNameAndVersion(APOLLO_TASKS, 1) as INodeType;
		// n8n's "Apollo Tasks Tool" starts its manual Description from this text.
		expect(nodeType.description.usableAsTool).toEqual({
			replacements: { description: TOOL_DESCRIPTION },
		});

		const { response: tool } = createNodeAsTool({
			node,
			nodeType,
			handleToolInvocation: async () => '',
		});
		expect(tool.name).toBe('Apollo_Tasks');
		// Set Automatically: the operation's action, as n8n writes it, without articles.
		expect(tool.description).toBe('Create tasks in Apollo Tasks');
		const shape = (tool.schema as unknown as { shape: Record<string, { description?: string }> })
			.shape;
		expect(Object.keys(shape).sort()).toEqual([
			'assignee_user_id',
			'contact_ids',
			'due_at',
			'note',
			'priority',
			'task_type',
		]);
		expect(shape.contact_ids.description).toBe('Apollo contact IDs, comma-separated');
	});

	it("creates the tasks an agent asks for when n8n invokes it with the agent's arguments", async () => {
		const base = withParameters(loadWorkflow('create-tasks.json'), NODE, agentParameters);
		const node = base.nodes.find((n) => n.name === NODE) as INode;
		const nodeType = nodeTypes.getByNameAndVersion(APOLLO_TASKS, 1) as INodeType;
		const [first, second] = env.sandbox.contacts;
		const { response: tool } = createNodeAsTool({
			node,
			nodeType,
			// As in n8n, the agent's arguments become the input item that the $fromAI() placeholders read.
			handleToolInvocation: async (args) => {
				const result = await runWorkflow(withItems(base, [args as object]), env.credentials());
				const error = result.error(NODE);
				return JSON.stringify(
					error ? { error: error.message } : result.output(NODE).map((i) => i.json),
				);
			},
		});

		const answer = JSON.parse(
			String(
				await tool.invoke({
					assignee_user_id: env.sandbox.users[0].id,
					contact_ids: `${first.id}, ${second.id}`,
					task_type: 'action_item',
					priority: 'high',
					due_at: '2026-12-03T15:00:00Z',
					note: 'Send the proposal',
				}),
			),
		);
		expect(
			answer.map((t: { contact_id: string; type: string; due_at: string }) => [
				t.contact_id,
				t.type,
				t.due_at,
			]),
		).toEqual([
			[first.id, 'action_item', '2026-12-03T15:00:00.000Z'],
			[second.id, 'action_item', '2026-12-03T15:00:00.000Z'],
		]);

		const wrong = JSON.parse(
			String(
				await tool.invoke({
					assignee_user_id: env.sandbox.users[0].id,
					contact_ids: first.id,
					task_type: 'email',
					priority: 'high',
					due_at: '',
					note: '',
				}),
			),
		);
		expect(wrong.error).toBe('Type: "email" is not a value Apollo knows');
	});

	it('answers with the fields it is set to output (version 2): Search with Selected Fields, Get Simplified', async () => {
		const nodeType = nodeTypes.getByNameAndVersion(APOLLO_TASKS, 2) as INodeType;
		const asTool = (file: string, parameters: object) => {
			const base = withNodeSettings(
				withParameters(loadWorkflow(file), NODE, parameters as INodeParameters),
				NODE,
				{ typeVersion: 2 },
			);
			const node = base.nodes.find((n) => n.name === NODE) as INode;
			return createNodeAsTool({
				node,
				nodeType,
				handleToolInvocation: async (args) => {
					const result = await runWorkflow(withItems(base, [args as object]), env.credentials());
					return JSON.stringify(result.output(NODE).map((i) => i.json));
				},
			}).response;
		};
		const task = env.sandbox.tasks[0];
		const contact = env.sandbox.contacts.find((c) => c.id === task.contact_id)!;

		const search = asTool('search-tasks.json', {
			output: 'fields',
			fields: ['status', 'due_at', 'contact_email'],
			filters: { contactId: "={{ $fromAI('contact_id', 'Apollo contact ID', 'string') }}" },
		});
		expect(search.description).toBe('Search tasks in Apollo Tasks');
		const found = JSON.parse(String(await search.invoke({ contact_id: contact.id })));
		expect(found.length).toBeGreaterThan(0);
		for (const json of found) {
			expect(Object.keys(json)).toEqual(['id', 'status', 'due_at', 'contact_email']);
			expect(json.contact_email).toBe(contact.email);
		}

		const get = asTool('task-by-id.json', {
			taskId: {
				__rl: true,
				mode: 'id',
				value: "={{ $fromAI('task_id', 'Apollo task ID', 'string') }}",
			},
		});
		expect(get.description).toBe('Get task in Apollo Tasks');
		const [got] = JSON.parse(String(await get.invoke({ task_id: task.id })));
		expect(got).toEqual({
			id: task.id,
			type: task.type,
			priority: task.priority,
			status: task.status,
			due_at: task.due_at,
			note: task.note,
			user_id: task.user_id,
			contact_id: contact.id,
			contact_name: contact.name,
			contact_email: contact.email,
			account_name: expect.any(String),
		});
	});
});
