import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { WINDOW_NAME, type RateLimitStop } from './rateLimit';

const FIX_KEY =
	'In Apollo open Settings > Integrations > API, create a key (a master key, or one whose scope holds the endpoints this workflow uses), and paste it into the Apollo Tasks credential.';
export const UNKNOWN_WRITE =
	'The request reached Apollo but its answer was lost, so Apollo may or may not have carried it out.';

/** Every error this package makes: n8n's two kinds. */
export type NodeError = NodeApiError | NodeOperationError;

/**
 * Marks a write whose answer was lost (Apollo may or may not have acted), so that the operation can say
 * what that means for what it wrote. Only for an error being made, before anyone sees it.
 */
export function outcomeUnknown<E extends NodeApiError>(error: E): E {
	error.context.outcomeUnknown = true;
	return error;
}

/** Whether Apollo may or may not have carried out the write this error stopped. */
export const isOutcomeUnknown = (error: unknown): boolean =>
	error instanceof NodeApiError && error.context.outcomeUnknown === true;

/**
 * The same failure for `itemIndex`, with its own message or description where given: a new error of the
 * same kind, HTTP code and unknown outcome. The failure itself when it already names the item and
 * nothing changes; an error is never changed once made.
 */
export function failureFor(
	node: INode,
	error: NodeError,
	itemIndex: number,
	change: { message?: string; description?: string } = {},
): NodeError {
	if (error.context.itemIndex === itemIndex && !change.message && !change.description) return error;
	const options = {
		message: change.message ?? error.message,
		description: change.description ?? error.description ?? undefined,
		itemIndex,
	};
	if (!(error instanceof NodeApiError))
		return new NodeOperationError(node, options.message, options);
	const httpCode = error.httpCode ?? undefined;
	const response: JsonObject = httpCode ? { httpCode } : {};
	const copy = new NodeApiError(node, response, { ...options, httpCode });
	return isOutcomeUnknown(error) ? outcomeUnknown(copy) : copy;
}

/**
 * A write whose answer was lost, with what that means for this write (what may now be true in Apollo,
 * and what to do) after the error's own description; any other error as it is.
 */
export function explainUnknownOutcome(
	node: INode,
	error: NodeError,
	itemIndex: number,
	whatIsTrue: string,
): NodeError {
	if (!isOutcomeUnknown(error)) return error;
	const description = `${error.description ?? ''} ${whatIsTrue}`.trim();
	return failureFor(node, error, itemIndex, { description });
}

/** A 2xx answer that lacks part of what was asked for; `answer` says how, for the error's details. */
export function apolloIncompleteAnswer(
	node: INode,
	details: { message: string; description: string; answer: string; itemIndex: number },
): NodeApiError {
	return new NodeApiError(node, { answer: details.answer } as JsonObject, {
		message: details.message,
		description: details.description,
		itemIndex: details.itemIndex,
	});
}

/** Apollo's own words from an error body: JSON `error`/`message`, or the text of a plain or HTML page. */
export function apolloMessage(body: unknown): string {
	if (body && typeof body === 'object') {
		const data = body as IDataObject;
		for (const key of ['error', 'message', 'errors']) {
			const value = data[key];
			if (typeof value === 'string' && value) return value;
			if (Array.isArray(value) && value.length) return value.map(String).join('; ');
		}
		return '';
	}
	if (typeof body === 'string') {
		const text = body
			.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
			.replace(/<[^>]+>/g, ' ')
			.replace(/\s+/g, ' ')
			.trim();
		return text.length > 200 ? `${text.slice(0, 200)}…` : text;
	}
	return '';
}

export interface ApolloFailure {
	status: number;
	body: unknown;
	path: string;
	write: boolean;
	itemIndex?: number;
	attempts?: number;
}

/** What an error answer says, by Apollo's words: which of the reference's documented cases it is. */
function caseOf(status: number, said: string, body: unknown): string {
	const code = body && typeof body === 'object' ? (body as IDataObject).error_code : undefined;
	if (status === 403 && (code === 'API_INACCESSIBLE' || /not authorized to access/i.test(said)))
		return 'notInScope';
	if (/task functions/i.test(said)) return 'taskFunctionsOff';
	if (/paid plans?/i.test(said)) return 'paidPlan';
	if (/belongs to another user/i.test(said)) return 'othersTask';
	if (/has been deleted/i.test(said)) return 'deleted';
	if (/already completed|already skipped|completed \/ skipped/i.test(said)) return 'alreadyDone';
	return String(status);
}

