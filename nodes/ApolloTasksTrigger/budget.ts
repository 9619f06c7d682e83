import type { IDataObject } from 'n8n-workflow';

import type { ApolloClient } from '../ApolloTasks/transport/client';
import { nextWindowStart, type RequestsLeft } from '../ApolloTasks/transport/rateLimit';
import type {
	ApolloPagination,
	ApolloTask,
	ApolloTaskSearchParams,
} from '../ApolloTasks/transport/types';

/** What Apollo last said is left of the account's hourly and daily quota, kept between polls. */
export interface QuotaState extends IDataObject {
	hourly?: { left: number; resetsAt: number };
	daily?: { left: number; resetsAt: number };
}

export interface TaskPage {
	page: number;
	tasks: ApolloTask[];
	pagination?: ApolloPagination;
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

	/** One page of a task search, or undefined when the budget or the quota reserve says stop. */
	async page(
		params: ApolloTaskSearchParams,
		page: number,
		perPage: number,
	): Promise<TaskPage | undefined> {
		if (!this.canRead()) return undefined;
		this.used++;
		const { body, left } = await this.client.tasks.searchPageWithQuota(params, page, perPage);
		this.remember(left);
		return { page, tasks: body?.tasks ?? [], pagination: body?.pagination };
	}

	private remember(left: RequestsLeft): void {
		const now = this.now();
		for (const window of ['hourly', 'daily'] as const) {
			const value = left[window];
			if (value !== undefined)
				this.quota[window] = { left: value, resetsAt: nextWindowStart(window, now) };
		}
	}
}
