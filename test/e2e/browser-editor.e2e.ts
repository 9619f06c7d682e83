import { ApolloTasks } from '../../nodes/ApolloTasks/ApolloTasks.node';
import { findApolloTasksInCreator, openNode, openWorkflow, shot } from './browser-steps';
import { pickerTests } from './browser-pickers';
import { DevWalk } from './dev-walk';

// Plain JS helpers shared with `npm run dev`.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const restApi = require('../../scripts/lib/n8n-rest');

/**
 * A newcomer's path through `npm run dev` in a real browser, part two: the node creator, every Assigned
 * To, Search's modes, the Task picker (those three in browser-pickers.ts), Create from the node creator,
 * the credential test. Each test opens
 * its own page, and changes only workflows and credentials it made itself. The printed steps, the demos
 * and SIGTERM are in browser.e2e.ts.
 *
 * Screenshots go to test-results/screenshots; `SCREENSHOTS=docs/screenshots` renews the README's.
 */

// One `npm run dev` for the file; stopped also when its start failed or timed out.
const walk = DevWalk.forTests();

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
			'Complete task',
			'Create tasks',
			'Get task',
			'Search tasks',
			'Skip task',
			'Update task',
		]) {
			await page.getByText(action, { exact: true }).waitFor();
		}
		// After a first node, the trigger's events are folded under their heading.
		await page.getByText('Triggers (3)', { exact: true }).waitFor();
		await shot(page, 'node-panel');
	});

	pickerTests(walk);

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
