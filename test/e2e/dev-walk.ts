import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

import { findApolloTasksInCreator, ROOT, SCREENSHOTS } from './browser-steps';
import { Cleanup } from './cleanup';
import { freePort, freePortPair } from './ports';
import { START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './stack';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restApi = require('../../scripts/lib/n8n-rest');

/**
 * A newcomer's setting for the browser tests: `npm run dev` run as a user runs it, headless Chromium, and
 * a browser state signed in as the owner it printed. Each test opens its own page with `newPage`, and
 * changes only workflows and credentials it made itself. `stop()` ends everything `start()` began.
 */

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
/** How long `npm run dev` may take to print its steps (n8n is installed before the tests start). */
const DEV_START_MS = START_TIMEOUT_MS;

/** SIGTERM to a detached child's whole process group, then SIGKILL to whatever is left after 15 s. */
async function stopGroup(child: ChildProcess): Promise<void> {
	const signal = (name: NodeJS.Signals) => {
		try {
			process.kill(-child.pid!, name);
			return true;
		} catch {
			return false; // the group is gone
		}
	};
	if (!signal('SIGTERM')) return;
	const deadline = Date.now() + 15_000;
	while (Date.now() < deadline && signal(0 as unknown as NodeJS.Signals))
		await new Promise((done) => setTimeout(done, 200));
	signal('SIGKILL');
}

export interface Dev {
	npm: ChildProcess;
	output: string[];
	url: string;
	demoUrl: string;
	triggerDemoUrl: string;
	login: { email: string; password: string };
	sandboxUrl: string;
	userFolder: string;
}

export interface SandboxUser {
	id: string;
	name: string;
	email: string;
}

export const userLabel = (user: SandboxUser) => `${user.name} (${user.email})`;

/** Runs `npm run dev` as a user does and waits for the steps it prints. */
async function startDev(cleanup: Cleanup): Promise<Dev> {
	const port = await freePortPair();
	const sandboxPort = await freePort();
	const userFolder = mkdtempSync(join(tmpdir(), 'apollo-tasks-dev-'));
	cleanup.add('the dev user folder', () => rmSync(userFolder, { recursive: true, force: true }));
	const env = { ...process.env };
	delete env.NODE_ENV;
	const npm = spawn(
		'npm',
		[
			'run',
			'dev',
			'--',
			'--port',
			String(port),
			'--sandbox-port',
			String(sandboxPort),
			'--user-folder',
			userFolder,
		],
		{
			cwd: ROOT,
			env,
			// Its own process group, so that a failed test can still clean up everything; the test of SIGTERM
			// signals the npm process alone.
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		},
	);
	// The whole group: npm, dev.js, n8n, its task runners (the SIGTERM test has usually ended them).
	cleanup.add('npm run dev', () => stopGroup(npm));
	const output: string[] = [];
	for (const stream of [npm.stdout!, npm.stderr!])
		stream.on('data', (chunk) => output.push(chunk.toString()));
	const deadline = Date.now() + DEV_START_MS;
	for (;;) {
		const text = output.join('');
		const open = /1\. Open (\S+)/.exec(text);
		const signIn = /Sign in as (\S+) with the password (\S+)/.exec(text);
		const trigger = /The trigger has its own demo: (\S+)/.exec(text);
		const sandbox = /Credential "[^"]+" -> (\S+)/.exec(text);
		if (open && signIn && trigger && sandbox) {
			return {
				npm,
				output,
				url: `http://127.0.0.1:${port}`,
				demoUrl: open[1],
				triggerDemoUrl: trigger[1],
				login: { email: signIn[1], password: signIn[2] },
				sandboxUrl: sandbox[1],
				userFolder,
			};
		}
		if (npm.exitCode !== null || Date.now() > deadline)
			throw new Error(
				`npm run dev ${npm.exitCode !== null ? `exited (${npm.exitCode})` : `did not print its steps within ${DEV_START_MS / 1000} s`}; last lines:\n${text.slice(-4000)}`,
			);
		cleanup.check('npm run dev printed its steps');
		await new Promise((done) => setTimeout(done, 250));
	}
}

