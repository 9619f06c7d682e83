import type { INodeExecutionData } from 'n8n-workflow';

import { TOOL_DESCRIPTION } from '../../nodes/ApolloTasks/shared/about';
import { FREE_KEY, MASTER_KEY, PLAIN_KEY } from '../../sandbox/keys';
import { workflowWith } from './execution';
import type { Stack } from './stack';

const NODE = 'Apollo Tasks';

const paired = (items: { json: { contact_id?: unknown }; pairedItem?: unknown }[]) =>
	items.map((i) => [i.json.contact_id, (i.pairedItem as { item: number }).item]);

/**
 * The node in a real n8n: it loads, creates, searches, records every error status, runs the demo, and
 * gives each failed item its own error. Registered by n8n.e2e.ts, once for each n8n version, on its stack.
 */
export function operationTests(stack: Stack): void {
	it('loads the node, its AI tool variant and the trigger from the installed package', async () => {
		const response = await fetch(`${stack.url}/types/nodes.json`, {
			headers: { cookie: stack.session.cookie },
		});
		const types = (await response.json()) as {
			name: string;
			version: number | number[];
			description: string;
			usableAsTool?: unknown;
			properties: { name: string; default?: unknown }[];
		}[];
		const names = types.map((t) => t.name).filter((n) => n.startsWith('n8n-nodes-apollo-tasks.'));
		expect(names.sort()).toEqual([
			'n8n-nodes-apollo-tasks.apolloTasks',
			'n8n-nodes-apollo-tasks.apolloTasksTool',
			'n8n-nodes-apollo-tasks.apolloTasksTrigger',
		]);
		const tool = types.find((t) => t.name === 'n8n-nodes-apollo-tasks.apolloTasksTool')!;
		expect(tool.properties.map((p) => p.name)).toEqual(
			expect.arrayContaining(['operation', 'contactIds', 'userId']),
		);
		// The tool's own description, where a manual Tool Description starts.
		expect(tool.description).toBe(TOOL_DESCRIPTION);
		expect(tool.properties.find((p) => p.name === 'toolDescription')?.default).toBe(
			TOOL_DESCRIPTION,
		);
		expect(tool.version).toEqual([1, 2]);
	});

	it('serves the one copy of the icons for the node, the trigger and the credential', async () => {
		const get = (path: string) =>
			fetch(`${stack.url}/${path}`, { headers: { cookie: stack.session.cookie } });
		type Described = { name: string; iconUrl?: { light: string; dark: string } };
		const nodes = (await (await get('types/nodes.json')).json()) as Described[];
		const credentials = (await (await get('types/credentials.json')).json()) as Described[];
		const ours = [
			...nodes.filter((t) => t.name.startsWith('n8n-nodes-apollo-tasks.')),
			...credentials.filter((c) => c.name === 'apolloTasksApi'),
		];
		expect(ours).toHaveLength(4);
		const urls = new Set(ours.flatMap(({ iconUrl }) => [iconUrl?.light, iconUrl?.dark]));
		expect([...urls].sort()).toEqual([
			'icons/n8n-nodes-apollo-tasks/dist/icons/apollo.dark.svg',
			'icons/n8n-nodes-apollo-tasks/dist/icons/apollo.svg',
		]);
		for (const url of urls) {
			const icon = await get(url!);
			expect(icon.status).toBe(200);
			expect(await icon.text()).toMatch(/^<svg/);
		}
	});

	it('creates tasks for several input items in one request, each paired with its item', async () => {
		const contacts = stack.sandbox.contacts.slice(0, 3);
		const user = stack.sandbox.users[0].id;
		const workflow = workflowWith(
			'e2e create',
			stack.credential,
			contacts.map((c) => ({ contact_id: c.id })),
			{
				resource: 'task',
				operation: 'create',
				userId: { __rl: true, mode: 'list', value: user },
				contactIds: '={{ $json.contact_id }}',
				type: 'call',
				priority: 'high',
				additionalFields: { note: 'From n8n' },
				options: {},
			},
		);
		const execution = await stack.runManually(workflow, 'Start');

		expect(execution.status).toBe('success');
		expect(paired(execution.output(NODE))).toEqual(contacts.map((c, i) => [c.id, i]));
		const creates = stack.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(creates).toHaveLength(1);
		expect(creates[0].body).toEqual({
			user_id: user,
			contact_ids: contacts.map((c) => c.id),
			type: 'call',
			priority: 'high',
			note: 'From n8n',
			status: 'scheduled',
			due_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.000Z$/),
		});
		expect(creates[0].headers['x-api-key']).toBe(MASTER_KEY);
	});

	it('searches with Return All across pages, and with a limit', async () => {
		const all = await stack.runManually(
			workflowWith('e2e search all', stack.credential, [{}], {
				resource: 'task',
				operation: 'search',
				returnAll: true,
				filters: {},
				options: {},
			}),
			'Start',
		);
		expect(all.output(NODE).length).toBe(stack.sandbox.tasks.length);
		expect(stack.sandbox.requests.map((r) => r.body.page)).toEqual([1, 2, 3]);

		stack.sandbox.clearRequests();
		const some = await stack.runManually(
			workflowWith('e2e search limit', stack.credential, [{}], {
				resource: 'task',
				operation: 'search',
				returnAll: false,
				limit: 120,
				filters: {},
				options: {},
			}),
			'Start',
		);
		expect(some.output(NODE)).toHaveLength(120);
		expect(stack.sandbox.requests).toHaveLength(2);
	});

	describe('every error status, as n8n records it', () => {
		const search = (credential = stack.credential) =>
			workflowWith(`e2e error ${Math.random()}`, credential, [{}], {
				resource: 'task',
				operation: 'search',
				returnAll: false,
				limit: 5,
				filters: {},
				options: { maxRateLimitWait: 0 },
			});

		it.each([
			['401', 'wrong-key-123456', /wrong or was revoked/],
			['403', PLAIN_KEY, /^This API key may not use api\/v1\/tasks\/search$/],
			['403', FREE_KEY, /this endpoint is only for paid plans/],
		])('%s for key %s', async (httpCode, key, message) => {
			const credential = await stack.saveCredential(
				`Apollo key for HTTP ${httpCode} (${Math.random()})`,
				key,
			);
			const execution = await stack.runManually(search(credential), 'Start');

			expect(execution.status).toBe('error');
			expect(execution.error(NODE)).toMatchObject({
				httpCode,
				message: expect.stringMatching(message),
			});
			expect(JSON.stringify(execution.data)).not.toContain(key);
		});

		it.each([
			[
				{ action: 'status', status: 422, message: 'Per page not supported' },
				'422',
				/Apollo rejected the request: Per page not supported/,
			],
			[{ action: 'rate-limit', window: 'hourly' }, '429', /hourly rate limit/],
			[{ action: 'rate-limit', window: 'minute' }, '429', /per-minute rate limit/],
			[{ action: 'status', status: 503, times: 10 }, '503', /Apollo is unavailable/],
		])('%j', async (fault, httpCode, message) => {
			stack.sandbox.addFault({ path: '/tasks/search', ...(fault as object) } as never);
			const execution = await stack.runManually(search(), 'Start');

			expect(execution.error(NODE)).toMatchObject({
				httpCode,
				message: expect.stringMatching(message),
			});
			expect(JSON.stringify(execution.data)).not.toContain(MASTER_KEY);
		});
	});

	it('runs the demo workflow of `npm run dev`, which uses every operation', async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { demoWorkflow } = require('../../scripts/lib/demo-workflow');
		const contacts = stack.sandbox.contacts.slice(10, 13);
		const workflow = demoWorkflow({
			credential: stack.credential,
			user: stack.sandbox.users[0],
			contactIds: contacts.map((c) => c.id),
		});
		const execution = await stack.runManually(workflow, 'When clicking Execute workflow');

		expect(execution.status).toBe('success');
		const created = execution.output('Create call tasks').map((i) => i.json.id);
		expect(created).toHaveLength(3);
		expect(execution.output('Complete them').map((i) => [i.json.id, i.json.status])).toEqual(
			created.map((id) => [id, 'completed']),
		);
		expect(
			execution
				.output('Add a note')
				.every((i) => String(i.json.note).endsWith('(prepared by n8n)')),
		).toBe(true);
		expect(execution.output('Skip it').map((i) => [i.json.type, i.json.status])).toEqual([
			['linkedin_step_connect', 'skipped'],
		]);
		expect(
			Object.keys(execution.output('Count tasks by type')[0].json.task_types as object),
		).toContain('call');
		expect(
			execution.output('Open high-priority tasks').every((i) => i.json.priority === 'high'),
		).toBe(true);
	});

	it.each([
		[
			'Continue',
			'continueRegularOutput',
			[['0:action_item', '1:Contact IDs: "oops" is not an Apollo contact ID']],
		],
		[
			'Continue (using error output)',
			'continueErrorOutput',
			[['0:action_item'], ['1:Contact IDs: "oops" is not an Apollo contact ID']],
		],
	])('gives each failed item its own error under On Error: %s', async (_, onError, outputs) => {
		const workflow = workflowWith(
			`e2e ${onError}`,
			stack.credential,
			[{ contact_id: stack.sandbox.contacts[0].id }, { contact_id: 'oops' }],
			{
				resource: 'task',
				operation: 'create',
				userId: { __rl: true, mode: 'id', value: stack.sandbox.users[0].id },
				contactIds: '={{ $json.contact_id }}',
				type: 'action_item',
				priority: 'low',
				additionalFields: {},
				options: { ifTaskExists: 'create' },
			},
			{ onError },
		);
		const execution = await stack.runManually(workflow, 'Start');

		const runs = execution.data.resultData.runData[NODE];
		const main = (runs[runs.length - 1].data?.main ?? []) as INodeExecutionData[][];
		expect(
			main.map((output) =>
				output.map(
					(i) => `${(i.pairedItem as { item: number }).item}:${i.json.error ?? i.json.type}`,
				),
			),
		).toEqual(outputs);
	});
}
