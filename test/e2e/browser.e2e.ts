import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

import { chromium, type Browser, type Page } from 'playwright-core';

import { Stack } from './stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OWNER } = require('../../scripts/lib/n8n-rest');

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');

let stack: Stack;
let browser: Browser;
let page: Page;

const shot = async (name: string) => await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

beforeAll(async () => {
	if (!existsSync(CHROMIUM)) throw new Error(`No headless Chromium at ${CHROMIUM}: install Debian's chromium-headless-shell (see .ci/run)`);
	mkdirSync(SCREENSHOTS, { recursive: true });
	stack = await Stack.start({ sandbox: { users: 4 } });
	browser = await chromium.launch({
		executablePath: CHROMIUM,
		args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
	});
	page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
});

afterAll(async () => {
	await browser?.close();
	await stack?.stop();
});

describe('In a real browser', () => {
	it('logs in', async () => {
		await page.goto(`${stack.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
	});

	it('finds "Apollo Tasks" in the node panel with all its actions', async () => {
		await page.goto(`${stack.url}/workflow/new`);
		await page.click('[data-test-id=canvas-add-button]');
		await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
		await page.keyboard.type('Manual');
		await page.locator('[data-test-id=node-creator-item-name]', { hasText: 'Manual Trigger' }).waitFor();
		await page.keyboard.press('Enter');
		await page.click('[data-test-id=canvas-handle-plus]');
		await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
		await page.keyboard.type('Apollo Tasks');
		await page.locator('[data-test-id=node-creator-item-name]', { hasText: /^Apollo Tasks$/ }).waitFor();
		await expect(page.locator('[data-test-id=node-creator-item-name]').allInnerTexts()).resolves.toEqual(['Apollo Tasks']);
		await page.keyboard.press('Enter');
		for (const action of ['Complete a task', 'Create tasks', 'Get a task', 'Search tasks', 'Skip a task', 'Update a task']) {
			await page.getByText(action, { exact: true }).waitFor();
		}
		await shot('node-panel');
	});

	it('fills Create, with the assignee picked from the sandbox users, and executes it', async () => {
		await page.getByText('Create tasks', { exact: true }).click();
		await page.locator('[data-test-id=ndv]').waitFor();
		await expect(page.locator('[data-test-id=node-credentials-select] input').inputValue()).resolves.toBe('Apollo Tasks (sandbox)');

		await page.click('[data-test-id=rlc-input]');
		const users = page.locator('[data-test-id=rlc-item]');
		await users.first().waitFor();
		await expect(users.allInnerTexts()).resolves.toEqual(stack.sandbox.users.map((u) => `${u.name} (${u.email})`));
		await shot('assignee-picker');
		await users.nth(1).click();

		const contacts = stack.sandbox.contacts.slice(0, 2).map((c) => c.id);
		await page.locator('[data-test-id=parameter-input-contactIds] input').fill(contacts.join(', '));
		await page.click('[data-test-id=node-execute-button]');
		await page.locator('[data-test-id=node-run-status-success]').waitFor({ timeout: 30_000 });
		await expect(page.locator('[data-test-id=ndv-items-count]').innerText()).resolves.toBe('2 items');
		await shot('create-output');

		const created = stack.sandbox.requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(created).toHaveLength(1);
		expect(created[0].body).toMatchObject({ user_id: stack.sandbox.users[1].id, contact_ids: contacts, type: 'call', priority: 'medium' });
	});

	it('tests the credential: success, then a wrong key with a message that says so', async () => {
		await page.click('[data-test-id=credential-edit-button]');
		await page.locator('[data-test-id=credentials-config-container-test-success]').waitFor({ timeout: 30_000 });
		await shot('credential-ok');

		await page.locator('[data-test-id=parameter-input-apiKey] input').fill('a-wrong-key');
		await page.click('[data-test-id=credential-save-button]');
		await page.getByText('Couldn’t connect with these settings').waitFor({ timeout: 30_000 });
		await page.getByText('More details').click();
		const failure = page.getByText(/Apollo rejected this API key: it is wrong or was revoked/);
		await failure.waitFor({ timeout: 30_000 });
		await shot('credential-wrong-key');
	});
});
