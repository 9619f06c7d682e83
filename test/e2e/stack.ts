import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import type { IDataObject } from 'n8n-workflow';

import { MASTER_KEY } from '../../sandbox/keys';
import { ApolloSandbox } from '../../sandbox/server';
import { Cleanup } from './cleanup';
import { parseExecutionData, toExecution, type Execution } from './execution';
import { freePort } from './ports';
import { proxyEnv, startTrapProxy } from './trap-proxy';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restApi = require('../../scripts/lib/n8n-rest');

export interface Session {
	cookie: string;
}

/** The n8n versions the end-to-end tests run against (scripts/lib/n8n.js), newest first. */
export const N8N_VERSIONS: string[] = n8n.N8N_VERSIONS;

/** How long a start may take: n8n's own first start (every migration), and the steps around it. */
export const START_TIMEOUT_MS: number = n8n.READY_TIMEOUT_MS + 120_000;
/** How long a stop may take: every process gets 15 s to shut down before it is killed. */
export const STOP_TIMEOUT_MS = 120_000;

export interface StackOptions {
	/** The n8n version to run (default: the newest in N8N_VERSIONS). */
	version?: string;
	/** Extra environment for every n8n process (queue mode settings, ...). */
	env?: Record<string, string>;
	sandbox?: ConstructorParameters<typeof ApolloSandbox>[0];
	/** How long n8n may take to answer (default: n8n.READY_TIMEOUT_MS). */
	readyTimeoutMs?: number;
}

/** A sandbox, an n8n with this package installed in a fresh user folder, an owner and a credential. */
export class Stack {
	version: string = n8n.N8N_VERSION;
	sandbox!: ApolloSandbox;
	url = '';
	session!: Session;
	credential!: { id: string; name: string };
	userFolder = '';
	processes: ChildProcess[] = [];
	env: Record<string, string> = {};
	/** Requests n8n tried to send off this machine (see startTrapProxy). */
	outbound: string[] = [];
	private cleanup = new Cleanup();
	private starting?: Promise<void>;

	constructor(private options: StackOptions = {}) {
		this.version = options.version ?? n8n.N8N_VERSION;
	}

	/** A started stack; a start that fails has stopped everything it began. */
	static async start(options: StackOptions = {}): Promise<Stack> {
		const stack = new Stack(options);
		await stack.start();
		return stack;
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
		const { options, cleanup } = this;
		if (!n8n.isInstalled(this.version))
			throw new Error(
				`n8n ${this.version} is not installed: npm run n8n:install (npm run test:e2e installs it first)`,
			);
		this.sandbox = new ApolloSandbox(options.sandbox ?? {});
		await this.sandbox.start();
		cleanup.add('the Apollo sandbox', () => this.sandbox.stop());
		this.userFolder = mkdtempSync(join(tmpdir(), 'apollo-tasks-e2e-'));
		const userFolder = this.userFolder;
		cleanup.add('the user folder', () => rmSync(userFolder, { recursive: true, force: true }));
		n8n.installPackedPackage(this.userFolder);
		const trap = await startTrapProxy(this.outbound);
		cleanup.server('the trap proxy', trap.server);
		const port = await freePort();
		this.env = n8n.n8nEnv({
			userFolder: this.userFolder,
			port,
			brokerPort: await freePort(),
			version: this.version,
			extra: { ...proxyEnv(trap.url), ...(options.env ?? {}) },
		});
		this.url = `http://127.0.0.1:${port}`;
		cleanup.check(`n8n ${this.version} started`);
		const main = this.startProcess(['start']);
		await n8n.waitForReady(this.url, main, {
			version: this.version,
			timeoutMs: options.readyTimeoutMs,
		});
		cleanup.check('the owner was set up');
		this.session = await restApi.setUpOwner(this.url);
		this.credential = await this.saveCredential('Apollo Tasks (sandbox)', MASTER_KEY);
	}

