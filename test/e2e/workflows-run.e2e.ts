/**
 * The ready-made workflows in `workflows/`, run in a real n8n against the Apollo sandbox. That the files
 * import and use only what n8n has is tested in workflows.e2e.ts, on an n8n of its own.
 *
 * Each file carries pinned data for its CRM trigger and CRM lookups, so no CRM account is needed: n8n
 * uses pinned data instead of running the node, exactly as when a user clicks "Execute workflow" in the
 * editor. What a user changes after an import is done here too: the Apollo credential on the Apollo nodes.
 * The messaging and CRM write nodes at the end are not run against their services:
 * - the Slack node is disabled for the run: a disabled node hands its input on unchanged, so its output is
 *   the item it would have posted, and its only message parameter is `{{ $json.text }}`;
 * - the HTTP Request node that adds the HubSpot note is pointed at a local recorder with its
 *   authentication off, so the test sees the exact JSON body n8n would send to HubSpot.
 * Workflow 4 starts from its Schedule Trigger, which a manual run fires at once. Workflow 5 starts from the
 * Apollo Tasks Trigger twice: from the completed task pinned on it (as the file ships), and with that pin
 * removed, so the trigger polls the sandbox as "Fetch Test Event" does, after the test completed a task there.
 * The tests are in workflows-run-deals.ts (1 to 3) and workflows-run-schedules.ts (4 and 5), on the one n8n
 * this file starts. Assertions are made on Apollo's side through the sandbox's control API (`/__sandbox/requests`,
 * `/__sandbox/tasks`) and on the nodes' outputs in the execution n8n stored.
 */
import { dealTests } from './workflows-run-deals';
import { scheduleTests } from './workflows-run-schedules';
import { WorkflowsStack } from './workflows-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n');

// Started once for the file; stopped also when the start failed or timed out.
const wf = WorkflowsStack.forTests();

beforeEach(async () => {
	await wf.reset();
});

describe(`The workflows in workflows/, in n8n ${n8n.N8N_VERSION}`, () => {
	dealTests(wf);
	scheduleTests(wf);
});
