import type { IDataObject } from 'n8n-workflow';

import { apolloDeletedTaskError, apolloNoTaskError } from './errors';
import {
	checkedPages,
	DOCUMENTED_SEARCH,
	matchesFilters,
	orderOf,
	reliesOnMore,
	unlessIgnored,
	type ApolloTaskSearchParams,
	type SearchNotApplied,
} from './searchCheck';
import { collectPages, eachPage, type CollectOptions, type PageFetcher } from './paging';
import { ApolloRequester, type ApolloCall, type ApolloContext } from './request';
import { clientSettings, SYSTEM_CLOCK, type ClientSettings } from './settings';
import type {
	ApolloBulkCreateBody,
	ApolloBulkCreateContactsBody,
	ApolloBulkCreateContactsResponse,
	ApolloBulkCreateResponse,
	ApolloContactSearchResponse,
	ApolloPagination,
	ApolloTask,
	ApolloTaskFields,
	ApolloUser,
	EmailMatch,
} from './types';
import { hasEmail } from './types';

/** How many pages of an email's keyword search are read before the node says it cannot tell. */
const EMAIL_PAGES = 5;

// What only the client sends (a task search, an update) and the envelopes Apollo answers in.

export type { ApolloTaskSearchParams };

/** What an update may change; Apollo decides by the task's status which of these it accepts. */
export type ApolloTaskChanges = Partial<
	Pick<ApolloTaskFields, 'user_id' | 'type' | 'priority' | 'due_at' | 'note' | 'title'>
> & { creator_id?: string; contact_id?: string };

interface ApolloFacetCount {
	value: string;
	display_name?: string;
	count: number;
}

interface ApolloTaskSearchResponse {
	tasks: ApolloTask[];
	pagination: ApolloPagination;
	faceting?: { task_types?: ApolloFacetCount[]; [facet: string]: unknown };
}

interface ApolloUserSearchResponse {
	users: ApolloUser[];
	pagination: ApolloPagination;
}

/** A single task, as Apollo wraps it. */
type ApolloTaskResponse = { task?: ApolloTask } | ApolloTask;

/** The task in an answer, if there is one: Apollo wraps it as `{ task: {...} }`; a bare task is taken too. */
export function taskIn(body: unknown): ApolloTask | undefined {
	if (!body || typeof body !== 'object') return undefined;
	const candidate = 'task' in body ? (body as { task: unknown }).task : body;
	return candidate &&
		typeof candidate === 'object' &&
		typeof (candidate as { id?: unknown }).id === 'string'
		? (candidate as ApolloTask)
		: undefined;
}

/** Apollo's endpoints, typed: the only place that knows their paths and bodies. */
export class ApolloClient {
	private readonly requester: ApolloRequester;

	constructor(ctx: ApolloContext, settings: ClientSettings = clientSettings(SYSTEM_CLOCK)) {
		this.requester = new ApolloRequester(ctx, settings);
	}

	get node() {
		return this.requester.node;
	}

	/** n8n's cancel signal for this execution: waits between requests end on it. */
	get signal() {
		return this.requester.signal;
	}

	/**
	 * Throws, as a request would, when the node has stopped at an error or n8n cancelled the execution:
	 * for a wait between requests that `signal` ended.
	 */
	stillGoing(path: string, itemIndex?: number): void {
		this.requester.stillGoing({ path, itemIndex });
	}

	/** What Apollo's latest answer said is left of each rate-limit window. */
	get requestsLeft() {
		return this.requester.requestsLeft;
	}

	/** Each rate-limit window's limit, as Apollo's latest answer gave it. */
	get rateLimits() {
		return this.requester.rateLimits;
	}

	private async body<T>(call: ApolloCall): Promise<T | undefined> {
		return await this.requester.send<T>(call);
	}

