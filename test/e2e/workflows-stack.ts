import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

import type { IDataObject } from 'n8n-workflow';

import { MASTER_KEY } from '../../sandbox/keys';
import type { Execution } from './execution';
import { Cleanup } from './cleanup';
import { Stack, START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './stack';
import {
	nodeOf,
	readWorkflow,
	type NodeProperty,
	type SandboxRequest,
	type SandboxTask,
	type WorkflowFile,
} from './workflow-files';

/**
 * A Stack for the ready-made workflows: n8n and the Apollo sandbox, a local recorder that stands in for
 * HubSpot's notes API, and the files as a user has them after an import.
 */
export class WorkflowsStack {
	stack: Stack;
	timezone = '';
	/** What the recorder received; emptied by `reset()`. */
	recorded: Array<{ method: string; url: string; body: unknown }> = [];
	private recorder?: Server;
	private cleanup = new Cleanup();
	private starting?: Promise<void>;
	private typesCache:
		Array<{ name: string; version: number | number[]; properties: NodeProperty[] }> | undefined;

	/** `version`: the n8n to run in (default: the 2.x `npm run dev` runs). */
	constructor(version?: string) {
		this.stack = new Stack(version ? { version } : {});
	}

	/** Started in beforeAll and stopped in afterAll, also when the start failed or timed out. */
	static forTests(version?: string): WorkflowsStack {
		const wf = new WorkflowsStack(version);
		beforeAll(() => wf.start(), START_TIMEOUT_MS);
		afterAll(() => wf.stop(), STOP_TIMEOUT_MS);
		return wf;
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
		const recorder = createServer((req, res) => {
			let text = '';
			req.on('data', (chunk) => (text += chunk));
			req.on('end', () => {
				this.recorded.push({
					method: req.method ?? '',
					url: req.url ?? '',
					body: text ? JSON.parse(text) : undefined,
				});
				res.writeHead(201, { 'content-type': 'application/json' });
				res.end(JSON.stringify({ id: '53117930208', properties: {}, archived: false }));
			});
		});
		this.recorder = this.cleanup.server('the HubSpot recorder', recorder);
		await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
		await this.stack.start();
		this.timezone = String((await this.stack.rest<IDataObject>('GET', '/settings')).timezone);
	}

	/** Stops n8n, the sandbox and the recorder, also while they are still starting. */
	async stop(): Promise<void> {
		await Promise.all([this.stack.stop(), this.cleanup.close()]);
	}

	/** Before each test: the sandbox as it starts, nothing recorded. */
	async reset(): Promise<void> {
		await this.sandbox('POST', 'reset', {});
		this.recorded = [];
	}

	/** The sandbox's control API, as another process would use it. */
	async sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
		const response = await fetch(`${this.stack.sandbox.url}/__sandbox/${path}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		expect(response.ok).toBe(true);
		return (await response.json()) as T;
	}
	apolloRequests = async () => await this.sandbox<SandboxRequest[]>('GET', 'requests');
	tasks = async () => await this.sandbox<SandboxTask[]>('GET', 'tasks');

	/** Apollo's own API on the sandbox, to set up the tasks a test needs. */
	async apollo(path: string, body: IDataObject): Promise<IDataObject> {
		const response = await fetch(`${this.stack.sandbox.url}/api/v1/${path}`, {
			method: 'POST',
			headers: { 'content-type': 'application/json', 'x-api-key': MASTER_KEY },
			body: JSON.stringify(body),
		});
		expect(response.status).toBe(200);
		return (await response.json()) as IDataObject;
	}
	createTasks = async (fields: IDataObject) =>
		(await this.apollo('tasks/bulk_create', fields)).tasks as SandboxTask[];

	/** The workflow as a user has it after importing the file and picking the Apollo credential. */
	imported(file: string, change: (workflow: WorkflowFile) => void = () => undefined): WorkflowFile {
		const workflow = readWorkflow(file);
		for (const node of workflow.nodes) {
			if (node.type.startsWith('n8n-nodes-apollo-tasks.'))
				node.credentials = { apolloTasksApi: this.stack.credential };
		}
		change(workflow);
		return workflow;
	}

	/** For a run: the HubSpot note request goes to the local recorder instead of HubSpot. */
	recordNoteRequest = (workflow: WorkflowFile) => {
		const node = nodeOf(workflow, 'Add the note in HubSpot');
		node.parameters.url = `http://127.0.0.1:${(this.recorder!.address() as AddressInfo).port}/crm/v3/objects/notes`;
		node.parameters.authentication = 'none';
	};

	async run(workflow: WorkflowFile, trigger: string): Promise<Execution> {
		const execution = await this.stack.runManually(
			{ ...workflow, name: `${workflow.name} (${Math.random().toString(36).slice(2, 8)})` },
			trigger,
		);
		if (execution.status !== 'success')
			throw new Error(
				`The run ended "${execution.status}": ${JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 800)}`,
			);
		return execution;
	}

	/** A date as the workflow's time zone shows it: `YYYY-MM-DD HH:mm`, and its weekday (1 = Monday). */
	local(instant: Date | string): { date: string; time: string; weekday: number } {
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-GB', {
				timeZone: this.timezone,
				year: 'numeric',
				month: '2-digit',
				day: '2-digit',
				hour: '2-digit',
				minute: '2-digit',
				hourCycle: 'h23',
				weekday: 'short',
			})
				.formatToParts(new Date(instant))
				.map((p) => [p.type, p.value]),
		);
		return {
			date: `${parts.year}-${parts.month}-${parts.day}`,
			time: `${parts.hour}:${parts.minute}`,
			weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1,
		};
	}
	/** The first Monday-to-Friday date after today, in the workflow's time zone. */
	nextWorkingDay(now = new Date()): string {
		for (let days = 1; ; days++) {
			const day = this.local(new Date(now.getTime() + days * 86_400_000));
			if (day.weekday <= 5) return day.date;
		}
	}
	/** Luxon's `toFormat(pattern)` for the two patterns the digest uses, in the workflow's time zone. */
	format(instant: Date | string, pattern: 'ccc d LLL' | 'cccc d LLLL'): string {
		const long = pattern === 'cccc d LLLL' ? 'long' : 'short';
		const parts = Object.fromEntries(
			new Intl.DateTimeFormat('en-US', {
				timeZone: this.timezone,
				weekday: long,
				day: 'numeric',
				month: long,
			})
				.formatToParts(new Date(instant))
				.map((p) => [p.type, p.value]),
		);
		return `${parts.weekday} ${parts.day} ${parts.month}`;
	}

	/** The node types this n8n has, as the editor loads them. */
	async nodeTypes() {
		if (!this.typesCache) {
			const response = await fetch(`${this.stack.url}/types/nodes.json`, {
				headers: { cookie: this.stack.session.cookie },
			});
			this.typesCache = (await response.json()) as typeof this.typesCache;
		}
		return this.typesCache!;
	}
}
