import type { Page } from 'playwright-core';

/**
 * The steps a user takes to reach "Apollo Tasks" in n8n's node creator: a new workflow, a Manual Trigger,
 * then the creator opened from the trigger's + and searched for the node. Leaves the creator open on it.
 */
export async function findApolloTasksInCreator(page: Page, n8nUrl: string): Promise<void> {
	await page.goto(`${n8nUrl}/workflow/new`);
	await page.click('[data-test-id=canvas-add-button]');
	await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
	await page.keyboard.type('Manual');
	await page.locator('[data-test-id=node-creator-item-name]', { hasText: 'Manual Trigger' }).waitFor();
	await page.keyboard.press('Enter');
	await page.click('[data-test-id=canvas-handle-plus]');
	await page.locator('[data-test-id=node-creator-search-bar]').waitFor();
	await page.keyboard.type('Apollo Tasks');
	await page.locator('[data-test-id=node-creator-item-name]', { hasText: /^Apollo Tasks$/ }).waitFor();
}
