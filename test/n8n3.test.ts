import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import type { INodeTypeDescription } from 'n8n-workflow';

import { ApolloTasksApi } from '../credentials/ApolloTasksApi.credentials';
import { ApolloTasks } from '../nodes/ApolloTasks/ApolloTasks.node';
import { ApolloTasksTrigger } from '../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';

// What n8n 3.0 removes (n8n's "n8n 3.0 breaking changes" page and the rules of its Migration Report),
// checked against the package and its workflows. docs/n8n-3.md lists the same, by the names used here.
// n8n 3.x itself was not run: it ships only as a Docker image, and there is no Docker engine here.

const root = join(__dirname, '..');
const doc = readFileSync(join(root, 'docs', 'n8n-3.md'), 'utf8');

interface WorkflowNode {
	name: string;
	type: string;
	typeVersion: number;
	parameters: Record<string, unknown>;
	alwaysOutputData?: boolean;
	onError?: string;
}
interface Workflow {
	nodes: WorkflowNode[];
	settings?: { callerPolicy?: string };
}

const REMOVED_NODE_TYPES = [
	'n8n-nodes-base.function',
	'n8n-nodes-base.functionItem',
	'n8n-nodes-base.itemLists',
	'n8n-nodes-base.cron',
	'n8n-nodes-base.interval',
	'n8n-nodes-base.htmlExtract',
	'n8n-nodes-base.iCal',
	'n8n-nodes-base.moveBinaryData',
	'n8n-nodes-base.readBinaryFile',
	'n8n-nodes-base.readBinaryFiles',
	'n8n-nodes-base.writeBinaryFile',
	'n8n-nodes-base.readPDF',
	'n8n-nodes-base.workflowTrigger',
	'n8n-nodes-base.openAi',
	'n8n-nodes-base.orbit',
	'n8n-nodes-base.aiTransform',
	'@n8n/n8n-nodes-langchain.toolHttpRequest',
	'@n8n/n8n-nodes-langchain.toolSerpApi',
	'@n8n/n8n-nodes-langchain.manualChatTrigger',
	'@n8n/n8n-nodes-langchain.memoryChatRetriever',
	'@n8n/n8n-nodes-langchain.openAiAssistant',
	'@n8n/n8n-nodes-langchain.lmOpenAi',
	'@n8n/n8n-nodes-langchain.documentBinaryInputLoader',
	'@n8n/n8n-nodes-langchain.documentJsonInputLoader',
	'@n8n/n8n-nodes-langchain.documentGithubLoader',
	'@n8n/n8n-nodes-langchain.code',
	'@n8n/n8n-nodes-langchain.memoryMotorhead',
	'@n8n/n8n-nodes-langchain.memoryZep',
	'@n8n/n8n-nodes-langchain.vectorStoreZep',
	'@n8n/n8n-nodes-langchain.vectorStoreZepInsert',
	'@n8n/n8n-nodes-langchain.vectorStoreZepLoad',
	'@n8n/n8n-nodes-langchain.vectorStoreInMemoryInsert',
	'@n8n/n8n-nodes-langchain.vectorStoreInMemoryLoad',
	'@n8n/n8n-nodes-langchain.vectorStorePineconeInsert',
	'@n8n/n8n-nodes-langchain.vectorStorePineconeLoad',
	'@n8n/n8n-nodes-langchain.vectorStoreSupabaseInsert',
	'@n8n/n8n-nodes-langchain.vectorStoreSupabaseLoad',
];

/** Built-in nodes with more than one main output, where 3.0 changes Always Output Data. */
const MULTI_OUTPUT_NODE_TYPES = [
	'n8n-nodes-base.if',
	'n8n-nodes-base.switch',
	'n8n-nodes-base.splitInBatches',
	'n8n-nodes-base.compareDatasets',
];

/** Each removal as a saved workflow would use it: the nodes (or the settings) that do. */
const WORKFLOW_CHECKS: Array<[string, (workflow: Workflow) => string[]]> = [
	[
		'Removed nodes',
		(w) => w.nodes.filter((n) => REMOVED_NODE_TYPES.includes(n.type)).map((n) => n.name),
	],
	[
		'`$getPairedItem`',
		(w) => w.nodes.filter((n) => JSON.stringify(n).includes('$getPairedItem')).map((n) => n.name),
	],
	[
		"Execute Workflow's _Run once for each item_",
		(w) =>
			w.nodes
				.filter((n) => n.type === 'n8n-nodes-base.executeWorkflow' && n.parameters.mode === 'each')
				.map((n) => n.name),
	],
	[
		"Execute Workflow's _Local File_ and _URL_ sources",
		(w) =>
			w.nodes
				.filter(
					(n) =>
						n.type === 'n8n-nodes-base.executeWorkflow' &&
						['localFile', 'url'].includes(String(n.parameters.source)),
				)
				.map((n) => n.name),
	],
	[
		'The _Any workflow_ caller policy',
		(w) => (w.settings?.callerPolicy === 'any' ? ['settings.callerPolicy'] : []),
	],
	[
		'AI Agent version 1 and its agent types',
		(w) =>
			w.nodes
				.filter((n) => n.type === '@n8n/n8n-nodes-langchain.agent' && n.typeVersion < 2)
				.map((n) => n.name),
	],
	[
		'`$evaluateExpression()` in the Code node',
		(w) =>
			w.nodes
				.filter(
					(n) =>
						n.type === 'n8n-nodes-base.code' &&
						JSON.stringify(n.parameters).includes('$evaluateExpression'),
				)
				.map((n) => n.name),
	],
	[
		'Gmail Trigger below 1.4',
		(w) =>
			w.nodes
				.filter((n) => n.type === 'n8n-nodes-base.gmailTrigger' && n.typeVersion < 1.4)
				.map((n) => n.name),
	],
	[
		'Always Output Data on several outputs',
		(w) =>
			w.nodes
				.filter(
					(n) =>
						n.alwaysOutputData === true &&
						(n.onError === 'continueErrorOutput' || MULTI_OUTPUT_NODE_TYPES.includes(n.type)),
				)
				.map((n) => n.name),
	],
];

