'use strict';

const TYPE = 'n8n-nodes-apollo-tasks.apolloTasks';

/** The demo: three contacts get a call task each, then the open high-priority tasks are listed. */
function demoWorkflow({ credential, userId, contactIds }) {
	const credentials = { apolloTasksApi: { id: credential.id, name: credential.name } };
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
				parameters: {
					jsCode: `return ${JSON.stringify(contactIds)}.map((id, i) => ({ json: { apollo_contact_id: id, deal: 'Deal ' + (i + 1) } }));`,
				},
			},
			{
				id: 'demo-3',
				name: 'Create call tasks',
				type: TYPE,
				typeVersion: 1,
				position: [440, 0],
				credentials,
				parameters: {
					resource: 'task',
					operation: 'create',
					userId: { __rl: true, mode: 'list', value: userId },
					contactIds: '={{ $json.apollo_contact_id }}',
					type: 'call',
					priority: 'high',
					additionalFields: { dueAt: "={{ $now.plus(1, 'day').toISO() }}", note: '={{ "Call about " + $json.deal }}' },
					options: {},
				},
			},
			{
				id: 'demo-4',
				name: 'Open high-priority tasks',
				type: TYPE,
				typeVersion: 1,
				position: [660, 0],
				credentials,
				executeOnce: true,
				parameters: {
					resource: 'task',
					operation: 'search',
					returnAll: false,
					limit: 20,
					filters: { priority: 'high' },
					simplify: true,
					options: { sortByField: 'task_due_at', sortAscending: true },
				},
			},
		],
		connections: {
			'When clicking Execute workflow': { main: [[{ node: 'Contacts from your CRM', type: 'main', index: 0 }]] },
			'Contacts from your CRM': { main: [[{ node: 'Create call tasks', type: 'main', index: 0 }]] },
			'Create call tasks': { main: [[{ node: 'Open high-priority tasks', type: 'main', index: 0 }]] },
		},
	};
}

module.exports = { demoWorkflow };
