import type { IDataObject } from 'n8n-workflow';

import type { ApolloClient, ApolloTaskSearchParams } from '../ApolloTasks/transport/client';
import type { PageFetcher } from '../ApolloTasks/transport/paging';
import { nextWindowStart } from '../ApolloTasks/transport/rateLimit';
import type { SearchNotApplied } from '../ApolloTasks/transport/searchCheck';
import type { ApolloTask } from '../ApolloTasks/transport/types';

const HOUR = 3_600_000;

/** What Apollo last said of the account's quota, and what this trigger spent of it, kept between polls. */
export interface QuotaState extends IDataObject {
	hourly?: { left: number; resetsAt: number };
	daily?: { left: number; resetsAt: number };
	/** The account's hourly limit (`x-rate-limit-hourly`), as last seen. */
	hourlyLimit?: number;
	/** The requests this trigger sent in the hourly window that began at `windowStart`. */
	spent?: { windowStart: number; requests: number; announced?: boolean };
}

export interface BudgetRules {
	maxRequests: number;
	reserve: number;
	/** Share of the hourly limit this trigger may spend, in percent. */
	sharePercent: number;
	/** When this poll must have stopped reading (n8n 2.x's poll time budget), if n8n gives one. */
	deadline?: number;
}

/** Why a poll sends nothing (more): the quota is low, this trigger's share is spent, or it is ahead of it. */
export type Holdback =
	| { why: 'reserve'; window: 'hourly' | 'daily'; left: number; resetsAt: number }
	| { why: 'share'; spent: number; share: number; limit: number; resetsAt: number }
	| { why: 'pace' }
	| { why: 'time' };

/**
 * The requests one poll may send: at most Max Requests per Poll; none once Apollo's headers say the
 * quota left is below the Quota Reserve; none past this trigger's Share of Hourly Quota, spread over the
 * hour (by minute m of the window, at most share × (m + 1) / 60), so that its events keep coming all hour
 * long; and none past n8n's poll time budget.
 */
export class PollBudget {
	used = 0;

	/** The longest a request of this poll took, to stop before the poll's time runs out. */
	private slowest = 1_000;

	constructor(
		private readonly client: ApolloClient,
		private readonly rules: BudgetRules,
		private readonly quota: QuotaState,
		private readonly now: () => number,
	) {}

	private get windowStart(): number {
		return Math.floor(this.now() / HOUR) * HOUR;
	}

	/** Requests this trigger sent in the current hourly window. */
	private get spent(): number {
		const spent = this.quota.spent;
		return spent && spent.windowStart === this.windowStart ? spent.requests : 0;
	}

	/** What holds the next request back, if anything does. */
	holdback(): Holdback | undefined {
		for (const window of ['daily', 'hourly'] as const) {
			const known = this.quota[window];
			if (known && known.left < this.rules.reserve && known.resetsAt > this.now())
				return { why: 'reserve', window, ...known };
		}
		const limit = this.quota.hourlyLimit;
		if (limit !== undefined) {
			const share = Math.max(1, Math.floor((limit * this.rules.sharePercent) / 100));
			const resetsAt = this.windowStart + HOUR;
			if (this.spent >= share) return { why: 'share', spent: this.spent, share, limit, resetsAt };
			const minute = Math.floor((this.now() - this.windowStart) / 60_000);
			if (this.spent >= Math.ceil((share * (minute + 1)) / 60)) return { why: 'pace' };
		}
		if (this.rules.deadline !== undefined && this.now() + this.slowest * 1.5 > this.rules.deadline)
			return { why: 'time' };
		return undefined;
	}

	/** Requests this poll may still send ahead of the share's pace (never past the share itself). */
	private grace = 0;

	/** Lets this poll send one request more than the share's pace allows now: the hour's share still holds. */
	allowOneMore(): void {
		this.grace = 1;
	}

	canRead(): boolean {
		if (this.used >= this.rules.maxRequests) return false;
		const held = this.holdback();
		if (held?.why === 'pace' && this.used > 0 && this.grace > 0) {
			this.grace--;
			return true;
		}
		return !held;
	}

	/** Says once per execution, in n8n's log, that Apollo ignored what a search asked beyond its reference. */
	noteIgnored(error: SearchNotApplied): void {
		this.client.noteIgnored(error);
	}

	/** Task search pages within the budget, for the page iterator: none once the budget says stop. */
	pages(params: ApolloTaskSearchParams): PageFetcher<ApolloTask> {
		const fetch = this.client.taskPages(params);
		return async (page, perPage) => {
			if (!this.canRead()) return undefined;
			this.used++;
			const windowStart = this.windowStart;
			this.quota.spent = { ...this.quota.spent, windowStart, requests: this.spent + 1 };
			const started = this.now();
			try {
				return await fetch(page, perPage);
			} finally {
				// A refused request tells the quota too: a trigger whose polls fail keeps to its share.
				this.slowest = Math.max(this.slowest, this.now() - started);
				this.remember();
			}
		};
	}

	/** Keeps what the pacer read from the latest answer's headers about the hourly and daily quota. */
	private remember(): void {
		const now = this.now();
		const left = this.client.requestsLeft;
		for (const window of ['hourly', 'daily'] as const) {
			const value = left[window];
			if (value !== undefined)
				this.quota[window] = { left: value, resetsAt: nextWindowStart(window, now) };
		}
		const limit = this.client.rateLimits.hourly;
		if (limit !== undefined) this.quota.hourlyLimit = limit;
	}
}
