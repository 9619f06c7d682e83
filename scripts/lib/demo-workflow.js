'use strict';

const TYPE = 'n8n-nodes-apollo-tasks.apolloTasks';

/**
 * The demo: three contacts from a "CRM" get a call task each; each task is read, noted and completed, and
 * the open high-priority tasks are listed; a LinkedIn task is created and skipped; the types are counted.
 * A trigger for tasks coming due sits beside it (use "Fetch test event" on it).
 * @param {{ credential: { id: string, name: string }, userId: string, contactIds: string[] }} options
 */
function demoWorkflow({ credential, userId, contactIds }) {
	const credentials = { apolloTasksApi: { id: credential.id, name: credential.name } };
	/**
	 * @param {string} id
	 * @param {string} name
	 * @param {[number, number]} position
	 * @param {Record<string, unknown>} parameters
	 * @param {Record<string, unknown>} [extra]
	 */
	const apollo = (id, name, position, parameters, extra = {}) => ({ id, name, type: TYPE, typeVersion: 1, position, credentials, parameters: { resource: 'task', ...parameters }, ...extra });
	const taskOf = "={{ $json.id }}";
	return {
		name: 'Apollo Tasks demo',
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{ id: 'demo-1', name: 'When clicking Execute workflow', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{
				id: 'demo-2',
				name: 'Contacts from your CRM',
				type: 'n8n-nodes-base.code',
				typeVersion: 2,
				position: [220, 0],
				parameters: { jsCode: `return ${JSON.stringify(contactIds)}.map((id, i) => ({ json: { apollo_contact_id: id, deal: 'Deal ' + (i + 1) } }));` },
			},
			apollo('demo-3', 'Create call tasks', [440, 0], {
				operation: 'create',
				userId: { __rl: true, mode: 'list', value: userId },
				contactIds: '={{ $json.apollo_contact_id }}',
				type: 'call',
				priority: 'high',
				additionalFields: { dueAt: "={{ $now.plus(1, 'day').toISO() }}", note: '={{ "Call about " + $json.deal }}' },
				options: {},
			}),
			apollo('demo-4', 'Get each task', [660, 0], { operation: 'get', taskId: { __rl: true, mode: 'id', value: taskOf }, simplify: true }),
			apollo('demo-5', 'Add a note', [880, 0], { operation: 'update', taskId: { __rl: true, mode: 'id', value: taskOf }, updateFields: { note: '={{ ($json.note || "") + " (prepared by n8n)" }}' }, simplify: true }),
			apollo('demo-6', 'Complete them', [1100, 0], { operation: 'complete', taskId: { __rl: true, mode: 'id', value: taskOf }, note: 'Done from the n8n demo', simplify: true }),
			apollo('demo-7', 'Open high-priority tasks', [1320, 0], {
				operation: 'search',
				returnAll: false,
				limit: 20,
				filters: { priority: 'high' },
				simplify: true,
				options: { sortByField: 'task_due_at', sortAscending: true },
			}, { executeOnce: true }),
			apollo('demo-8', 'Create a LinkedIn task', [660, 200], {
				operation: 'create',
				userId: { __rl: true, mode: 'list', value: userId },
				contactIds: '={{ $json.contact_id }}',
				type: 'linkedin_step_connect',
				priority: 'low',
				additionalFields: {},
				options: {},
			}, { executeOnce: true }),
			apollo('demo-9', 'Skip it', [880, 200], { operation: 'skip', taskId: { __rl: true, mode: 'id', value: taskOf }, note: 'Already connected' }),
			apollo('demo-10', 'Count tasks by type', [660, -200], { operation: 'search', output: 'taskTypeCounts', filters: {} }, { executeOnce: true }),
			{
				id: 'demo-11',
				name: 'Tasks due in the next day',
				type: 'n8n-nodes-apollo-tasks.apolloTasksTrigger',
				typeVersion: 1,
				position: [0, 400],
				credentials,
				parameters: { event: 'taskDue', dueWithinHours: 24, filters: {}, pollTimes: { item: [{ mode: 'everyHour' }] } },
			},
		],
		connections: {
			'When clicking Execute workflow': { main: [[{ node: 'Contacts from your CRM', type: 'main', index: 0 }]] },
			'Contacts from your CRM': { main: [[{ node: 'Create call tasks', type: 'main', index: 0 }]] },
			'Create call tasks': {
				main: [
					[
						{ node: 'Get each task', type: 'main', index: 0 },
						{ node: 'Create a LinkedIn task', type: 'main', index: 0 },
						{ node: 'Count tasks by type', type: 'main', index: 0 },
					],
				],
			},
			'Get each task': { main: [[{ node: 'Add a note', type: 'main', index: 0 }]] },
			'Add a note': { main: [[{ node: 'Complete them', type: 'main', index: 0 }]] },
			'Complete them': { main: [[{ node: 'Open high-priority tasks', type: 'main', index: 0 }]] },
			'Create a LinkedIn task': { main: [[{ node: 'Skip it', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = { demoWorkflow };
