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
	readWorkflow,
	type SandboxTask,
} from './workflow-files';
import type { WorkflowsStack } from './workflows-stack';

/** Workflows 4 and 5, the daily digest and the Apollo Tasks Trigger: registered by workflows-run.e2e.ts. */
export function scheduleTests(wf: WorkflowsStack): void {
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
		// The reps are named by email: one read of the team serves all three.
		expect(
			(await wf.apolloRequests()).filter((r) => r.path === '/api/v1/users/search'),
		).toHaveLength(1);
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
}
