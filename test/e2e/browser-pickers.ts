import type { Page } from 'playwright-core';

import { STATUSES, TASK_TYPES } from '../../nodes/ApolloTasks/shared/values';
import { choose, openNode, openWorkflow, shot, waitFor } from './browser-steps';
import { userLabel, type DevWalk } from './dev-walk';

/**
 * The editor's pickers on `npm run dev`: Apollo's users in every Assigned To, what Search shows for Task
 * Type Counts, the Task picker's labels and search. Registered by browser-editor.e2e.ts on its walk.
 */
export function pickerTests(walk: DevWalk): void {
	describe("offers Apollo's users in every Assigned To", () => {
		const expectUsers = async (page: Page) => {
			await page
				.locator(
					'[data-test-id=ndv] [data-test-id=resource-locator-userId] [data-test-id=rlc-input]',
				)
				.click();
			const items = page.locator('[data-test-id=rlc-item]');
			await items.first().waitFor({ timeout: 30_000 });
			await expect(items.allInnerTexts()).resolves.toEqual(walk.users.map(userLabel));
		};

		it('Create', async () => {
			const page = await walk.newPage();
			await openWorkflow(
				page,
				await walk.workflowOf('Assigned To on Create', [
					{ name: 'Create', parameters: { resource: 'task', operation: 'create' } },
				]),
			);
			await openNode(page, 'Create');
			await expectUsers(page);
			await shot(page, 'assignee-picker');
		});

		it.each([
			[
				'Search > Filters',
				'Search',
				{ resource: 'task', operation: 'search' },
				'Add Filter',
				undefined,
			],
			[
				'Update > Update Fields',
				'Update',
				{ resource: 'task', operation: 'update' },
				'Add Field',
				undefined,
			],
			[
				'the trigger > Filters',
				'Trigger',
				{ event: 'newTask' },
				'Add Filter',
				'n8n-nodes-apollo-tasks.apolloTasksTrigger',
			],
		])('%s', async (_where, name, parameters, addButton, type) => {
			const page = await walk.newPage();
			await openWorkflow(
				page,
				await walk.workflowOf(`Assigned To in ${name}`, [{ name, type, parameters }]),
			);
			const ndv = await openNode(page, name);
			await ndv.locator(`input[placeholder="${addButton}"]`).click();
			await choose(page, 'Assigned To');
			await expectUsers(page);
		});
	});

	it('hides Return All, Limit and Simplify when Search outputs Task Type Counts', async () => {
		const page = await walk.newPage();
		await openWorkflow(
			page,
			await walk.workflowOf('Task Type Counts', [
				{
					name: 'Search',
					parameters: {
						resource: 'task',
						operation: 'search',
						options: { sortByField: 'task_due_at' },
					},
				},
			]),
		);
		const ndv = await openNode(page, 'Search');
		const shown = async (name: string) =>
			await ndv.locator(`[data-test-id=parameter-input-${name}]`).count();
		for (const name of ['returnAll', 'limit', 'simplify'])
			await expect(shown(name)).resolves.toBe(1);

		await ndv.locator('[data-test-id=parameter-input-output]').click();
		await choose(page, 'Task Type Counts');
		await expect(
			ndv.locator('[data-test-id=parameter-input-output] input').inputValue(),
		).resolves.toBe('Task Type Counts');
		for (const name of ['returnAll', 'limit', 'simplify'])
			await expect(shown(name)).resolves.toBe(0);
		await shot(page, 'search-type-counts');
	});

	it('offers Output on Search in version 2: Simplified by default, Fields only for Selected Fields, no Simplify', async () => {
		const page = await walk.newPage();
		await openWorkflow(
			page,
			await walk.workflowOf('Search output', [
				{
					name: 'Search',
					typeVersion: 2,
					parameters: { resource: 'task', operation: 'search' },
				},
			]),
		);
		const ndv = await openNode(page, 'Search');
		const shown = async (name: string) =>
			await ndv.locator(`[data-test-id=parameter-input-${name}]`).count();
		const output = ndv.locator('[data-test-id=parameter-input-output]');
		await expect(output.locator('input').inputValue()).resolves.toBe('Simplified');
		await expect(shown('simplify')).resolves.toBe(0);
		await expect(shown('fields')).resolves.toBe(0);

		await output.click();
		await choose(page, 'Selected Fields');
		await expect(output.locator('input').inputValue()).resolves.toBe('Selected Fields');
		await expect(shown('fields')).resolves.toBe(1);
		await shot(page, 'search-output-fields');
	});

	it('labels tasks in the Task picker "Status · Type · Contact · due date" with Apollo\'s type names, and finds them by status', async () => {
		const page = await walk.newPage();
		await openWorkflow(
			page,
			await walk.workflowOf('Task picker', [
				{ name: 'Get', parameters: { resource: 'task', operation: 'get' } },
			]),
		);
		const ndv = await openNode(page, 'Get');
		await ndv.locator('[data-test-id=resource-locator-taskId] [data-test-id=rlc-input]').click();
		const items = page.locator('[data-test-id=rlc-item]');
		await items.first().waitFor({ timeout: 30_000 });

		const either = (names: readonly { name: string }[]) =>
			names.map((n) => n.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|');
		const label = new RegExp(
			`^(${either(STATUSES)}) · (${either(TASK_TYPES)}) · .+ · (due \\d{4}-\\d{2}-\\d{2}|no due date)$`,
		);
		const labels = await items.allInnerTexts();
		expect(labels.length).toBeGreaterThan(10);
		for (const text of labels) expect(text).toMatch(label);
		await shot(page, 'task-picker');

		await page.keyboard.type('skipped');
		const found = await waitFor(async () => {
			const texts = await items.allInnerTexts();
			return texts.length > 0 && texts.every((text) => text.startsWith('Skipped · '))
				? texts
				: undefined;
		}, 'the tasks found by "skipped"');
		expect(found.length).toBeGreaterThan(0);
	});
}
