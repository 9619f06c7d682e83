/**
 * The ready-made workflows in `workflows/`, imported into a real n8n and run against the Apollo sandbox.
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
 * Assertions are made on Apollo's side through the sandbox's control API (`/__sandbox/requests`,
 * `/__sandbox/tasks`) and on the nodes' outputs in the execution n8n stored.
 *
 * `SCREENSHOTS=1` also opens each workflow in headless Chromium and writes its canvas to
 * `docs/screenshots/workflow-*.png`; without it, nothing tracked is written.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';

import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import { MASTER_KEY } from '../../sandbox/server';
import type { Execution } from './execution';
import { Stack } from './stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { OWNER } = require('../../scripts/lib/n8n-rest');

const WORKFLOWS = join(__dirname, '..', '..', 'workflows');
const SCREENSHOTS = join(__dirname, '..', '..', 'docs', 'screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium-headless-shell';
const TAKE_SCREENSHOTS = process.env.SCREENSHOTS === '1';

const FILES = {
	hubspot: 'hubspot-deal-stage-to-apollo-call-tasks.json',
	salesforce: 'salesforce-opportunity-to-apollo-task.json',
	pipedrive: 'pipedrive-deal-won-complete-apollo-tasks.json',
	digest: 'apollo-overdue-tasks-digest-to-slack.json',
	hubspotNote: 'apollo-completed-task-to-hubspot-note.json',
};

/** The sandbox's first user, the assignee the workflow files come with. */
const ADA = '5f0000000000000000000001';
const GRACE = '5f0000000000000000000002';
const ALAN = '5f0000000000000000000003';
const contactId = (n: number) => '5c' + n.toString(16).padStart(22, '0');

interface WorkflowNode extends IDataObject {
	name: string;
	type: string;
	typeVersion: number;
	parameters: IDataObject;
	disabled?: boolean;
	credentials?: IDataObject;
}
interface WorkflowFile extends IDataObject {
	name: string;
	nodes: WorkflowNode[];
	pinData: Record<string, Array<{ json: IDataObject }>>;
}
interface SandboxTask extends IDataObject {
	id: string;
	user_id: string;
	contact_id: string;
	type: string;
	status: string;
	due_at: string;
	note: string | null;
	completed_at: string | null;
}
interface SandboxRequest {
	method: string;
	path: string;
	body: IDataObject;
	status: number;
}

let stack: Stack;
let timezone: string;
let recorder: Server;
let recorded: Array<{ method: string; url: string; body: unknown }> = [];

const readWorkflow = (file: string): WorkflowFile => JSON.parse(readFileSync(join(WORKFLOWS, file), 'utf8')) as WorkflowFile;

