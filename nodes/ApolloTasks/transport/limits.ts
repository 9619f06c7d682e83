/** Apollo's documented limits, in one place. */
export const MAX_PER_PAGE = 100;
export const MAX_PAGES = 500;
export const MAX_REACHABLE_RECORDS = MAX_PER_PAGE * MAX_PAGES;