export class DevWalk {
	dev!: Dev;
	session!: { cookie: string };
	credential!: { id: string; name: string };
	users!: SandboxUser[];
	private browser?: Browser;
	private signedIn!: Awaited<ReturnType<BrowserContext['storageState']>>;
	private cleanup = new Cleanup();
	private starting?: Promise<void>;

	/** Started in beforeAll and stopped in afterAll, also when the start failed or timed out. */
	static forTests(): DevWalk {
		const walk = new DevWalk();
		beforeAll(() => walk.start(), DEV_START_MS + 60_000);
		afterAll(() => walk.stop(), STOP_TIMEOUT_MS);
		return walk;
	}

	/** Starts once; a start that fails stops everything it began before it rejects. */
	start(): Promise<void> {
		this.starting ??= this.boot().catch(async (error) => {
			await this.stop().catch(() => undefined);
			throw error;
		});
		return this.starting;
	}

	private async boot(): Promise<void> {
		mkdirSync(SCREENSHOTS, { recursive: true });
		const browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: [
				'--no-sandbox',
				'--disable-gpu',
				'--disable-background-networking',
				'--disable-component-update',
				'--disable-sync',
				'--no-first-run',
			],
		});
		this.cleanup.add('headless Chromium', () => browser.close());
		this.browser = browser;
		this.dev = await startDev(this.cleanup);
		this.session = await restApi.setUpOwner(this.dev.url);
		this.users = await this.sandbox<SandboxUser[]>('users');
		const { json: credentials } = await restApi.rest(
			this.dev.url,
			this.session,
			'GET',
			'/credentials',
		);
		this.credential = credentials.find((c: { type: string }) => c.type === 'apolloTasksApi');

		const page = await this.newPage({ signedIn: false });
		await page.goto(`${this.dev.url}/signin`);
		await this.signIn(page);
		await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
		this.signedIn = await page.context().storageState();
	}

	/** Ends the browser and everything `npm run dev` started, also while it is still starting. */
	async stop(): Promise<void> {
		await this.cleanup.close();
	}

	/** The sandbox's control API. */
	async sandbox<T>(path: string, method = 'GET'): Promise<T> {
		return (await (
			await fetch(`${this.dev.sandboxUrl}/__sandbox/${path}`, { method })
		).json()) as T;
	}

	async newPage(options: { signedIn?: boolean } = {}): Promise<Page> {
		const context = await this.browser!.newContext({
			viewport: { width: 1440, height: 900 },
			...(options.signedIn === false ? {} : { storageState: this.signedIn }),
		});
		return await context.newPage();
	}

	async signIn(page: Page): Promise<void> {
		await page.fill('input[name=emailOrLdapLoginId]', this.dev.login.email);
		await page.fill('input[name=password]', this.dev.login.password);
		await page.click('[data-test-id=form-submit-button]');
	}

	/** Saves a workflow of Apollo nodes (this test's own) and returns its editor URL. */
	async workflowOf(
		name: string,
		nodes: Array<{
			name: string;
			type?: string;
			typeVersion?: number;
			parameters: Record<string, unknown>;
		}>,
		credentialOf = this.credential,
	): Promise<string> {
		const { json } = await restApi.rest(this.dev.url, this.session, 'POST', '/workflows', {
			name: `${name} (${Date.now()})`,
			settings: { executionOrder: 'v1' },
			nodes: nodes.map((node, i) => ({
				id: `n${i}`,
				name: node.name,
				type: node.type ?? 'n8n-nodes-apollo-tasks.apolloTasks',
				typeVersion: node.typeVersion ?? 1,
				position: [i * 240, 0],
				credentials: { apolloTasksApi: { id: credentialOf.id, name: credentialOf.name } },
				parameters: node.parameters,
			})),
			connections: {},
		});
		return `${this.dev.url}/workflow/${json.id}`;
	}

	/** From a new workflow with a manual trigger, the node creator's "Apollo Tasks" and one of its actions. */
	async addApolloAction(page: Page, action: string): Promise<void> {
		await findApolloTasksInCreator(page, this.dev.url);
		await page.keyboard.press('Enter');
		await page.getByText(action, { exact: true }).click();
		await page.locator('[data-test-id=ndv]').waitFor();
	}
}
