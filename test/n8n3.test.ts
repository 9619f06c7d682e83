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

/** The names of the workflow's nodes that `uses`. */
const nodesThat = (workflow: Workflow, uses: (node: WorkflowNode) => boolean): string[] =>
	workflow.nodes.filter(uses).map((node) => node.name);
const isExecuteWorkflow = (n: WorkflowNode) => n.type === 'n8n-nodes-base.executeWorkflow';

/** Each removal as a saved workflow would use it: the nodes (or the settings) that do. */
const WORKFLOW_CHECKS: Array<[string, (workflow: Workflow) => string[]]> = [
	['Removed nodes', (w) => nodesThat(w, (n) => REMOVED_NODE_TYPES.includes(n.type))],
	['`$getPairedItem`', (w) => nodesThat(w, (n) => JSON.stringify(n).includes('$getPairedItem'))],
	[
		"Execute Workflow's _Run once for each item_",
		(w) => nodesThat(w, (n) => isExecuteWorkflow(n) && n.parameters.mode === 'each'),
	],
	[
		"Execute Workflow's _Local File_ and _URL_ sources",
		(w) =>
			nodesThat(
				w,
				(n) => isExecuteWorkflow(n) && ['localFile', 'url'].includes(String(n.parameters.source)),
			),
	],
	[
		'The _Any workflow_ caller policy',
		(w) => (w.settings?.callerPolicy === 'any' ? ['settings.callerPolicy'] : []),
	],
	[
		'AI Agent version 1 and its agent types',
		(w) => nodesThat(w, (n) => n.type === '@n8n/n8n-nodes-langchain.agent' && n.typeVersion < 2),
	],
	[
		'`$evaluateExpression()` in the Code node',
		(w) =>
			nodesThat(
				w,
				(n) =>
					n.type === 'n8n-nodes-base.code' &&
					JSON.stringify(n.parameters).includes('$evaluateExpression'),
			),
	],
	[
		'Gmail Trigger below 1.4',
		(w) => nodesThat(w, (n) => n.type === 'n8n-nodes-base.gmailTrigger' && n.typeVersion < 1.4),
	],
	[
		'Always Output Data on several outputs',
		(w) =>
			nodesThat(
				w,
				(n) =>
					n.alwaysOutputData === true &&
					(n.onError === 'continueErrorOutput' || MULTI_OUTPUT_NODE_TYPES.includes(n.type)),
			),
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

	const node = (type: string, more: Partial<WorkflowNode> = {}): WorkflowNode => ({
		name: `${type} ${JSON.stringify(more)}`,
		type,
		typeVersion: 1,
		parameters: {},
		...more,
	});
	/** For each check, a workflow that uses what it looks for, and nothing another check looks for. */
	const OLD_WORKFLOWS: Record<string, Workflow> = {
		'Removed nodes': { nodes: [node('n8n-nodes-base.functionItem')] },
		'`$getPairedItem`': {
			nodes: [node('n8n-nodes-base.set', { parameters: { value: '={{ $getPairedItem() }}' } })],
		},
		"Execute Workflow's _Run once for each item_": {
			nodes: [node('n8n-nodes-base.executeWorkflow', { parameters: { mode: 'each' } })],
		},
		"Execute Workflow's _Local File_ and _URL_ sources": {
			nodes: [node('n8n-nodes-base.executeWorkflow', { parameters: { source: 'url' } })],
		},
		'The _Any workflow_ caller policy': {
			settings: { callerPolicy: 'any' },
			nodes: [node('n8n-nodes-base.set')],
		},
		'AI Agent version 1 and its agent types': { nodes: [node('@n8n/n8n-nodes-langchain.agent')] },
		'`$evaluateExpression()` in the Code node': {
			nodes: [node('n8n-nodes-base.code', { parameters: { jsCode: '$evaluateExpression("1")' } })],
		},
		'Gmail Trigger below 1.4': {
			nodes: [node('n8n-nodes-base.gmailTrigger', { typeVersion: 1.2 })],
		},
		'Always Output Data on several outputs': {
			nodes: [
				node('n8n-nodes-base.if', { alwaysOutputData: true }),
				node('n8n-nodes-base.set', { alwaysOutputData: true, onError: 'continueErrorOutput' }),
			],
		},
	};

	it.each(WORKFLOW_CHECKS)(
		'%s: the check finds each node that uses it, and no other check does',
		(removed, find) => {
			const old = OLD_WORKFLOWS[removed];
			const expected = removed.includes('caller policy')
				? ['settings.callerPolicy']
				: old.nodes.map((n) => n.name);
			expect(find(old)).toEqual(expected);
			for (const [other, otherFind] of WORKFLOW_CHECKS)
				if (other !== removed) expect([other, otherFind(old)]).toEqual([other, []]);
		},
	);

	/** For each code check, a line that uses what it looks for, and nothing another check looks for. */
	const OLD_CODE: Record<string, string> = {
		'`$getPairedItem`': 'const pair = $getPairedItem(node, input, 0);',
		'The in-memory binary-data mode': "const data = Buffer.from(item.binary.data, 'base64');",
		"n8n-workflow's deprecated request helpers":
			"await this.helpers.requestWithAuthentication.call(this, 'apolloTasksApi', options);",
	};

	it.each(CODE_CHECKS)(
		'%s: the check finds code that uses it, and no other check does',
		(removed, pattern) => {
			expect(pattern.test(OLD_CODE[removed])).toBe(true);
			for (const [other, otherPattern] of CODE_CHECKS)
				if (other !== removed)
					expect([other, otherPattern.test(OLD_CODE[removed])]).toEqual([other, false]);
		},
	);

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
