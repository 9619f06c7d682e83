import type { IDataObject } from 'n8n-workflow';

import type { ApolloClient } from '../ApolloTasks/transport/client';
import type { PageFetcher } from '../ApolloTasks/transport/paging';
import { nextWindowStart } from '../ApolloTasks/transport/rateLimit';
import type { ApolloTask, ApolloTaskSearchParams } from '../ApolloTasks/transport/types';

/** What Apollo last said is left of the account's hourly and daily quota, kept between polls. */
export interface QuotaState extends IDataObject {
	hourly?: { left: number; resetsAt: number };
	daily?: { left: number; resetsAt: number };
}

/**
 * The requests one poll may send: at most `maxRequests`, and none once Apollo's headers say the
 * hourly or daily quota left is below the reserve the user keeps for other automations.
 */
export class PollBudget {
	used = 0;

	constructor(
		private readonly client: ApolloClient,
		private readonly maxRequests: number,
		private readonly reserve: number,
		private readonly quota: QuotaState,
		private readonly now: () => number,
	) {}

	/** The window whose quota is below the reserve and not yet reset, if any. */
	lowQuota(): { window: 'hourly' | 'daily'; left: number; resetsAt: number } | undefined {
		for (const window of ['daily', 'hourly'] as const) {
			const known = this.quota[window];
			if (known && known.left < this.reserve && known.resetsAt > this.now())
				return { window, ...known };
		}
		return undefined;
	}

	canRead(): boolean {
		return this.used < this.maxRequests && !this.lowQuota();
	}

	/** Task search pages within the budget, for the page iterator: none once the budget says stop. */
	pages(params: ApolloTaskSearchParams): PageFetcher<ApolloTask> {
		const fetch = this.client.taskPages(params);
		return async (page, perPage) => {
			if (!this.canRead()) return undefined;
			this.used++;
			const read = await fetch(page, perPage);
			this.remember();
			return read;
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
	}
}
