/**
 * One measured run of one contender, in a fresh process so its peak memory is its own.
 * Prints one JSON line: { requests, ms, items, peakRssMb, baselineRssMb, payloadBytes? }.
 */
import { join } from 'node:path';

import type { INodeParameters, INodeType, IVersionedNodeType } from 'n8n-workflow';

import {
	loadWorkflow,
	runWorkflow,
	withItems,
	withParameters,
	type WorkflowFile,
} from '../../test/harness/engine';
import { registerNodeType } from '../../test/harness/nodeTypes';

const [contender, sandboxUrl, count] = process.argv.slice(2);
const KEY = 'sandbox-master-key';
const credentials = { apolloTasksApi: { apiKey: KEY, baseUrl: sandboxUrl } };

let peakRss = 0;
let peakHeap = 0;
const sample = () => {
	const usage = process.memoryUsage();
	peakRss = Math.max(peakRss, usage.rss);
	peakHeap = Math.max(peakHeap, usage.heapUsed);
};

async function requestCount(): Promise<number> {
	return ((await (await fetch(`${sandboxUrl}/__sandbox/state`)).json()) as { requests: number })
		.requests;
}

/** n8n's own HTTP Request node, from the n8n installed for `npm run dev`. */
function loadHttpRequestNode(): void {
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { n8nDir } = require('../../../scripts/lib/n8n');
	// eslint-disable-next-line @typescript-eslint/no-require-imports
	const { HttpRequest } = require(
		join(
			n8nDir(),
			'node_modules',
			'n8n-nodes-base',
			'dist',
			'nodes',
			'HttpRequest',
			'HttpRequest.node.js',
		),
	);
	registerNodeType(
		'n8n-nodes-base.httpRequest',
		new HttpRequest() as unknown as INodeType & IVersionedNodeType,
	);
}

function httpRequestWorkflow(parameters: INodeParameters, items: object[]): WorkflowFile {
	const base = loadWorkflow('search-tasks.json');
	const apollo = base.nodes.find((n) => n.name === 'Apollo Tasks')!;
	const http = {
		...apollo,
		name: 'Apollo Tasks',
		type: 'n8n-nodes-base.httpRequest',
		typeVersion: 4.2,
		credentials: undefined,
		parameters,
	};
	return withItems(
		{ ...base, nodes: base.nodes.map((n) => (n.name === 'Apollo Tasks' ? http : n)) },
		items,
	);
}

const header = {
	sendHeaders: true,
	headerParameters: { parameters: [{ name: 'x-api-key', value: KEY }] },
};

