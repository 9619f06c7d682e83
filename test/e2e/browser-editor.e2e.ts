import type { Page } from 'playwright-core';

import { ApolloTasks } from '../../nodes/ApolloTasks/ApolloTasks.node';
import { STATUSES, TASK_TYPES } from '../../nodes/ApolloTasks/shared/values';
import {
	choose,
	findApolloTasksInCreator,
	openNode,
	openWorkflow,
	shot,
	waitFor,
} from './browser-steps';
import { DevWalk, userLabel } from './dev-walk';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restApi = require('../../scripts/lib/n8n-rest');

/**
 * A newcomer's path through `npm run dev` in a real browser, part two: the node creator, every Assigned
 * To, Search's modes, the Task picker, Create from the node creator, the credential test. Each test opens
 * its own page, and changes only workflows and credentials it made itself. The printed steps, the demos
 * and SIGTERM are in browser.e2e.ts.
 *
 * Screenshots go to test-results/screenshots; `SCREENSHOTS=docs/screenshots` renews the README's.
 */

let walk: DevWalk;

beforeAll(async () => {
	walk = await DevWalk.start();
}, 300_000);

afterAll(async () => {
	await walk?.stop();
});

describe('A newcomer on `npm run dev`, in a real browser', () => {
	it('finds "Apollo Tasks" in the node creator, described with its own text, with its triggers and actions', async () => {
		const page = await walk.newPage();
		await findApolloTasksInCreator(page, walk.dev.url);

		const ownText = new ApolloTasks().description.description;
		await expect(
			page.locator('[data-test-id=node-creator-item-name]').allInnerTexts(),
		).resolves.toEqual(['Apollo Tasks']);
		await expect(
			page.locator('[data-test-id=node-creator-item-description]').allInnerTexts(),
		).resolves.toEqual([ownText]);
		await page.keyboard.press('Enter');
		// The node's details above its triggers and actions, with the same text.
		await page
			.locator('[data-test-id=node-creator]')
			.getByText('Node details', { exact: true })
			.waitFor();
		const exactly = new RegExp(`^${ownText.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
		await expect(
			page.locator('[data-test-id=node-creator] span').filter({ hasText: exactly }).count(),
		).resolves.toBe(1);
		for (const action of [
			'Complete a task',
			'Create tasks',
			'Get a task',
			'Search tasks',
			'Skip a task',
			'Update a task',
		]) {
			await page.getByText(action, { exact: true }).waitFor();
		}
		// After a first node, the trigger's events are folded under their heading.
		await page.getByText('Triggers (3)', { exact: true }).waitFor();
		await shot(page, 'node-panel');
	});

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

	it('fills Create with an assignee picked from the list and executes it', async () => {
		const page = await walk.newPage();
		await walk.addApolloAction(page, 'Create tasks');
		await expect(
			page.locator('[data-test-id=node-credentials-select] input').inputValue(),
		).resolves.toBe(walk.credential.name);

		await page.locator('[data-test-id=resource-locator-userId] [data-test-id=rlc-input]').click();
		const items = page.locator('[data-test-id=rlc-item]');
		await items.first().waitFor();
		await items.nth(1).click();

		const contacts = (await walk.sandbox<Array<{ id: string }>>('contacts'))
			.slice(20, 22)
			.map((c) => c.id);
		await page.locator('[data-test-id=parameter-input-contactIds] input').fill(contacts.join(', '));
		await walk.sandbox('requests', 'DELETE');
		await page.click('[data-test-id=node-execute-button]');
		await page.locator('[data-test-id=node-run-status-success]').waitFor({ timeout: 30_000 });
		await expect(page.locator('[data-test-id=ndv-items-count]').innerText()).resolves.toBe(
			'2 items',
		);
		await page.getByText('Node executed successfully').waitFor();
		await shot(page, 'create-output');

		const created = (
			await walk.sandbox<Array<{ path: string; body: Record<string, unknown> }>>('requests')
		).filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(created).toHaveLength(1);
		expect(created[0].body).toMatchObject({
			user_id: walk.users[1].id,
			contact_ids: contacts,
			type: 'call',
			priority: 'medium',
		});
	});

	it('tests the credential: success, then a wrong key with a message that says so', async () => {
		// A credential of this test's own: it ends up with a wrong key.
		const own = await restApi.createCredential(
			walk.dev.url,
			walk.session,
			'Apollo Tasks (key test)',
			{ apiKey: 'sandbox-master-key', baseUrl: walk.dev.sandboxUrl },
		);
		const page = await walk.newPage();
		await openWorkflow(
			page,
			await walk.workflowOf(
				'Credential test',
				[{ name: 'Search', parameters: { resource: 'task', operation: 'search' } }],
				own,
			),
		);
		await openNode(page, 'Search');
		await page.click('[data-test-id=credential-edit-button]');
		await page
			.locator('[data-test-id=credentials-config-container-test-success]')
			.waitFor({ timeout: 30_000 });
		await shot(page, 'credential-ok');

		await page.locator('[data-test-id=parameter-input-apiKey] input').fill('a-wrong-key');
		await page.click('[data-test-id=credential-save-button]');
		await page.getByText('Couldn’t connect with these settings').waitFor({ timeout: 30_000 });
		await page.getByText('More details').click();
		await page
			.getByText(/Apollo rejected this API key: it is wrong or was revoked/)
			.waitFor({ timeout: 30_000 });
		await shot(page, 'credential-wrong-key');
	});
});
