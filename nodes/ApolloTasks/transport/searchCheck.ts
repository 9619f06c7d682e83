import type { PageFetcher } from './paging';
import type { ApolloTask } from './types';

// Apollo's reference documents a task search's sort_by_field (task_due_at: the most future-dated first;
// task_priority: the highest first), open_factor_names, page and per_page: nothing else. Its own CLI
// sends more (the filters, task_created_at, sort_ascending), which saves requests where Apollo applies
// it. This is the check, in every answer, that it did: each task matches the filters sent, and each
// comes in the order asked for. Where one does not, the search is done again the documented way.

/** What a task search may ask of Apollo. */
export interface ApolloTaskSearchParams {
	sort_by_field?: 'task_due_at' | 'task_priority' | 'task_created_at';
	sort_ascending?: boolean;
	open_factor_names?: string[];
	q_keywords?: string;
	user_id?: string;
	contact_id?: string;
	account_id?: string;
	priority?: string;
}

/** The search the reference documents, and the one the node falls back to: every task, by due date. */
export const DOCUMENTED_SEARCH: ApolloTaskSearchParams = { sort_by_field: 'task_due_at' };

/** Apollo answered a search without applying what the node asked beyond the reference. */
export class SearchNotApplied extends Error {}

const PRIORITY_VALUE: Record<string, number> = { high: 3, medium: 2, low: 1 };
const time = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : NaN);

/** A task's value for a sort: a date in ms, or a priority's rank (high the largest); NaN when unknown. */
function sortValue(task: ApolloTask, field: NonNullable<ApolloTaskSearchParams['sort_by_field']>) {
	if (field === 'task_created_at') return time(task.created_at);
	if (field === 'task_due_at') return time(task.due_at);
	return PRIORITY_VALUE[task.priority] ?? NaN;
}

/**
 * The order a search asks for, as a comparison (negative: `a` comes first). Without sort_ascending the
 * largest value comes first, as the reference says of task_due_at and task_priority.
 */
export function orderOf(params: ApolloTaskSearchParams): (a: ApolloTask, b: ApolloTask) => number {
	const field = params.sort_by_field ?? 'task_due_at';
	const direction = params.sort_ascending === true ? 1 : -1;
	return (a, b) => {
		const [x, y] = [sortValue(a, field), sortValue(b, field)];
		if (Number.isNaN(x) || Number.isNaN(y)) return Number.isNaN(x) ? (Number.isNaN(y) ? 0 : 1) : -1;
		return (x - y) * direction;
	};
}

/**
 * The words of a task that Keywords are looked for in: its note and title, its contact's name, email,
 * title and company, its account's name.
 */
const wordsOf = (task: ApolloTask): string =>
	[
		task.note,
		task.title,
		task.contact?.name,
		task.contact?.email,
		task.contact?.title,
		task.contact?.organization_name,
		task.account?.name,
	]
		.filter((word) => typeof word === 'string')
		.join(' ')
		.toLowerCase();

/** Whether a task matches the filters a search sends, checked by the node itself. */
export function matchesFilters(params: ApolloTaskSearchParams): (task: ApolloTask) => boolean {
	// Each word of the keywords, anywhere in the task's words: what a keyword search finds at least.
	const keywords = params.q_keywords?.trim().toLowerCase().split(/\s+/).filter(Boolean) ?? [];
	return (task) =>
		(params.user_id === undefined || task.user_id === params.user_id) &&
		(params.contact_id === undefined || task.contact_id === params.contact_id) &&
		(params.account_id === undefined ||
			(task.account_id ?? task.contact?.account_id) === params.account_id) &&
		(params.priority === undefined || task.priority === params.priority) &&
		(keywords.length === 0 || keywords.every((word) => wordsOf(task).includes(word)));
}

/** Whether a search asks for anything the reference does not document. */
export function reliesOnMore(params: ApolloTaskSearchParams): boolean {
	const sort = params.sort_by_field;
	return (
		(sort !== undefined && sort !== 'task_due_at' && sort !== 'task_priority') ||
		Object.entries(params).some(
			([name, value]) =>
				value !== undefined && name !== 'sort_by_field' && name !== 'open_factor_names',
		)
	);
}

/**
 * The pages of a search, each checked: every task matches the filters sent, and comes in the order
 * asked for after the one before it (across pages too). Throws SearchNotApplied on the first that does
 * not. A search that relies on nothing more is passed through unchecked.
 */
export function checkedPages(
	fetchPage: PageFetcher<ApolloTask>,
	params: ApolloTaskSearchParams,
): PageFetcher<ApolloTask> {
	if (!reliesOnMore(params)) return fetchPage;
	const matches = matchesFilters(params);
	const order = orderOf(params);
	let previous: ApolloTask | undefined;
	// A task seen before (a page Apollo sent again) is the page walker's to judge, not the order's.
	const seen = new Set<string>();
	return async (page, perPage) => {
		const answer = await fetchPage(page, perPage);
		for (const task of answer?.records ?? []) {
			if (seen.has(task.id)) continue;
			seen.add(task.id);
			if (!matches(task))
				throw new SearchNotApplied(`task ${task.id} does not match the filters sent`);
			if (previous && order(previous, task) > 0)
				throw new SearchNotApplied(`task ${task.id} is not in the order asked for`);
			previous = task;
		}
		return answer;
	};
}

/**
 * Runs a search that may rely on more than the reference: what it found, or, where an answer showed
 * Apollo did not apply it, why. Any other failure passes on.
 */
export async function unlessIgnored<T>(
	search: () => Promise<T>,
): Promise<{ found: T } | { ignored: SearchNotApplied }> {
	const outcome = await search().then(
		(found) => ({ found }),
		(error: unknown) => ({ error }),
	);
	if ('found' in outcome) return outcome;
	if (outcome.error instanceof SearchNotApplied) return { ignored: outcome.error };
	throw outcome.error;
}
