import type { ApolloTask } from '../ApolloTasks/transport/types';

/** What every event needs: the time, whether a person is testing the trigger, and the node's own filter check. */
export interface EventContext {
	now: number;
	manual: boolean;
	/** The filters, checked on every task: Apollo may not apply them. */
	matches: (task: ApolloTask) => boolean;
}

export const time = (value: string | null | undefined): number => (value ? Date.parse(value) : NaN);

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
