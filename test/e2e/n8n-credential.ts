import { MASTER_KEY } from '../../sandbox/keys';
import { workflowWith } from './execution';
import type { Stack } from './stack';

const NODE = 'Apollo Tasks';

/**
 * n8n's own credential test as the credential dialog runs it, and the Base URL checks that keep the key
 * at home: registered by n8n.e2e.ts, once for each n8n version, on its stack.
 */
export function credentialTests(stack: Stack): void {
	describe("the credential test (n8n's own, as the credential dialog runs it)", () => {
		it('passes for a master key on the sandbox', async () => {
			expect(
				await stack.testCredential({ apiKey: MASTER_KEY, baseUrl: stack.sandbox.url }),
			).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(stack.sandbox.requests.map((r) => r.path)).toEqual(['/api/v1/tasks/search']);
		});

		it.each([
			[
				'http://example.com',
				/must use https\. The API key travels in every request, so plain http is allowed only for localhost/,
			],
			[
				'https://169.254.169.254',
				/points at a cloud metadata address\. The API key would be sent there/,
			],
			['https://metadata.google.internal', /points at a cloud metadata address/],
		])('refuses %s without sending anything, and says why', async (baseUrl, message) => {
			const result = await stack.testCredential({ apiKey: MASTER_KEY, baseUrl });

			expect(result.status).toBe('Error');
			expect(result.message).toMatch(message);
			expect(result.message).not.toContain(MASTER_KEY);
			expect(stack.sandbox.requests).toEqual([]);
			// n8n's outbound traffic goes through a proxy on this machine that answers nothing: it saw nothing.
			expect(stack.outbound).toEqual([]);
		});

		it('the node refuses a metadata Base URL the same way, before any request', async () => {
			const credential = await stack.saveCredential(
				`Apollo at a metadata address (${Math.random()})`,
				MASTER_KEY,
				'https://169.254.169.254',
			);
			const execution = await stack.runManually(
				workflowWith(`e2e metadata ${Math.random()}`, credential, [{}], {
					resource: 'task',
					operation: 'search',
					returnAll: false,
					limit: 5,
					filters: {},
					options: {},
				}),
				'Start',
			);

			expect(execution.error(NODE)).toMatchObject({
				message: expect.stringMatching(/points at a cloud metadata address/),
			});
			expect(stack.outbound).toEqual([]);
		});

		it("(n8n's requests off this machine do reach the trap proxy, so the checks above would see one)", async () => {
			const workflow = workflowWith(`e2e trap ${Math.random()}`, stack.credential, [{}], {}, {});
			const nodes = workflow.nodes as Record<string, unknown>[];
			nodes[2] = {
				id: 'n3',
				name: 'HTTP Request',
				type: 'n8n-nodes-base.httpRequest',
				typeVersion: 4.2,
				position: [400, 0],
				parameters: { url: 'http://apollo-tasks-trap.invalid/ping', options: {} },
				onError: 'continueRegularOutput',
			};
			(workflow.connections as Record<string, unknown>).Items = {
				main: [[{ node: 'HTTP Request', type: 'main', index: 0 }]],
			};
			await stack.runManually(workflow, 'Start');

			expect(stack.outbound).toEqual(['GET http://apollo-tasks-trap.invalid/ping']);
		});
	});
}
