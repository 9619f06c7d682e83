import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

import type { ApolloTask } from '../transport/types';

/** The fields a person reads, flat, for Slack messages, sheets and AI agents. */
export function simplifyTask(task: ApolloTask): IDataObject {
	return {
		id: task.id,
		type: task.type,
		priority: task.priority,
		status: task.status,
		due_at: task.due_at,
		note: task.note,
		user_id: task.user_id,
		contact_id: task.contact_id,
		contact_name: task.contact?.name ?? null,
		contact_email: task.contact?.email ?? null,
		account_name: task.account?.name ?? task.contact?.organization_name ?? null,
	};
}

/** One task as an output item, whole or simplified, with anything extra (`existing: true`) on top. */
export function taskItem(
	task: ApolloTask,
	simplify: boolean,
	itemIndex: number,
	extra: IDataObject = {},
): INodeExecutionData {
	const json = simplify ? simplifyTask(task) : (task as unknown as IDataObject);
	return {
		json: Object.keys(extra).length ? { ...json, ...extra } : json,
		pairedItem: { item: itemIndex },
	};
}