	readonly tasks = {
		/** POST /tasks: one task, the only create that takes a title. */
		create: async (
			body: ApolloTaskFields & { contact_id: string },
			itemIndex?: number,
		): Promise<ApolloTask | undefined> =>
			taskIn(
				await this.body<ApolloTaskResponse>({
					method: 'POST',
					path: '/tasks',
					body: { ...body },
					write: true,
					itemIndex,
				}),
			),
		bulkCreate: async (body: ApolloBulkCreateBody, itemIndex?: number) =>
			await this.body<ApolloBulkCreateResponse>({
				method: 'POST',
				path: '/tasks/bulk_create',
				body: { ...body },
				write: true,
				itemIndex,
			}),
		searchPage: async (
			params: ApolloTaskSearchParams,
			page: number,
			perPage: number,
			itemIndex?: number,
		) =>
			await this.body<ApolloTaskSearchResponse>({
				method: 'POST',
				path: '/tasks/search',
				// The older reference called open_factor_names required; the facets cost nothing.
				body: { ...params, open_factor_names: ['task_types'], page, per_page: perPage },
				itemIndex,
			}),
		/** One request: how many tasks match, and how many of each type (Apollo's facets). */
		typeCounts: async (params: ApolloTaskSearchParams, itemIndex?: number) =>
			await this.tasks.searchPage(params, 1, 1, itemIndex),
		get: async (id: string, itemIndex?: number): Promise<ApolloTask> => {
			const path = `/tasks/${encodeURIComponent(id)}`;
			const task = taskIn(await this.body<ApolloTaskResponse>({ method: 'GET', path, itemIndex }));
			if (!task) throw apolloNoTaskError(this.requester.node, { path, itemIndex });
			return task;
		},
		/** The changed task; read again when Apollo's answer does not hold it. */
		update: async (id: string, changes: ApolloTaskChanges, itemIndex?: number) =>
			taskIn(
				await this.body<ApolloTaskResponse>({
					method: 'PATCH',
					path: `/tasks/${encodeURIComponent(id)}`,
					body: { ...changes },
					write: true,
					itemIndex,
				}),
			) ?? (await this.tasks.get(id, itemIndex)),
		/**
		 * The completed or skipped task, whole. Apollo answers a skip with a stub of the task (id, status,
		 * note), and its reference shows a complete answered with the task as it was: then it is read again. A task that no longer exists is
		 * answered with `deleted: true`: an error.
		 */
		finish: async (
			id: string,
			how: 'complete' | 'skip',
			note: string | undefined,
			itemIndex?: number,
			options: { onTaskPage?: boolean } = {},
		): Promise<ApolloTask> => {
			const path = `/tasks/${encodeURIComponent(id)}/${how}`;
			const body: IDataObject = note ? { note } : {};
			// Reindexes at once, so a search right after shows the skip.
			if (how === 'skip' && options.onTaskPage) body.on_task_page = true;
			const answer = await this.body<ApolloTaskResponse>({
				method: 'POST',
				path,
				body,
				write: true,
				itemIndex,
			});
			const task = taskIn(answer);
			if (task?.deleted === true)
				throw apolloDeletedTaskError(this.requester.node, { id, itemIndex });
			const done = how === 'complete' ? 'completed' : 'skipped';
			const whole = task && typeof task.type === 'string' && typeof task.user_id === 'string';
			return whole && task.status === done ? task : await this.tasks.get(id, itemIndex);
		},
		/**
		 * A search's tasks, each once, paged by the one page loop. What the search asks beyond Apollo's
		 * reference (filters, task_created_at, sort_ascending) is checked in every answer; where Apollo did
		 * not apply it, every task is read the documented way and filtered and sorted here (see `every`).
		 */
		search: async (
			params: ApolloTaskSearchParams,
			options: Omit<CollectOptions<ApolloTask>, 'noun'>,
		): Promise<ApolloTask[]> => {
			const collect = { ...options, noun: 'tasks' };
			if (!this.ignoresMore || !reliesOnMore(params)) {
				const fetch = checkedPages(this.taskPages(params, options.itemIndex), params);
				const read = await unlessIgnored(
					async () => await collectPages(this.requester.node, fetch, collect),
				);
				if ('found' in read) return read.found;
				this.noteIgnored(read.ignored);
			}
			const keep = options.keep ?? (() => true);
			const matches = matchesFilters(params);
			const all = await this.tasks.every((task) => matches(task) && keep(task), options);
			const sorted = all.sort(orderOf(params));
			return options.limit === 'all' ? sorted : sorted.slice(0, options.limit);
		},
		/**
		 * Every task `keep` keeps, read the way Apollo's reference documents (by due date, no filter):
		 * ceil(all tasks / 100) requests, at most 50,000 tasks.
		 */
		every: async (
			keep: (task: ApolloTask) => boolean,
			options: Pick<CollectOptions<ApolloTask>, 'itemIndex' | 'toNarrow' | 'toKeepPagesStable'>,
		): Promise<ApolloTask[]> =>
			await collectPages(
				this.requester.node,
				this.taskPages(DOCUMENTED_SEARCH, options.itemIndex),
				{ ...options, limit: 'all', keep, noun: 'tasks' },
			),
	};

