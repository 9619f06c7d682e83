import type { ApolloClient } from '../../../transport/client';
import { eachPage } from '../../../transport/paging';
import { checkedPages, unlessIgnored } from '../../../transport/searchCheck';
import type { ApolloTask, Clock } from '../../../transport/types';

// What Apollo's search says about an assignee's recent tasks: the one place Create reads them, for the
// duplicate check, the confirmation after its creates and the recovery of a lost answer, and the one
// rule for which of two equal open tasks stands.

/** Room for Apollo's clock and this machine's to disagree, and for racers that created a little earlier. */
export const CLOCK_MARGIN_MS = 60_000;

/** The first wait after a look that came too early; each next one doubles, up to the longest. */
const FIRST_WAIT_MS = 250;
const LONGEST_WAIT_MS = 1_000;

const createdAt = (task: ApolloTask): number => Date.parse(task.created_at ?? '');

/**
 * The survivor rule: of open tasks that are the same task, the first made stands (the older, then the
 * smaller ID). Every racing execution applies it to what it sees, so they agree on the survivor.
 */
export function firstMade(a: ApolloTask, b: ApolloTask): number {
	const at = (task: ApolloTask) => (Number.isFinite(createdAt(task)) ? createdAt(task) : Infinity);
	return at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** The open task that stands for this assignee, contact and type among `tasks`, if one is open. */
export function standingTask(
	tasks: Iterable<ApolloTask>,
	same: { user_id: string; contactId: string; type: string },
): ApolloTask | undefined {
	const open = [...tasks].filter(
		(t) =>
			t.status === 'scheduled' &&
			t.user_id === same.user_id &&
			t.contact_id === same.contactId &&
			t.type === same.type,
	);
	return open.sort(firstMade)[0];
}

/** Where one look starts, and whether it may stop once `done` holds. */
export interface Look {
	since: number;
	stopWhenDone: boolean;
}

/**
 * An assignee's recent tasks, as search shows them: newest first (sorted by creation), 100 a page,
 * stopping at the first task older than asked. Each task read is checked by its caller, whatever the
 * search was sent with. Search lags behind creates by a moment Apollo does not document, so `until`
 * looks again within a bound.
 */
export class RecentTasks {
	constructor(
		private readonly client: ApolloClient,
		private readonly clock: Clock,
		/** How long `until` may keep looking (Confirm Within); 0 looks once. */
		readonly confirmMs: number,
	) {}

	/**
	 * One read of the assignee's tasks created at or after `since`, newest first; `enough` may end it
	 * early. Sorting by creation and filtering by assignee are beyond Apollo's reference: each answer is
	 * checked, and where Apollo did not apply them, every task is read by due date (one request per 100)
	 * and filtered and sorted here.
	 */
	async read(
		userId: string,
		since: number,
		itemIndex: number,
		enough: (read: ApolloTask[]) => boolean = () => false,
	): Promise<ApolloTask[]> {
		const after = (task: ApolloTask) => createdAt(task) >= since;
		if (!this.client.searchFellBack) {
			const newestFirst = {
				user_id: userId,
				sort_by_field: 'task_created_at',
				sort_ascending: false,
			} as const;
			const pages = checkedPages(this.client.taskPages(newestFirst, itemIndex), newestFirst);
			const read = await unlessIgnored(async () => {
				const recent: ApolloTask[] = [];
				for await (const { records } of eachPage(pages)) {
					recent.push(...records.filter(after));
					if (!records.every(after) || enough(recent)) break;
				}
				return recent;
			});
			if ('found' in read) return read.found;
			this.client.noteIgnored(read.ignored);
		}
		const mine = await this.client.tasks.every((t) => t.user_id === userId && after(t), {
			itemIndex,
			toNarrow:
				'Apollo ignored the assignee filter and the account has more tasks than Apollo lets a search page through, so the node cannot check for an open task. Use If an Open Task Exists: Create Another for this workflow, or ask Apollo to apply the filter.',
			toKeepPagesStable: 'run it when fewer tasks change.',
		});
		return mine.sort((a, b) => createdAt(b) - createdAt(a));
	}

	/**
	 * Reads until `done` holds for all it has seen, or the bound passes: at once, then after 0.25 s,
	 * 0.5 s and every 1 s (a short lag is found fast, a long one costs one look a second). `look` says
	 * where each attempt starts. Every task read goes into `seen` (by ID) as it is read. n8n's cancel
	 * ends a wait at once.
	 */
	async until(
		userId: string,
		itemIndex: number,
		look: (attempt: number) => Look,
		done: (seen: Map<string, ApolloTask>) => boolean,
		seen = new Map<string, ApolloTask>(),
	): Promise<Map<string, ApolloTask>> {
		const started = this.clock.now();
		let wait = FIRST_WAIT_MS;
		for (let attempt = 1; ; attempt++) {
			const { since, stopWhenDone } = look(attempt);
			const enough = (read: ApolloTask[]) => {
				if (!stopWhenDone) return false;
				for (const task of read) seen.set(task.id, task);
				return done(seen);
			};
			for (const task of await this.read(userId, since, itemIndex, enough)) seen.set(task.id, task);
			if (done(seen)) return seen;
			const left = started + this.confirmMs - this.clock.now();
			if (left <= 0) return seen;
			const { signal } = this.client;
			await this.clock.sleep(Math.min(wait, left), signal);
			if (signal?.aborted) this.client.stillGoing('/tasks/search', itemIndex);
			wait = Math.min(wait * 2, LONGEST_WAIT_MS);
		}
	}
}
