import { taskItem } from '../../../shared/taskOutput';
import type { ApolloClient } from '../../../transport/client';
import type { Clock } from '../../../transport/settings';
import type { ApolloTask } from '../../../transport/types';
import type { ItemOutcome, NodeError } from '../../operation';
import { duplicateNotSkipped, duplicateNote } from './errors';
import { sameTaskKey } from './plan';
import { createdAt, lookUntil, readRecent } from './recent';

/** A task this execution created for one contact of one item; `recovered` when found after a lost answer. */
export interface Made {
	itemIndex: number;
	contactId: string;
	task: ApolloTask;
	recovered?: boolean;
}

/** Room for Apollo's clock and this machine's to disagree, and for racers that created a little earlier. */
export const CLOCK_MARGIN_MS = 60_000;

/** The order every racer applies: the older task first, then the smaller ID. */
export function firstMade(a: ApolloTask, b: ApolloTask): number {
	const at = (task: ApolloTask) => (Number.isFinite(createdAt(task)) ? createdAt(task) : Infinity);
	return at(a) - at(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/**
 * Reads each assignee's newest tasks until every task this execution made shows in search, or the
 * bound passes. The first look reaches back past the oldest of them by the bound and a margin, where
 * a racing execution's tasks are; later looks only until the missing ones show.
 */
async function confirm(client: ApolloClient, clock: Clock, made: Made[], boundMs: number) {
	const seen = new Map<string, ApolloTask>();
	for (const userId of new Set(made.map((m) => m.task.user_id))) {
		const mine = made.filter((m) => m.task.user_id === userId);
		const missing = () => mine.filter((m) => !seen.has(m.task.id));
		const oldest = (list: Made[]) =>
			Math.min(...list.map((m) => createdAt(m.task)).filter(Number.isFinite));
		await lookUntil(client, clock, boundMs, async (attempt) => {
			const from = attempt === 1 ? oldest(mine) - boundMs : oldest(missing());
			const since = (Number.isFinite(from) ? from : clock.now()) - CLOCK_MARGIN_MS;
			const wanted = new Set(missing().map((m) => m.task.id));
			const enough = (read: ApolloTask[]) =>
				attempt > 1 && [...wanted].every((id) => read.some((t) => t.id === id));
			for (const task of await readRecent(client, userId, since, mine[0].itemIndex, enough))
				seen.set(task.id, task);
			return missing().length === 0;
		});
	}
	return seen;
}

/**
 * If an Open Task Exists: Skip, after the creates. Every racer sees the same open tasks for a contact
 * and keeps the first by `firstMade`; a task of this execution that is not first is skipped in Apollo
 * with a note naming the survivor, and its item gets the survivor with `existing: true`. Only tasks this
 * execution created are ever skipped, and never one found after a lost answer (it may be another's).
 * Returns the task that stands for each assignee, contact and type.
 */
export async function* confirmAndSettle(
	client: ApolloClient,
	clock: Clock,
	made: Made[],
	boundMs: number,
	simplify: (itemIndex: number) => boolean,
): AsyncGenerator<ItemOutcome[], Map<string, ApolloTask>> {
	const seen = boundMs > 0 && made.length ? await confirm(client, clock, made, boundMs) : new Map();
	const standing = new Map<string, ApolloTask>();
	const outcomes: ItemOutcome[] = [];
	for (const { itemIndex, contactId, task, recovered } of made) {
		const key = sameTaskKey(task.user_id, contactId, task.type);
		const rivals = [...seen.values()].filter(
			(t) =>
				t.id !== task.id &&
				t.status === 'scheduled' &&
				t.contact_id === contactId &&
				sameTaskKey(t.user_id, contactId, t.type) === key,
		);
		const first = task.status === 'scheduled' ? [task, ...rivals].sort(firstMade)[0] : task;
		standing.set(key, first);
		if (first.id === task.id) {
			outcomes.push({ itemIndex, data: [taskItem(task, simplify(itemIndex), itemIndex)] });
			continue;
		}
		const survivor = taskItem(first, simplify(itemIndex), itemIndex, { existing: true });
		if (recovered) {
			outcomes.push({ itemIndex, data: [survivor] });
			continue;
		}
		try {
			await client.tasks.finish(task.id, 'skip', duplicateNote(first), itemIndex);
			outcomes.push({ itemIndex, data: [survivor] });
		} catch (error) {
			outcomes.push({
				itemIndex,
				data: [],
				error: duplicateNotSkipped(error as NodeError, task, first),
			});
		}
	}
	yield outcomes;
	return standing;
}
