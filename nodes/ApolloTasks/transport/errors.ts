import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { WINDOW_NAME } from './rateLimit';
import type { RateWindow } from './types';

const FIX_KEY = 'In Apollo open Settings > Integrations > API, create a key with "Set as master key" turned on, and paste it into the Apollo Tasks credential.';
const UNKNOWN_WRITE =
	'The request reached Apollo but its answer was lost, so the tasks may or may not have been created. Apollo does not deduplicate tasks: search for them in Apollo before running this again.';

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
	window?: RateWindow;
	resetsAt?: number;
	attempts?: number;
}

/** The one place where Apollo's answers become errors a user can act on. */
export function apolloApiError(node: INode, failure: ApolloFailure, redact: (text: string) => string): NodeApiError {
	const said = redact(apolloMessage(failure.body));
	const quoted = said ? ` Apollo said: "${said}"` : '';
	const endpoint = `api/v1${failure.path}`;
	let message: string;
	let description: string;
	const { status } = failure;
	if (status === 401) {
		message = 'Apollo rejected the API key (401): it is wrong or was revoked';
		description = `${FIX_KEY}${quoted}`;
	} else if (status === 403) {
		message = 'Apollo refused this request (403): the key is not a master API key, or the plan has no API access';
		description = `${FIX_KEY} Free plans cannot use the Tasks API.${quoted}`;
	} else if (status === 404) {
		message = `Apollo found nothing at ${endpoint} (404)`;
		description = `Check the ID you gave.${quoted}`;
	} else if (status === 422) {
		message = said ? `Apollo rejected the request: ${said}` : 'Apollo rejected the request (422)';
		description = failure.write
			? 'Nothing was created or changed. Fix the field Apollo names and run again.'
			: 'Fix the field Apollo names and run again.';
	} else if (status === 429) {
		const window = failure.window ?? 'minute';
		const resets = failure.resetsAt ? ` It resets at ${new Date(failure.resetsAt).toISOString().replace('.000Z', 'Z')}.` : '';
		message = `Apollo's ${WINDOW_NAME[window]} rate limit for ${endpoint} is used up`;
		description =
			`The request was not carried out.${resets} ` +
			(window === 'minute'
				? 'Raise "Max Wait on Rate Limit" in the node options to let the node wait for the window, or run fewer items at once.'
				: 'Run the workflow again after the reset, lower how often it runs, or upgrade the Apollo plan.') +
			quoted;
	} else if (status >= 500) {
		message = `Apollo is unavailable (HTTP ${status})`;
		description = failure.write
			? `${UNKNOWN_WRITE}${quoted}`
			: `Tried ${failure.attempts ?? 1} time(s). Try again later.${quoted}`;
	} else {
		message = `Apollo answered HTTP ${status} for ${endpoint}`;
		description = said || 'Apollo gave no reason.';
	}
	const response: JsonObject = { httpCode: String(status), apolloMessage: said };
	return new NodeApiError(node, response, {
		message,
		description,
		httpCode: String(status),
		itemIndex: failure.itemIndex,
	});
}

const NETWORK_PROBLEMS: Record<string, string> = {
	ECONNREFUSED: 'the connection was refused',
	ENOTFOUND: 'the host name was not found',
	EAI_AGAIN: 'the host name could not be looked up',
	ECONNRESET: 'the connection was dropped before the answer came',
	EPIPE: 'the connection was dropped before the answer came',
	ETIMEDOUT: 'no answer within the timeout',
	ECONNABORTED: 'no answer within the timeout',
	EHOSTUNREACH: 'the host cannot be reached',
	ENETUNREACH: 'the network cannot be reached',
};

/** A request that got no HTTP answer. `sent` says whether Apollo may have received it. */
export function apolloNetworkError(
	node: INode,
	details: { code: string; host: string; path: string; write: boolean; sent: boolean; attempts: number; itemIndex?: number },
): NodeApiError {
	const { code, host, write, sent } = details;
	// Spelled out: n8n swaps a message that contains a raw code such as ECONNREFUSED for a generic one.
	const message = `Could not get an answer from Apollo at ${host}: ${NETWORK_PROBLEMS[code] ?? 'the connection failed'}`;
	let description: string;
	if (write && sent) description = UNKNOWN_WRITE;
	else if (write) description = 'The request never reached Apollo, so nothing was created or changed. Check the Base URL of the credential and the network, then run again.';
	else description = `Tried ${details.attempts} time(s). Check the Base URL of the credential and the network, then run again.`;
	// Not under the key `code`: n8n would replace this message with a generic one.
	return new NodeApiError(node, { networkError: code } as JsonObject, { message, description, itemIndex: details.itemIndex });
}

/** An answer that is not the JSON Apollo promises (an HTML error page with status 200, a cut-off body). */
export function apolloMalformedError(
	node: INode,
	details: { path: string; write: boolean; attempts: number; sample: string; itemIndex?: number },
): NodeApiError {
	const message = `Apollo answered api/v1${details.path} with something that is not JSON`;
	const description = details.write
		? UNKNOWN_WRITE
		: `Tried ${details.attempts} time(s). The answer began: ${details.sample}`;
	return new NodeApiError(node, { sample: details.sample } as JsonObject, {
		message,
		description,
		itemIndex: details.itemIndex,
	});
}
