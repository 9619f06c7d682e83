import type { INodePropertyOptions } from 'n8n-workflow';

import type { ApolloPriority, ApolloStatus, ApolloTaskType } from '../transport/types';

/** Apollo's task types with the names its app shows. */
export const TASK_TYPES = [
	{
		value: 'action_item',
		name: 'Action Item',
		description: 'A free-form to-do. Apollo advises adding a note.',
	},
	{ value: 'call', name: 'Call' },
	{ value: 'linkedin_step_connect', name: 'LinkedIn: Connect' },
	{ value: 'linkedin_step_interact_post', name: 'LinkedIn: Interact With Post' },
	{ value: 'linkedin_step_message', name: 'LinkedIn: Message' },
	{ value: 'linkedin_step_view_profile', name: 'LinkedIn: View Profile' },
	{ value: 'outreach_manual_email', name: 'Manual Email' },
] as const satisfies ReadonlyArray<Choice<ApolloTaskType>>;

export const PRIORITIES = [
	{ value: 'high', name: 'High' },
	{ value: 'medium', name: 'Medium' },
	{ value: 'low', name: 'Low' },
] as const satisfies ReadonlyArray<Choice<ApolloPriority>>;

export const STATUSES = [
	{ value: 'scheduled', name: 'Scheduled', description: 'A task still to do' },
	{ value: 'completed', name: 'Completed', description: 'A task that is done' },
	{ value: 'skipped', name: 'Skipped', description: 'A task that was skipped' },
] as const satisfies ReadonlyArray<Choice<ApolloStatus>>;

interface Choice<V extends string> {
	readonly value: V;
	readonly name: string;
	readonly description?: string;
}

/** The values of a list, typed, for checking what an expression produced. */
export const valuesOf = <V extends string>(list: readonly Choice<V>[]): V[] =>
	list.map((choice) => choice.value);

/** The list as n8n field options. */
export const optionsOf = (list: readonly Choice<string>[]): INodePropertyOptions[] =>
	list.map((choice) => ({ ...choice }));

/** The name a person reads for a value ("LinkedIn: Message" for linkedin_step_message). */
export const nameOf = (list: readonly Choice<string>[], value: unknown): string =>
	list.find((choice) => choice.value === value)?.name ?? String(value ?? '');
