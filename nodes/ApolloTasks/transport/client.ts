import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import { apiRoot } from './baseUrl';

import { apolloApiError, apolloMalformedError, apolloMessage, apolloNetworkError } from './errors';
import { collectPages, type PageFetcher } from './paging';
import { exhaustedWindow, nextWindowStart, readRequestsLeft } from './rateLimit';
import type {
	ApolloBulkCreateBody,
	ApolloBulkCreateResponse,
	ApolloContactSearchResponse,
	ApolloTask,
	ApolloTaskChanges,
	ApolloTaskResponse,
	ApolloTaskSearchParams,
	ApolloTaskSearchResponse,
	ApolloUserSearchResponse,
} from './types';

export type ApolloContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'apolloTasksApi';

export interface ClientSettings {
	/** How long the node may wait in all for Apollo's minute window to reset. */
	maxRateLimitWaitMs?: number;
	/** How long one request may take. */
	timeoutMs?: number;
	/** How many times a read is tried in all when Apollo fails or the connection drops. */
	readAttempts?: number;
	/** First backoff step for read retries; doubles each time, with jitter. */
	backoffMs?: number;
}

const DEFAULTS: Required<ClientSettings> = {
	maxRateLimitWaitMs: 90_000,
	timeoutMs: 30_000,
	readAttempts: 4,
	backoffMs: 500,
};

interface ApolloCall {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Creates or changes something in Apollo: never sent twice unless Apollo certainly did not act on it. */
	write?: boolean;
	itemIndex?: number;
}

/** Error codes that prove the request never left this machine. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ERR_INVALID_URL', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The one way to Apollo. It knows the host, sends the key only through the credential's `x-api-key`
 * header, paces itself by Apollo's rate-limit headers, retries reads, never blindly repeats a write, and
 * turns every failure into an error that says what to do. One client lives for one node execution.
 */
export class ApolloClient {
	private readonly settings: Required<ClientSettings>;

	private baseUrl: string | undefined;

	private secret = '';

	/** Set when Apollo said the minute window is used up: the next request waits for the reset. */
	private minuteWindowEmptyUntil = 0;

	private waitedMs = 0;

	private rateLimitRetries = 0;

	constructor(
		private readonly ctx: ApolloContext,
		settings: ClientSettings = {},
	) {
		this.settings = { ...DEFAULTS, ...settings };
	}

	readonly tasks = {
		bulkCreate: async (body: ApolloBulkCreateBody, itemIndex?: number) =>
			await this.request<ApolloBulkCreateResponse>({ method: 'POST', path: '/tasks/bulk_create', body: { ...body }, write: true, itemIndex }),
		searchPage: async (params: ApolloTaskSearchParams, page: number, perPage: number, itemIndex?: number) =>
			await this.request<ApolloTaskSearchResponse>({
				method: 'POST',
				path: '/tasks/search',
				body: { ...params, page, per_page: perPage },
				itemIndex,
			}),
		get: async (taskId: string, itemIndex?: number) =>
			unwrapTask(await this.request<ApolloTaskResponse>({ method: 'GET', path: `/tasks/${encodeURIComponent(taskId)}`, itemIndex })),
		update: async (taskId: string, changes: ApolloTaskChanges, itemIndex?: number) =>
			unwrapTask(
				await this.request<ApolloTaskResponse>({
					method: 'PATCH',
					path: `/tasks/${encodeURIComponent(taskId)}`,
					body: { ...changes },
					write: true,
					itemIndex,
				}),
			),
		finish: async (taskId: string, how: 'complete' | 'skip', note: string | undefined, itemIndex?: number) =>
			unwrapTask(
				await this.request<ApolloTaskResponse>({
					method: 'POST',
					path: `/tasks/${encodeURIComponent(taskId)}/${how}`,
					body: note ? { note } : {},
					write: true,
					itemIndex,
				}),
			),
		search: async (params: ApolloTaskSearchParams, limit: number | 'all', itemIndex?: number): Promise<ApolloTask[]> => {
			const fetchPage: PageFetcher<ApolloTask> = async (page, perPage) => {
				const response = await this.tasks.searchPage(params, page, perPage, itemIndex);
				return { records: response.tasks ?? [], pagination: response.pagination };
			};
			return await collectPages(this.ctx.getNode(), fetchPage, limit, 'tasks', itemIndex);
		},
	};

	readonly users = {
		search: async (page: number, perPage: number, keywords?: string) =>
			await this.request<ApolloUserSearchResponse>({
				method: 'GET',
				path: '/users/search',
				qs: { page, per_page: perPage, ...(keywords ? { q_keywords: keywords } : {}) },
			}),
	};

	readonly contacts = {
		search: async (page: number, perPage: number, keywords?: string, itemIndex?: number) =>
			await this.request<ApolloContactSearchResponse>({
				method: 'POST',
				path: '/contacts/search',
				body: { page, per_page: perPage, ...(keywords ? { q_keywords: keywords } : {}) },
				itemIndex,
			}),
	};

	private async apiRoot(): Promise<string> {
		if (this.baseUrl) return this.baseUrl;
		const credentials = await this.ctx.getCredentials<{ apiKey?: string; baseUrl?: string }>(CREDENTIAL_TYPE);
		this.secret = typeof credentials.apiKey === 'string' ? credentials.apiKey : '';
		this.baseUrl = apiRoot(this.ctx.getNode(), credentials.baseUrl);
		return this.baseUrl;
	}

