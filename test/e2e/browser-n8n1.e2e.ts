import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Page } from 'playwright-core';

import { Cleanup } from './cleanup';
import { N8N_VERSIONS, stackForTests, START_TIMEOUT_MS, STOP_TIMEOUT_MS } from './stack';
import { findApolloTasksInCreator } from './browser-steps';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OWNER } = require('../../scripts/lib/n8n-rest');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
const RESULTS = join(__dirname, '..', '..', 'test-results');
const VERSION = N8N_VERSIONS.find((v) => v.startsWith('1.'))!;

// Started once for the file; stopped also when the start failed or timed out.
const stack = stackForTests({ version: VERSION });
const browserCleanup = new Cleanup();
let page: Page;

beforeAll(async () => {
	if (!existsSync(CHROMIUM))
		throw new Error(
			`No headless Chromium at ${CHROMIUM}: install Debian's chromium-headless-shell (see .ci/run)`,
		);
	mkdirSync(RESULTS, { recursive: true });
	await stack.start();
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
	browserCleanup.add('headless Chromium', () => browser.close());
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
}, START_TIMEOUT_MS);

afterAll(() => browserCleanup.close(), STOP_TIMEOUT_MS);

// A smoke test of the editor of the older n8n line: the node is there and opens.
describe(`In a real browser, n8n ${VERSION}`, () => {
	it('logs in', async () => {
		await page.goto(`${stack.url}/signin`);
		await page
			.locator('input[name=emailOrLdapLoginId], input[name=email]')
			.first()
			.fill(OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
	});

	it('finds "Apollo Tasks" in the node panel and opens it', async () => {
		await findApolloTasksInCreator(page, stack.url);
		await page.keyboard.press('Enter');
		await page.getByText('Search tasks', { exact: true }).click();

		const ndv = page.locator('[data-test-id=ndv]');
		await ndv.waitFor();
		await ndv.getByText('Return All', { exact: true }).waitFor();
		await expect(
			page.locator('[data-test-id=node-credentials-select] input').inputValue(),
		).resolves.toBe('Apollo Tasks (sandbox)');
		await page.screenshot({ path: join(RESULTS, `n8n-${VERSION}-node.png`) });
	});
});
