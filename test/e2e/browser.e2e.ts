import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { anchorsOf } from '../harness/markdown';
import { allListeningPorts, listeningPorts } from './ports';
import { canvasNode, openNode, openWorkflow, ROOT, shot, waitFor } from './browser-steps';
import { DevWalk, userLabel } from './dev-walk';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restApi = require('../../scripts/lib/n8n-rest');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../scripts/lib/demo-workflow');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { alive, descendants } = require('../../scripts/lib/processes');

/**
 * A newcomer's path through `npm run dev` in a real browser, part one: the steps it prints, the demo and
 * the trigger demo, their nodes' subtitles and assignee, the Docs links, a quiet log; and SIGTERM to the
 * npm process, which must leave no process and no port behind (so it comes last). Each test opens its own
 * page, and changes only workflows and credentials it made itself. The editor's pickers, the node creator
 * and the credential test are in browser-editor.e2e.ts, on an `npm run dev` of their own.
 *
 * Screenshots go to test-results/screenshots; `SCREENSHOTS=docs/screenshots` renews the README's.
 */

const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

// One `npm run dev` for the file; stopped also when its start failed or timed out.
const walk = DevWalk.forTests();

describe('A newcomer on `npm run dev`, in a real browser', () => {
	it('follows the printed steps: the demo opens after signing in, and the Execute workflow button runs it to its last node', async () => {
		const page = await walk.newPage({ signedIn: false });
		await page.goto(walk.dev.demoUrl);
		await page.waitForURL(/\/signin/);
		await walk.signIn(page);
		await page.waitForURL(new URL(walk.dev.demoUrl).pathname.replace(/^/, '**'), {
			timeout: 30_000,
		});
		await page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 60_000 });

		const button = page.locator('[data-test-id=execute-workflow-button]');
		await expect(button.innerText()).resolves.toBe('Execute workflow');
		await walk.sandbox('requests', 'DELETE');
		await button.click();
		await canvasNode(page, demo.DEMO_LAST)
			.locator('[data-test-id=canvas-node-status-success]')
			.waitFor({ timeout: 60_000 });
		await page.getByText('Workflow executed successfully').waitFor();
		await shot(page, 'demo-run');

		const nodes = await page
			.locator('[data-test-id=canvas-node]:not([data-node-type="n8n-nodes-base.stickyNote"])')
			.evaluateAll((all) => all.map((node) => node.getAttribute('data-node-name')));
		expect(nodes).toContain(demo.DEMO_START);
		for (const name of nodes)
			await expect(
				canvasNode(page, name!).locator('[data-test-id=canvas-node-status-success]').count(),
			).resolves.toBe(1);
		const paths = (await walk.sandbox<Array<{ path: string }>>('requests')).map((r) => r.path);
		expect(paths).toEqual(
			expect.arrayContaining(['/api/v1/tasks/bulk_create', '/api/v1/tasks/search']),
		);
		expect(paths.some((path) => path.endsWith('/complete'))).toBe(true);
		expect(paths.some((path) => path.endsWith('/skip'))).toBe(true);
	});

	it('runs the trigger demo from its own Execute workflow button: the tasks due in the next day', async () => {
		const page = await walk.newPage();
		await openWorkflow(page, walk.dev.triggerDemoUrl);
		const clicked = Date.now();
		await page.click('[data-test-id=execute-workflow-button]');
		const trigger = canvasNode(page, 'Tasks due in the next day');
		await trigger.locator('[data-test-id=canvas-node-status-success]').waitFor({ timeout: 60_000 });
		const done = Date.now();
		const count = await waitFor(
			async () => /(\d+) items?/.exec(await trigger.innerText())?.[1],
			'the item count on the trigger',
		);
		// The scheduled tasks due within a day of the poll, which ran between the click and its success:
		// at least those due within a day of both, at most those due within a day of either.
		const tasks = await walk.sandbox<Array<{ status: string; due_at: string | null }>>('tasks');
		const dueBetween = (from: number, until: number) =>
			tasks.filter((t) => {
				const at = Date.parse(t.due_at ?? '');
				return t.status === 'scheduled' && at >= from && at <= until;
			}).length;
		const DAY = 86_400_000;
		expect(dueBetween(done, clicked + DAY)).toBeGreaterThan(1);
		expect(Number(count)).toBeGreaterThanOrEqual(dueBetween(done, clicked + DAY));
		expect(Number(count)).toBeLessThanOrEqual(dueBetween(clicked, done + DAY));
	});

	it("names each Apollo node on the canvas by its operation or event, not the parameter's value", async () => {
		const page = await walk.newPage();
		await openWorkflow(page, walk.dev.demoUrl);
		const subtitle = async (name: string) =>
			(await canvasNode(page, name).innerText()).split('\n').slice(1);
		await expect(subtitle('Create call tasks')).resolves.toContain('Create tasks');
		await expect(subtitle('Get each task')).resolves.toContain('Get task');
		await expect(subtitle('Add a note')).resolves.toContain('Update task');
		await expect(subtitle('Skip it')).resolves.toContain('Skip task');
		await expect(subtitle('Count tasks by type')).resolves.toContain('Search tasks');

		await openWorkflow(page, walk.dev.triggerDemoUrl);
		await expect(subtitle('Tasks due in the next day')).resolves.toContain('Task Due');
	});

	it("shows the demo's assignee by name in From List mode, not by ID", async () => {
		const page = await walk.newPage();
		await openWorkflow(page, walk.dev.demoUrl);
		const ndv = await openNode(page, 'Create call tasks');
		const assignee = ndv.locator('[data-test-id=resource-locator-userId]');
		await expect(assignee.locator('[data-test-id=rlc-input]').inputValue()).resolves.toBe(
			userLabel(walk.users[0]),
		);
		await expect(
			assignee.locator('[data-test-id=rlc-mode-selector] input').inputValue(),
		).resolves.toBe('From list');
	});

	it("opens this package's README from the Docs link: the operations for the node, the trigger's section for the trigger", async () => {
		const anchors = anchorsOf(README);
		const page = await walk.newPage();
		for (const [url, name] of [
			[walk.dev.demoUrl, 'Create call tasks'],
			[walk.dev.triggerDemoUrl, 'Tasks due in the next day'],
		]) {
			await openWorkflow(page, url);
			const ndv = await openNode(page, name);
			const href = await ndv.getByRole('link', { name: /Docs/ }).getAttribute('href');
			expect(href).toMatch(
				/^https:\/\/github\.com\/n8n-nodes-apollo-tasks\/n8n-nodes-apollo-tasks#/,
			);
			expect(anchors).toContain(href!.split('#')[1]);
		}
	});

	it("keeps the dev log quiet: a node error is one line, and n8n's calls home are off", async () => {
		const { json: saved } = await restApi.rest(walk.dev.url, walk.session, 'POST', '/workflows', {
			name: `A failing Get (${Date.now()})`,
			settings: { executionOrder: 'v1' },
			nodes: [
				{
					id: 'start',
					name: 'Start',
					type: 'n8n-nodes-base.manualTrigger',
					typeVersion: 1,
					position: [0, 0],
					parameters: {},
				},
				{
					id: 'get',
					name: 'Get',
					type: 'n8n-nodes-apollo-tasks.apolloTasks',
					typeVersion: 1,
					position: [220, 0],
					credentials: { apolloTasksApi: walk.credential },
					parameters: {
						resource: 'task',
						operation: 'get',
						taskId: { __rl: true, mode: 'id', value: '0123456789abcdef01234567' },
					},
				},
			],
			connections: { Start: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
		});
		const before = walk.dev.output.join('').length;
		await restApi.rest(walk.dev.url, walk.session, 'POST', `/workflows/${saved.id}/run`, {
			workflowData: saved,
			triggerToStartFrom: { name: 'Start' },
		});
		await waitFor(
			async () =>
				walk.dev.output.join('').slice(before).includes('The task no longer exists in Apollo')
					? true
					: undefined,
			'the node error in the dev log',
		);
		await new Promise((done) => setTimeout(done, 1000)); // for anything logged after it
		const logged = walk.dev.output.join('').slice(before);

		expect(
			logged.split('\n').filter((line) => line.includes('The task no longer exists in Apollo')),
		).toHaveLength(1);
		expect(logged).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
		const whole = walk.dev.output.join('');
		expect(whole).not.toContain('api-staging.n8n.io');
	});

	it('keeps the stack n8n logs for a failed credential test out of the dev log', async () => {
		const data = { apiKey: 'a-wrong-key', baseUrl: walk.dev.sandboxUrl };
		const saved = await restApi.createCredential(walk.dev.url, walk.session, 'Wrong key', data);
		const before = walk.dev.output.join('').length;
		const { json: result } = await restApi.rest(
			walk.dev.url,
			walk.session,
			'POST',
			'/credentials/test',
			{ credentials: { id: saved.id, name: saved.name, type: 'apolloTasksApi', data } },
		);
		expect(result.message).toMatch(/Apollo rejected this API key/);
		await waitFor(
			async () =>
				/status code 401/.test(walk.dev.output.join('').slice(before)) ? true : undefined,
			'the failed credential test in the dev log',
		);
		await new Promise((done) => setTimeout(done, 1000)); // for anything logged after it
		const logged = walk.dev.output.join('').slice(before);

		expect(logged).not.toMatch(/^\s+at .+$/m);
		expect(logged.split('\n').filter((line) => /status code 401/.test(line))).toHaveLength(1);
	});

	it('stops n8n, its task runners and the sandbox when the npm process gets SIGTERM, and frees their ports', async () => {
		const started = descendants(walk.dev.npm.pid!) as number[];
		const ports = listeningPorts([walk.dev.npm.pid!, ...started]);
		const [n8nPort, sandboxPort] = [
			new URL(walk.dev.url).port,
			new URL(walk.dev.sandboxUrl).port,
		].map(Number);
		expect(ports).toEqual(expect.arrayContaining([n8nPort, n8nPort + 1, sandboxPort]));
		expect(started.length).toBeGreaterThanOrEqual(3); // walk.dev.js, n8n, its task runner

		const sent = Date.now();
		const exited = new Promise((done) => walk.dev.npm.once('exit', done));
		process.kill(walk.dev.npm.pid!, 'SIGTERM');
		await exited;
		const tookMs = Date.now() - sent;

		expect(started.filter(alive)).toEqual([]);
		const listening = allListeningPorts();
		expect(ports.filter((port) => listening.has(port))).toEqual([]);
		expect(walk.dev.output.join('')).toContain('SIGTERM: stopping everything npm run dev started');
		expect(tookMs).toBeLessThan(30_000);
	}, 60_000);
});
