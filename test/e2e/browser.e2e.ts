import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { ApolloTasks } from '../../nodes/ApolloTasks/ApolloTasks.node';
import { STATUSES, TASK_TYPES } from '../../nodes/ApolloTasks/shared/values';
import { allListeningPorts, freePort, freePortPair, listeningPorts } from './ports';
import { findApolloTasksInCreator } from './browser-steps';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restApi = require('../../scripts/lib/n8n-rest');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const demo = require('../../scripts/lib/demo-workflow');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { alive, descendants } = require('../../scripts/lib/processes');

/**
 * A newcomer's path through `npm run dev` in a real browser: the steps it prints, the demo, the node
 * creator, every Assigned To, Search's modes, the Task picker, the Docs link, the credential test; and
 * SIGTERM to the npm process, which must leave no process and no port behind. Each test opens its own
 * page, and changes only workflows and credentials it made itself.
 *
 * Screenshots go to test-results/screenshots; `SCREENSHOTS=docs/screenshots` renews the README's.
 */

const ROOT = join(__dirname, '..', '..');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
const SCREENSHOTS = resolve(ROOT, process.env.SCREENSHOTS ?? join('test-results', 'screenshots'));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');

interface Dev {
	npm: ChildProcess;
	output: string[];
	url: string;
	demoUrl: string;
	triggerDemoUrl: string;
	login: { email: string; password: string };
	sandboxUrl: string;
	userFolder: string;
}

interface SandboxUser {
	id: string;
	name: string;
	email: string;
}

let dev: Dev;
let browser: Browser;
let signedIn: Awaited<ReturnType<BrowserContext['storageState']>>;
let session: { cookie: string };
let credential: { id: string; name: string };
let users: SandboxUser[];
const contexts: BrowserContext[] = [];

const userLabel = (user: SandboxUser) => `${user.name} (${user.email})`;

/** Runs `npm run dev` as a user does and waits for the steps it prints. */
async function startDev(): Promise<Dev> {
	const port = await freePortPair();
	const sandboxPort = await freePort();
	const userFolder = mkdtempSync(join(tmpdir(), 'apollo-tasks-dev-'));
	const env = { ...process.env };
	delete env.NODE_ENV;
	const npm = spawn('npm', ['run', 'dev', '--', '--port', String(port), '--sandbox-port', String(sandboxPort), '--user-folder', userFolder], {
		cwd: ROOT,
		env,
		// Its own process group, so that a failed test can still clean up everything; the test of SIGTERM
		// signals the npm process alone.
		detached: true,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	const output: string[] = [];
	for (const stream of [npm.stdout!, npm.stderr!]) stream.on('data', (chunk) => output.push(chunk.toString()));
	const deadline = Date.now() + 280_000;
	for (;;) {
		const text = output.join('');
		const open = /1\. Open (\S+)/.exec(text);
		const signIn = /Sign in as (\S+) with the password (\S+)/.exec(text);
		const trigger = /The trigger has its own demo: (\S+)/.exec(text);
		const sandbox = /Credential "[^"]+" -> (\S+)/.exec(text);
		if (open && signIn && trigger && sandbox) {
			return { npm, output, url: `http://127.0.0.1:${port}`, demoUrl: open[1], triggerDemoUrl: trigger[1], login: { email: signIn[1], password: signIn[2] }, sandboxUrl: sandbox[1], userFolder };
		}
		if (npm.exitCode !== null || Date.now() > deadline) throw new Error(`npm run dev did not print its steps:\n${text.slice(-4000)}`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

async function sandbox<T>(path: string, method = 'GET'): Promise<T> {
	return (await (await fetch(`${dev.sandboxUrl}/__sandbox/${path}`, { method })).json()) as T;
}

async function newPage(options: { signedIn?: boolean } = {}): Promise<Page> {
	const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, ...(options.signedIn === false ? {} : { storageState: signedIn }) });
	contexts.push(context);
	return await context.newPage();
}

/** Polls `check` until it returns something, for at most `timeoutMs`. */
async function waitFor<T>(check: () => Promise<T | undefined>, what: string, timeoutMs = 30_000): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

const shot = async (page: Page, name: string) => await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

async function signIn(page: Page): Promise<void> {
	await page.fill('input[name=emailOrLdapLoginId]', dev.login.email);
	await page.fill('input[name=password]', dev.login.password);
	await page.click('[data-test-id=form-submit-button]');
}

async function openWorkflow(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 60_000 });
}

