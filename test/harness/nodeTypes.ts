import type {
	IExecuteFunctions,
	INodeExecutionData,
	INodeType,
	INodeTypeDescription,
	INodeTypes,
	IVersionedNodeType,
} from 'n8n-workflow';
import { NodeConnectionTypes, NodeHelpers } from 'n8n-workflow';

import { ApolloTasks } from '../../nodes/ApolloTasks/ApolloTasks.node';
import { ApolloTasksTrigger } from '../../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';

export const PACKAGE = 'n8n-nodes-apollo-tasks';
export const APOLLO_TASKS = `${PACKAGE}.apolloTasks`;
export const APOLLO_TASKS_TRIGGER = `${PACKAGE}.apolloTasksTrigger`;
export const ITEMS = 'test.items';

/** Emits the items given in its `items` parameter (a JSON array), like a pinned trigger would. */
class ItemsNode implements INodeType {
	description: INodeTypeDescription = {
		displayName: 'Items',
		name: 'items',
		group: ['input'],
		version: 1,
		description: 'Emits fixed items',
		defaults: { name: 'Items' },
		inputs: [],
		outputs: [NodeConnectionTypes.Main],
		properties: [{ displayName: 'Items', name: 'items', type: 'json', default: '[{}]' }],
	};

	async execute(this: IExecuteFunctions): Promise<INodeExecutionData[][]> {
		const raw = this.getNodeParameter('items', 0) as string | object[];
		const list = (typeof raw === 'string' ? JSON.parse(raw) : raw) as object[];
		return [list.map((json) => ({ json: json as INodeExecutionData['json'] }))];
	}
}

const types: Record<string, INodeType | IVersionedNodeType> = {
	[APOLLO_TASKS]: new ApolloTasks(),
	[APOLLO_TASKS_TRIGGER]: new ApolloTasksTrigger(),
	[ITEMS]: new ItemsNode(),
};

export const nodeTypes: INodeTypes = {
	getByName: (type) => types[type],
	getByNameAndVersion: (type, version) => NodeHelpers.getVersionedNodeType(types[type], version),
	getKnownTypes: () => ({}),
};

export function registerNodeType(type: string, nodeType: INodeType): void {
	types[type] = nodeType;
}

export function unregisterNodeType(type: string): void {
	delete types[type];
}
