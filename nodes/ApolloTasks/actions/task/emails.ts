import type { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { inputError } from '../../shared/ids';
import type { ApolloClient } from '../../transport/client';
import type { TaskRequest } from './createPlan';

type Asked = TaskRequest & { emails: string[] };

/**
 * Turns each item's emails into contact IDs, with one contact search per distinct email. An email no
 * contact has fails its item, or is reported as unknown when `skipUnknown`. `failed` records an item's
 * error and says whether to stop.
 */
export async function lookUpEmails(
	client: ApolloClient,
	asked: Asked[],
	skipUnknown: boolean,
	failed: (itemIndex: number, error: NodeApiError | NodeOperationError) => boolean,
): Promise<{ stopped: boolean; unknown: Array<{ itemIndex: number; email: string }> }> {
	const found = new Map<string, string | undefined>();
	const unknown: Array<{ itemIndex: number; email: string }> = [];
	for (const request of asked) {
		for (const email of request.emails) {
			if (!found.has(email)) {
				try {
					const response = await client.contacts.search(1, 10, email, request.itemIndex);
					found.set(
						email,
						(response?.contacts ?? []).find((c) => c.email?.toLowerCase() === email)?.id,
					);
				} catch (error) {
					if (failed(request.itemIndex, error as NodeApiError)) return { stopped: true, unknown };
					break;
				}
			}
			const id = found.get(email);
			if (id) {
				if (!request.contactIds.includes(id)) request.contactIds.push(id);
			} else if (skipUnknown) {
				unknown.push({ itemIndex: request.itemIndex, email });
			} else {
				const error = inputError(
					client.node,
					request.itemIndex,
					'Contact Emails',
					`no Apollo contact has the email "${email}"`,
					'Add the contact in Apollo first, correct the email, or set Options > Unknown Emails to Skip the Contact.',
				);
				if (failed(request.itemIndex, error)) return { stopped: true, unknown };
				break;
			}
		}
	}
	return { stopped: false, unknown };
}
