import { join, resolve } from 'node:path';

import type { Page } from 'playwright-core';

export const ROOT = join(__dirname, '..', '..');
/** Screenshots go to test-results/screenshots; `SCREENSHOTS=docs/screenshots` renews the README's. */
export const SCREENSHOTS = resolve(
	ROOT,
	process.env.SCREENSHOTS ?? join('test-results', 'screenshots'),
);

export const shot = async (page: Page, name: string) =>
	await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });

/**
 * The steps a user takes to reach "Apollo Tasks" in n8n's node creator: a new workflow, a Manual Trigger,
 * then the creator opened from the trigger's + and searched for the node. Leaves the creator open on it.
 */
export async function findApolloTasksInCreator(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/new`);
	await page.click('[data-test-id=canvas-add-button]');
	await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
	await page.keyboard.type('Manual');
	await page
		.locator('[data-test-id=node-creator-item-name]', { hasText: 'Manual Trigger' })
		.waitFor();
	await page.keyboard.press('Enter');
	await page.click('[data-test-id=canvas-handle-plus]');
	await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
	await page.keyboard.type('Apollo Tasks');
	await page
		.locator('[data-test-id=node-creator-item-name]', { hasText: /^Apollo Tasks$/ })
		.waitFor();
}

/** Polls `check` until it returns something, for at most `timeoutMs`. */
export async function waitFor<T>(
	check: () => Promise<T | undefined>,
	what: string,
	timeoutMs = 30_000,
): Promise<T> {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value !== undefined) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((done) => setTimeout(done, 250));
	}
}

export async function openWorkflow(page: Page, url: string): Promise<void> {
	await page.goto(url);
	await page.locator('[data-test-id=canvas-node]').first().waitFor({ timeout: 60_000 });
}

export const canvasNode = (page: Page, name: string) =>
	page.locator(`[data-test-id=canvas-node][data-node-name="${name}"]`);

export async function openNode(page: Page, name: string) {
	await canvasNode(page, name).dblclick();
	const ndv = page.locator('[data-test-id=ndv]');
	await ndv.waitFor();
	return ndv;
}

/** Clicks the entry of the open dropdown whose text starts with `name` (entries may carry a description). */
export async function choose(page: Page, name: string): Promise<void> {
	await page
		.locator('.el-select-dropdown__item:visible', { hasText: new RegExp(`^${name}`) })
		.first()
		.click();
}
