import type { IDataObject } from 'n8n-workflow';

import { assigneeId, nodeError } from '../../../shared/items';
import type { ApolloClient } from '../../../transport/client';
import type { NodeError } from '../../../transport/errors';
import {
	hasEmail,
	MAX_CONTACTS_PER_BULK_CREATE,
	type ApolloContact,
	type ApolloNewContact,
} from '../../../transport/types';
import type { Ask, UnknownEmails } from './asks';
import { itemError } from './errors';
import type { Ledger } from './ledger';

/** Assigned To by email: the team is read once however many items name owners. */
export async function findAssignees(
	client: ApolloClient,
	asks: Ask[],
	ledger: Ledger,
): Promise<Ask[]> {
	const ready: Ask[] = [];
	for (const ask of asks) {
		const { itemIndex } = ask;
		try {
			ask.fields.user_id = await assigneeId(client, itemIndex, 'Assigned To', ask.assignee);
			ready.push(ask);
		} catch (error) {
			ledger.failItem(itemIndex, nodeError(client.node, error, itemIndex));
		}
	}
	return ready;
}

/** Contact searches on their way at once, at most: the client's pacer may allow fewer. */
const LOOKUPS_AT_ONCE = 8;
const REMEMBER_MS = 7 * 24 * 3_600_000;
const MAX_REMEMBERED = 10_000;

/** An email's contact: its ID (`created` in this run), none (Apollo has no such contact), or the error of its look-up. */
type Found = { id?: string; created?: boolean; error?: NodeError };
/** One distinct email, the first item that asked for it, and that item's New Contact Fields. */
type EmailAsk = { email: string; itemIndex: number; newContact: Omit<ApolloNewContact, 'email'> };

/**
 * Options > Remember Contact IDs: email → [contact ID, saved at] in the workflow's static data, which
 * n8n keeps for active workflows. Entries older than 7 days are dropped, and the oldest past 10,000.
 */
export class ContactMemory {
	private kept: Record<string, [string, number]> = {};

	constructor(
		private data: IDataObject | undefined,
		private now: number,
	) {
		const saved = (data?.contactIds ?? {}) as Record<string, [string, number]>;
		for (const [email, [id, at]] of Object.entries(saved))
			if (typeof id === 'string' && now - at < REMEMBER_MS) this.kept[email] = [id, at];
	}

	idOf = (email: string): string | undefined => this.kept[email]?.[0];

	save(found: Array<[string, string]>, forgotten: string[] = []): void {
		if (!this.data) return;
		for (const email of forgotten) delete this.kept[email];
		for (const [email, id] of found) this.kept[email] = [id, this.now];
		const newest = Object.entries(this.kept).sort(([, a], [, b]) => b[1] - a[1]);
		this.kept = Object.fromEntries(newest.slice(0, MAX_REMEMBERED));
		this.data.contactIds = { ...this.kept };
	}
}

/** Whether Apollo's contact is this person by first and last name and company, as its dedupe matches. */
const samePerson = (known: ApolloContact, person: ApolloNewContact): boolean =>
	(['first_name', 'last_name', 'organization_name'] as const).every(
		(field) => person[field] && folded(known[field]) === folded(person[field]),
	);
const folded = (text?: string | null) => text?.trim().toLowerCase() ?? '';

/** Calls `work` for each of `list`, at most `width` at a time. */
async function eachAtOnce<T>(list: T[], width: number, work: (entry: T) => Promise<void>) {
	let next = 0;
	const lane = async () => {
		while (next < list.length) await work(list[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(width, list.length) }, lane));
}

/**
 * Emails to contacts. With Unknown Emails: Create the Contact, Bulk Create Contacts with Apollo's dedupe
 * is the look-up itself, 100 emails a request: a contact Apollo has comes back in `existing_contacts`
 * (by any of its emails, or by name and company under another email), a new one in `created_contacts`.
 * Otherwise one contact search per distinct email (more when its keywords match many contacts),
 * several at once, each result checked for the email itself. `heard` gets each email once it is known.
 */
async function lookUp(
	client: ApolloClient,
	toLookUp: EmailAsk[],
	create: boolean,
	heard: (email: string, found: Found) => void,
): Promise<void> {
	if (!create) {
		await eachAtOnce(toLookUp, LOOKUPS_AT_ONCE, async ({ email, itemIndex }) => {
			try {
				const match = await client.contacts.byEmail(email, itemIndex);
				if ('undecided' in match) {
					const details = { email, results: match.undecided };
					heard(email, { error: itemError(client.node, itemIndex, 'emailUndecided', details) });
				} else heard(email, { id: 'id' in match ? match.id : undefined });
			} catch (error) {
				heard(email, { error: nodeError(client.node, error, itemIndex) });
			}
		});
		return;
	}
	for (let start = 0; start < toLookUp.length; start += MAX_CONTACTS_PER_BULK_CREATE) {
		const chunk = toLookUp.slice(start, start + MAX_CONTACTS_PER_BULK_CREATE);
		const contacts = chunk.map(({ email, newContact }) => ({ ...newContact, email }));
		try {
			const answer = await client.contacts.bulkCreate(
				{ contacts, run_dedupe: true },
				chunk[0].itemIndex,
			);
			const created = new Map((answer?.created_contacts ?? []).map((c) => [folded(c.email), c.id]));
			const existing = answer?.existing_contacts ?? [];
			chunk.forEach(({ email, itemIndex }, i) => {
				const known =
					existing.find((c) => hasEmail(c, email)) ??
					existing.find((c) => samePerson(c, contacts[i]));
				if (created.has(email)) heard(email, { id: created.get(email), created: true });
				else if (known) heard(email, { id: known.id });
				else
					heard(email, {
						error: itemError(client.node, itemIndex, 'contactNotCreated', { email }),
					});
			});
		} catch (error) {
			const cause = nodeError(client.node, error, chunk[0].itemIndex);
			for (const { email, itemIndex } of chunk)
				heard(email, { error: itemError(client.node, itemIndex, 'contactsFailed', { cause }) });
		}
	}
}

