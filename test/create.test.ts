import { loadWorkflow, runWorkflow, withItems } from './harness/engine';
import { useSandbox } from './harness/sandbox';

const env = useSandbox();
const workflow = loadWorkflow('create-tasks.json');

describe('Create', () => {
	it('smoke', async () => {
		const result = await runWorkflow(withItems(workflow, [{ contact_id: '5c0000000000000000000001', name: 'Ada' }]), env.credentials());
		console.log(JSON.stringify(result.error('Apollo Tasks')), JSON.stringify(result.output('Apollo Tasks')).slice(0, 500));
		console.log(JSON.stringify(env.sandbox.requests.map((r) => ({ ...r, headers: undefined }))));
	});
});
