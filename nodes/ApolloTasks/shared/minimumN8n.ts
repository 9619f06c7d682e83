import { NodeConnectionTypes } from 'n8n-workflow';

/**
 * The oldest n8n this package loads in: the nodes use n8n-workflow's `NodeConnectionTypes`, which arrived
 * with n8n 1.85 (n8n-workflow 1.83). Tested in 1.123 and 2.41 (see the README's compatibility table).
 */
export const MINIMUM_N8N_VERSION = '1.85.0';

/**
 * Stops the package from loading in an older n8n with a message that names the minimum. Without it, the
 * older n8n reports only "Class could not be found", since a missing export surfaces as a TypeError.
 */
export function assertSupportedN8n(): void {
	if (typeof NodeConnectionTypes !== 'object' || NodeConnectionTypes === null) {
		throw new Error(
			`n8n-nodes-apollo-tasks needs n8n ${MINIMUM_N8N_VERSION} or newer, and this n8n is older (its n8n-workflow has no NodeConnectionTypes). Update n8n, then install the package again.`,
		);
	}
}
