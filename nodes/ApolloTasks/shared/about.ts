import type { INodeProperties, INodePropertyOptions } from 'n8n-workflow';

/** This package's README, where each node's Docs link opens its section. */
export const REPOSITORY_URL = 'https://github.com/n8n-nodes-apollo-tasks/n8n-nodes-apollo-tasks';

/** The Docs link to one README section; `anchor` is the section heading's GitHub anchor. */
export const docsUrl = (anchor: string): string => `${REPOSITORY_URL}#${anchor}`;

/**
 * What both nodes say about themselves. n8n's node creator lists a node and its trigger as one entry
 * and describes that entry with the trigger's text, so the trigger carries the node's text too; its
 * events are listed under it by name.
 */
export const NODE_DESCRIPTION = 'Create, search, update, complete and skip Apollo.io tasks';

const isOption = (option: unknown): option is INodePropertyOptions =>
	typeof option === 'object' && option !== null && 'value' in option && 'name' in option;

/**
 * A canvas subtitle that names the chosen option as the panel does ("Task Due", "Create tasks")
 * instead of showing its value ("taskDue"). Built from the parameter's options, so a new option is
 * named too; a value the list does not know is shown as it is.
 */
export function optionSubtitle(
	properties: INodeProperties[],
	parameter: string,
	label: (option: INodePropertyOptions) => string = (option) => option.name,
): string {
	const names: Record<string, string> = {};
	for (const property of properties.filter((p) => p.name === parameter)) {
		for (const option of (property.options ?? []).filter(isOption))
			names[String(option.value)] = label(option);
	}
	return `={{ (${JSON.stringify(names)})[$parameter["${parameter}"]] || $parameter["${parameter}"] }}`;
}
