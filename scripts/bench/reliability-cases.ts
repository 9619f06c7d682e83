/**
 * The cases of `npm run reliability`: one workflow run through n8n's engine against the Apollo sandbox
 * with faults switched on, and what happened to every task and every read.
 */
import { createServer } from 'node:net';

import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withNodeSettings,
	withParameters,
	type WorkflowFile,
} from '../../test/harness/engine';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { ApolloSandbox } = require('../../../sandbox/server');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { MASTER_KEY } = require('../../../sandbox/keys');

export interface Row {
	fault: string;
	operation: string;
	requests: number;
	expected: number;
	exist: number;
	duplicates: number;
	lostReads: number | '';
	outcome: string;
}

export const sandbox = new ApolloSandbox({ tasks: 0, contacts: 300 });
const NODE = 'Apollo Tasks';

export async function closedPort(): Promise<number> {
	return await new Promise((resolve) => {
		const server = createServer();
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

function outcomeOf(
	error: Record<string, unknown> | undefined,
	errorItems: string[],
	complete: boolean,
): string {
	if (!error && errorItems.length === 0) return complete ? 'recovered' : 'INCOMPLETE WITHOUT ERROR';
	const message = String(error?.message ?? errorItems[0]);
	return `clear error: "${message}"`;
}

export async function createCase(
	fault: string,
	faults: object[],
	options: { items?: number; baseUrl?: string; timeout?: number; continueOnFail?: boolean } = {},
): Promise<Row> {
	const items = options.items ?? 250;
	sandbox.reset({ tasks: 0, contacts: 300 });
	for (const f of faults) sandbox.addFault(f);
	const note = `reliability ${fault}`;
	let workflow: WorkflowFile = withParameters(
		withItems(
			loadWorkflow('create-tasks.json'),
			sandbox.contacts.slice(0, items).map((c: { id: string }) => ({ contact_id: c.id })),
		),
		NODE,
		{
			additionalFields: { note },
			options: { maxRateLimitWait: 90, ...(options.timeout ? { timeout: options.timeout } : {}) },
		},
	);
	if (options.continueOnFail !== false)
		workflow = withNodeSettings(workflow, NODE, { continueOnFail: true });
	const result = await runWorkflow(workflow, {
		apolloTasksApi: { apiKey: MASTER_KEY, baseUrl: options.baseUrl ?? sandbox.url },
	});
	// A request the node gave up on may still be carried out by the server: count after it settled.
	const slowest = Math.max(
		0,
		...faults.map((f) => Number((f as { delayMs?: number }).delayMs ?? 0)),
	);
	if (slowest) await new Promise((resolve) => setTimeout(resolve, slowest + 500));
	const mine = sandbox.tasks.filter((t: { note: string }) => t.note === note);
	const perContact = new Map<string, number>();
	for (const task of mine)
		perContact.set(task.contact_id, (perContact.get(task.contact_id) ?? 0) + 1);
	const errorItems = result
		.output(NODE)
		.filter((i) => i.json.error)
		.map((i) => String(i.json.error));
	const created = result.output(NODE).filter((i) => !i.json.error).length;
	return {
		fault,
		operation: `create, ${items} items`,
		requests: sandbox.requests.length,
		expected: items,
		exist: mine.length,
		duplicates: [...perContact.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
		lostReads: '',
		outcome: outcomeOf(result.error(NODE), errorItems, created === items),
	};
}

export async function searchCase(fault: string, faults: object[], tasks = 2500): Promise<Row> {
	sandbox.reset({ tasks, contacts: 300 });
	for (const f of faults) sandbox.addFault(f);
	const workflow = withParameters(loadWorkflow('search-tasks.json'), NODE, {
		returnAll: true,
		options: { maxRateLimitWait: 90, timeout: 2 },
	});
	const result = await runWorkflow(workflow, {
		apolloTasksApi: { apiKey: MASTER_KEY, baseUrl: sandbox.url },
	});
	const ids = new Set(result.output(NODE).map((i) => i.json.id));
	const error = result.error(NODE);
	return {
		fault,
		operation: `search all, ${tasks} tasks`,
		requests: sandbox.requests.length,
		expected: tasks,
		exist: ids.size,
		duplicates: result.output(NODE).length - ids.size,
		lostReads: error ? '' : tasks - ids.size,
		outcome: outcomeOf(error, [], ids.size === tasks),
	};
}