	private redact = (text: string): string => (this.secret.length >= 4 ? text.split(this.secret).join('[redacted]') : text);

	async request<T>(call: ApolloCall): Promise<T> {
		const root = await this.apiRoot();
		const node = this.ctx.getNode();
		const write = call.write === true;
		const options: IHttpRequestOptions = {
			method: call.method,
			url: `${root}${call.path}`,
			qs: call.qs,
			body: call.body,
			json: true,
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
			timeout: this.settings.timeoutMs,
		};
		for (let attempt = 1; ; attempt++) {
			await this.waitForMinuteWindow(call);
			let response: IN8nHttpFullResponse;
			try {
				response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					options,
				)) as IN8nHttpFullResponse;
			} catch (error) {
				const code = networkCode(error);
				const sent = !NOT_SENT_CODES.has(code);
				if ((!write || !sent) && attempt < this.settings.readAttempts && !this.cancelled()) {
					await this.backoff(attempt);
					continue;
				}
				throw apolloNetworkError(node, {
					code,
					host: new URL(root).host,
					path: call.path,
					write,
					sent,
					attempts: attempt,
					itemIndex: call.itemIndex,
				});
			}

			const left = readRequestsLeft(response.headers);
			if (left.minute === 0) this.minuteWindowEmptyUntil = nextWindowStart('minute', Date.now());
			const { statusCode } = response;
			let body: unknown = response.body;

			if (statusCode >= 200 && statusCode < 300) {
				if (typeof body === 'string' && body.trim() !== '') {
					const text = body;
					try {
						body = JSON.parse(text);
					} catch {
						if (!write && attempt < this.settings.readAttempts) {
							await this.backoff(attempt);
							continue;
						}
						throw apolloMalformedError(node, {
							path: call.path,
							write,
							attempts: attempt,
							sample: this.redact(text.slice(0, 80)),
							itemIndex: call.itemIndex,
						});
					}
				}
				return body as T;
			}

			if (statusCode === 429) {
				const window = exhaustedWindow(left, apolloMessage(body));
				const resetsAt = nextWindowStart(window, Date.now());
				// Ask again after 1 s, 2 s, 4 s ... but never later than the window's reset: a 429 costs nothing.
				const retryAt = Math.min(resetsAt, Date.now() + 1000 * 2 ** this.rateLimitRetries);
				if (window === 'minute' && this.canWaitUntil(retryAt)) {
					this.rateLimitRetries++;
					this.minuteWindowEmptyUntil = retryAt;
					continue;
				}
				throw apolloApiError(node, { status: statusCode, body, path: call.path, write, itemIndex: call.itemIndex, window, resetsAt }, this.redact);
			}

			if (statusCode >= 500 && !write && attempt < this.settings.readAttempts) {
				await this.backoff(attempt);
				continue;
			}
			throw apolloApiError(node, { status: statusCode, body, path: call.path, write, itemIndex: call.itemIndex, attempts: attempt }, this.redact);
		}
	}

	private canWaitUntil(until: number): boolean {
		return this.waitedMs + Math.max(0, until - Date.now()) <= this.settings.maxRateLimitWaitMs;
	}

	/** Apollo said the minute window is empty: wait for the next one rather than collect a 429. */
	private async waitForMinuteWindow(call: ApolloCall): Promise<void> {
		const wait = this.minuteWindowEmptyUntil - Date.now();
		if (wait <= 0) return;
		if (!this.canWaitUntil(this.minuteWindowEmptyUntil)) {
			throw apolloApiError(
				this.ctx.getNode(),
				{ status: 429, body: '', path: call.path, write: call.write === true, itemIndex: call.itemIndex, window: 'minute', resetsAt: this.minuteWindowEmptyUntil },
				this.redact,
			);
		}
		this.ctx.logger?.debug(`Apollo minute rate limit used up: waiting ${wait} ms for the next window`);
		this.waitedMs += wait;
		await sleep(wait + 50);
	}

	/** The user stopped the execution: no more retries. */
	private cancelled(): boolean {
		return 'getExecutionCancelSignal' in this.ctx && this.ctx.getExecutionCancelSignal()?.aborted === true;
	}

	private async backoff(attempt: number): Promise<void> {
		const base = this.settings.backoffMs * 2 ** (attempt - 1);
		await sleep(base / 2 + Math.random() * base);
	}
}

function networkCode(error: unknown): string {
	const seen = new Set<unknown>();
	let current: unknown = error;
	while (current && typeof current === 'object' && !seen.has(current)) {
		seen.add(current);
		const candidate = current as { code?: unknown; cause?: unknown; message?: unknown };
		if (typeof candidate.code === 'string' && /^E[A-Z_]+$/.test(candidate.code)) return candidate.code;
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

/** Apollo wraps a single task as `{ task: {...} }`; take a bare task as well. */
function unwrapTask(response: ApolloTaskResponse): ApolloTask {
	return 'task' in response && response.task && typeof response.task === 'object' ? (response.task as ApolloTask) : (response as ApolloTask);
}
