'use strict';

const TYPE = 'n8n-nodes-apollo-tasks.apolloTasks';
const TRIGGER_TYPE = 'n8n-nodes-apollo-tasks.apolloTasksTrigger';

const DEMO_NAME = 'Apollo Tasks demo';
const TRIGGER_DEMO_NAME = 'Apollo Tasks Trigger demo';
/** The demo's first node: the one the editor's "Execute workflow" button runs. */
const DEMO_START = 'When clicking Execute workflow';
const DEMO_LAST = 'Open high-priority tasks';

/**
 * The user as a resource locator value, with the label the "From list" picker shows for it, so the
 * editor shows "Ada Lovelace (ada@…)" instead of the bare ID.
 * @param {{ id?: string, name?: string, email?: string } | undefined} user
 */
function userLocator(user) {
	if (!user?.id) return { __rl: true, mode: 'list', value: '' };
	const label = user.email ? `${user.name ?? user.email} (${user.email})` : (user.name ?? user.id);
	return { __rl: true, mode: 'list', value: user.id, cachedResultName: label };
}

/**
 * @param {string} id
 * @param {[number, number]} position
 * @param {number} width
 * @param {number} height
 * @param {string} content
 */
function sticky(id, position, width, height, content) {
	return {
		id,
		name: `Note ${id}`,
		type: 'n8n-nodes-base.stickyNote',
		typeVersion: 1,
		position,
		parameters: { content, width, height },
	};
}

/**
 * The demo: three contacts from a "CRM" get a call task each; each task is read, noted and completed, and
 * the open high-priority tasks are listed; a LinkedIn task is created and skipped; the types are counted.
 * It has one trigger, so the editor's "Execute workflow" button runs it; the Apollo trigger has its own
 * workflow (triggerDemoWorkflow).
 * @param {{ credential: { id: string, name: string }, user?: { id?: string, name?: string, email?: string }, contactIds: string[] }} options
 */
function demoWorkflow({ credential, user, contactIds }) {
	const credentials = { apolloTasksApi: { id: credential.id, name: credential.name } };
	/**
	 * @param {string} id
	 * @param {string} name
	 * @param {[number, number]} position
	 * @param {Record<string, unknown>} parameters
	 * @param {Record<string, unknown>} [extra]
	 */
	const apollo = (id, name, position, parameters, extra = {}) => ({
		id,
		name,
		type: TYPE,
		typeVersion: 1,
		position,
		credentials,
		parameters: { resource: 'task', ...parameters },
		...extra,
	});
	const taskOf = '={{ $json.id }}';
	return {
		name: DEMO_NAME,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			sticky(
				'demo-note',
				[-40, -380],
				620,
				180,
				'## Apollo Tasks demo\nClick **Execute workflow** below. Three contacts get a call task each; each task is read, gets a note and is completed; a LinkedIn task is created and skipped; the tasks are counted by type.\n\nDouble-click a node to see its fields and output.',
			),
			{
				id: 'demo-1',
				name: DEMO_START,
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
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
			apollo('demo-3', 'Create call tasks', [440, 0], {
				operation: 'create',
				userId: userLocator(user),
				contactIds: '={{ $json.apollo_contact_id }}',
				type: 'call',
				priority: 'high',
				additionalFields: {
					dueAt: "={{ $now.plus(1, 'day').toISO() }}",
					note: '={{ "Call about " + $json.deal }}',
				},
				simplify: true,
				options: {},
			}),
			apollo('demo-4', 'Get each task', [660, 0], {
				operation: 'get',
				taskId: { __rl: true, mode: 'id', value: taskOf },
				simplify: true,
			}),
			apollo('demo-5', 'Add a note', [880, 0], {
				operation: 'update',
				taskId: { __rl: true, mode: 'id', value: taskOf },
				updateFields: { note: '={{ ($json.note || "") + " (prepared by n8n)" }}' },
				simplify: true,
			}),
			apollo('demo-6', 'Complete them', [1100, 0], {
				operation: 'complete',
				taskId: { __rl: true, mode: 'id', value: taskOf },
				note: 'Done from the n8n demo',
				simplify: true,
			}),
			apollo(
				'demo-7',
				DEMO_LAST,
				[1320, 0],
				{
					operation: 'search',
					returnAll: false,
					limit: 20,
					filters: { priority: 'high', status: 'scheduled' },
					simplify: true,
					options: { sortByField: 'task_due_at', sortAscending: true },
				},
				{ executeOnce: true },
			),
			apollo(
				'demo-8',
				'Create a LinkedIn task',
				[660, 200],
				{
					operation: 'create',
					userId: userLocator(user),
					contactIds: '={{ $json.contact_id }}',
					type: 'linkedin_step_connect',
					priority: 'low',
					additionalFields: {},
					options: {},
				},
				{ executeOnce: true },
			),
			apollo('demo-9', 'Skip it', [880, 200], {
				operation: 'skip',
				taskId: { __rl: true, mode: 'id', value: taskOf },
				note: 'Already connected',
			}),
			apollo(
				'demo-10',
				'Count tasks by type',
				[660, -200],
				{ operation: 'search', filters: {}, output: 'taskTypeCounts' },
				{ executeOnce: true },
			),
		],
		connections: {
			[DEMO_START]: { main: [[{ node: 'Contacts from your CRM', type: 'main', index: 0 }]] },
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
			'Complete them': { main: [[{ node: DEMO_LAST, type: 'main', index: 0 }]] },
			'Create a LinkedIn task': { main: [[{ node: 'Skip it', type: 'main', index: 0 }]] },
		},
	};
}

/**
 * The trigger on its own: "Execute workflow" fetches the tasks due in the next day.
 * @param {{ credential: { id: string, name: string } }} options
 */
function triggerDemoWorkflow({ credential }) {
	const credentials = { apolloTasksApi: { id: credential.id, name: credential.name } };
	return {
		name: TRIGGER_DEMO_NAME,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			sticky(
				'trigger-note',
				[-40, -260],
				520,
				200,
				'## Apollo Tasks Trigger demo\nClick **Execute workflow** below to fetch the tasks due in the next day now. Published, the trigger checks every hour and starts the workflow once for each task coming due.',
			),
			{
				id: 'trigger-1',
				name: 'Tasks due in the next day',
				type: TRIGGER_TYPE,
				typeVersion: 1,
				position: [0, 0],
				credentials,
				parameters: {
					event: 'taskDue',
					dueWithinHours: 24,
					filters: {},
					pollTimes: { item: [{ mode: 'everyHour' }] },
				},
			},
		],
		connections: {},
	};
}

module.exports = {
	demoWorkflow,
	triggerDemoWorkflow,
	userLocator,
	DEMO_NAME,
	TRIGGER_DEMO_NAME,
	DEMO_START,
	DEMO_LAST,
};
