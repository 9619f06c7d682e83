import { mkdtempSync, rmSync } from 'node:fs';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcess } from 'node:child_process';

import type { IDataObject } from 'n8n-workflow';

import { ApolloSandbox, MASTER_KEY } from '../../sandbox/server';
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

export interface StackOptions {
	/** The n8n version to run (default: the newest in N8N_VERSIONS). */
	version?: string;
	/** Extra environment for every n8n process (queue mode settings, ...). */
	env?: Record<string, string>;
	sandbox?: ConstructorParameters<typeof ApolloSandbox>[0];
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
	private trap?: Server;

	static async start(options: StackOptions = {}): Promise<Stack> {
		const stack = new Stack();
		try {
			await stack.boot(options);
		} catch (error) {
			await stack.stop();
			throw error;
		}
		return stack;
	}

	private async boot(options: StackOptions): Promise<void> {
		this.version = options.version ?? n8n.N8N_VERSION;
		n8n.ensureN8n(() => undefined, this.version);
		this.sandbox = new ApolloSandbox(options.sandbox ?? {});
		await this.sandbox.start();
		this.userFolder = mkdtempSync(join(tmpdir(), 'apollo-tasks-e2e-'));
		n8n.installPackedPackage(this.userFolder);
		const trap = await startTrapProxy(this.outbound);
		this.trap = trap.server;
		const port = await freePort();
		this.env = n8n.n8nEnv({
			userFolder: this.userFolder,
			port,
			brokerPort: await freePort(),
			version: this.version,
			extra: { ...proxyEnv(trap.url), ...(options.env ?? {}) },
		});
		this.url = `http://127.0.0.1:${port}`;
		const main = n8n.startN8n({
			env: this.env,
			version: this.version,
			quiet: true,
			log: () => undefined,
		});
		this.processes.push(main);
		await n8n.waitForReady(this.url, main);
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

	startProcess(args: string[], extraEnv: Record<string, string> = {}): ChildProcess {
		const child = n8n.startN8n({
			args,
			env: { ...this.env, ...extraEnv },
			version: this.version,
			quiet: true,
			log: () => undefined,
		});
		this.processes.push(child);
		return child;
	}

	logs(): string {
		return this.processes
			.map((p) => ((p as unknown as { output: string[] }).output ?? []).join(''))
			.join('\n');
	}

	async stop(): Promise<void> {
		await Promise.all(
			this.processes.map(
				(child) =>
					new Promise<void>((resolve) => {
						if (child.exitCode !== null || child.signalCode !== null) return resolve();
						const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
						child.once('exit', () => {
							clearTimeout(timer);
							resolve();
						});
						child.kill('SIGTERM');
					}),
			),
		);
		await this.sandbox?.stop();
		await new Promise((resolve) => (this.trap ? this.trap.close(resolve) : resolve(undefined)));
		if (this.userFolder) rmSync(this.userFolder, { recursive: true, force: true });
	}
}