const canvasNode = (page: Page, name: string) => page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`);

async function openNode(page: Page, name: string) {
	await canvasNode(page, name).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await ndv.waitFor();
	return ndv;
}

/** Clicks the entry of the open dropdown whose text starts with `name` (entries may carry a description). */
async function choose(page: Page, name: string): Promise<void> {
	await page.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${name}`) }).first().click();
}

/** Saves a workflow of Apollo nodes (this test's own) and returns its editor URL. */
async function workflowOf(name: string, nodes: Array<{ name: string; type?: string; parameters: Record<string, unknown> }>, credentialOf = credential): Promise<string> {
	const { json } = await restApi.rest(dev.url, session, 'POST', '/workflows', {
		name: `${name} (${Date.now()})`,
		settings: { executionOrder: 'v1' },
		nodes: nodes.map((node, i) => ({
			id: `n${i}`,
			name: node.name,
			type: node.type ?? 'n8n-nodes-apollo-tasks.apolloTasks',
			typeVersion: 1,
			position: [i * 240, 0],
			credentials: { apolloTasksApi: { id: credentialOf.id, name: credentialOf.name } },
			parameters: node.parameters,
		})),
		connections: {},
	});
	return `${dev.url}/workflow/${json.id}`;
}

/** From a new workflow with a manual trigger, the node creator's "Apollo Tasks" and one of its actions. */
async function addApolloAction(page: Page, action: string): Promise<void> {
	await findApolloTasksInCreator(page, dev.url);
	await page.keyboard.press('Enter');
	await page.getByText(action, { exact: true }).click();
	await page.locator('[data-test-id=ndv]').waitFor();
}

beforeAll(async () => {
	mkdirSync(SCREENSHOTS, { recursive: true });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	dev = await startDev();
	session = await restApi.setUpOwner(dev.url);
	users = await sandbox<SandboxUser[]>('users');
	const { json: credentials } = await restApi.rest(dev.url, session, 'GET', '/credentials');
	credential = credentials.find((c: { type: string }) => c.type === 'apolloTasksApi');

	const page = await newPage({ signedIn: false });
	await page.goto(`${dev.url}/signin`);
	await signIn(page);
	await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
	signedIn = await page.context().storageState();
}, 300_000);

afterAll(async () => {
	for (const context of contexts) await context.close().catch(() => undefined);
	await browser?.close();
	if (dev?.npm.pid && dev.npm.exitCode === null) {
		try {
			process.kill(-dev.npm.pid, 'SIGKILL');
		} catch {
			// gone
		}
	}
	if (dev?.userFolder) rmSync(dev.userFolder, { recursive: true, force: true });
});

