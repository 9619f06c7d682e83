import type {
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	IN8nHttpFullResponse,
	IPollFunctions,
} from 'n8n-workflow';

import { apiRoot } from '../../../credentials/baseUrl';
import {
	apolloApiError,
	apolloCancelledError,
	apolloMessage,
	apolloStoppedError,
	rateLimitError,
} from './errors';
import { apolloMalformedError, apolloNetworkError, networkProblem } from './networkErrors';
import { endpointOf, RatePacer, type PacerDecision } from './rateLimit';
import type { ClientSettings } from './settings';

export type ApolloContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

export const CREDENTIAL_TYPE = 'apolloTasksApi';

export interface ApolloCall {
	method: IHttpRequestMethods;
	path: string;
	body?: IDataObject;
	qs?: IDataObject;
	/** Creates or changes something in Apollo: never sent twice unless Apollo certainly did not act on it. */
	write?: boolean;
	itemIndex?: number;
}

/** Room after a window's reset before asking again, so the request lands in the new window. */
const RESET_MARGIN_MS = 50;

/**
 * Sends requests to Apollo: only through the credential's `x-api-key` header, paced by the rate-limit
 * headers, reads retried, writes never blindly repeated, every failure turned into an error that says
 * what to do. One per client, so one per node execution.
 */
export class ApolloRequester {
	private root: string | undefined;

	/** One pacer per endpoint: Apollo's rate windows are per endpoint. */
	private readonly pacers = new Map<string, RatePacer>();

	/** The pacer of the endpoint Apollo answered last, for what its headers said. */
	private latest: RatePacer;

	/** How long this client's requests have waited in all, whatever their endpoint. */
	private readonly waited = { ms: 0 };

	constructor(
		private readonly ctx: ApolloContext,
		private readonly settings: ClientSettings,
	) {
		this.latest = new RatePacer(settings, this.waited);
	}

	private pacerFor(call: ApolloCall): RatePacer {
		const endpoint = endpointOf(call.method, call.path);
		let pacer = this.pacers.get(endpoint);
		if (!pacer) this.pacers.set(endpoint, (pacer = new RatePacer(this.settings, this.waited)));
		return pacer;
	}

	get node() {
		return this.ctx.getNode();
	}

	get logger() {
		return this.ctx.logger;
	}

	/** What Apollo's latest answer said is left of each rate-limit window of its endpoint. */
	get requestsLeft() {
		return this.latest.left;
	}

	/** Each rate-limit window's limit of the endpoint Apollo answered last, as its headers gave it. */
	get rateLimits() {
		return this.latest.limits;
	}

	/** n8n's cancel signal for this execution, where the context has one, joined with the caller's stop. */
	get signal(): AbortSignal | undefined {
		if (this.joined) return this.joined;
		const cancel =
			'getExecutionCancelSignal' in this.ctx ? this.ctx.getExecutionCancelSignal?.() : undefined;
		const { stop } = this.settings;
		this.joined = cancel && stop ? AbortSignal.any([cancel, stop]) : (cancel ?? stop);
		return this.joined;
	}

	private joined: AbortSignal | undefined;

	/** Requests sent and not yet answered. */
	private inFlight = 0;

	private waiting: Array<() => void> = [];

	/**
	 * Takes a place for one request. Requests may overlap only as far as the rate-limit headers leave
	 * room: before the first answer one at a time, then never more at once than any window has left.
	 */
	private async enter(pacer: RatePacer): Promise<void> {
		while (this.inFlight > 0 && !pacer.roomFor(this.inFlight + 1))
			await new Promise<void>((resolve) => this.waiting.push(resolve));
		this.inFlight++;
	}

	private leave(): void {
		this.inFlight--;
		for (const resolve of this.waiting.splice(0)) resolve();
	}

	private async apiRoot(): Promise<string> {
		if (this.root) return this.root;
		// Only the Base URL: the key stays with the credential, which adds it to each request.
		const { baseUrl } = await this.ctx.getCredentials<{ baseUrl?: string }>(CREDENTIAL_TYPE);
		this.root = apiRoot(this.ctx.getNode(), baseUrl);
		return this.root;
	}

