import type { IDataObject } from 'n8n-workflow';

import { ADA, contactId, FILES, GRACE, hoursFromNow, json, paired } from './workflow-files';
import type { WorkflowsStack } from './workflows-stack';

/** Workflows 1 to 3, started by a CRM deal: registered by workflows-run.e2e.ts on its n8n. */
export function dealTests(wf: WorkflowsStack): void {
	it("1. HubSpot: a deal reaching the chosen stage gets call tasks for its contacts, found by email (a new one created in Apollo), assigned to the deal's owner by email, due the next working day", async () => {
		const workflow = wf.imported(FILES.hubspot);
		const execution = await wf.run(workflow, 'Deal stage changed');

		expect(json(execution.output('Stage is Contract Sent')).map((e) => e.dealId)).toEqual([
			9146123402,
		]);
		const requests = await wf.apolloRequests();
		expect(requests.filter((r) => r.path === '/api/v1/users/search')).toHaveLength(1);
		// Create the Contact: one bulk create with dedupe is the look-up; no contact search is sent.
		expect(requests.filter((r) => r.path === '/api/v1/contacts/search')).toEqual([]);
		const lookups = requests.filter((r) => r.path === '/api/v1/contacts/bulk_create');
		expect(lookups.map((r) => r.body)).toEqual([
			{
				contacts: [
					expect.objectContaining({ email: 'edsger.torvalds.3@initech.example' }),
					expect.objectContaining({ email: 'ada.perlman.23@initech.example' }),
					{
						email: 'procurement@initech.example',
						first_name: 'Procurement',
						last_name: 'Team',
						organization_name: 'Initech',
					},
				],
				run_dedupe: true,
			},
		]);
		const contactsBefore = await wf.sandbox<Array<{ id: string; email: string }>>(
			'GET',
			'contacts',
		);
		const procurement = contactsBefore.find((c) => c.email === 'procurement@initech.example')!;
		const creates = requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		expect(creates).toHaveLength(1);
		const note =
			'HubSpot deal "Initech — 200 seats" reached Contract Sent: call about the contract.';
		expect(creates[0].body).toMatchObject({
			user_id: GRACE,
			contact_ids: [contactId(3), contactId(23), procurement.id],
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
			json(output).map((t) => [t.contact_id, t.user_id, t.type, t.existing, t.contact_created]),
		).toEqual([
			[contactId(3), GRACE, 'call', false, false],
			[contactId(23), GRACE, 'call', false, false],
			[procurement.id, GRACE, 'call', false, true],
		]);
		const created = (await wf.tasks()).filter(
			(t) => t.user_id === GRACE && t.type === 'call' && t.note === note,
		);
		expect(created.map((t) => [t.contact_id, t.status])).toEqual([
			[contactId(3), 'scheduled'],
			[contactId(23), 'scheduled'],
			[procurement.id, 'scheduled'],
		]);

		// The same event again creates neither a contact nor a task, and outputs the open tasks.
		await wf.sandbox('DELETE', 'requests');
		const again = await wf.run(workflow, 'Deal stage changed');
		const repeated = await wf.apolloRequests();
		expect(repeated.filter((r) => r.path === '/api/v1/tasks/bulk_create')).toEqual([]);
		expect(await wf.sandbox<unknown[]>('GET', 'contacts')).toHaveLength(contactsBefore.length);
		expect(
			json(again.output('Create call tasks in Apollo')).map((t) => [t.id, t.existing]),
		).toEqual(created.map((t) => [t.id, true]));
		expect((await wf.tasks()).filter((t) => t.note === note)).toHaveLength(3);
	});

	it("2. Salesforce: a new opportunity gets an Apollo task for its primary contact, assigned to the opportunity's owner by email", async () => {
		const workflow = wf.imported(FILES.salesforce);
		const started = Date.now();
		const execution = await wf.run(workflow, 'New opportunity');

		const requests = await wf.apolloRequests();
		expect(requests.filter((r) => r.path === '/api/v1/users/search')).toHaveLength(1);
		expect(requests.filter((r) => r.path === '/api/v1/contacts/search')).toEqual([]);
		expect(
			requests.filter((r) => r.path === '/api/v1/contacts/bulk_create').map((r) => r.body),
		).toEqual([
			{
				contacts: [
					{
						email: 'radia.turing.2@globex.example',
						first_name: 'Radia',
						last_name: 'Turing',
						organization_name: 'Globex',
					},
				],
				run_dedupe: true,
			},
		]);
		const creates = requests.filter((r) => r.path === '/api/v1/tasks/bulk_create');
		const note =
			'New opportunity "Globex analytics platform" (36000): introduce yourself to Radia.';
		expect(creates.map((r) => r.body)).toEqual([
			expect.objectContaining({
				user_id: GRACE,
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
			user_id: GRACE,
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
		// Search by Contact Email: the contact is looked up by each email, and only its tasks are read.
		const lookups = requests.filter((r) => r.path === '/api/v1/contacts/search');
		expect(lookups.map((r) => r.body.q_keywords)).toEqual([
			'edsger.torvalds.3@initech.example',
			'edsger.t@home.example',
		]);
		const searched = requests.filter((r) => r.path === '/api/v1/tasks/search');
		expect(searched.map((r) => [r.body.contact_id, r.body.q_keywords])).toEqual([
			[edsger, undefined],
		]);
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
}
