import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** Every task type Apollo has today (the old API page listed only call, manual email and action item). */
export const TASK_TYPE_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Action Item', value: 'action_item', description: 'A free-form to-do. Apollo advises adding a note.' },
	{ name: 'Call', value: 'call' },
	{ name: 'LinkedIn: Connect', value: 'linkedin_step_connect' },
	{ name: 'LinkedIn: Interact With Post', value: 'linkedin_step_interact_post' },
	{ name: 'LinkedIn: Message', value: 'linkedin_step_message' },
	{ name: 'LinkedIn: View Profile', value: 'linkedin_step_view_profile' },
	{ name: 'Manual Email', value: 'outreach_manual_email' },
];

export const PRIORITY_OPTIONS: INodePropertyOptions[] = [
	{ name: 'High', value: 'high' },
	{ name: 'Medium', value: 'medium' },
	{ name: 'Low', value: 'low' },
];

export const STATUS_OPTIONS: INodePropertyOptions[] = [
	{ name: 'Scheduled', value: 'scheduled', description: 'A task still to do' },
	{ name: 'Completed', value: 'completed', description: 'Record a task that is already done' },
	{ name: 'Skipped', value: 'skipped', description: 'Record a task that was skipped' },
];

export const values = (options: INodePropertyOptions[]): string[] => options.map((o) => String(o.value));

/** Shared by every operation's Options, read once per execution by the router. */
export const timeoutOption: INodeProperties = {
	displayName: 'Timeout (Seconds)',
	name: 'timeout',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: 300 },
	default: 30,
	description:
		'How long to wait for each answer from Apollo. A search page that times out is asked for again; a create that times out is not, since Apollo may have made the tasks.',
};

export const maxRateLimitWaitOption: INodeProperties = {
	displayName: 'Max Wait on Rate Limit (Seconds)',
	name: 'maxRateLimitWait',
	type: 'number',
	typeOptions: { minValue: 0, maxValue: 600 },
	default: 90,
	description:
		"How long the node may wait in all for Apollo's per-minute limit to reset before it stops with an error. Hourly and daily limits always stop it at once.",
};