	/** Waits as the pacer decided, or stops with the rate-limit error; a cancelled execution ends the wait. */
	private async pace(decision: PacerDecision, call: ApolloCall, apolloSaid = ''): Promise<void> {
		if ('stop' in decision) {
			throw rateLimitError(this.ctx.getNode(), {
				...decision.stop,
				path: call.path,
				itemIndex: call.itemIndex,
				said: apolloSaid,
				toWaitLonger: this.settings.toWaitLonger,
			});
		}
		if (decision.wait <= 0) return;
		this.ctx.logger?.debug(`Apollo rate limit: waiting ${decision.wait} ms`);
		await this.settings.sleep(decision.wait + RESET_MARGIN_MS, this.signal);
		this.stillGoing(call);
	}

	/** Apollo's answer to one call: its parsed body, or undefined for an empty one. */
	async send<T>(call: ApolloCall): Promise<T | undefined> {
		const pacer = this.pacerFor(call);
		await this.enter(pacer);
		try {
			return await this.sendNow<T>(call, pacer);
		} finally {
			this.leave();
		}
	}

	private async sendNow<T>(call: ApolloCall, pacer: RatePacer): Promise<T | undefined> {
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
		const failure = (status: number, body: unknown, attempts: number) =>
			apolloApiError(node, {
				status,
				body,
				path: call.path,
				write,
				itemIndex: call.itemIndex,
				attempts,
			});
		for (let attempt = 1; ; attempt++) {
			await this.pace(pacer.beforeRequest(), call);
			this.stillGoing(call);
			let response: IN8nHttpFullResponse;
			try {
				response = (await this.ctx.helpers.httpRequestWithAuthentication.call(
					this.ctx,
					CREDENTIAL_TYPE,
					options,
				)) as IN8nHttpFullResponse;
			} catch (error) {
				const problem = networkProblem(error);
				const again = !write || problem.reachedApollo === 'no';
				if (
					again &&
					problem.passing &&
					attempt < this.settings.readAttempts &&
					!this.signal?.aborted
				) {
					await this.backoff(attempt, call);
					continue;
				}
				throw apolloNetworkError(node, {
					problem,
					host: new URL(root).host,
					path: call.path,
					write,
					attempts: attempt,
					itemIndex: call.itemIndex,
				});
			}

			const headers = (response.headers ?? {}) as IDataObject;
			const left = pacer.observe(headers);
			this.latest = pacer;
			const { statusCode } = response;
			const body: unknown = response.body;

			if (statusCode >= 200 && statusCode < 300) {
				if (typeof body !== 'string') return body as T;
				if (body.trim() === '') return undefined;
				try {
					return JSON.parse(body) as T;
				} catch {
					if (!write && attempt < this.settings.readAttempts) {
						await this.backoff(attempt, call);
						continue;
					}
					throw apolloMalformedError(node, {
						path: call.path,
						write,
						attempts: attempt,
						sample: body.slice(0, 80),
						itemIndex: call.itemIndex,
					});
				}
			}

			if (statusCode === 429) {
				// A 429 means Apollo did nothing, so even a write may be sent again after the wait.
				const said = apolloMessage(body);
				await this.pace(pacer.afterRateLimited(left, said), call, said);
				continue;
			}

			if (statusCode >= 500 && !write && attempt < this.settings.readAttempts) {
				await this.backoff(attempt, call);
				continue;
			}
			throw failure(statusCode, body, attempt);
		}
	}

	/** Throws when the caller stopped or n8n cancelled: then nothing more is sent. */
	stillGoing(call: Pick<ApolloCall, 'path' | 'itemIndex'>): void {
		if (this.settings.stop?.aborted) throw apolloStoppedError(this.ctx.getNode(), call);
		if (this.signal?.aborted) throw apolloCancelledError(this.ctx.getNode(), call);
	}

	private async backoff(attempt: number, call: ApolloCall): Promise<void> {
		const base = this.settings.backoffMs * 2 ** (attempt - 1);
		await this.settings.sleep(base / 2 + Math.random() * base, this.signal);
		this.stillGoing(call);
	}
}