/** The one place where Apollo's answers become errors a user can act on. */
export function apolloApiError(node: INode, failure: ApolloFailure): NodeApiError {
	const said = apolloMessage(failure.body);
	const quoted = said ? ` Apollo said: "${said}"` : '';
	const endpoint = `api/v1${failure.path}`;
	const nothingChanged = failure.write ? 'Nothing was created or changed. ' : '';
	let message: string;
	let description: string;
	const { status } = failure;
	switch (caseOf(status, said, failure.body)) {
		case 'othersTask':
			message =
				'This task belongs to another Apollo user, and Apollo does not let this key change it';
			description = `${nothingChanged}Only its owner (or an admin, where the account allows it) may change, complete or skip it: use a key of that user, or leave the task out.${quoted}`;
			break;
		case 'notInScope': {
			const scope = /access (api\/v1\/[\w/]+)/.exec(said)?.[1] ?? endpoint;
			message = `This API key may not use ${scope}`;
			description = `${nothingChanged}In Apollo open Settings > Integrations > API and add ${scope} to the key's scope, or use a master key.${quoted}`;
			break;
		}
		case 'taskFunctionsOff':
			message = "Apollo's task functions are turned off for the user of this key";
			description = `${nothingChanged}An Apollo admin can allow tasks for this user (Settings > Users & Teams), or use a key of a user who has them.${quoted}`;
			break;
		case 'paidPlan':
			message = 'Apollo refused this request: this endpoint is only for paid plans';
			description = `${nothingChanged}Free Apollo plans cannot use the API; upgrade the plan in Apollo.${quoted}`;
			break;
		case 'deleted':
			message = 'The task no longer exists in Apollo: it was deleted';
			description = `${nothingChanged}Leave it out of the input, or search for the tasks again.${quoted}`;
			break;
		case 'alreadyDone':
			message = 'The task is already completed or skipped in Apollo';
			description = `Nothing was changed. Only scheduled tasks can be completed or skipped.${quoted}`;
			break;
		default:
			if (status === 401) {
				message = 'Apollo rejected the API key (401): it is wrong or was revoked';
				description = `${FIX_KEY}${quoted}`;
			} else if (status === 403) {
				message = `Apollo refused this request (403)`;
				description = `${FIX_KEY}${quoted}`;
			} else if (status === 404) {
				message = `Apollo found nothing at ${endpoint} (404)`;
				description = `Check the ID you gave.${quoted}`;
			} else if (status === 422) {
				message = said
					? `Apollo rejected the request: ${said}`
					: 'Apollo rejected the request (422)';
				description = failure.write
					? 'Nothing was created or changed. Fix the field Apollo names and run again.'
					: 'Fix the field Apollo names and run again.';
			} else if (status >= 500) {
				message = `Apollo is unavailable (HTTP ${status})`;
				description = failure.write
					? `${UNKNOWN_WRITE}${quoted}`
					: `Tried ${failure.attempts ?? 1} time(s). Try again later.${quoted}`;
			} else {
				message = `Apollo answered HTTP ${status} for ${endpoint}`;
				description = said || 'Apollo gave no reason.';
			}
	}
	const response: JsonObject = { httpCode: String(status), apolloMessage: said };
	const error = new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(status),
		itemIndex: failure.itemIndex,
	});
	return status >= 500 && failure.write ? outcomeUnknown(error) : error;
}

/** Apollo answered a complete or skip of a task that no longer exists with `deleted: true`. */
export function apolloDeletedTaskError(
	node: INode,
	details: { id: string; itemIndex?: number },
): NodeApiError {
	return new NodeApiError(node, { deleted: true } as JsonObject, {
		message: 'The task no longer exists in Apollo: it was deleted',
		description: `Apollo answered that task ${details.id} was deleted (a task whose sequence was paused can be removed, for one). Nothing was changed. Leave it out of the input, or search for the tasks again.`,
		itemIndex: details.itemIndex,
	});
}

/** Apollo's rate limit is used up and the wait for its reset would pass the longest wait allowed. */
export function rateLimitError(
	node: INode,
	stop: RateLimitStop & { path: string; itemIndex?: number; said?: string; toWaitLonger: string },
): NodeApiError {
	const endpoint = `api/v1${stop.path}`;
	const resets = new Date(stop.resetsAt).toISOString().replace('.000Z', 'Z');
	const quoted = stop.said ? ` Apollo said: "${stop.said}"` : '';
	const description =
		`The request was not carried out. It resets at ${resets}. ` +
		(stop.window === 'minute'
			? stop.toWaitLonger
			: 'Run the workflow again after the reset, lower how often it runs, or upgrade the Apollo plan.') +
		quoted;
	return new NodeApiError(node, { httpCode: '429', apolloMessage: stop.said ?? '' } as JsonObject, {
		message: `Apollo's ${WINDOW_NAME[stop.window]} rate limit for ${endpoint} is used up`,
		description,
		httpCode: '429',
		itemIndex: stop.itemIndex,
	});
}

/** A 2xx answer that should hold a task and does not (an empty body, say). */
export function apolloNoTaskError(
	node: INode,
	details: { path: string; itemIndex?: number },
): NodeApiError {
	return new NodeApiError(node, { emptyAnswer: true } as JsonObject, {
		message: `Apollo answered api/v1${details.path} without the task`,
		description:
			'Apollo accepted the request but sent no task back, and reading the task again gave none either. Open the task in Apollo to see its state, then run again.',
		itemIndex: details.itemIndex,
	});
}

/** The user stopped the execution while the node waited for Apollo. */
export function apolloCancelledError(
	node: INode,
	call: { path: string; write?: boolean; itemIndex?: number },
): NodeOperationError {
	return new NodeOperationError(
		node,
		'The execution was cancelled while the node waited for Apollo',
		{
			description: `Nothing more was sent to api/v1${call.path}. Requests sent before the wait were carried out.`,
			itemIndex: call.itemIndex,
		},
	);
}

/** A request the caller stopped before it was sent: nothing of it reached Apollo. */
export function apolloStoppedError(
	node: INode,
	call: { path: string; itemIndex?: number },
): NodeOperationError {
	return new NodeOperationError(node, `Not sent to api/v1${call.path}: the node had stopped`, {
		description: 'An earlier item failed, so nothing more was sent to Apollo.',
		itemIndex: call.itemIndex,
	});
}
