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
 * Assertions are made on Apollo's side through the sandbox's control API (`/__sandbox/requests`,
 * `/__sandbox/tasks`) and on the nodes' outputs in the execution n8n stored.
 */
import type { IDataObject } from 'n8n-workflow';

import {
	ADA,
	ALAN,
	contactId,
	disable,
	FILES,
	GRACE,
	hoursFromNow,
	json,
	nodeOf,
	paired,
	readWorkflow,
	type SandboxTask,
} from './workflow-files';
import { WorkflowsStack } from './workflows-stack';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const n8n = require('../../scripts/lib/n8n');

let wf: WorkflowsStack;

beforeAll(async () => {
	wf = await WorkflowsStack.start();
});

afterAll(async () => {
	await wf?.stop();
});

beforeEach(async () => {
	await wf.reset();
});

describe(`The workflows in workflows/, in n8n ${n8n.N8N_VERSION}`, () => {
	it('1. HubSpot: a deal reaching the chosen stage gets call tasks for its contacts, found by email, due the next working day', async () => {
		const workflow = wf.imported(FILES.hubspot);
		const execution = await wf.run(workflow, 'Deal stage changed');

		expect(json(execution.output('Stage is Contract Sent')).map((e) => e.dealId)).toEqual([
			9146123402,
		]);
		const requests = await wf.apolloRequests();
		const lookups = requests
			.filter((r) => r.path === '/api/v1/contacts/search')
			.map((r) => r.body.q_keywords);
		expect(lookups).toEqual([
			'edsger.torvalds.3@initech.example',
			'ada.perlman.23@initech.example',
			'procurement@initech.example',
		]);
		const creates = requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(creates).toHaveLength(1);
		const note =
			'HubSpot deal "Initech — 200 seats" reached Contract Sent: call about the contract.';
		expect(creates[0].body).toMatchObject({
			user_id: ADA,
			contact_ids: [contactId(3), contactId(23)],
			type: 'call',
			priority: 'high',
			status: 'scheduled',
			note,
		});
		const due = wf.local(String(creates[0].body.due_at));
		expect([due.date, due.time]).toEqual([wf.nextWorkingDay(), '09:00']);

		const output = execution.output('Create call tasks in Apollo');
		expect(paired(output)).toEqual([0, 1, 2]);
		expect(
			json(output).map((t) => [t.contact_id ?? t.email, t.type ?? t.created, t.existing]),
		).toEqual([
			[contactId(3), 'call', undefined],
			[contactId(23), 'call', undefined],
			['procurement@initech.example', false, undefined],
		]);
		const created = (await wf.tasks()).filter(
			(t) => t.user_id === ADA && t.type === 'call' && t.note === note,
		);
		expect(created.map((t) => [t.contact_id, t.status])).toEqual([
			[contactId(3), 'scheduled'],
			[contactId(23), 'scheduled'],
		]);

		// The duplicate check is on: the same event again creates nothing and outputs the open tasks.
		await wf.sandbox('DELETE', 'requests');
		const again = await wf.run(workflow, 'Deal stage changed');
		expect(
			(await wf.apolloRequests()).filter((r) => r.path === '/api/v1/tasks/bulk_create'),
		).toEqual([]);
		expect(
			json(again.output('Create call tasks in Apollo')).map((t) => [t.id ?? t.email, t.existing]),
		).toEqual([
			[created[0].id, true],
			[created[1].id, true],
			['procurement@initech.example', undefined],
		]);
		expect((await wf.tasks()).filter((t) => t.note === note)).toHaveLength(2);
	});

	it('2. Salesforce: a new opportunity gets an Apollo task for its primary contact', async () => {
		const workflow = wf.imported(FILES.salesforce);
		const started = Date.now();
		const execution = await wf.run(workflow, 'New opportunity');

		const requests = await wf.apolloRequests();
		expect(
			requests.filter((r) => r.path === '/api/v1/contacts/search').map((r) => r.body.q_keywords),
		).toEqual(['radia.turing.2@globex.example']);
		const creates = requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		const note =
			'New opportunity "Globex analytics platform" (36000): introduce yourself to Radia.';
		expect(creates.map((r) => r.body)).toEqual([
			expect.objectContaining({
				user_id: ADA,
				contact_ids: [contactId(2)],
				type: 'call',
				priority: 'high',
				note,
			}),
		]);
		const dueIn = Date.parse(String(creates[0].body.due_at)) - started;
		expect(dueIn).toBeGreaterThan(23.9 * 3_600_000);
		expect(dueIn).toBeLessThan(24.1 * 3_600_000);

		const [task] = json(execution.output('Create a task in Apollo'));
		expect(task).toMatchObject({
			contact_id: contactId(2),
			user_id: ADA,
			type: 'call',
			status: 'scheduled',
			note,
		});
		expect((await wf.tasks()).find((t) => t.id === task.id)).toMatchObject({
			contact_id: contactId(2),
			note,
		});

		await wf.sandbox('DELETE', 'requests');
		const again = await wf.run(workflow, 'New opportunity');
		expect(
			(await wf.apolloRequests()).filter((r) => r.path === '/api/v1/tasks/bulk_create'),
		).toEqual([]);
		expect(json(again.output('Create a task in Apollo'))).toEqual([
			expect.objectContaining({ id: task.id, existing: true }),
		]);
	});

	it('3. Pipedrive: a won deal completes the open Apollo tasks of its person, and only those', async () => {
		const edsger = contactId(3);
		await wf.createTasks({
			user_id: GRACE,
			contact_ids: [edsger],
			type: 'call',
			priority: 'high',
			due_at: hoursFromNow(-30),
		});
		await wf.createTasks({
			user_id: ADA,
			contact_ids: [edsger],
			type: 'outreach_manual_email',
			priority: 'medium',
			due_at: hoursFromNow(5),
			note: 'Send the signed contract',
		});
		await wf.createTasks({
			user_id: ADA,
			contact_ids: [edsger],
			type: 'action_item',
			priority: 'low',
			status: 'completed',
			due_at: hoursFromNow(-50),
		});
		const before = await wf.tasks();
		const open = before.filter((t) => t.contact_id === edsger && t.status === 'scheduled');
		expect(open.length).toBeGreaterThanOrEqual(3);
		await wf.sandbox('DELETE', 'requests');

		const execution = await wf.run(wf.imported(FILES.pipedrive), 'Deal updated');

		expect(json(execution.output('Deal was won')).map((e) => (e.data as IDataObject).id)).toEqual([
			1042,
		]);
		const requests = await wf.apolloRequests();
		const searched = requests
			.filter((r) => r.path === '/api/v1/tasks/search')
			.map((r) => r.body.q_keywords);
		expect(searched).toEqual(['edsger.torvalds.3@initech.example', 'edsger.t@home.example']);
		const completedIds = requests
			.filter((r) => /\/complete$/.test(r.path))
			.map((r) => r.path.split('/')[4]);
		expect(completedIds.sort()).toEqual(open.map((t) => t.id).sort());

		const after = await wf.tasks();
		const changed = after.filter((t) => before.find((b) => b.id === t.id)!.status !== t.status);
		expect(changed.map((t) => [t.id, t.status]).sort()).toEqual(
			open.map((t) => [t.id, 'completed']).sort(),
		);
		expect(after.filter((t) => t.contact_id === edsger && t.status === 'scheduled')).toEqual([]);

		const output = json(execution.output('Complete the tasks'));
		expect(output.map((t) => [t.id, t.status, t.contact_email])).toEqual(
			open.map((t) => [t.id, 'completed', 'edsger.torvalds.3@initech.example']),
		);
		const won = 'Deal "Initech — 200 seats" won in Pipedrive.';
		for (const task of output) {
			const previous = open.find((t) => t.id === task.id)!.note;
			expect(task.note).toBe(previous ? `${previous}\n${won}` : won);
		}

		// Run again: nothing is open any more, so nothing is completed and the run still succeeds.
		await wf.sandbox('DELETE', 'requests');
		const again = await wf.run(wf.imported(FILES.pipedrive), 'Deal updated');
		expect((await wf.apolloRequests()).filter((r) => /\/complete$/.test(r.path))).toEqual([]);
		expect(again.output('Complete the tasks')).toEqual([]);
	});

	it("4. Every weekday: one Slack digest of each rep's overdue tasks, grouped by rep", async () => {
		await wf.sandbox('POST', 'reset', { tasks: 0 });
		const made = async (
			user: string,
			contact: number,
			type: string,
			hours: number,
			status = 'scheduled',
		) =>
			(
				await wf.createTasks({
					user_id: user,
					contact_ids: [contactId(contact)],
					type,
					priority: 'medium',
					due_at: hoursFromNow(hours),
					status,
				})
			)[0];
		const adaLate = await made(ADA, 1, 'call', -72);
		const adaLater = await made(ADA, 2, 'outreach_manual_email', -1);
		await made(ADA, 4, 'linkedin_step_connect', 48);
		const graceLate = await made(GRACE, 5, 'action_item', -48);
		await made(GRACE, 6, 'call', -120, 'completed');
		await made(ALAN, 7, 'call', 24);
		await wf.sandbox('DELETE', 'requests');

		const execution = await wf.run(
			wf.imported(FILES.digest, disable('Post the digest')),
			'Weekdays at 8:00',
		);

		const searches = (await wf.apolloRequests()).filter((r) => r.path === '/api/v1/tasks/search');
		expect(
			searches.map((r) => [r.body.user_id, r.body.sort_by_field, r.body.sort_ascending]),
		).toEqual([
			[ADA, 'task_due_at', true],
			[GRACE, 'task_due_at', true],
			[ALAN, 'task_due_at', true],
		]);
		const contacts = await wf.sandbox<
			Array<{ id: string; name: string; organization_name: string }>
		>('GET', 'contacts');
		const line = (task: SandboxTask, type: string) => {
			const contact = contacts.find((c) => c.id === task.contact_id)!;
			return `• ${wf.format(task.due_at, 'ccc d LLL')}: ${type}, ${contact.name} (${contact.organization_name})`;
		};
		const text = [
			`*Overdue Apollo tasks, ${wf.format(new Date(), 'cccc d LLLL')}*`,
			'',
			`*Ada Lovelace*: 2 overdue\n${line(adaLate, 'call')}\n${line(adaLater, 'outreach manual email')}`,
			'',
			`*Grace Thompson*: 1 overdue\n${line(graceLate, 'action item')}`,
		].join('\n');
		expect(json(execution.output('Digest text'))).toEqual([{ text }]);

		// The Slack node was disabled for the run: what it hands on is the one item it would post.
		expect(json(execution.output('Post the digest'))).toEqual([{ text }]);
		const slack = nodeOf(readWorkflow(FILES.digest), 'Post the digest');
		expect(slack.parameters).toMatchObject({
			select: 'channel',
			channelId: { mode: 'name', value: '#sales' },
			text: '={{ $json.text }}',
		});
	});

	it('4. … and posts nothing when no task is overdue', async () => {
		await wf.sandbox('POST', 'reset', { tasks: 0 });
		await wf.createTasks({
			user_id: ADA,
			contact_ids: [contactId(1)],
			type: 'call',
			priority: 'medium',
			due_at: hoursFromNow(3),
		});
		const execution = await wf.run(
			wf.imported(FILES.digest, disable('Post the digest')),
			'Weekdays at 8:00',
		);
		expect(execution.output('Overdue')).toEqual([]);
		expect(execution.data.resultData.runData['Post the digest']).toBeUndefined();
	});

	describe('5. Apollo Tasks Trigger (Task Completed): a note on the HubSpot contact', () => {
		const noteBody = (task: IDataObject, hubspotContactId: string) => ({
			properties: {
				hs_timestamp: task.completed_at,
				hs_note_body: `Apollo task completed: ${String(task.type).replace(/_/g, ' ')} (${task.priority} priority)${task.note ? `: ${task.note}` : ''}`,
			},
			associations: [
				{
					to: { id: hubspotContactId },
					types: [{ associationCategory: 'HUBSPOT_DEFINED', associationTypeId: 202 }],
				},
			],
		});

		it('as shipped, from the pinned completed task: the note HubSpot would get', async () => {
			const workflow = wf.imported(FILES.hubspotNote, wf.recordNoteRequest);
			const execution = await wf.run(workflow, 'Apollo task completed');

			const pinned = workflow.pinData['Apollo task completed'][0].json;
			expect(json(execution.output('Note text'))).toEqual([
				{
					hubspot_contact_id: '86105',
					completed_at: pinned.completed_at,
					note: 'Apollo task completed: call (high priority): Call Radia about the Hooli rollout',
				},
			]);
			expect(wf.recorded).toEqual([
				{ method: 'POST', url: '/crm/v3/objects/notes', body: noteBody(pinned, '86105') },
			]);
			expect(await wf.apolloRequests()).toEqual([]);
		});

		it('with the trigger run against the sandbox: the task just completed in Apollo', async () => {
			// The only completed task in the sandbox, so "Fetch Test Event" can only show this one.
			await wf.sandbox('POST', 'reset', { tasks: 0 });
			const [task] = await wf.createTasks({
				user_id: ADA,
				contact_ids: [contactId(5)],
				type: 'call',
				priority: 'high',
				due_at: hoursFromNow(-1),
				note: 'Call Radia about the Hooli rollout',
			});
			await wf.apollo(`tasks/${task.id}/complete`, {});
			await wf.sandbox('DELETE', 'requests');
			const workflow = wf.imported(FILES.hubspotNote, (w) => {
				wf.recordNoteRequest(w);
				delete w.pinData['Apollo task completed'];
			});
			const execution = await wf.run(workflow, 'Apollo task completed');

			const searches = (await wf.apolloRequests()).filter((r) => r.path === '/api/v1/tasks/search');
			expect(searches.length).toBeGreaterThan(0);
			const [emitted] = json(execution.output('Apollo task completed'));
			const stored = (await wf.tasks()).find((t) => t.id === task.id)!;
			expect(emitted).toMatchObject({
				id: task.id,
				status: 'completed',
				completed_at: stored.completed_at,
				contact: expect.objectContaining({ email: 'radia.dijkstra.5@hooli.example' }),
			});
			expect(wf.recorded).toEqual([
				{ method: 'POST', url: '/crm/v3/objects/notes', body: noteBody(stored, '86105') },
			]);
		});
	});
});
