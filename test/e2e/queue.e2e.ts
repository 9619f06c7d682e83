import { spawn, type ChildProcess } from 'node:child_process';

import { freePort, Stack } from './stack';

const REDIS = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';

let stack: Stack;
let redis: ChildProcess;
let workerHealthPort: number;

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 90_000): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${stack?.logs().slice(-3000)}`);
}

beforeAll(async () => {
	const redisPort = await freePort();
	redis = spawn(REDIS, ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
	const queue = {
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_ENCRYPTION_KEY: 'apollo-tasks-e2e-queue-mode-key',
		N8N_LOG_LEVEL: 'info',
	};
	stack = await Stack.start({ env: queue });
	workerHealthPort = await freePort();
	stack.startProcess(['worker', '--concurrency=2'], {
		N8N_RUNNERS_BROKER_PORT: String(await freePort()),
		QUEUE_HEALTH_CHECK_ACTIVE: 'true',
		QUEUE_HEALTH_CHECK_PORT: String(workerHealthPort),
		N8N_PORT: String(await freePort()),
	});
	await waitFor(async () => (await fetch(`http://127.0.0.1:${workerHealthPort}/healthz/readiness`)).ok, 'The n8n worker');
});

afterAll(async () => {
	await stack?.stop();
	redis?.kill('SIGTERM');
});

describe("In n8n's queue mode (a main and a worker)", () => {
	it('a workflow started by a webhook runs the node on the worker against the sandbox', async () => {
		const user = stack.sandbox.users[0].id;
		const saved = await stack.createWorkflow({
			name: 'Queue mode: webhook creates a task',
			active: false,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'q1',
					name: 'Webhook',
					type: 'n8n-nodes-base.webhook',
					typeVersion: 2,
					position: [0, 0],
					webhookId: 'c0ffee00-0000-4000-8000-00000000a001',
					parameters: { httpMethod: 'POST', path: 'apollo-queue', responseMode: 'lastNode', responseData: 'allEntries', options: {} },
				},
				{
					id: 'q2',
					name: 'Apollo Tasks',
					type: 'n8n-nodes-apollo-tasks.apolloTasks',
					typeVersion: 1,
					position: [220, 0],
					credentials: { apolloTasksApi: stack.credential },
					parameters: {
						resource: 'task',
						operation: 'create',
						userId: { __rl: true, mode: 'id', value: user },
						contactIds: '={{ $json.body.contact_ids }}',
						type: 'call',
						priority: 'high',
						additionalFields: {},
						options: {},
					},
				},
			],
			connections: { Webhook: { main: [[{ node: 'Apollo Tasks', type: 'main', index: 0 }]] } },
		});
		const activated = await stack.rest('POST', `/workflows/${saved.id}/activate`, { versionId: saved.versionId });
		expect(activated.active).toBe(true);
		// Activation registers the webhook a moment later; a GET tells when, without running the workflow.
		await waitFor(async () => !/is not registered\.?"/.test(await (await fetch(`${stack.url}/webhook/apollo-queue`)).text()), 'The production webhook');

		for (const contacts of [stack.sandbox.contacts.slice(0, 2), stack.sandbox.contacts.slice(2, 5)]) {
			const response = await fetch(`${stack.url}/webhook/apollo-queue`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ contact_ids: contacts.map((c) => c.id) }),
			});
			expect(response.status).toBe(200);
			const tasks = (await response.json()) as { contact_id: string; user_id: string }[];
			expect(tasks.map((t) => [t.contact_id, t.user_id])).toEqual(contacts.map((c) => [c.id, user]));
		}

		const creates = stack.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(creates.map((r) => r.body.contact_ids.length)).toEqual([2, 3]);
		const execution = await stack.latestExecution(String(saved.id));
		expect(execution.status).toBe('success');
		expect(execution.output('Apollo Tasks')).toHaveLength(3);
		expect(stack.logs()).toMatch(/Worker (started|finished) execution/i);
	});
});