/** The sandbox's control API, as another process would use it. */
async function sandbox<T>(method: string, path: string, body?: unknown): Promise<T> {
	const response = await fetch(`${stack.sandbox.url}/__sandbox/${path}`, {
		method,
		headers: { 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	expect(response.ok).toBe(true);
	return (await response.json()) as T;
}
const apolloRequests = async () => await sandbox<SandboxRequest[]>('GET', 'requests');
const tasks = async () => await sandbox<SandboxTask[]>('GET', 'tasks');

/** Apollo's own API on the sandbox, to set up the tasks a test needs. */
async function apollo(path: string, body: IDataObject): Promise<IDataObject> {
	const response = await fetch(`${stack.sandbox.url}/api/v1/${path}`, {
		method: 'POST',
		headers: { 'content-type': 'application/json', 'x-api-key': MASTER_KEY },
		body: JSON.stringify(body),
	});
	expect(response.status).toBe(200);
	return (await response.json()) as IDataObject;
}
const createTasks = async (fields: IDataObject) => ((await apollo('tasks/bulk_create', fields)).tasks as SandboxTask[]);
const hoursFromNow = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** The workflow as a user has it after importing the file and picking the Apollo credential. */
function imported(file: string, change: (workflow: WorkflowFile) => void = () => undefined): WorkflowFile {
	const workflow = readWorkflow(file);
	for (const node of workflow.nodes) {
		if (node.type.startsWith('n8n-nodes-apollo-tasks.')) node.credentials = { apolloTasksApi: stack.credential };
	}
	change(workflow);
	return workflow;
}
const nodeOf = (workflow: WorkflowFile, name: string) => workflow.nodes.find((n) => n.name === name)!;

/** For a run: the Slack node hands on the message it would post. */
const disable = (...names: string[]) => (workflow: WorkflowFile) => names.forEach((name) => (nodeOf(workflow, name).disabled = true));

/** For a run: the HubSpot note request goes to the local recorder instead of HubSpot. */
const recordNoteRequest = (workflow: WorkflowFile) => {
	const node = nodeOf(workflow, 'Add the note in HubSpot');
	node.parameters.url = `http://127.0.0.1:${(recorder.address() as AddressInfo).port}/crm/v3/objects/notes`;
	node.parameters.authentication = 'none';
};

async function run(workflow: WorkflowFile, trigger: string): Promise<Execution> {
	const execution = await stack.runManually({ ...workflow, name: `${workflow.name} (${Math.random().toString(36).slice(2, 8)})` }, trigger);
	if (execution.status !== 'success') throw new Error(`The run ended "${execution.status}": ${JSON.stringify(execution.data.resultData.error ?? {}).slice(0, 800)}`);
	return execution;
}
const json = (items: INodeExecutionData[]) => items.map((item) => item.json);
const paired = (items: INodeExecutionData[]) => items.map((item) => (item.pairedItem as { item: number }).item);

/** A date as the workflow's time zone shows it: `YYYY-MM-DD HH:mm`, and its weekday (1 = Monday). */
function local(instant: Date | string): { date: string; time: string; weekday: number } {
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-GB', { timeZone: timezone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', weekday: 'short' })
			.formatToParts(new Date(instant))
			.map((p) => [p.type, p.value]),
	);
	return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}`, weekday: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'].indexOf(parts.weekday) + 1 };
}
/** The first Monday-to-Friday date after today, in the workflow's time zone. */
function nextWorkingDay(now = new Date()): string {
	for (let days = 1; ; days++) {
		const day = local(new Date(now.getTime() + days * 86_400_000));
		if (day.weekday <= 5) return day.date;
	}
}
/** Luxon's `toFormat(pattern)` for the two patterns the digest uses, in the workflow's time zone. */
function format(instant: Date | string, pattern: 'ccc d LLL' | 'cccc d LLLL'): string {
	const long = pattern === 'cccc d LLLL' ? 'long' : 'short';
	const parts = Object.fromEntries(
		new Intl.DateTimeFormat('en-US', { timeZone: timezone, weekday: long, day: 'numeric', month: long }).formatToParts(new Date(instant)).map((p) => [p.type, p.value]),
	);
	return `${parts.weekday} ${parts.day} ${parts.month}`;
}

beforeAll(async () => {
	recorder = createServer((req, res) => {
		let text = '';
		req.on('data', (chunk) => (text += chunk));
		req.on('end', () => {
			recorded.push({ method: req.method ?? '', url: req.url ?? '', body: text ? JSON.parse(text) : undefined });
			res.writeHead(201, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ id: '53117930208', properties: {}, archived: false }));
		});
	});
	await new Promise<void>((resolve) => recorder.listen(0, '127.0.0.1', resolve));
	stack = await Stack.start();
	timezone = String((await stack.rest<IDataObject>('GET', '/settings')).timezone);
});

afterAll(async () => {
	await stack?.stop();
	await new Promise((resolve) => recorder?.close(resolve));
});

beforeEach(async () => {
	await sandbox('POST', 'reset', {});
	recorded = [];
});

describe(`The workflows in workflows/, in n8n ${n8n.N8N_VERSION}`, () => {
	it('are the five files the README describes', () => {
		expect(readdirSync(WORKFLOWS).filter((f) => f.endsWith('.json')).sort()).toEqual(Object.values(FILES).sort());
		const readme = readFileSync(join(__dirname, '..', '..', 'README.md'), 'utf8');
		expect(Object.values(FILES).filter((file) => !readme.includes(`](workflows/${file})`))).toEqual([]);
	});

	it("import with n8n's own importer (`n8n import:workflow --separate --input=workflows/`), pinned data and all", async () => {
		const importer = stack.startProcess(['import:workflow', '--separate', `--input=${WORKFLOWS}`]);
		const code = await new Promise<number | null>((resolve) => importer.once('exit', (exitCode) => resolve(exitCode)));
		expect({ code, output: code === 0 ? '' : stack.logs().slice(-2000) }).toEqual({ code: 0, output: '' });
		const list = await stack.rest<Array<{ id: string; name: string }>>('GET', '/workflows');
		for (const file of Object.values(FILES)) {
			const workflow = readWorkflow(file);
			const found = list.find((w) => w.name === workflow.name);
			expect({ file, imported: found !== undefined }).toEqual({ file, imported: true });
			const stored = await stack.rest<WorkflowFile>('GET', `/workflows/${found!.id}`);
			expect(stored.nodes.map((n) => [n.name, n.type, n.typeVersion, n.parameters])).toEqual(workflow.nodes.map((n) => [n.name, n.type, n.typeVersion, n.parameters]));
			expect(stored.pinData).toEqual(workflow.pinData);
		}
	});

	it.each(Object.values(FILES))('%s uses node types, versions and parameter names this n8n has', async (file) => {
		const types = await nodeTypes();
		for (const node of readWorkflow(file).nodes) {
			const type = types.find((t) => t.name === node.type && [t.version].flat().includes(node.typeVersion));
			expect({ node: node.name, known: type !== undefined }).toEqual({ node: node.name, known: true });
			expect({ node: node.name, unknown: unknownParameters(node.parameters, type!.properties) }).toEqual({ node: node.name, unknown: [] });
		}
	});

	it('1. HubSpot: a deal reaching the chosen stage gets call tasks for its contacts, found by email, due the next working day', async () => {
		const workflow = imported(FILES.hubspot);
		const execution = await run(workflow, 'Deal stage changed');

		expect(json(execution.output('Stage is Contract Sent')).map((e) => e.dealId)).toEqual([9146123402]);
		const requests = await apolloRequests();
		const lookups = requests.filter((r) => r.path === '/api/v1/contacts/search').map((r) => r.body.q_keywords);
		expect(lookups).toEqual(['edsger.torvalds.3@initech.example', 'ada.perlman.23@initech.example', 'procurement@initech.example']);
		const creates = requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(creates).toHaveLength(1);
		const note = 'HubSpot deal "Initech — 200 seats" reached Contract Sent: call about the contract.';
		expect(creates[0].body).toMatchObject({ user_id: ADA, contact_ids: [contactId(3), contactId(23)], type: 'call', priority: 'high', status: 'scheduled', note });
		const due = local(String(creates[0].body.due_at));
		expect([due.date, due.time]).toEqual([nextWorkingDay(), '09:00']);

		const output = execution.output('Create call tasks in Apollo');
		expect(paired(output)).toEqual([0, 1, 2]);
		expect(json(output).map((t) => [t.contact_id ?? t.email, t.type ?? t.created, t.existing])).toEqual([
			[contactId(3), 'call', undefined],
			[contactId(23), 'call', undefined],
			['procurement@initech.example', false, undefined],
		]);
		const created = (await tasks()).filter((t) => t.user_id === ADA && t.type === 'call' && t.note === note);
		expect(created.map((t) => [t.contact_id, t.status])).toEqual([
			[contactId(3), 'scheduled'],
			[contactId(23), 'scheduled'],
		]);

		// The duplicate check is on: the same event again creates nothing and outputs the open tasks.
		await sandbox('DELETE', 'requests');
		const again = await run(workflow, 'Deal stage changed');
		expect((await apolloRequests()).filter((r) => r.path === '/api/v1/tasks/bulk_create')).toEqual([]);
		expect(json(again.output('Create call tasks in Apollo')).map((t) => [t.id ?? t.email, t.existing])).toEqual([
			[created[0].id, true],
			[created[1].id, true],
			['procurement@initech.example', undefined],
		]);
		expect((await tasks()).filter((t) => t.note === note)).toHaveLength(2);
	});

	it("2. Salesforce: a new opportunity gets an Apollo task for its primary contact", async () => {
		const workflow = imported(FILES.salesforce);
		const started = Date.now();
		const execution = await run(workflow, 'New opportunity');

		const requests = await apolloRequests();
		expect(requests.filter((r) => r.path === '/api/v1/contacts/search').map((r) => r.body.q_keywords)).toEqual(['radia.turing.2@globex.example']);
		const creates = requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		const note = 'New opportunity "Globex analytics platform" (36000): introduce yourself to Radia.';
		expect(creates.map((r) => r.body)).toEqual([expect.objectContaining({ user_id: ADA, contact_ids: [contactId(2)], type: 'call', priority: 'high', note })]);
		const dueIn = Date.parse(String(creates[0].body.due_at)) - started;
		expect(dueIn).toBeGreaterThan(23.9 * 3_600_000);
		expect(dueIn).toBeLessThan(24.1 * 3_600_000);

		const [task] = json(execution.output('Create a task in Apollo'));
		expect(task).toMatchObject({ contact_id: contactId(2), user_id: ADA, type: 'call', status: 'scheduled', note });
		expect((await tasks()).find((t) => t.id === task.id)).toMatchObject({ contact_id: contactId(2), note });

		await sandbox('DELETE', 'requests');
		const again = await run(workflow, 'New opportunity');
		expect((await apolloRequests()).filter((r) => r.path === '/api/v1/tasks/bulk_create')).toEqual([]);
		expect(json(again.output('Create a task in Apollo'))).toEqual([expect.objectContaining({ id: task.id, existing: true })]);
	});

	it("3. Pipedrive: a won deal completes the open Apollo tasks of its person, and only those", async () => {
		const edsger = contactId(3);
		await createTasks({ user_id: GRACE, contact_ids: [edsger], type: 'call', priority: 'high', due_at: hoursFromNow(-30) });
		await createTasks({ user_id: ADA, contact_ids: [edsger], type: 'outreach_manual_email', priority: 'medium', due_at: hoursFromNow(5), note: 'Send the signed contract' });
		await createTasks({ user_id: ADA, contact_ids: [edsger], type: 'action_item', priority: 'low', status: 'completed', due_at: hoursFromNow(-50) });
		const before = await tasks();
		const open = before.filter((t) => t.contact_id === edsger && t.status === 'scheduled');
		expect(open.length).toBeGreaterThanOrEqual(3);
		await sandbox('DELETE', 'requests');

		const execution = await run(imported(FILES.pipedrive), 'Deal updated');

		expect(json(execution.output('Deal was won')).map((e) => (e.data as IDataObject).id)).toEqual([1042]);
		const requests = await apolloRequests();
		const searched = requests.filter((r) => r.path === '/api/v1/tasks/search').map((r) => r.body.q_keywords);
		expect(searched).toEqual(['edsger.torvalds.3@initech.example', 'edsger.t@home.example']);
		const completedIds = requests.filter((r) => /\/complete$/.test(r.path)).map((r) => r.path.split('/')[4]);
		expect(completedIds.sort()).toEqual(open.map((t) => t.id).sort());

		const after = await tasks();
		const changed = after.filter((t) => before.find((b) => b.id === t.id)!.status !== t.status);
		expect(changed.map((t) => [t.id, t.status]).sort()).toEqual(open.map((t) => [t.id, 'completed']).sort());
		expect(after.filter((t) => t.contact_id === edsger && t.status === 'scheduled')).toEqual([]);

		const output = json(execution.output('Complete the tasks'));
		expect(output.map((t) => [t.id, t.status, t.contact_email])).toEqual(open.map((t) => [t.id, 'completed', 'edsger.torvalds.3@initech.example']));
		const won = 'Deal "Initech — 200 seats" won in Pipedrive.';
		for (const task of output) {
			const previous = open.find((t) => t.id === task.id)!.note;
			expect(task.note).toBe(previous ? `${previous}\n${won}` : won);
		}

		// Run again: nothing is open any more, so nothing is completed and the run still succeeds.
		await sandbox('DELETE', 'requests');
		const again = await run(imported(FILES.pipedrive), 'Deal updated');
		expect((await apolloRequests()).filter((r) => /\/complete$/.test(r.path))).toEqual([]);
		expect(again.output('Complete the tasks')).toEqual([]);
	});

	it("4. Every weekday: one Slack digest of each rep's overdue tasks, grouped by rep", async () => {
		await sandbox('POST', 'reset', { tasks: 0 });
		const made = async (user: string, contact: number, type: string, hours: number, status = 'scheduled') =>
			(await createTasks({ user_id: user, contact_ids: [contactId(contact)], type, priority: 'medium', due_at: hoursFromNow(hours), status }))[0];
		const adaLate = await made(ADA, 1, 'call', -72);
		const adaLater = await made(ADA, 2, 'outreach_manual_email', -1);
		await made(ADA, 4, 'linkedin_step_connect', 48);
		const graceLate = await made(GRACE, 5, 'action_item', -48);
		await made(GRACE, 6, 'call', -120, 'completed');
		await made(ALAN, 7, 'call', 24);
		await sandbox('DELETE', 'requests');

		const execution = await run(imported(FILES.digest, disable('Post the digest')), 'Weekdays at 8:00');

		const searches = (await apolloRequests()).filter((r) => r.path === '/api/v1/tasks/search');
		expect(searches.map((r) => [r.body.user_id, r.body.sort_by_field, r.body.sort_ascending])).toEqual([
			[ADA, 'task_due_at', true],
			[GRACE, 'task_due_at', true],
			[ALAN, 'task_due_at', true],
		]);
		const contacts = await sandbox<Array<{ id: string; name: string; organization_name: string }>>('GET', 'contacts');
		const line = (task: SandboxTask, type: string) => {
			const contact = contacts.find((c) => c.id === task.contact_id)!;
			return `• ${format(task.due_at, 'ccc d LLL')}: ${type}, ${contact.name} (${contact.organization_name})`;
		};
		const text = [
			`*Overdue Apollo tasks, ${format(new Date(), 'cccc d LLLL')}*`,
			'',
			`*Ada Lovelace*: 2 overdue\n${line(adaLate, 'call')}\n${line(adaLater, 'outreach manual email')}`,
			'',
			`*Grace Thompson*: 1 overdue\n${line(graceLate, 'action item')}`,
		].join('\n');
		expect(json(execution.output('Digest text'))).toEqual([{ text }]);

		// The Slack node was disabled for the run: what it hands on is the one item it would post.
		expect(json(execution.output('Post the digest'))).toEqual([{ text }]);
		const slack = nodeOf(readWorkflow(FILES.digest), 'Post the digest');
		expect(slack.parameters).toMatchObject({ select: 'channel', channelId: { mode: 'name', value: '#sales' }, text: '={{ $json.text }}' });
	});

	it('4. … and posts nothing when no task is overdue', async () => {
		await sandbox('POST', 'reset', { tasks: 0 });
		await createTasks({ user_id: ADA, contact_ids: [contactId(1)], type: 'call', priority: 'medium', due_at: hoursFromNow(3) });
		const execution = await run(imported(FILES.digest, disable('Post the digest')), 'Weekdays at 8:00');
		expect(execution.output('Overdue')).toEqual([]);
		expect(execution.data.resultData.runData['Post the digest']).toBeUndefined();
	});

	describe('5. Apollo Tasks Trigger (Task Completed): a note on the HubSpot contact', () => {
		const noteBody = (task: IDataObject, hubspotContactId: string) => ({
			properties: {
				hs_timestamp: task.completed_at,
				hs_note_body: `Apollo task completed: ${String(task.type).replace(/_/g, ' ')} (${task.priority} priority)${task.note ? `: ${task.note}` : ''}`,
			},
			associations: [{ to: { id: hubspotContactId }, types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }] }],
		});

		it('as shipped, from the pinned completed task: the note HubSpot would get', async () => {
			const workflow = imported(FILES.hubspotNote, recordNoteRequest);
			const execution = await run(workflow, 'Apollo task completed');

			const pinned = workflow.pinData['Apollo task completed'][0].json;
			expect(json(execution.output('Note text'))).toEqual([
				{ hubspot_contact_id: '86105', completed_at: pinned.completed_at, note: 'Apollo task completed: call (high priority): Call Radia about the Hooli rollout' },
			]);
			expect(recorded).toEqual([{ method: 'POST', url: '/crm/v3/objects/notes', body: noteBody(pinned, '86105') }]);
			expect(await apolloRequests()).toEqual([]);
		});

		it('with the trigger run against the sandbox: the task just completed in Apollo', async () => {
			// The only completed task in the sandbox, so "Fetch Test Event" can only show this one.
			await sandbox('POST', 'reset', { tasks: 0 });
			const [task] = await createTasks({
				user_id: ADA,
				contact_ids: [contactId(5)],
				type: 'call',
				priority: 'high',
				due_at: hoursFromNow(-1),
				note: 'Call Radia about the Hooli rollout',
			});
			await apollo(`tasks/${task.id}/complete`, {});
			await sandbox('DELETE', 'requests');
			const workflow = imported(FILES.hubspotNote, (w) => {
				recordNoteRequest(w);
				delete w.pinData['Apollo task completed'];
			});
			const execution = await run(workflow, 'Apollo task completed');

			const searches = (await apolloRequests()).filter((r) => r.path === '/api/v1/tasks/search');
			expect(searches.length).toBeGreaterThan(0);
			const [emitted] = json(execution.output('Apollo task completed'));
			const stored = (await tasks()).find((t) => t.id === task.id)!;
			expect(emitted).toMatchObject({ id: task.id, status: 'completed', completed_at: stored.completed_at, contact: expect.objectContaining({ email: 'radia.dijkstra.5@hooli.example' }) });
			expect(recorded).toEqual([{ method: 'POST', url: '/crm/v3/objects/notes', body: noteBody(stored, '86105') }]);
		});
	});
});

(TAKE_SCREENSHOTS ? describe : describe.skip)('Screenshots of the workflow canvases (SCREENSHOTS=1)', () => {
	let browser: import('playwright-core').Browser;
	let page: import('playwright-core').Page;
	const connected = new Map<string, { id: string; name: string }>();

	/** The canvas as it looks once the accounts are connected: a credential of each kind the nodes ask for. */
	async function withAccounts(workflow: WorkflowFile): Promise<WorkflowFile> {
		for (const node of workflow.nodes) {
			const type = CRM_CREDENTIALS[node.type];
			if (!type) continue;
			if (!connected.has(type)) {
				const saved = await stack.rest<{ id: string; name: string }>('POST', '/credentials', { name: `${type} (placeholder)`, type, data: {} });
				connected.set(type, { id: saved.id, name: saved.name });
			}
			node.credentials = { [type]: connected.get(type)! };
		}
		return workflow;
	}

	beforeAll(async () => {
		// eslint-disable-next-line @typescript-eslint/no-require-imports
		const { chromium } = require('playwright-core') as typeof import('playwright-core');
		browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
		page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
		await page.goto(`${stack.url}/signin`);
		await page.fill('input[name=emailOrLdapLoginId]', OWNER.email);
		await page.fill('input[name=password]', OWNER.password);
		await page.click('[data-test-id=form-submit-button]');
		await page.waitForURL(/\/home|\/workflows/, { timeout: 30_000 });
	});

	afterAll(async () => {
		await browser?.close();
	});

	it.each(Object.entries(FILES))('%s', async (key, file) => {
		const saved = await stack.createWorkflow(await withAccounts(imported(file)));
		await page.goto(`${stack.url}/workflow/${saved.id}`);
		await page.locator('[data-test-id=canvas-node]').first().waitFor();
		await page.keyboard.press('1');
		await page.waitForTimeout(800);
		await page.screenshot({ path: join(SCREENSHOTS, `workflow-${key}.png`) });
	});
});

/** The credential each CRM and messaging node of the files asks for, as the files set their Authentication. */
const CRM_CREDENTIALS: Record<string, string> = {
	'n8n-nodes-base.hubspotTrigger': 'hubspotDeveloperApi',
	'n8n-nodes-base.hubspot': 'hubspotAppToken',
	'n8n-nodes-base.httpRequest': 'hubspotAppToken',
	'n8n-nodes-base.salesforceTrigger': 'salesforceOAuth2Api',
	'n8n-nodes-base.salesforce': 'salesforceOAuth2Api',
	'n8n-nodes-base.pipedriveTrigger': 'pipedriveApi',
	'n8n-nodes-base.pipedrive': 'pipedriveApi',
	'n8n-nodes-base.slack': 'slackApi',
};

interface NodeProperty {
	name: string;
	type: string;
	options?: Array<NodeProperty | { name: string; values?: NodeProperty[] }>;
}

let typesCache: Array<{ name: string; version: number | number[]; properties: NodeProperty[] }> | undefined;
async function nodeTypes() {
	if (!typesCache) {
		const response = await fetch(`${stack.url}/types/nodes.json`, { headers: { cookie: stack.session.cookie } });
		typesCache = (await response.json()) as typeof typesCache;
	}
	return typesCache!;
}

/** Parameter names (and names inside collections) that the node type does not have: typos n8n would ignore. */
function unknownParameters(parameters: IDataObject, properties: NodeProperty[], prefix = ''): string[] {
	const unknown: string[] = [];
	for (const [key, value] of Object.entries(parameters)) {
		const matching = properties.filter((p) => p.name === key);
		if (matching.length === 0) {
			unknown.push(prefix + key);
			continue;
		}
		if (value === null || typeof value !== 'object' || Array.isArray(value) || '__rl' in value) continue;
		// A name can have several definitions (one per operation): accept what any of them has.
		const collections = matching.filter((p) => (p.type === 'collection' || p.type === 'fixedCollection') && p.options);
		if (collections.length === 0) continue;
		if (collections[0].type === 'collection') {
			const options = collections.flatMap((c) => c.options as NodeProperty[]);
			unknown.push(...unknownParameters(value as IDataObject, options, `${prefix}${key}.`));
			continue;
		}
		for (const [group, entries] of Object.entries(value as IDataObject)) {
			const groups = collections.flatMap((c) => c.options as Array<{ name: string; values?: NodeProperty[] }>).filter((o) => o.name === group);
			if (groups.length === 0) {
				unknown.push(`${prefix}${key}.${group}`);
				continue;
			}
			const values = groups.flatMap((g) => g.values ?? []);
			for (const entry of [entries].flat() as IDataObject[]) unknown.push(...unknownParameters(entry, values, `${prefix}${key}.${group}.`));
		}
	}
	return unknown;
}