async function main(): Promise<void> {
	const baselineRss = process.memoryUsage().rss;
	const baselineHeap = process.memoryUsage().heapUsed;
	const timer = setInterval(sample, 5);
	const before = await requestCount();
	const started = performance.now();
	let items = 0;
	let payloadBytes: number | undefined;

	switch (contender) {
		case 'search:node': {
			const result = await runWorkflow(
				withParameters(loadWorkflow('search-tasks.json'), 'Apollo Tasks', { returnAll: true }),
				credentials,
			);
			if (result.error('Apollo Tasks'))
				throw new Error(String(result.error('Apollo Tasks')!.message));
			items = result.output('Apollo Tasks').length;
			break;
		}
		case 'search:raw': {
			const tasks: unknown[] = [];
			payloadBytes = 0;
			for (let page = 1; ; page++) {
				const response = await fetch(`${sandboxUrl}/api/v1/tasks/search`, {
					method: 'POST',
					headers: { 'content-type': 'application/json', 'x-api-key': KEY },
					body: JSON.stringify({ page, per_page: 100 }),
				});
				const text = await response.text();
				payloadBytes += Buffer.byteLength(text);
				const body = JSON.parse(text) as { tasks: unknown[]; pagination: { total_pages: number } };
				for (const task of body.tasks) tasks.push(task);
				if (page >= body.pagination.total_pages) break;
			}
			items = tasks.length;
			break;
		}
		case 'search:http-request-node': {
			loadHttpRequestNode();
			const workflow = httpRequestWorkflow(
				{
					method: 'POST',
					url: `${sandboxUrl}/api/v1/tasks/search`,
					...header,
					sendBody: true,
					bodyParameters: { parameters: [{ name: 'per_page', value: '100' }] },
					options: {
						pagination: {
							pagination: {
								paginationMode: 'updateAParameterInEachRequest',
								parameters: {
									parameters: [{ type: 'body', name: 'page', value: '={{ $pageCount + 1 }}' }],
								},
								paginationCompleteWhen: 'other',
								completeExpression:
									'={{ $response.body.pagination.page >= $response.body.pagination.total_pages }}',
								limitPagesFetched: true,
								maxRequests: 500,
							},
						},
					},
				},
				[{}],
			);
			const result = await runWorkflow(workflow, credentials);
			if (result.error('Apollo Tasks'))
				throw new Error(String(result.error('Apollo Tasks')!.message));
			items = result
				.output('Apollo Tasks')
				.reduce((sum, page) => sum + ((page.json.tasks as unknown[]) ?? []).length, 0);
			break;
		}
		case 'create:node':
		case 'create:node-batch-1': {
			const contacts = (await (await fetch(`${sandboxUrl}/__sandbox/contacts`)).json()) as {
				id: string;
			}[];
			const users = (await (await fetch(`${sandboxUrl}/__sandbox/users`)).json()) as {
				id: string;
			}[];
			const input = Array.from({ length: Number(count) }, (_, i) => ({
				contact_id: contacts[i % contacts.length].id,
			}));
			const workflow = withParameters(
				withItems(loadWorkflow('create-tasks.json'), input),
				'Apollo Tasks',
				{
					userId: { __rl: true, mode: 'id', value: users[0].id },
					additionalFields: { note: 'Benchmark' },
					options: contender === 'create:node-batch-1' ? { batchSize: 1 } : {},
				},
			);
			const result = await runWorkflow(workflow, credentials);
			if (result.error('Apollo Tasks'))
				throw new Error(String(result.error('Apollo Tasks')!.message));
			items = result.output('Apollo Tasks').length;
			break;
		}
		case 'create:http-request-node': {
			loadHttpRequestNode();
			const contacts = (await (await fetch(`${sandboxUrl}/__sandbox/contacts`)).json()) as {
				id: string;
			}[];
			const users = (await (await fetch(`${sandboxUrl}/__sandbox/users`)).json()) as {
				id: string;
			}[];
			const input = Array.from({ length: Number(count) }, (_, i) => ({
				contact_id: contacts[i % contacts.length].id,
			}));
			const workflow = httpRequestWorkflow(
				{
					method: 'POST',
					url: `${sandboxUrl}/api/v1/tasks`,
					...header,
					sendBody: true,
					specifyBody: 'json',
					jsonBody: `={{ JSON.stringify({ user_id: '${users[0].id}', contact_id: $json.contact_id, type: 'call', priority: 'high', note: 'Benchmark' }) }}`,
					options: {},
				},
				input,
			);
			const result = await runWorkflow(workflow, credentials);
			if (result.error('Apollo Tasks'))
				throw new Error(String(result.error('Apollo Tasks')!.message));
			items = result.output('Apollo Tasks').length;
			break;
		}
		default:
			throw new Error(`Unknown contender ${contender}`);
	}

	const ms = performance.now() - started;
	sample();
	clearInterval(timer);
	const requests = (await requestCount()) - before;
	console.log(
		JSON.stringify({
			contender,
			requests,
			ms,
			items,
			peakRssMb: peakRss / 2 ** 20,
			baselineRssMb: baselineRss / 2 ** 20,
			heapGrowthMb: (peakHeap - baselineHeap) / 2 ** 20,
			payloadBytes,
		}),
	);
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