describe('A newcomer on `npm run dev`, in a real browser', () => {
	it('follows the printed steps: the demo opens after signing in, and the Execute workflow button runs it to its last node', async () => {
		const page = await newPage({ signedIn: false });
		await page.goto(dev.demoUrl);
		await page.waitForURL(/\/signin/);
		await signIn(page);
		await page.waitForURL(new URL(dev.demoUrl).pathname.replace(/^/, '**'), { timeout: 30_000 });
		await page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 60_000 });

		const button = page.locator('[data-test-id=execute-workflow-button]');
		await expect(button.innerText()).resolves.toBe('Execute workflow');
		await sandbox('requests', 'DELETE');
		await button.click();
		await canvasNode(page, demo.DEMO_LAST).locator('[data-test-id=canvas-node-status-success]').waitFor({ timeout: 60_000 });
		await page.getByText('Workflow executed successfully').waitFor();
		await shot(page, 'demo-run');

		const nodes = await page
			.locator('[data-test-id=canvas-node]:not([data-node-type="n8n-nodes-base.stickyNote"])')
			.evaluateAll((all) => all.map((node) => node.getAttribute('data-node-name')));
		expect(nodes).toContain(demo.DEMO_START);
		for (const name of nodes) await expect(canvasNode(page, name!).locator('[data-test-id=canvas-node-status-success]').count()).resolves.toBe(1);
		const paths = (await sandbox<Array<{ path: string }>>('requests')).map((r) => r.path);
		expect(paths).toEqual(expect.arrayContaining(['/api/v1/tasks/bulk_create', '/api/v1/tasks/search']));
		expect(paths.some((path) => path.endsWith('/complete'))).toBe(true);
		expect(paths.some((path) => path.endsWith('/skip'))).toBe(true);
	});

	it('runs the trigger demo from its own Execute workflow button: the tasks due in the next day', async () => {
		const page = await newPage();
		await openWorkflow(page, dev.triggerDemoUrl);
		await page.click('[data-test-id=execute-workflow-button]');
		const trigger = canvasNode(page, 'Tasks due in the next day');
		await trigger.locator('[data-test-id=canvas-node-status-success]').waitFor({ timeout: 60_000 });
		const count = await waitFor(async () => /(\d+) items?/.exec(await trigger.innerText())?.[1], 'the item count on the trigger');
		expect(Number(count)).toBeGreaterThan(0);
	});

	it("names each Apollo node on the canvas by its operation or event, not the parameter's value", async () => {
		const page = await newPage();
		await openWorkflow(page, dev.demoUrl);
		const subtitle = async (name: string) => (await canvasNode(page, name).innerText()).split('\n').slice(1);
		await expect(subtitle('Create call tasks')).resolves.toContain('Create tasks');
		await expect(subtitle('Get each task')).resolves.toContain('Get a task');
		await expect(subtitle('Add a note')).resolves.toContain('Update a task');
		await expect(subtitle('Skip it')).resolves.toContain('Skip a task');
		await expect(subtitle('Count tasks by type')).resolves.toContain('Search tasks');

		await openWorkflow(page, dev.triggerDemoUrl);
		await expect(subtitle('Tasks due in the next day')).resolves.toContain('Task Due');
	});

	it("shows the demo's assignee by name in From List mode, not by ID", async () => {
		const page = await newPage();
		await openWorkflow(page, dev.demoUrl);
		const ndv = await openNode(page, 'Create call tasks');
		const assignee = ndv.locator('[data-test-id=resource-locator-userId]');
		await expect(assignee.locator('[data-test-id=rlc-input]').inputValue()).resolves.toBe(userLabel(users[0]));
		await expect(assignee.locator('[data-test-id=rlc-mode-selector] input').inputValue()).resolves.toBe('From list');
	});

	it('finds "Apollo Tasks" in the node creator, described with its own text, with its triggers and actions', async () => {
		const page = await newPage();
		await findApolloTasksInCreator(page, dev.url);

		const ownText = new ApolloTasks().description.description;
		await expect(page.locator('[data-test-id=node-creator-item-name]').allInnerTexts()).resolves.toEqual(['Apollo Tasks']);
		await expect(page.locator('[data-test-id=node-creator-item-description]').allInnerTexts()).resolves.toEqual([ownText]);
		await page.keyboard.press('Enter');
		// The node's details above its triggers and actions, with the same text.
		await page.locator('[data-test-id=node-creator]').getByText('Node details', { exact: true }).waitFor();
		const exactly = new RegExp(`^${ownText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
		await expect(page.locator('[data-test-id=node-creator] span').filter({ hasText: exactly }).count()).resolves.toBe(1);
		for (const action of ['Complete a task', 'Create tasks', 'Get a task', 'Search tasks', 'Skip a task', 'Update a task']) {
			await page.getByText(action, { exact: true }).waitFor();
		}
		// After a first node, the trigger's events are folded under their heading.
		await page.getByText('Triggers (3)', { exact: true }).waitFor();
		await shot(page, 'node-panel');
	});

	describe("offers Apollo's users in every Assigned To", () => {
		const expectUsers = async (page: Page) => {
			await page.locator('[data-test-id=ndv] [data-test-id=resource-locator-userId] [data-test-id=rlc-input]').click();
			const items = page.locator('[data-test-id=rlc-item]');
			await items.first().waitFor({ timeout: 30_000 });
			await expect(items.allInnerTexts()).resolves.toEqual(users.map(userLabel));
		};

		it('Create', async () => {
			const page = await newPage();
			await openWorkflow(page, await workflowOf('Assigned To on Create', [{ name: 'Create', parameters: { resource: 'task', operation: 'create' } }]));
			await openNode(page, 'Create');
			await expectUsers(page);
			await shot(page, 'assignee-picker');
		});

		it.each([
			['Search > Filters', 'Search', { resource: 'task', operation: 'search' }, 'Add Filter', undefined],
			['Update > Update Fields', 'Update', { resource: 'task', operation: 'update' }, 'Add Field', undefined],
			['the trigger > Filters', 'Trigger', { event: 'newTask' }, 'Add Filter', 'n8n-nodes-apollo-tasks.apolloTasksTrigger'],
		])('%s', async (_where, name, parameters, addButton, type) => {
			const page = await newPage();
			await openWorkflow(page, await workflowOf(`Assigned To in ${name}`, [{ name, type, parameters }]));
			const ndv = await openNode(page, name);
			await ndv.locator(`input[placeholder="${addButton}"]`).click();
			await choose(page, 'Assigned To');
			await expectUsers(page);
		});
	});

	it('hides Return All, Limit and Simplify when Search outputs Task Type Counts', async () => {
		const page = await newPage();
		await openWorkflow(page, await workflowOf('Task Type Counts', [{ name: 'Search', parameters: { resource: 'task', operation: 'search', options: { sortByField: 'task_due_at' } } }]));
		const ndv = await openNode(page, 'Search');
		const shown = async (name: string) => await ndv.locator(`[data-test-id=parameter-input-${name}]`).count();
		for (const name of ['returnAll', 'limit', 'simplify']) await expect(shown(name)).resolves.toBe(1);

		await ndv.locator('[data-test-id=parameter-input-output]').click();
		await choose(page, 'Task Type Counts');
		await expect(ndv.locator('[data-test-id=parameter-input-output] input').inputValue()).resolves.toBe('Task Type Counts');
		for (const name of ['returnAll', 'limit', 'simplify']) await expect(shown(name)).resolves.toBe(0);
		await shot(page, 'search-type-counts');
	});

	it('labels tasks in the Task picker "Status · Type · Contact · due date" with Apollo\'s type names, and finds them by status', async () => {
		const page = await newPage();
		await openWorkflow(page, await workflowOf('Task picker', [{ name: 'Get', parameters: { resource: 'task', operation: 'get' } }]));
		const ndv = await openNode(page, 'Get');
		await ndv.locator('[data-test-id=resource-locator-taskId] [data-test-id=rlc-input]').click();
		const items = page.locator('[data-test-id=rlc-item]');
		await items.first().waitFor({ timeout: 30_000 });

		const either = (names: readonly { name: string }[]) => names.map((n) => n.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
		const label = new RegExp(`^(${either(STATUSES)}) · (${either(TASK_TYPES)}) · .+ · (due \\d{4}-\\d{2}-\\d{2}|no due date)$`);
		const labels = await items.allInnerTexts();
		expect(labels.length).toBeGreaterThan(10);
		for (const text of labels) expect(text).toMatch(label);
		await shot(page, 'task-picker');

		await page.keyboard.type('skipped');
		const found = await waitFor(async () => {
			const texts = await items.allInnerTexts();
			return texts.length > 0 && texts.every((text) => text.startsWith('Skipped · ')) ? texts : undefined;
		}, 'the tasks found by "skipped"');
		expect(found.length).toBeGreaterThan(0);
	});

	it("opens this package's README from the Docs link: the operations for the node, the trigger's section for the trigger", async () => {
		const anchors = new Set([...README.matchAll(/^#+ (.+)$/gm)].map(([, title]) => title.toLowerCase().replace(/[^\p{L}\p{N} -]/gu, '').replace(/ /g, '-')));
		const page = await newPage();
		for (const [url, name] of [
			[dev.demoUrl, 'Create call tasks'],
			[dev.triggerDemoUrl, 'Tasks due in the next day'],
		]) {
			await openWorkflow(page, url);
			const ndv = await openNode(page, name);
			const href = await ndv.getByRole('link', { name: /Docs/ }).getAttribute('href');
			expect(href).toMatch(/^https:\/\/github\.com\/n8n-nodes-apollo-tasks\/n8n-nodes-apollo-tasks#/);
			expect(anchors).toContain(href!.split('#')[1]);
		}
	});

	it('fills Create with an assignee picked from the list and executes it', async () => {
		const page = await newPage();
		await addApolloAction(page, 'Create tasks');
		await expect(page.locator('[data-test-id=node-credentials-select] input').inputValue()).resolves.toBe(credential.name);

		await page.locator('[data-test-id=resource-locator-userId] [data-test-id=rlc-input]').click();
		const items = page.locator('[data-test-id=rlc-item]');
		await items.first().waitFor();
		await items.nth(1).click();

		const contacts = (await sandbox<Array<{ id: string }>>('contacts')).slice(20, 22).map((c) => c.id);
		await page.locator('[data-test-id=parameter-input-contactIds] input').fill(contacts.join(', '));
		await sandbox('requests', 'DELETE');
		await page.click('[data-test-id=node-execute-button]');
		await page.locator('[data-test-id=node-run-status-success]').waitFor({ timeout: 30_000 });
		await expect(page.locator('[data-test-id=ndv-items-count]').innerText()).resolves.toBe('2 items');
		await page.getByText('Node executed successfully').waitFor();
		await shot(page, 'create-output');

		const created = (await sandbox<Array<{ path: string; body: Record<string, unknown> }>>('requests')).filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(created).toHaveLength(1);
		expect(created[0].body).toMatchObject({ user_id: users[1].id, contact_ids: contacts, type: 'call', priority: 'medium' });
	});

	it('tests the credential: success, then a wrong key with a message that says so', async () => {
		// A credential of this test's own: it ends up with a wrong key.
		const own = await restApi.createCredential(dev.url, session, 'Apollo Tasks (key test)', { apiKey: 'sandbox-master-key', baseUrl: dev.sandboxUrl });
		const page = await newPage();
		await openWorkflow(page, await workflowOf('Credential test', [{ name: 'Search', parameters: { resource: 'task', operation: 'search' } }], own));
		await openNode(page, 'Search');
		await page.click('[data-test-id=credential-edit-button]');
		await page.locator('[data-test-id=credentials-config-container-test-success]').waitFor({ timeout: 30_000 });
		await shot(page, 'credential-ok');

		await page.locator('[data-test-id=parameter-input-apiKey] input').fill('a-wrong-key');
		await page.click('[data-test-id=credential-save-button]');
		await page.getByText('Couldn’t connect with these settings').waitFor({ timeout: 30_000 });
		await page.getByText('More details').click();
		await page.getByText(/Apollo rejected this API key: it is wrong or was revoked/).waitFor({ timeout: 30_000 });
		await shot(page, 'credential-wrong-key');
	});

	it("keeps the dev log quiet: a node error is one line, and n8n's calls home are off", async () => {
		const { json: saved } = await restApi.rest(dev.url, session, 'POST', '/workflows', {
			name: `A failing Get (${Date.now()})`,
			settings: { executionOrder: 'v1' },
			nodes: [
				{ id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
				{
					id: 'get',
					name: 'Get',
					type: 'n8n-nodes-apollo-tasks.apolloTasks',
					typeVersion: 1,
					position: [220, 0],
					credentials: { apolloTasksApi: credential },
					parameters: { resource: 'task', operation: 'get', taskId: { __rl: true, mode: 'id', value: '0123456789abcdef01234567' } },
				},
			],
			connections: { Start: { main: [[{ node: 'Get', type: 'main', index: 0 }]] } },
		});
		const before = dev.output.join('').length;
		await restApi.rest(dev.url, session, 'POST', `/workflows/${saved.id}/run`, { workflowData: saved, triggerToStartFrom: { name: 'Start' } });
		await waitFor(async () => (dev.output.join('').slice(before).includes('Apollo found nothing') ? true : undefined), 'the node error in the dev log');
		await new Promise((done) => setTimeout(done, 1000)); // for anything logged after it
		const logged = dev.output.join('').slice(before);

		expect(logged.split('\n').filter((line) => line.includes('Apollo found nothing'))).toHaveLength(1);
		expect(logged).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
		const whole = dev.output.join('');
		expect(whole).not.toContain('api-staging.n8n.io');
	});

	it('stops n8n, its task runners and the sandbox when the npm process gets SIGTERM, and frees their ports', async () => {
		const started = descendants(dev.npm.pid!) as number[];
		const ports = listeningPorts([dev.npm.pid!, ...started]);
		const [n8nPort, sandboxPort] = [new URL(dev.url).port, new URL(dev.sandboxUrl).port].map(Number);
		expect(ports).toEqual(expect.arrayContaining([n8nPort, n8nPort + 1, sandboxPort]));
		expect(started.length).toBeGreaterThanOrEqual(3); // dev.js, n8n, its task runner

		const sent = Date.now();
		const exited = new Promise((done) => dev.npm.once('exit', done));
		process.kill(dev.npm.pid!, 'SIGTERM');
		await exited;
		const tookMs = Date.now() - sent;

		expect(started.filter(alive)).toEqual([]);
		const listening = allListeningPorts();
		expect(ports.filter((port) => listening.has(port))).toEqual([]);
		expect(dev.output.join('')).toContain('SIGTERM: stopping everything npm run dev started');
		expect(tookMs).toBeLessThan(30_000);
	}, 60_000);
});
