/** Apollo's documented limits, in one place. */
export const MAX_PER_PAGE = 100;
export const MAX_PAGES = 500;
export const MAX_REACHABLE_RECORDS = MAX_PER_PAGE * MAX_PAGES;
/** Bulk Create Contacts takes at most this many contacts a request. */
export const MAX_CONTACTS_PER_BULK_CREATE = 100;
