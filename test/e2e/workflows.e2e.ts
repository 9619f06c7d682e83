/**
 * The ready-made workflows in `workflows/` in a real n8n: the files the README lists, imported with n8n's
 * own importer, with node types, versions and parameter names this n8n has. Their runs against the Apollo
 * sandbox are in workflows-run.e2e.ts, on an n8n of its own.
 *
 * The files are checked in each n8n version the package supports. Each workflow is also opened in headless
 * Chromium on the 2.x n8n, and its canvas saved to test-results/screenshots (`SCREENSHOTS=docs/screenshots`
 * renews the README's `workflow-*.png`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { SCREENSHOTS } from './browser-steps';
import {
	CRM_CREDENTIALS,
	FILES,
	readWorkflow,
	unknownParameters,
	WORKFLOWS,
	type WorkflowFile,
} from './workflow-files';
import { Cleanup } from './cleanup';
import { START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './stack';
import { WorkflowsStack } from './workflows-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OWNER } = require('../../scripts/lib/n8n-rest');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';

describe.each(n8n.N8N_VERSIONS as string[])('The workflows in workflows/, in n8n %s', (version) => {
	// Started once for these tests; stopped also when the start failed or timed out.
	const wf = WorkflowsStack.forTests(version);

	beforeEach(async () => {
		await wf.reset();
	});

	it('are the five files the README describes', () => {
		expect(
			readdirSync(WORKFLOWS)
				.filter((f) => f.endsWith('.json'))
				.sort(),
		).toEqual(Object.values(FILES).sort());
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		expect(Object.values(FILES).filter((file) => !readme.includes(`](workflows/${file})`))).toEqual(
			[],
		);
	});

	it("import with n8n's own importer (`n8n import:workflow --separate --input=workflows/`), pinned data and all", async () => {
		const importer = wf.stack.startProcess([
			'import:workflow',
			'--separate',
			`--input=${WORKFLOWS}`,
		]);
		const code = await new Promise<number | null>((resolve) =>
			importer.once('exit', (exitCode) => resolve(exitCode)),
		);
		expect({ code, output: code === 0 ? '' : wf.stack.logs().slice(-2000) }).toEqual({
			code: 0,
			output: '',
		});
		const list = await wf.stack.rest<Array<{ id: string; name: string }>>('GET', '/workflows');
		for (const file of Object.values(FILES)) {
			const workflow = readWorkflow(file);
			const found = list.find((w) => w.name === workflow.name);
			expect({ file, imported: found !== undefined }).toEqual({ file, imported: true });
			const stored = await wf.stack.rest<WorkflowFile>('GET', `/workflows/${found!.id}`);
			expect(stored.nodes.map((n) => [n.name, n.type, n.typeVersion, n.parameters])).toEqual(
				workflow.nodes.map((n) => [n.name, n.type, n.typeVersion, n.parameters]),
			);
			expect(stored.pinData).toEqual(workflow.pinData);
		}
	});

	it.each(Object.values(FILES))(
		'%s uses node types, versions and parameter names this n8n has',
		async (file) => {
			const types = await wf.nodeTypes();
			for (const node of readWorkflow(file).nodes) {
				const type = types.find(
					(t) => t.name === node.type && [t.version].flat().includes(node.typeVersion),
				);
				expect({ node: node.name, known: type !== undefined }).toEqual({
					node: node.name,
					known: true,
				});
				expect({
					node: node.name,
					unknown: unknownParameters(node.parameters, type!.properties),
				}).toEqual({ node: node.name, unknown: [] });
			}
		},
	);
});

describe(`The workflow canvases in n8n ${n8n.N8N_VERSION}`, () => {
	const wf = WorkflowsStack.forTests();
	const browserCleanup = new Cleanup();
	let browser: import('playwright-core').Browser;
	let page: import('playwright-core').Page;
	const connected = new Map<string, { id: string; name: string }>();

	/** The canvas as it looks once the accounts are connected: a credential of each kind the nodes ask for. */
	async function withAccounts(workflow: WorkflowFile): Promise<WorkflowFile> {
		for (const node of workflow.nodes) {
			const type = CRM_CREDENTIALS[node.type];
			if (!type) continue;
			if (!connected.has(type)) {
				const saved = await wf.stack.rest<{ id: string; name: string }>('POST', '/credentials', {
					name: `${type} (placeholder)`,
					type,
					data: {},
				});
				connected.set(type, { id: saved.id, name: saved.name });
			}
			node.credentials = { [type]: connected.get(type)! };
		}
		return workflow;
	}

	beforeAll(async () => {
		await wf.start();
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { chromium } = require('playwright-core') as typeof import('playwright-core');
		browser = await chromium.launch({
			executablePath: CHROMIUM,
			args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
		});
		browserCleanup.add('headless Chromium', () => browser.close());
		page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
		await page.goto(`${wf.stack.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
	}, START_TIMEOUT_MS);

	afterAll(() => browserCleanup.close(), STOP_TIMEOUT_MS);

	it.each(Object.entries(FILES))(
		'%s opens in the editor with every node on the canvas',
		async (key, file) => {
			const workflow = await withAccounts(wf.imported(file));
			const saved = await wf.stack.createWorkflow(workflow);
			await page.goto(`${wf.stack.url}/workflow/${saved.id}`);
			await page.locator('[data-test-id=canvas-node]').first().waitFor();
			await page.keyboard.press('1');
			await page.waitForTimeout(800);
			const names = await page
				.locator('[data-test-id=canvas-node]')
				.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-node-name')));
			const expected = workflow.nodes
				.filter((node) => node.type !== 'n8n-nodes-base.stickyNote')
				.map((node) => node.name);
			expect(expected.filter((name) => !names.includes(name))).toEqual([]);
			await page.screenshot({ path: join(SCREENSHOTS, `workflow-${key}.png`) });
		},
	);
});
