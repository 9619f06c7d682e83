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

/**
 * What the node says as an AI agent's tool (n8n's "Apollo Tasks Tool"), where the tool's Description
 * starts when it is set manually. Each tool node does one operation, which n8n names when the Description
 * is set automatically ("Search tasks in Apollo Tasks"); this says what the agent is working on.
 */
export const TOOL_DESCRIPTION =
	"Apollo.io sales tasks: calls, manual emails, LinkedIn steps and action items, each for one contact of the team's Apollo CRM and owned by one user. Apollo's IDs (task, contact, user, account) are 24 hexadecimal characters.";
