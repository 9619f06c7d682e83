import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { UNKNOWN_WRITE } from './errors';
import { outcomeUnknown } from './types';

/** Failures without an HTTP answer Apollo meant: no answer at all, or one that is not JSON. */

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
	details: {
		code: string;
		host: string;
		path: string;
		write: boolean;
		sent: boolean;
		attempts: number;
		itemIndex?: number;
	},
): NodeApiError {
	const { code, host, write, sent } = details;
	// Spelled out: n8n swaps a message that contains a raw code such as ECONNREFUSED for a generic one.
	const message = `Could not get an answer from Apollo at ${host}: ${NETWORK_PROBLEMS[code] ?? 'the connection failed'}`;
	let description: string;
	if (write && sent) description = UNKNOWN_WRITE;
	else if (write)
		description =
			'The request never reached Apollo, so nothing was created or changed. Check the Base URL of the credential and the network, then run again.';
	else
		description = `Tried ${details.attempts} time(s). Check the Base URL of the credential and the network, then run again.`;
	// Not under the key `code`: n8n would replace this message with a generic one.
	const error = new NodeApiError(node, { networkError: code } as JsonObject, {
		message,
		description,
		itemIndex: details.itemIndex,
	});
	return write && sent ? outcomeUnknown(error) : error;
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
	const error = new NodeApiError(node, { sample: details.sample } as JsonObject, {
		message,
		description,
		itemIndex: details.itemIndex,
	});
	return details.write ? outcomeUnknown(error) : error;
}

/** The network error code behind a failed request, from the error or its causes. */
export function networkCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code))
			return candidate.code;
		if (typeof candidate.message === 'string') {
			if (/timeout/i.test(candidate.message)) return 'ETIMEDOUT';
			if (/socket hang up/i.test(candidate.message)) return 'ECONNRESET';
			const match = /\b(E[A-Z]{4,})\b/.exec(candidate.message);
			if (match) return match[1];
		}
		current = candidate.cause;
	}
	return 'ECONNRESET';
}