const workflowFiles = [
	...readdirSync(join(root, 'workflows')).map((f) => join('workflows', f)),
	...readdirSync(join(root, 'test', 'workflows'))
		.filter((f) => f.endsWith('.json'))
		.map((f) => join('test', 'workflows', f)),
	...readdirSync(join(root, 'test', 'workflows', 'cases')).map((f) =>
		join('test', 'workflows', 'cases', f),
	),
].filter((f) => f.endsWith('.json') && !f.endsWith('.expected.json'));

/** Every node and credential source file of the package. */
function sources(dir: string): string[] {
	return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.ts'))
		.map((entry) => join(entry.parentPath, entry.name));
}
const packageSources = [...sources('nodes'), ...sources('credentials')];

/** Each removal as node code would use it: the source files that do. */
const CODE_CHECKS: Array<[string, RegExp]> = [
	['`$getPairedItem`', /\$getPairedItem/],
	['The in-memory binary-data mode', /\bbinary\b|BinaryData/],
	[
		"n8n-workflow's deprecated request helpers",
		/helpers\.(request|requestWithAuthentication|requestOAuth1|requestOAuth2|copyBinaryFile|prepareOutputData)\b|IRequestOptions/,
	],
];

describe('n8n 3.0: nothing the package or its workflows use is removed', () => {
	const descriptions: INodeTypeDescription[] = [
		new ApolloTasks().description,
		new ApolloTasksTrigger().description,
	];

	it('`defaults.color`: no node sets it, and no icon is a Font Awesome one', () => {
		for (const description of descriptions) {
			expect(description.defaults).not.toHaveProperty('color');
			expect(JSON.stringify(description.icon)).not.toMatch(/fa:/);
		}
		expect(JSON.stringify(new ApolloTasksApi().icon)).not.toMatch(/fa:/);
	});

	it('Always Output Data on several outputs: each node has one main output', () => {
		for (const description of descriptions) expect(description.outputs).toEqual(['main']);
	});

	it.each(CODE_CHECKS)('%s: no node or credential source uses it', (_removed, pattern) => {
		expect(packageSources.length).toBeGreaterThan(20);
		expect(packageSources.filter((file) => pattern.test(readFileSync(file, 'utf8')))).toEqual([]);
	});

	it('`n8n-node dev` needs Docker in 3.x: no script of the package runs it', () => {
		const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
			scripts: Record<string, string>;
		};
		expect(
			Object.values(pkg.scripts).filter((s) => /n8n-node dev|custom-user-folder/.test(s)),
		).toEqual([]);
	});

	it.each(workflowFiles)('%s uses nothing 3.0 removes', (file) => {
		const workflow = JSON.parse(readFileSync(join(root, file), 'utf8')) as Workflow;
		expect(workflow.nodes.length).toBeGreaterThan(0);
		for (const [removed, find] of WORKFLOW_CHECKS)
			expect([removed, find(workflow)]).toEqual([removed, []]);
	});

	it('each check finds what it looks for', () => {
		const node = (type: string, more: Partial<WorkflowNode> = {}): WorkflowNode => ({
			name: type,
			type,
			typeVersion: 1,
			parameters: {},
			...more,
		});
		const old: Workflow = {
			settings: { callerPolicy: 'any' },
			nodes: [
				node('n8n-nodes-base.functionItem'),
				node('n8n-nodes-base.set', { parameters: { value: '={{ $getPairedItem() }}' } }),
				node('n8n-nodes-base.executeWorkflow', { parameters: { mode: 'each', source: 'url' } }),
				node('@n8n/n8n-nodes-langchain.agent'),
				node('n8n-nodes-base.code', { parameters: { jsCode: '$evaluateExpression("1")' } }),
				node('n8n-nodes-base.gmailTrigger', { typeVersion: 1.2 }),
				node('n8n-nodes-base.if', { alwaysOutputData: true }),
			],
		};
		for (const [removed, find] of WORKFLOW_CHECKS)
			expect([removed, find(old)]).not.toEqual([removed, []]);
		for (const [removed, pattern] of CODE_CHECKS)
			expect([
				removed,
				pattern.test('this.helpers.request(); $getPairedItem(); item.binary'),
			]).toEqual([removed, true]);
	});

	it('docs/n8n-3.md lists every removal checked here', () => {
		const names = [
			'`defaults.color`',
			'Always Output Data on several outputs',
			'`n8n-node dev`',
			...CODE_CHECKS.map(([removed]) => removed),
			...WORKFLOW_CHECKS.map(([removed]) => removed),
		];
		for (const name of names) expect([name, doc.includes(name)]).toEqual([name, true]);
		for (const type of REMOVED_NODE_TYPES) expect([type, doc.includes(type)]).toEqual([type, true]);
	});
});