/** An email with Unknown Emails: Skip the Contact that no contact has, and the item that gave it. */
export interface SkippedEmail {
	itemIndex: number;
	email: string;
}

/**
 * Turns each item's emails into contacts and writes the tasks each item asks for in the ledger, in item
 * order. Each distinct email is looked up once (none that memory holds). An email no contact has fails
 * its item at once, is skipped, or gets a contact made from New Contact Fields. Returns the skipped
 * emails, and `lookAgain`: after Apollo refused contact IDs, those that came from memory looked up
 * afresh (old ID → new).
 */
export async function findContacts(
	client: ApolloClient,
	asks: Ask[],
	unknownEmails: UnknownEmails,
	memory: ContactMemory,
	ledger: Ledger,
): Promise<{
	skipped: SkippedEmail[];
	lookAgain: (contactIds: string[]) => Promise<Map<string, string>>;
}> {
	const create = unknownEmails === 'create';
	const found = new Map<string, Found>();
	const askers = new Map<string, Ask[]>();
	for (const ask of asks)
		for (const email of ask.emails) askers.set(email, [...(askers.get(email) ?? []), ask]);
	const firstAsk = (email: string): EmailAsk => {
		const { itemIndex, newContact } = askers.get(email)![0];
		return { email, itemIndex, newContact };
	};
	const remembered = new Map<string, string>();
	for (const email of askers.keys()) {
		const id = memory.idOf(email);
		if (!id) continue;
		remembered.set(email, id);
		found.set(email, { id });
	}
	const toLookUp = [...askers.keys()].filter((email) => !remembered.has(email)).map(firstAsk);
	const ready = new Map<Ask, Array<{ id: string; created: boolean }>>();
	const skipped: SkippedEmail[] = [];
	const finish = (ask: Ask) => {
		const { itemIndex } = ask;
		const contacts = ask.contactIds.map((id) => ({ id, created: false }));
		const skips: SkippedEmail[] = [];
		for (const email of ask.emails) {
			const { id, created, error } = found.get(email)!;
			if (id) {
				if (!contacts.some((c) => c.id === id)) contacts.push({ id, created: created === true });
			} else if (!error && unknownEmails === 'skip') {
				skips.push({ itemIndex, email });
			} else {
				return ledger.failItem(
					itemIndex,
					error ?? itemError(client.node, itemIndex, 'unknownEmail', { email }),
				);
			}
		}
		skipped.push(...skips);
		ready.set(ask, contacts);
	};
	const known = (ask: Ask) => ask.emails.every((e) => found.has(e));
	for (const ask of asks) if (known(ask)) finish(ask);
	const save = (email: string, result: Found) =>
		result.id ? [[email, result.id] as [string, string]] : [];
	await lookUp(client, toLookUp, create, (email, result) => {
		found.set(email, result);
		for (const ask of askers.get(email)!) if (known(ask)) finish(ask);
	});
	memory.save(toLookUp.flatMap(({ email }) => save(email, found.get(email)!)));
	for (const ask of asks) {
		const contacts = ready.get(ask);
		if (contacts) ledger.ask(ask.itemIndex, ask.fields, contacts);
	}

	// Each remembered ID is looked up afresh once in a run, however many batches held it; `fresh` maps
	// those found stale to the new ID.
	const checked = new Set<string>();
	const fresh = new Map<string, string>();
	const lookAgain = async (contactIds: string[]) => {
		const again = [...remembered]
			.filter(([, id]) => contactIds.includes(id) && !checked.has(id))
			.map(([email]) => firstAsk(email));
		for (const { email } of again) checked.add(remembered.get(email)!);
		const saved: Array<[string, string]> = [];
		await lookUp(client, again, create, (email, result) => {
			saved.push(...save(email, result));
			const old = remembered.get(email)!;
			if (result.id && result.id !== old) fresh.set(old, result.id);
		});
		if (again.length)
			memory.save(
				saved,
				again.map((ask) => ask.email),
			);
		return new Map(contactIds.flatMap((id) => (fresh.has(id) ? [[id, fresh.get(id)!]] : [])));
	};
	return { skipped: skipped.sort((a, b) => a.itemIndex - b.itemIndex), lookAgain };
}
