import { documentedError, rateLimited, ROUTES, type Case } from '../sandbox/contract';
import {
	callSandbox,
	FREE_KEY,
	MASTER_KEY,
	MEMBER_KEY,
	PLAIN_KEY,
	TASKS_OFF_KEY,
	useSandbox,
	type SandboxAnswer,
} from './harness/sandbox';

// Every route of sandbox/contract.js, in both modes: a request as the reference documents it is answered
// with the keys the reference shows, and every example error of the reference is answered word for word.
const env = useSandbox({ tasks: 30 });
const task = () =>
	env.sandbox.tasks.find((t) => t.status === 'scheduled' && t.user_id === env.sandbox.users[0].id)!;
const done = () => env.sandbox.tasks.find((t) => t.status !== 'scheduled')!;
const call = (method: string, path: string, body?: unknown, key: string | null = MASTER_KEY) =>
	callSandbox(env.sandbox, method, path, body, key);

/** A request each route answers, as its reference page documents it. */
const VALID: Record<string, () => [string, string, unknown?]> = {
	createTask: () => [
		'POST',
		'/api/v1/tasks',
		{
			user_id: env.sandbox.users[0].id,
			contact_id: env.sandbox.contacts[0].id,
			type: 'call',
			status: 'scheduled',
			due_at: '2027-01-04T09:00:00Z',
			title: 'Follow-up call',
		},
	],
	bulkCreate: () => [
		'POST',
		'/api/v1/tasks/bulk_create',
		{
			user_id: env.sandbox.users[0].id,
			contact_ids: [env.sandbox.contacts[0].id, env.sandbox.contacts[1].id],
			type: 'call',
			status: 'scheduled',
			due_at: '2027-01-04T09:00:00Z',
		},
	],
	searchTasks: () => [
		'POST',
		'/api/v1/tasks/search?page=1&per_page=5',
		{ open_factor_names: ['task_types'] },
	],
	getTask: () => ['GET', `/api/v1/tasks/${task().id}`],
	updateTask: () => ['PATCH', `/api/v1/tasks/${task().id}`, { note: 'Moved', priority: 'high' }],
	completeTask: () => ['POST', `/api/v1/tasks/${task().id}/complete`, { note: 'Done' }],
	skipTask: () => ['POST', `/api/v1/tasks/${task().id}/skip`, { note: 'Not now' }],
	searchContacts: () => ['POST', '/api/v1/contacts/search', { page: 1, per_page: 5 }],
	bulkCreateContacts: () => [
		'POST',
		'/api/v1/contacts/bulk_create',
		{ contacts: [{ email: 'new.person@contract.example', first_name: 'New' }], run_dedupe: true },
	],
	searchUsers: () => ['GET', '/api/v1/users/search?page=1&per_page=5'],
	usageStats: () => ['POST', '/api/v1/usage_stats/api_usage_stats', {}],
};

/** How to make each documented error happen: the key, and what to change in the valid request. */
function provoke(name: string, when: Case): Promise<SandboxAnswer> {
	const [method, path, body] = VALID[name]();
	const id = /\/tasks\/([0-9a-f]{24})/.exec(path)?.[1];
	switch (when) {
		case 'invalidKey':
			return call(method, path, body, 'not-a-key');
		case 'notInScope':
			return call(method, path, body, PLAIN_KEY);
		case 'freePlan':
			return call(method, path, body, FREE_KEY);
		case 'taskFunctionsOff':
			return call(method, path, body, TASKS_OFF_KEY);
		case 'othersTask':
			return call(method, path, body, MEMBER_KEY);
		case 'deleted':
			env.sandbox.removeTask(id!);
			return call(method, path, body);
		case 'alreadyDone':
			return call(method, path.replace(id!, done().id), body);
		case 'blankTypeAndUser':
			return call(method, path, { ...(body as object), type: '', user_id: undefined });
		case 'noFacets':
			env.sandbox.setOptions({ mode: 'documented' });
			return call(method, path, {});
		case 'perPage':
			return call(method, path.replace('per_page=5', 'per_page=101'), body);
		case 'noContacts':
			return call(method, path, { run_dedupe: true });
		case 'tooManyContacts':
			return call(method, path, {
				contacts: Array.from({ length: 101 }, (_, i) => ({ email: `p${i}@contract.example` })),
			});
		case 'rateLimited':
			env.sandbox.setRateLimits({ minute: 0 });
			return call(method, path, body);
	}
}

/** The keys the reference shows an answer with: a task's own keys where the value is a task or tasks. */
function expectKeys(body: Record<string, unknown>, answer: Record<string, string[] | true>) {
	for (const [key, inner] of Object.entries(answer)) {
		expect(body).toHaveProperty([key]);
		if (inner === true) continue;
		const values = Array.isArray(body[key]) ? (body[key] as object[]) : [body[key] as object];
		expect(values.length).toBeGreaterThan(0);
		for (const value of values) expect(Object.keys(value)).toEqual(expect.arrayContaining(inner));
	}
}

describe.each(['documented', 'extended'] as const)(
	'The sandbox against the reference (%s)',
	(mode) => {
		beforeEach(() => env.sandbox.setOptions({ mode }));

		it.each(Object.keys(ROUTES))(
			'%s: a documented request gets 200 and the documented answer',
			async (name) => {
				const [method, path, body] = VALID[name]();
				const answer = await call(method, path, body);

				expect(answer.status).toBe(200);
				expectKeys(answer.json, ROUTES[name].answer);
			},
		);

		const errors = Object.entries(ROUTES).flatMap(([name, route]) =>
			route.errors.map((error) => [name, error.when, error.status] as const),
		);
		it.each(errors)("%s: %s is %s with the reference's own words", async (name, when, status) => {
			const answer = await provoke(name, when);
			const documented = documentedError(name, when);

			expect(answer.status).toBe(status);
			if (documented.text !== undefined) {
				expect(answer.text).toBe(documented.text);
				expect(answer.headers.get('content-type')).toMatch(/^text\/plain/);
			} else if (when === 'rateLimited') {
				const { per } = ROUTES[name].limit;
				expect(documented.body).toEqual(
					rateLimited(ROUTES[name].scope, ROUTES[name].limit.count, per),
				);
				expect(answer.json).toEqual(rateLimited(ROUTES[name].scope, 0, 'minute'));
			} else {
				expect(answer.json).toEqual(documented.body);
			}
		});

		it('complete and skip of a task that no longer exists: 200 with deleted: true', async () => {
			for (const verb of ['complete', 'skip']) {
				const gone = task();
				env.sandbox.removeTask(gone.id);
				const answer = await call('POST', `/api/v1/tasks/${gone.id}/${verb}`, {});
				expect(answer).toMatchObject({
					status: 200,
					json: { task: { id: gone.id, deleted: true } },
				});
			}
		});

		it('skip answers only a stub of the task', async () => {
			const [method, path, body] = VALID.skipTask();
			const answer = await call(method, path, body);
			expect(Object.keys(answer.json.task).sort()).toEqual(['completed', 'id', 'note', 'status']);
		});
	},
);
