import { spawn, type ChildProcess } from 'node:child_process';

import { Postgres } from './postgres';
import { freePort } from './ports';
import { activeWebhookWorkflow, deliverAtOnce, waitUntil } from './queue-race';
import { Cleanup } from './cleanup';
import { Stack, START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './stack';

const REDIS = process.env.REDIS_SERVER_PATH ?? '/usr/bin/redis-server';
/** Requests a minute the sandbox lets through to bulk_create: low, so four executions must wait. */
const LIMIT_PER_MINUTE = 10;
const EXECUTIONS = 4;
const CONTACTS_PER_EXECUTION = 12;
const BATCH_SIZE = 3;

// Started once for the file; everything is stopped also when the start failed or timed out.
let stack: Stack;
const postgres = new Postgres();
const cleanup = new Cleanup();
const workers: ChildProcess[] = [];

const waitFor = (check: () => Promise<boolean>, what: string, timeoutMs = 90_000) =>
	waitUntil(check, what, () => stack?.logs() ?? '', timeoutMs);

const outputOf = (child: ChildProcess) =>
	((child as unknown as { output: string[] }).output ?? []).join('');

beforeAll(async () => {
	const redisPort = await freePort();
	const redis = spawn(
		REDIS,
		['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
		{ stdio: 'ignore' },
	);
	cleanup.process('Redis', redis, 5_000);
	cleanup.add('PostgreSQL', () => postgres.stop());
	await postgres.start();
	const queue = {
		...postgres.n8nEnv(),
		EXECUTIONS_MODE: 'queue',
		QUEUE_BULL_REDIS_HOST: '127.0.0.1',
		QUEUE_BULL_REDIS_PORT: String(redisPort),
		N8N_ENCRYPTION_KEY: 'apollo-tasks-e2e-queue-mode-key',
		N8N_LOG_LEVEL: 'info',
	};
	const started = new Stack({ env: queue });
	stack = started;
	cleanup.add('n8n', () => started.stop());
	await started.start();
	for (let i = 0; i < 2; i++) {
		const healthPort = await freePort();
		workers.push(
			started.startProcess(['worker', '--concurrency=2'], {
				N8N_RUNNERS_BROKER_PORT: String(await freePort()),
				QUEUE_HEALTH_CHECK_ACTIVE: 'true',
				QUEUE_HEALTH_CHECK_PORT: String(healthPort),
				N8N_PORT: String(await freePort()),
			}),
		);
		await waitFor(
			async () => (await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`)).ok,
			`n8n worker ${i + 1}`,
		);
	}
}, START_TIMEOUT_MS + 120_000);

// n8n and its workers first, then PostgreSQL and Redis.
afterAll(() => cleanup.close(), STOP_TIMEOUT_MS);

describe("In n8n's queue mode on PostgreSQL (a main and two workers, Redis)", () => {
	it('four concurrent webhook executions under a low rate limit: every task created exactly once, every execution succeeds', async () => {
		const user = stack.sandbox.users[0].id;
		const note = `Queue run ${Date.now()}`;
		const saved = await activeWebhookWorkflow(stack, waitFor, {
			name: 'Queue mode: webhook creates tasks',
			path: 'apollo-queue',
			webhookId: 'c0ffee00-0000-4000-8000-00000000a001',
			create: {
				userId: { __rl: true, mode: 'id', value: user },
				type: 'call',
				priority: 'high',
				additionalFields: { note },
				options: { batchSize: BATCH_SIZE, maxRateLimitWait: 150 },
			},
		});
		expect(saved.active).toBe(true);

		const contacts = stack.sandbox.contacts
			.slice(0, EXECUTIONS * CONTACTS_PER_EXECUTION)
			.map((c) => c.id);
		const perExecution = Array.from({ length: EXECUTIONS }, (_, i) =>
			contacts.slice(i * CONTACTS_PER_EXECUTION, (i + 1) * CONTACTS_PER_EXECUTION),
		);
		stack.sandbox.setRateLimits({ minute: LIMIT_PER_MINUTE });
		stack.sandbox.clearRequests();
		// The sandbox's windows are clock minutes: start with enough of one left that the run needs two, not three.
		const leftInMinute = 60_000 - (Date.now() % 60_000);
		if (leftInMinute < 12_000)
			await new Promise((resolve) => setTimeout(resolve, leftInMinute + 100));

		// When each request reached the sandbox, sampled every 50 ms: which clock minute it counted in.
		const arrivals: number[] = [];
		const sampler = setInterval(() => {
			while (arrivals.length < stack.sandbox.requests.length) arrivals.push(Date.now());
		}, 50);
		const started = Date.now();
		const responses = await Promise.all(
			perExecution.map(async (ids) => {
				const response = await fetch(`${stack.url}/webhook/apollo-queue`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ contact_ids: ids }),
				});
				return {
					status: response.status,
					tasks: (await response.json()) as { contact_id: string; user_id: string; note: string }[],
				};
			}),
		);
		const seconds = (Date.now() - started) / 1000;
		clearInterval(sampler);
		while (arrivals.length < stack.sandbox.requests.length) arrivals.push(Date.now());

		// Every execution answered with its own tasks, in the order of its contacts.
		expect(responses.map((r) => r.status)).toEqual(Array(EXECUTIONS).fill(200));
		responses.forEach((r, i) =>
			expect(r.tasks.map((t) => [t.contact_id, t.user_id, t.note])).toEqual(
				perExecution[i].map((id) => [id, user, note]),
			),
		);

		// The sandbox holds exactly one task of this run per contact: none lost, none doubled.
		const stored = stack.sandbox.tasks.filter((t: { note?: string }) => t.note === note);
		expect(stored.map((t: { contact_id: string }) => t.contact_id).sort()).toEqual(
			[...contacts].sort(),
		);

		// The limit was hit, and the node waited instead of failing.
		const creates = stack.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		const accepted = creates.filter((r) => r.status === 200).length;
		const limited = creates.filter((r) => r.status === 429).length;
		expect(accepted).toBe(contacts.length / BATCH_SIZE);
		expect(accepted + limited).toBe(creates.length);
		expect(limited).toBeGreaterThan(0);

		// n8n recorded four successful executions, run by both workers.
		const list = await stack.rest<{ results: { status: string }[] }>(
			'GET',
			`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId: saved.id }))}`,
		);
		expect(list.results.map((e) => e.status)).toEqual(Array(EXECUTIONS).fill('success'));
		for (const worker of workers)
			expect(outputOf(worker)).toMatch(/Worker (started|finished) execution/i);

		// Per clock minute (the sandbox's window), the node used the limit and never went past it.
		const windows = new Map<number, { accepted: number; limited: number }>();
		stack.sandbox.requests.forEach((r, i) => {
			if (r.path !== '/api/v1/tasks/bulk_create') return;
			const minute = Math.floor(arrivals[i] / 60_000);
			const counts = windows.get(minute) ?? { accepted: 0, limited: 0 };
			if (r.status === 200) counts.accepted++;
			else counts.limited++;
			windows.set(minute, counts);
		});
		const perWindow = [...windows.values()];
		expect(perWindow.every((w) => w.accepted <= LIMIT_PER_MINUTE)).toBe(true);
		expect(perWindow[0].accepted).toBe(LIMIT_PER_MINUTE);

		const perMinute = (count: number) => ((count / seconds) * 60).toFixed(1);
		console.log(
			[
				`Queue mode, PostgreSQL, main + 2 workers: ${EXECUTIONS} concurrent executions, ${contacts.length} tasks in ${seconds.toFixed(1)} s`,
				`  limit: ${LIMIT_PER_MINUTE} bulk_create requests/min (${LIMIT_PER_MINUTE * BATCH_SIZE} tasks/min at ${BATCH_SIZE} contacts a request)`,
				`  throughput: ${perMinute(contacts.length)} tasks/min; ${perMinute(accepted)} accepted requests/min, ${perMinute(creates.length)} requests/min sent`,
				`  429 answers: ${limited} of ${creates.length} requests (${((limited / creates.length) * 100).toFixed(0)} %)`,
				`  per clock minute: ${perWindow.map((w) => `${w.accepted} accepted + ${w.limited} x 429`).join(', then ')} (the first window already partly gone when the run started)`,
			].join('\n'),
		);
	});

	it.each([2, 4])(
		'the same webhook delivered %i times at the same moment: one open task per contact, every execution succeeds',
		async (deliveries) => {
			const run = await deliverAtOnce(stack, deliveries, waitFor);

			expect(run.statuses).toEqual(Array(deliveries).fill(200));
			expect(run.executions).toEqual(Array(deliveries).fill('success'));
			expect(run.open.map((t) => t.contact_id).sort()).toEqual([...run.contacts].sort());
			const survivors = new Set(run.open.map((t) => t.id));
			for (const output of run.outputs)
				expect(output.map((t) => survivors.has(t.id))).toEqual(
					Array(run.contacts.length).fill(true),
				);
			expect(run.skipped).toBe((deliveries - 1) * run.contacts.length);
			console.log(
				`Queue mode, one webhook delivered ${deliveries} times at the same moment, ${run.contacts.length} contacts: ` +
					`${run.requests.creates} bulk creates, ${run.requests.searches} searches, ${run.requests.skips} skips ` +
					`(${run.skipped} tasks skipped as duplicates), ${run.open.length} open tasks, ${run.seconds.toFixed(1)} s`,
			);
		},
	);
});
