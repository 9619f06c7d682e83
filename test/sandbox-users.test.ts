import { callSandbox, controlSandbox, useSandbox } from './harness/sandbox';

// The sandbox's own behaviours; the two search modes have tests of their own.
const env = useSandbox({ mode: 'extended', tasks: 10 });
type User = { id: string; name: string; email: string; deleted: boolean };
const users = async (query = '') => {
	const answer = await callSandbox(env.sandbox, 'GET', `/api/v1/users/search${query}`);
	return { status: answer.status, users: answer.json.users as User[], json: answer.json };
};

describe('Sandbox users', () => {
	it('lists the team with emails, none deleted by default, 25 a page unless asked', async () => {
		const { users: team, json } = await users();
		expect(team).toHaveLength(3);
		expect(json.pagination).toEqual({ page: 1, per_page: 25, total_entries: 3, total_pages: 1 });
		expect(team[1]).toEqual({
			id: env.sandbox.users[1].id,
			first_name: 'Grace',
			last_name: 'Thompson',
			name: 'Grace Thompson',
			email: 'grace.thompson@sandbox-sales.example',
			deleted: false,
		});
		expect(team.every((u) => !u.deleted)).toBe(true);
	});

	it('adds deleted users after the others with deletedUsers, over the control API too', async () => {
		env.sandbox.reset({ tasks: 10, deletedUsers: 2 });
		const { users: team } = await users('?per_page=100');
		expect(team.map((u) => u.deleted)).toEqual([false, false, false, true, true]);
		expect(team.slice(0, 3)).toEqual(env.sandbox.users.slice(0, 3));
		expect(new Set(team.map((u) => u.email)).size).toBe(5);

		await controlSandbox(env.sandbox, 'POST', 'reset', { users: 1, deletedUsers: 1 });
		expect((await users()).users.map((u) => [u.name, u.deleted])).toEqual([
			['Ada Lovelace', false],
			['Grace Thompson', true],
		]);
	});

	it('holds a team of 100 in one page of 100, every email its own; 101 a page is refused', async () => {
		env.sandbox.reset({ tasks: 10, users: 99, deletedUsers: 1 });
		const { users: team, json } = await users('?page=1&per_page=100');
		expect(json.pagination).toEqual({
			page: 1,
			per_page: 100,
			total_entries: 100,
			total_pages: 1,
		});
		expect(new Set(team.map((u) => u.email.toLowerCase())).size).toBe(100);
		expect(team[12].email).toBe('ada.lovelace.2@sandbox-sales.example');
		expect(team.filter((u) => u.deleted)).toEqual([team[99]]);
		expect((await users('?per_page=101')).json).toEqual({ error: 'Per page not supported' });
		expect((await users('?page=2&per_page=100')).users).toEqual([]);
	});

	it('with q_keywords, keeps the users whose name or email holds it, ignoring case', async () => {
		env.sandbox.reset({ tasks: 10, users: 30 });
		const alans = await users('?q_keywords=ALAN.ALLEN');
		expect(alans.users.map((u) => u.email)).toEqual([
			'alan.allen@sandbox-sales.example',
			'alan.allen.2@sandbox-sales.example',
			'alan.allen.3@sandbox-sales.example',
		]);
		expect((await users('?q_keywords=Edsger%20Dijkstra')).users).toHaveLength(3);
		expect((await users('?q_keywords=nobody')).users).toEqual([]);
	});
});
