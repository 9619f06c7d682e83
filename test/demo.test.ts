import type { INodeParameters } from 'n8n-workflow';

import { loadWorkflow, runWorkflow, withParameters } from './harness/engine';
import { useSandbox } from './harness/sandbox';

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the dev script's CommonJS module
const { demoWorkflow, DEMO_LAST } = require('../scripts/lib/demo-workflow') as {
	demoWorkflow: (options: object) => {
		nodes: Array<{ name: string; parameters: INodeParameters }>;
	};
	DEMO_LAST: string;
};

const env = useSandbox({ tasks: 300 });

describe("npm run dev's demo", () => {
	it('lists only open high-priority tasks under "Open high-priority tasks"', async () => {
		const demo = demoWorkflow({ credential: { id: '1', name: 'x' }, contactIds: [] });
		const node = demo.nodes.find((n) => n.name === DEMO_LAST)!;
		const search = withParameters(
			loadWorkflow('search-tasks.json'),
			'Apollo Tasks',
			node.parameters,
		);
		const result = await runWorkflow(search, env.credentials());

		const tasks = result.output('Apollo Tasks').map((i) => i.json);
		const openHigh = env.sandbox.tasks.filter(
			(t) => t.priority === 'high' && t.status === 'scheduled',
		);
		expect(openHigh.length).toBeGreaterThan(20);
		expect(tasks).toHaveLength(20);
		expect(new Set(tasks.map((t) => `${t.status} ${t.priority}`))).toEqual(
			new Set(['scheduled high']),
		);
		expect(env.sandbox.tasks.some((t) => t.priority === 'high' && t.status !== 'scheduled')).toBe(
			true,
		);
	});
});
