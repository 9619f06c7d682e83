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
 * What the node says as an AI agent's tool (n8n's "Apollo Tasks Tool"): the text the tool's Description
 * starts from when set manually. Set Automatically, n8n describes the tool by the operation's action
 * ("Search tasks in Apollo Tasks").
 */
export const TOOL_DESCRIPTION =
	"Work on a sales team's Apollo.io tasks (calls, manual emails, LinkedIn steps and action items, each for one contact): create tasks for contact IDs or emails, search tasks by assignee, contact, status, priority or keywords, get a task by its 24-character ID, and update, complete or skip one. Search and Get return a few readable fields per task, or only the fields asked for.";
