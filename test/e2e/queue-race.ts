import type { Stack } from './stack';

/** What n8n answered each delivery, what the sandbox holds afterwards, and what it was asked. */
export interface RaceResult {
	statuses: number[];
	executions: string[];
	contacts: string[];
	open: Array<{ id: string; contact_id: string }>;
	skipped: number;
	outputs: Array<Array<{ id: string }>>;
	requests: { creates: number; searches: number; skips: number };
	seconds: number;
}

/** Polls `check` every 500 ms until it holds, or fails after `timeoutMs` with the end of n8n's log. */
export async function waitUntil(
	check: () => Promise<boolean>,
	what: string,
	logs: () => string,
	timeoutMs = 90_000,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (await check().catch(() => false)) return;
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
	throw new Error(`${what} was not ready within ${timeoutMs / 1000} s:\n${logs().slice(-3000)}`);
}

type Task = { id: string; contact_id: string; status: string; type: string; created_at: string };

/**
 * Saves and activates a workflow of a production webhook whose body's `contact_ids` get tasks from Create
 * with `create`'s fields, and waits until n8n has registered the webhook.
 */
export async function activeWebhookWorkflow(
	stack: Stack,
	waitFor: (check: () => Promise<boolean>, what: string) => Promise<void>,
	workflow: { name: string; path: string; webhookId: string; create: Record<string, unknown> },
): Promise<{ id: string; active: boolean }> {
	const saved = await stack.createWorkflow({
		name: workflow.name,
		active: false,
		settings: { executionOrder: 'v1' },
		nodes: [
			{
				id: 'w1',
				name: 'Webhook',
				type: 'n8n-nodes-base.webhook',
				typeVersion: 2,
				position: [0, 0],
				webhookId: workflow.webhookId,
				parameters: {
					httpMethod: 'POST',
					path: workflow.path,
					responseMode: 'lastNode',
					responseData: 'allEntries',
					options: {},
				},
			},
			{
				id: 'w2',
				name: 'Apollo Tasks',
				type: 'n8n-nodes-apollo-tasks.apolloTasks',
				typeVersion: 1,
				position: [220, 0],
				credentials: { apolloTasksApi: stack.credential },
				parameters: {
					resource: 'task',
					operation: 'create',
					contactIds: '={{ $json.body.contact_ids }}',
					...workflow.create,
				},
			},
		],
		connections: { Webhook: { main: [[{ node: 'Apollo Tasks', type: 'main', index: 0 }]] } },
	});
	const activated = await stack.rest<{ active: boolean }>(
		'POST',
		`/workflows/${saved.id}/activate`,
		{
			versionId: saved.versionId,
		},
	);
	// Activation registers the webhook a moment later; a GET tells when, without running the workflow.
	await waitFor(
		async () =>
			!/is not registered\.?"/.test(
				await (await fetch(`${stack.url}/webhook/${workflow.path}`)).text(),
			),
		'The production webhook',
	);
	return { id: String(saved.id), active: activated.active };
}

/**
 * One webhook workflow that creates action items, and the same webhook delivered `deliveries` times at
 * the same moment; the sandbox holds the task searches until every delivery's duplicate check has sent
 * one, so the checks meet as duplicate deliveries do.
 */
export async function deliverAtOnce(
	stack: Stack,
	deliveries: number,
	waitFor: (check: () => Promise<boolean>, what: string) => Promise<void>,
): Promise<RaceResult> {
	const user = stack.sandbox.users[0].id;
	const path = `apollo-race-${deliveries}`;
	const saved = await activeWebhookWorkflow(stack, waitFor, {
		name: `Queue mode: one webhook delivered ${deliveries} times`,
		path,
		webhookId: `c0ffee00-0000-4000-8000-00000000b00${deliveries}`,
		create: {
			userId: { __rl: true, mode: 'id', value: user },
			type: 'action_item',
			priority: 'high',
			additionalFields: { note: `Race of ${deliveries}` },
			options: {},
		},
	});
	// Ten new contacts, so every open task of theirs afterwards is this run's.
	const made = await fetch(`${stack.sandbox.url}/api/v1/contacts/bulk_create`, {
		method: 'POST',
		headers: { 'x-api-key': 'sandbox-master-key', 'content-type': 'application/json' },
		body: JSON.stringify({
			contacts: Array.from({ length: 10 }, (_, i) => ({
				email: `race.${deliveries}.${i}@leads.example`,
			})),
			run_dedupe: true,
		}),
	});
	const contacts = (
		(await made.json()) as { created_contacts: Array<{ id: string }> }
	).created_contacts.map((c) => c.id);
	stack.sandbox.setRateLimits({ minute: 100000 });
	stack.sandbox.clearRequests();
	// Every delivery's duplicate check searches before any of them creates.
	stack.sandbox.setOptions({ meetSearches: { count: deliveries, timeoutMs: 20_000 } });
	const started = Date.now();
	const responses = await Promise.all(
		Array.from({ length: deliveries }, async () => {
			const response = await fetch(`${stack.url}/webhook/${path}`, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ contact_ids: contacts }),
			});
			return {
				status: response.status,
				tasks: (await response.json()) as Array<{ id: string; contact_id: string }>,
			};
		}),
	);
	const seconds = (Date.now() - started) / 1000;
	const mine = (stack.sandbox.tasks as Task[]).filter(
		(t) =>
			t.type === 'action_item' &&
			contacts.includes(t.contact_id) &&
			Date.parse(t.created_at) >= started - 1_000,
	);
	const list = await stack.rest<{ results: { status: string }[] }>(
		'GET',
		`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: saved.id }))}`,
	);
	const count = (end: string) =>
		stack.sandbox.requests.filter((r: { path: string }) => r.path.endsWith(end)).length;
	return {
		statuses: responses.map((r) => r.status),
		executions: list.results.map((e) => e.status),
		contacts,
		open: mine.filter((t) => t.status === 'scheduled'),
		skipped: mine.filter((t) => t.status === 'skipped').length,
		outputs: responses.map((r) => r.tasks),
		requests: {
			creates: count('/tasks/bulk_create'),
			searches: count('/tasks/search'),
			skips: count('/skip'),
		},
		seconds,
	};
}
