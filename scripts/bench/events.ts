import type { INodePropertyOptions } from 'n8n-workflow';

import { ApolloTasksTrigger } from '../../nodes/ApolloTasksTrigger/ApolloTasksTrigger.node';

/** The trigger's events: the parameter value, and the name n8n shows for it in the Event list. */
export const EVENTS = (
	new ApolloTasksTrigger().description.properties.find((p) => p.name === 'event')!
		.options as INodePropertyOptions[]
).map((o) => ({ value: String(o.value), name: o.name }));