	async saveCredential(
		name: string,
		apiKey: string,
		baseUrl = this.sandbox.url,
	): Promise<{ id: string; name: string }> {
		return await restApi.createCredential(this.url, this.session, name, { apiKey, baseUrl });
	}

	/** Saves credential data and tests it as the credential dialog does (n8n's CredentialsTester). */
	async testCredential(data: IDataObject): Promise<{ status: string; message: string }> {
		const name = `Apollo Tasks (tested ${Math.random()})`;
		const saved = await restApi.createCredential(this.url, this.session, name, data);
		return await this.rest('POST', '/credentials/test', {
			credentials: { id: saved.id, name, type: 'apolloTasksApi', data },
		});
	}

	async rest<T = IDataObject>(method: string, path: string, body?: unknown): Promise<T> {
		return (await restApi.rest(this.url, this.session, method, path, body)).json as T;
	}

	async createWorkflow(workflow: IDataObject): Promise<IDataObject> {
		return await this.rest('POST', '/workflows', workflow);
	}

	/** Runs a saved workflow as the editor's "Execute workflow" does and waits for it to finish. */
	async runManually(workflow: IDataObject, trigger: string): Promise<Execution> {
		const saved = workflow.id ? workflow : await this.createWorkflow(workflow);
		const { executionId } = await this.rest<{ executionId: string }>(
			'POST',
			`/workflows/${saved.id}/run`,
			{
				workflowData: saved,
				triggerToStartFrom: { name: trigger },
			},
		);
		return await this.waitForExecution(executionId);
	}

	async waitForExecution(executionId: string, timeoutMs = 120_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const execution = await this.rest<IDataObject>('GET', `/executions/${executionId}`).catch(
				() => undefined,
			);
			if (
				execution &&
				!['new', 'running', 'waiting'].includes(String(execution.status)) &&
				execution.data
			) {
				return toExecution(
					String(execution.id),
					String(execution.status),
					parseExecutionData(String(execution.data), this.version),
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`Execution ${executionId} did not finish within ${timeoutMs / 1000} s`);
	}

	/** The newest execution of a workflow, once it has finished. */
	async latestExecution(workflowId: string, timeoutMs = 120_000): Promise<Execution> {
		const deadline = Date.now() + timeoutMs;
		while (Date.now() < deadline) {
			const list = await this.rest<{ results: IDataObject[] }>(
				'GET',
				`/executions?filter=${encodeURIComponent(JSON.stringify({ workflowId }))}`,
			);
			const done = (list.results ?? []).find(
				(e) => !['new', 'running', 'waiting'].includes(String(e.status)),
			);
			if (done) return await this.waitForExecution(String(done.id));
			await new Promise((resolve) => setTimeout(resolve, 250));
		}
		throw new Error(`No finished execution of ${workflowId} within ${timeoutMs / 1000} s`);
	}

	/** An n8n process of this stack (`start`, `worker`, `import:workflow`, ...), stopped by `stop()`. */
	startProcess(args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
		this.cleanup.check(`n8n ${args[0]} started`);
		const child = n8n.startN8n({
			args,
			env: { ...this.env, ...extraEnv },
			version: this.version,
			quiet: true,
			log: () => undefined,
		});
		this.processes.push(child);
		this.cleanup.process(`n8n ${args[0]}`, child);
		return child;
	}

	logs(): string {
		return this.processes
			.map((p) => ((p as unknown as { output: string[] }).output ?? []).join(''))
			.join('\n');
	}

	/**
	 * Stops everything this stack began, also while it is still starting (an afterAll after a beforeAll
	 * that timed out): the start then ends at its next step.
	 */
	async stop(): Promise<void> {
		await this.cleanup.close();
	}
}

/**
 * A Stack started in beforeAll and stopped in afterAll, also when the start failed or timed out, with
 * room for a slow machine in both hooks.
 */
export function stackForTests(options: StackOptions = {}): Stack {
	const stack = new Stack(options);
	beforeAll(() => stack.start(), START_TIMEOUT_MS);
	afterAll(() => stack.stop(), STOP_TIMEOUT_MS);
	return stack;
}
