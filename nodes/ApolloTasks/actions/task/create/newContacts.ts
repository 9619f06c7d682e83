import type { ApolloClient } from '../../../transport/client';
import { MAX_CONTACTS_PER_BULK_CREATE } from '../../../transport/limits';
import type { ApolloContact, ApolloNewContact } from '../../../transport/types';
import type { NodeError } from '../../operation';
import { contactNotCreatedError, lostContactCreate } from './errors';

/** A contact to create for an email no Apollo contact has, and the first item that asked for it. */
export interface NewContact {
	itemIndex: number;
	contact: ApolloNewContact;
}

/** What creating the contacts gave: an ID for each email, or the error of its request. */
export interface ContactsCreated {
	ids: Map<string, string>;
	/** The emails whose contact this execution made (not found by Apollo's dedupe). */
	made: Set<string>;
	failed: Map<string, NodeError>;
}

const same = (a: unknown, b: unknown) =>
	typeof a === 'string' &&
	typeof b === 'string' &&
	a.trim().toLowerCase() === b.trim().toLowerCase();

/** Whether Apollo's contact is this person by first and last name and company, as its dedupe matches. */
const samePerson = (known: ApolloContact, wanted: ApolloNewContact): boolean =>
	same(known.first_name, wanted.first_name) &&
	same(known.last_name, wanted.last_name) &&
	same(known.organization_name, wanted.organization_name);

/**
 * Bulk Create Contacts, 100 a request, with Apollo's dedupe on: a contact Apollo already has (by email,
 * CRM IDs, or name and company) comes back in `existing_contacts` unchanged instead of being made twice,
 * which also makes a run after a lost answer safe.
 */
export async function createContacts(
	client: ApolloClient,
	wanted: NewContact[],
): Promise<ContactsCreated> {
	const result: ContactsCreated = { ids: new Map(), made: new Set(), failed: new Map() };
	for (let start = 0; start < wanted.length; start += MAX_CONTACTS_PER_BULK_CREATE) {
		const chunk = wanted.slice(start, start + MAX_CONTACTS_PER_BULK_CREATE);
		const body = { contacts: chunk.map((w) => w.contact), run_dedupe: true };
		try {
			const answer = await client.contacts.bulkCreate(body, chunk[0].itemIndex);
			const emailOf = (c: { email?: string | null }) => c.email?.trim().toLowerCase() ?? '';
			for (const made of answer?.created_contacts ?? []) {
				result.ids.set(emailOf(made), made.id);
				result.made.add(emailOf(made));
			}
			for (const known of answer?.existing_contacts ?? []) result.ids.set(emailOf(known), known.id);
			// Apollo's dedupe also matches by name and company: such a contact comes back with its own email.
			for (const { contact } of chunk.filter((w) => !result.ids.has(w.contact.email))) {
				const twin = (answer?.existing_contacts ?? []).find((known) => samePerson(known, contact));
				if (twin) result.ids.set(contact.email, twin.id);
			}
			for (const { itemIndex, contact } of chunk) {
				if (!result.ids.has(contact.email))
					result.failed.set(
						contact.email,
						contactNotCreatedError(client.node, itemIndex, contact.email),
					);
			}
		} catch (error) {
			for (const { contact } of chunk)
				result.failed.set(contact.email, lostContactCreate(error as NodeError));
		}
	}
	return result;
}
