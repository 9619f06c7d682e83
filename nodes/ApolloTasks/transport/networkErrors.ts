import type { INode, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { outcomeUnknown, UNKNOWN_WRITE } from './errors';

/** Failures without an HTTP answer Apollo meant: no answer at all, or one that is not JSON. */

/**
 * What a request that got no HTTP answer ran into, as far as the node can tell: in words, whether it
 * may have reached Apollo, and whether trying again soon may go better.
 */
export interface NetworkProblem {
	/** The system's code (ECONNRESET, CERT_HAS_EXPIRED, …), or none when the error carried no code. */
	code?: string;
	words: string;
	reachedApollo: 'no' | 'maybe';
	passing: boolean;
	/** What the user can do about it. */
	fix: string;
}

const CHECK_NETWORK = 'Check the Base URL of the credential and the network, then run again.';
const CHECK_TLS =
	"A proxy or firewall that inspects HTTPS, a wrong Base URL, or a machine clock far off usually causes this: check the credential's Base URL and the certificates n8n trusts (NODE_EXTRA_CA_CERTS), then run again.";

/** Codes whose meaning is known; `no` marks those that prove the request never left this machine. */
const KNOWN: Record<string, [words: string, reachedApollo: 'no' | 'maybe']> = {
	ECONNREFUSED: ['the connection was refused', 'no'],
	ENOTFOUND: ['the host name was not found', 'no'],
	EAI_AGAIN: ['the host name could not be looked up', 'no'],
	ERR_INVALID_URL: ['the address is not a valid URL', 'no'],
	EHOSTUNREACH: ['the host cannot be reached', 'no'],
	ENETUNREACH: ['the network cannot be reached', 'no'],
	ECONNRESET: ['the connection was dropped before the answer came', 'maybe'],
	EPIPE: ['the connection was dropped before the answer came', 'maybe'],
	ETIMEDOUT: ['no answer within the timeout', 'maybe'],
	ECONNABORTED: ['no answer within the timeout', 'maybe'],
};

/** Certificate and TLS failures: the handshake failed, so no request was sent, and trying again soon will fail the same way. */
const TLS = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|^ERR_TLS|^ERR_SSL|^EPROTO$/;

/** The error code behind a failed request, from the error or its causes. */
function codeOf(error: unknown): { code?: string; message?: string } {
	const seen = new Set<unknown>();
	let firstMessage: string | undefined;
	for (let current = error; current && typeof current === 'object' && !seen.has(current);) {
		seen.add(current);
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof candidate.code === 'string' && /^[A-Z][A-Z0-9_]+$/.test(candidate.code))
			return { code: candidate.code };
		if (typeof candidate.message === 'string') {
			firstMessage ??= candidate.message;
			if (/timeout/i.test(candidate.message)) return { code: 'ETIMEDOUT' };
			if (/socket hang up/i.test(candidate.message)) return { code: 'ECONNRESET' };
			const match = /\b(E[A-Z]{4,}|[A-Z]+(?:_[A-Z]+)*CERT[A-Z_]*)\b/.exec(candidate.message);
			if (match) return { code: match[1] };
		}
		current = candidate.cause;
	}
	return { message: firstMessage };
}

/** What a request that got no HTTP answer ran into. */
export function networkProblem(error: unknown): NetworkProblem {
	const { code, message } = codeOf(error);
	if (code && KNOWN[code]) {
		const [words, reachedApollo] = KNOWN[code];
		return { code, words, reachedApollo, passing: true, fix: CHECK_NETWORK };
	}
	if (code && TLS.test(code)) {
		const words = `the secure connection could not be made (${code.toLowerCase().replace(/_/g, ' ')})`;
		return { code, words, reachedApollo: 'no', passing: false, fix: CHECK_TLS };
	}
	// Neither a known network failure nor TLS (a proxy's own refusal, say): told as it came, not retried.
	const said = (message ?? code ?? 'no reason given').replace(/\s+/g, ' ').slice(0, 120);
	return {
		code,
		words: `the request failed: ${said}`,
		reachedApollo: 'maybe',
		passing: false,
		fix: `${CHECK_NETWORK} A proxy between n8n and Apollo may have refused the request.`,
	};
}

/** A request that got no HTTP answer. */
export function apolloNetworkError(
	node: INode,
	details: {
		problem: NetworkProblem;
		host: string;
		path: string;
		write: boolean;
		attempts: number;
		itemIndex?: number;
	},
): NodeApiError {
	const { problem, host, write } = details;
	// Spelled out: n8n swaps a message that contains a raw code such as ECONNREFUSED for a generic one.
	const message = `Could not get an answer from Apollo at ${host}: ${problem.words}`;
	const unknown = write && problem.reachedApollo === 'maybe';
	let description: string;
	if (unknown && problem.passing) description = UNKNOWN_WRITE;
	else if (unknown)
		description = `The node cannot tell whether the request reached Apollo, so Apollo may or may not have carried it out. ${problem.fix}`;
	else if (write)
		description = `The request never reached Apollo, so nothing was created or changed. ${problem.fix}`;
	else description = `Tried ${details.attempts} time(s). ${problem.fix}`;
	// Not under the key `code`: n8n would replace this message with a generic one.
	const error = new NodeApiError(node, { networkError: problem.code ?? 'unknown' } as JsonObject, {
		message,
		description,
		itemIndex: details.itemIndex,
	});
	return unknown ? outcomeUnknown(error) : error;
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