	/** Set once an answer showed that Apollo did not apply what a search asked beyond its reference. */
	private ignoresMore = false;

	/** Whether Apollo's search ignored, in this execution, what the node asked beyond its reference. */
	get searchFellBack(): boolean {
		return this.ignoresMore;
	}

	/** Says once per execution, in n8n's log, that Apollo ignored more than its reference promises. */
	noteIgnored(error: SearchNotApplied): void {
		if (this.ignoresMore) return;
		this.ignoresMore = true;
		this.requester.logger?.warn(
			`Apollo Tasks: Apollo's task search did not apply what the node asked beyond Apollo's reference (${error.message}); the node reads every task instead, by due date, and filters and sorts them itself: one request per 100 tasks.`,
		);
	}

	/** A page fetcher for a task search, for the page iterator. */
	taskPages(params: ApolloTaskSearchParams, itemIndex?: number): PageFetcher<ApolloTask> {
		return async (page, perPage) => {
			const body = await this.tasks.searchPage(params, page, perPage, itemIndex);
			return { records: body?.tasks ?? [], pagination: body?.pagination };
		};
	}

	/** The team's users who are not deleted, read once for this client (one client per execution). */
	private team: Promise<ApolloUser[]> | undefined;

	readonly users = {
		search: async (page: number, perPage: number, keywords?: string, itemIndex?: number) =>
			await this.body<ApolloUserSearchResponse>({
				method: 'GET',
				path: '/users/search',
				qs: { page, per_page: perPage, ...(keywords ? { q_keywords: keywords } : {}) },
				itemIndex,
			}),
		/**
		 * The user with this email, ignoring case and spaces; deleted users never. The team is read once,
		 * 100 users a request, however many emails are asked for.
		 */
		byEmail: async (email: string, itemIndex?: number): Promise<ApolloUser | undefined> => {
			this.team ??= this.readTeam(itemIndex);
			const wanted = email.trim().toLowerCase();
			return (await this.team).find((user) => user.email?.trim().toLowerCase() === wanted);
		},
	};

	private async readTeam(itemIndex?: number): Promise<ApolloUser[]> {
		const pages = async (page: number, perPage: number) => {
			const body = await this.users.search(page, perPage, undefined, itemIndex);
			return { records: body?.users ?? [], pagination: body?.pagination };
		};
		const team: ApolloUser[] = [];
		for await (const { records } of eachPage(pages))
			team.push(...records.filter((u) => !u.deleted));
		return team;
	}

	readonly contacts = {
		/** Creates contacts, at most 100 a request; with `run_dedupe`, one Apollo has comes back as existing. */
		bulkCreate: async (body: ApolloBulkCreateContactsBody, itemIndex?: number) =>
			await this.body<ApolloBulkCreateContactsResponse>({
				method: 'POST',
				path: '/contacts/bulk_create',
				body: { ...body },
				write: true,
				itemIndex,
			}),
		search: async (page: number, perPage: number, keywords?: string, itemIndex?: number) =>
			await this.body<ApolloContactSearchResponse>({
				method: 'POST',
				path: '/contacts/search',
				body: { page, per_page: perPage, ...(keywords ? { q_keywords: keywords } : {}) },
				itemIndex,
			}),
		/**
		 * The contact with this email (trimmed and lowered), as its primary email or another of its
		 * emails. Apollo's keyword search matches names, titles, employers and emails, so its results are
		 * checked here, 100 a page, up to 5 pages; more results than that without the email is `undecided`.
		 */
		byEmail: async (email: string, itemIndex?: number): Promise<EmailMatch> => {
			const pages = async (page: number, perPage: number) => {
				const body = await this.contacts.search(page, perPage, email, itemIndex);
				return { records: body?.contacts ?? [], pagination: body?.pagination };
			};
			for await (const { page, records, last, pagination } of eachPage(pages)) {
				const match = records.find((contact) => hasEmail(contact, email));
				if (match) return { id: match.id };
				if (last) return { none: true };
				if (page >= EMAIL_PAGES) return { undecided: pagination?.total_entries ?? page * 100 };
			}
			return { none: true };
		},
	};
}
